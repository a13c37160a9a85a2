"""Images and documents in: bytes -> RGB arrays, with AWS's limits, EXIF orientation, and PDF pages.

The pixel count is read from the header before any pixel is decoded, so a decompression bomb (a small
file that claims a huge canvas) is refused without the memory it asks for. A truncated or corrupt file,
or one that is not an image at all, is an ``InvalidImageFormat`` naming what was wrong.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import numpy as np

from services.errors import ServiceError

FORMATS = {"JPEG", "PNG", "WEBP", "BMP", "TIFF", "MPO"}
MAX_PIXELS = 40_000_000  # a decompression bomb is far beyond this; real photos are under it
PDF_DPI = 150
MAX_PDF_PAGES = 3000


class InvalidImageFormat(ServiceError):
    code = "invalid_image_format"


class ImageTooLarge(ServiceError):
    code = "image_too_large"


class UnsupportedDocument(ServiceError):
    code = "unsupported_document"


class DocumentTooLarge(ServiceError):
    code = "document_too_large"


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
            if img.width * img.height > MAX_PIXELS:
                raise too_large(f"the image is {img.width}x{img.height} pixels; the limit is {MAX_PIXELS:,} pixels")
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
            image = pdf[n].render(scale=dpi / 72).to_pil().convert("RGB")
            pages.append(Picture(np.ascontiguousarray(np.asarray(image)), "PDF"))
        return pages
    finally:
        pdf.close()


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
