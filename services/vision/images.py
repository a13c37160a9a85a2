"""Images and documents in: bytes -> RGB arrays, with AWS's limits, EXIF orientation, and PDF pages.

The pixel count is read from the header before any pixel is decoded, so a decompression bomb (a small
file that claims a huge canvas) is refused without the memory it asks for. A truncated or corrupt file,
or one that is not an image at all, is an ``InvalidImageFormat`` naming what was wrong.
"""

from __future__ import annotations

import asyncio
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from models.device import cpu_threads
from services.errors import ServiceError

FORMATS = {"JPEG", "PNG", "WEBP", "BMP", "TIFF", "MPO"}
MAX_PIXELS = 40_000_000  # a decompression bomb is far beyond this; real photos are under it
MAX_SIDE = 10_000  # Textract's and Rekognition's largest image side, in pixels
MAX_ASPECT = 50  # a 20000x1 strip is no photo; models that scale the short side up would blow it up
PDF_DPI = 150
MAX_PDF_PAGES = 3000
MAX_PAGE_POINTS = 2880  # Textract's largest PDF page: 40 x 40 inches
MAX_PAGE_PIXELS = 10_000_000  # a rendered page (30 MB as RGB); a 40-inch page renders at ~79 dpi, not 150


class InvalidImageFormat(ServiceError):
    code = "invalid_image_format"


class ImageTooLarge(ServiceError):
    code = "image_too_large"


class UnsupportedDocument(ServiceError):
    code = "unsupported_document"


class DocumentTooLarge(ServiceError):
    code = "document_too_large"


class BadDocument(ServiceError):
    code = "bad_document"


@dataclass(frozen=True)
class Picture:
    pixels: np.ndarray  # RGB uint8 (H, W, 3), upright
    format: str

    @property
    def width(self) -> int:
        return int(self.pixels.shape[1])

    @property
    def height(self) -> int:
        return int(self.pixels.shape[0])


_DECODER: ThreadPoolExecutor | None = None


async def decode_image_off_loop(data: bytes, max_bytes: int) -> Picture:
    """``decode_image`` off the event loop, in a pool of half the cores (at least one thread). Decodes run
    beside the models' own threads, and more of them at once only took cores from the batch running: on 2
    cores, DetectModerationLabels at concurrency 16 (bench_peers.py --task moderation, 3 interleaved rounds)
    served 76.0 images/s with one decoding thread against 70.0 with the shared pool's six (p50 207 against
    227 ms, 58 MB less resident)."""
    global _DECODER
    if _DECODER is None:
        _DECODER = ThreadPoolExecutor(max(1, cpu_threads() // 2), thread_name_prefix="image-decode")
    return await asyncio.get_running_loop().run_in_executor(_DECODER, decode_image, data, max_bytes)


def decode_image(data: bytes, max_bytes: int, too_large: type[ServiceError] = ImageTooLarge,
                 invalid: type[ServiceError] = InvalidImageFormat) -> Picture:
    from PIL import Image, ImageOps, UnidentifiedImageError

    if not data:
        raise invalid("the image is empty (0 bytes)")
    if len(data) > max_bytes:
        raise too_large(f"the image is {len(data)} bytes; the limit is {max_bytes} (resize it or use an S3 object)")
    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.format not in FORMATS:
                raise invalid(f"{img.format} images are not supported; send JPEG, PNG, WebP, BMP or TIFF")
            _check_canvas(img.width, img.height, too_large, invalid)
            fmt = img.format
            upright = ImageOps.exif_transpose(img)  # honour EXIF orientation
            rgb = np.asarray(upright.convert("RGB"))
    except Image.DecompressionBombError:
        raise too_large(f"the image claims more than {MAX_PIXELS:,} pixels (a decompression bomb?)") from None
    except UnidentifiedImageError:
        raise invalid("the bytes are not an image we can read (JPEG, PNG, WebP, BMP, TIFF)") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise invalid(f"the image is damaged or truncated: {str(exc)[:160]}") from None
    return Picture(np.ascontiguousarray(rgb), fmt)


def _check_canvas(width: int, height: int, too_large: type[ServiceError], invalid: type[ServiceError]) -> None:
    """Refuse a canvas by its header alone, before a pixel is decoded."""
    if width < 1 or height < 1:
        raise invalid(f"the image is {width}x{height} pixels; both sides must be at least 1")
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise too_large(f"the image is {width}x{height} pixels; the limits are {MAX_SIDE:,} pixels a side and "
                        f"{MAX_PIXELS:,} pixels in all")
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise invalid(f"the image is {width}x{height} pixels; its long side may be at most {MAX_ASPECT} times its "
                      "short side")


def is_pdf(data: bytes) -> bool:
    return data[:5] == b"%PDF-"


def _open_pdf(data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "Success" in str(exc):  # PDFium's way of saying the page tree is empty
            raise UnsupportedDocument("the PDF has no pages") from None
        raise UnsupportedDocument(f"the PDF could not be read: {exc}") from None


def pdf_pages(data: bytes, first: int = 0, last: int | None = None, dpi: int = PDF_DPI) -> list[Picture]:
    """Render pages ``first`` .. ``last`` (exclusive) of a PDF at ``dpi``."""
    pdf = _open_pdf(data)
    try:
        count = len(pdf)
        if count == 0:
            raise UnsupportedDocument("the PDF has no pages")
        if count > MAX_PDF_PAGES:
            raise DocumentTooLarge(f"the PDF has {count} pages; the limit is {MAX_PDF_PAGES}")
        pages = []
        for n in range(first, min(count, last if last is not None else count)):
            page = _page(pdf, n)
            try:
                image = page.render(scale=_page_scale(page.get_size(), n, dpi)).to_pil().convert("RGB")
            finally:
                page.close()
            pages.append(Picture(np.ascontiguousarray(np.asarray(image)), "PDF"))
        return pages
    finally:
        pdf.close()


def _page(pdf: Any, index: int) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdf[index]
    except pdfium.PdfiumError:
        raise BadDocument(f"page {index + 1} of the PDF could not be loaded (its page tree is broken or loops)") from None


def _page_scale(size: tuple[float, float], index: int, dpi: int) -> float:
    """Pixels per point for a page: ``dpi``, lowered so the rendered page stays near ``MAX_PAGE_PIXELS``."""
    width, height = size
    if not (0 < width <= MAX_PAGE_POINTS and 0 < height <= MAX_PAGE_POINTS):
        raise DocumentTooLarge(f"page {index + 1} is {width:.0f}x{height:.0f} points; pages may be at most "
                               f"{MAX_PAGE_POINTS}x{MAX_PAGE_POINTS} points (40 x 40 inches)")
    scale = dpi / 72
    return min(scale, (MAX_PAGE_PIXELS / (width * height)) ** 0.5)


def pdf_page_count(data: bytes) -> int:
    pdf = _open_pdf(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def decode_document(data: bytes, max_bytes: int, pages: int | None = 1) -> list[Picture]:
    """A Textract document: an image, or the first ``pages`` pages of a PDF (None: every page)."""
    if len(data) > max_bytes:
        raise DocumentTooLarge(f"the document is {len(data)} bytes; the limit is {max_bytes}")
    if is_pdf(data):
        rendered = pdf_pages(data, 0, pages)
        if pages == 1 and pdf_page_count(data) > 1:
            raise UnsupportedDocument("the synchronous API takes one page; use StartDocumentTextDetection for a "
                                      "multi-page PDF")
        return rendered
    return [decode_image(data, max_bytes, DocumentTooLarge, UnsupportedDocument)]
