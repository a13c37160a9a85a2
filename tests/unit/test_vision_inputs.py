"""Image and document decoding: limits, bombs, EXIF, PDFs, and the reading order of OCR lines."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from models.vision.ocr import OcrLine, OcrWord
from services.vision.images import (
    DocumentTooLarge,
    ImageTooLarge,
    InvalidImageFormat,
    UnsupportedDocument,
    decode_document,
    decode_image,
)
from services.vision.service import geometry, reading_order


def _bytes(image: Image.Image, fmt: str, **options: object) -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt, **options)
    return buf.getvalue()


def test_every_supported_format_decodes_to_rgb() -> None:
    image = Image.new("RGB", (40, 30), (200, 10, 10))
    for fmt in ("JPEG", "PNG", "WEBP", "BMP", "TIFF"):
        picture = decode_image(_bytes(image, fmt), 5_000_000)
        assert picture.pixels.shape == (30, 40, 3) and picture.format == fmt
        assert picture.pixels[15, 20, 0] > 150  # still red
    gray = decode_image(_bytes(Image.new("L", (8, 8), 128), "PNG"), 5_000_000)
    assert gray.pixels.shape == (8, 8, 3)


def test_limits_and_bad_bytes() -> None:
    with pytest.raises(ImageTooLarge):
        decode_image(b"x" * 101, 100)
    bomb = _bytes(Image.new("1", (20_000, 20_000)), "PNG")  # 400 megapixels in ~50 KB
    with pytest.raises(ImageTooLarge, match="pixels"):
        decode_image(bomb, 5_000_000)
    for bad in (b"", b"GIF89a not really", b"%PDF-1.4 garbage"):
        with pytest.raises(InvalidImageFormat):
            decode_image(bad, 5_000_000)
    gif = _bytes(Image.new("RGB", (4, 4)), "GIF")
    with pytest.raises(InvalidImageFormat, match="GIF"):
        decode_image(gif, 5_000_000)


def test_pdfs_one_page_many_pages_and_no_pages() -> None:
    import pypdfium2 as pdfium

    page = Image.new("RGB", (200, 100), "white")
    assert len(decode_document(_bytes(page, "PDF"), 10_000_000)) == 1
    three = _bytes(page, "PDF", save_all=True, append_images=[page, page])
    with pytest.raises(UnsupportedDocument, match="one page"):
        decode_document(three, 10_000_000)
    assert len(decode_document(three, 10_000_000, pages=None)) == 3
    empty = io.BytesIO()
    pdfium.PdfDocument.new().save(empty)
    with pytest.raises(UnsupportedDocument, match="no pages"):
        decode_document(empty.getvalue(), 10_000_000)
    with pytest.raises(DocumentTooLarge):
        decode_document(three, 100)


def _line(text: str, x: float, y: float, width: float) -> OcrLine:
    box = [(x, y), (x + width, y), (x + width, y + 20), (x, y + 20)]
    return OcrLine(text, 0.9, box, [OcrWord(text, 0.9, box)])


def test_reading_order_columns_and_full_width_lines() -> None:
    lines = [_line("L1", 50, 100, 300), _line("R1", 550, 100, 300), _line("L2", 50, 140, 300),
             _line("R2", 550, 140, 300), _line("Title", 50, 20, 800), _line("Footer", 50, 400, 800)]
    assert [x.text for x in reading_order(lines, 1000)] == ["Title", "L1", "L2", "R1", "R2", "Footer"]


def test_geometry_is_in_fractions() -> None:
    g = geometry([(10, 20), (110, 20), (110, 70), (10, 70)], 200, 100)
    assert g["BoundingBox"] == pytest.approx({"Width": 0.5, "Height": 0.5, "Left": 0.05, "Top": 0.2})
    assert g["Polygon"][2] == pytest.approx({"X": 0.55, "Y": 0.7})
    assert np.isclose(sum(p["X"] for p in g["Polygon"]), 1.2)
