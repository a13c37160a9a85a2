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


def lfw_face(index: int, size: int = 200) -> np.ndarray:
    """One of scikit-image's LFW faces (25x25 gray; the first 100 of the set are faces), upscaled to RGB so
    the HOG detector finds it."""
    from skimage import data

    gray = (data.lfw_subset()[index] * 255).astype(np.uint8)
    big = np.asarray(Image.fromarray(gray).resize((size, size), Image.Resampling.BILINEAR))
    return np.ascontiguousarray(np.stack([big] * 3, -1))


def mirrored(pixels: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(pixels[:, ::-1])


def strip(*faces: np.ndarray, gap: int = 60) -> np.ndarray:
    """Faces side by side on a gray canvas (one picture of several people)."""
    height = max(f.shape[0] for f in faces) + 2 * gap
    width = sum(f.shape[1] for f in faces) + gap * (len(faces) + 1)
    canvas = np.full((height, width, 3), 128, np.uint8)
    x = gap
    for face in faces:
        canvas[gap:gap + face.shape[0], x:x + face.shape[1]] = face
        x += face.shape[1] + gap
    return canvas


def video(scenes: list[tuple[np.ndarray, float]], fps: int = 10, size: tuple[int, int] = (640, 480)) -> bytes:
    """An H.264 MP4 (PyAV) showing each picture for its seconds, letterboxed into ``size`` (aspect kept)."""
    import av

    width, height = size
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for pixels, seconds in scenes:
            image = Image.fromarray(pixels)
            image.thumbnail(size)
            canvas = Image.new("RGB", size, (96, 96, 96))
            canvas.paste(image, ((width - image.width) // 2, (height - image.height) // 2))
            frame = np.asarray(canvas)
            for _ in range(round(seconds * fps)):
                for packet in stream.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")):
                    out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return buffer.getvalue()
