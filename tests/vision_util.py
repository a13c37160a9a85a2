"""Helpers for vision tests: images that ship with scikit-image, and documents rendered with PIL."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw, ImageFont

PARAGRAPH = [
    "Cirrus reads printed documents line by line.",
    "Each line is split into words with boxes.",
    "The page, its lines and its words are blocks.",
    "Blocks are linked by child relationships.",
]
LEFT = ["Left column begins here.", "It has three short lines.", "This is the left end."]
RIGHT = ["Right column starts now.", "Read it after the left.", "This is the right end."]


def png(pixels: np.ndarray | Image.Image, fmt: str = "PNG", **options: object) -> bytes:
    image = pixels if isinstance(pixels, Image.Image) else Image.fromarray(pixels)
    buf = io.BytesIO()
    image.save(buf, format=fmt, **options)
    return buf.getvalue()


def page(lines: list[str], size: tuple[int, int] = (1400, 500), font_size: int = 32) -> Image.Image:
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=font_size)
    for n, line in enumerate(lines):
        draw.text((60, 50 + n * int(font_size * 1.8)), line, fill="black", font=font)
    return image


def two_columns() -> Image.Image:
    image = Image.new("RGB", (1600, 500), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=30)
    for n, (left, right) in enumerate(zip(LEFT, RIGHT, strict=True)):
        draw.text((60, 60 + n * 60), left, fill="black", font=font)
        draw.text((860, 60 + n * 60), right, fill="black", font=font)
    return image


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate: edit distance over the reference length."""
    row = list(range(len(hypothesis) + 1))
    for i, r in enumerate(reference, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hypothesis, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1] / max(len(reference), 1)
