"""Vision benchmark, measured side by side in one run (numbers go in the README).

  labels     Rekognition DetectLabels (EfficientNet-Lite0 + NanoDet + dlib faces) at `concurrency` over HTTP, batched vs
             CIRRUS_BATCHING=false, against the same two models called in-process on batches of 8 (bare)
  ocr        Textract DetectDocumentText over HTTP (one page per request, concurrency 8; batched and not)
             against the `tesseract` CLI run by hand on the same pages (2 at a time): pages/s

    python bench/bench_vision.py [--images 256] [--concurrency 32] [--pages 24]
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_text import DEVICE, PRECISION, WHERE, Server, percentile, run, send_all
from skimage import data

from models.registry import default_cards
from models.vision.efficientnet import EfficientNetClassifier
from models.vision.faces import DlibFaces
from models.vision.nanodet import NanoDet
from tests.vision_util import PARAGRAPH, page

SOURCES = ["astronaut", "chelsea", "coffee", "rocket", "cat", "hubble_deep_field", "immunohistochemistry", "retina"]


def pictures() -> list[np.ndarray]:
    """scikit-image's sample pictures as RGB, at most 640 px."""
    out = []
    for name in SOURCES:
        pixels = getattr(data, name)()
        pixels = np.stack([pixels] * 3, -1) if pixels.ndim == 2 else pixels[:, :, :3]
        image = Image.fromarray(pixels)
        image.thumbnail((640, 640))
        out.append(np.asarray(image))
    return out


def images(n: int) -> list[bytes]:
    encoded = []
    for pixels in pictures():
        buf = io.BytesIO()
        Image.fromarray(pixels).save(buf, "JPEG", quality=90)
        encoded.append(buf.getvalue())
    return [encoded[i % len(encoded)] for i in range(n)]


def aws_request(target: str, field: str, body: bytes) -> bytes:
    payload = json.dumps({field: {"Bytes": base64.b64encode(body).decode()}}).encode()
    head = (f"POST / HTTP/1.1\r\nHost: {{HOSTPORT}}\r\nX-Amz-Target: {target}\r\n"
            "Content-Type: application/x-amz-json-1.1\r\n")
    return head.encode() + f"Content-Length: {len(payload)}\r\n\r\n".encode() + payload


def gateway(env: dict[str, str], load: list[str], requests: list[bytes], concurrency: int) -> tuple[float, list[float]]:
    server = Server(env)
    try:
        for name in load:
            server.load(name)
        hostport = server.url.removeprefix("http://").encode()
        encoded = [r.replace(b"{HOSTPORT}", hostport) for r in requests]
        run(send_all(server.url, encoded[:concurrency], concurrency))  # warm-up
        return run(send_all(server.url, encoded, concurrency))
    finally:
        server.stop()


def classifier_alone(raw: list[bytes]) -> tuple[float, float]:
    """EfficientNet-Lite0 by itself in-process: images/s one at a time and in batches of 8 (the card's size)."""
    classifier = EfficientNetClassifier(next(c for c in default_cards() if c.name == "labels-efficientnet-lite0"))
    classifier.load(DEVICE, PRECISION)
    pixels = [np.asarray(Image.open(io.BytesIO(b)).convert("RGB")) for b in raw[:128]]
    classifier.predict(pixels[:32])
    started = time.perf_counter()
    for p in pixels:
        classifier.predict([p])
    one = len(pixels) / (time.perf_counter() - started)
    started = time.perf_counter()
    for i in range(0, len(pixels), 8):
        classifier.predict(pixels[i:i + 8])
    return one, len(pixels) / (time.perf_counter() - started)


def detector_alone(raw: list[bytes]) -> tuple[float, float]:
    """NanoDet by itself in-process: images/s one at a time and in batches of 8."""
    detector = NanoDet(next(c for c in default_cards() if c.name == "objects-nanodet"))
    detector.load(DEVICE, PRECISION)
    pixels = [np.asarray(Image.open(io.BytesIO(b)).convert("RGB")) for b in raw[:64]]
    detector.predict(pixels[:8])
    started = time.perf_counter()
    for p in pixels:
        detector.predict([p])
    one = len(pixels) / (time.perf_counter() - started)
    started = time.perf_counter()
    for i in range(0, len(pixels), 8):
        detector.predict(pixels[i:i + 8])
    return one, len(pixels) / (time.perf_counter() - started)


def bare_labels(raw: list[bytes]) -> float:
    """The three models DetectLabels runs, in-process, one after another on batches of 8."""
    cards = {c.name: c for c in default_cards()}
    models = [EfficientNetClassifier(cards["labels-efficientnet-lite0"]), DlibFaces(cards["faces-dlib-hog"]),
              NanoDet(cards["objects-nanodet"])]
    for model in models:
        model.load(DEVICE, PRECISION)
    pixels = [np.asarray(Image.open(io.BytesIO(b)).convert("RGB")) for b in raw]
    for model in models:
        model.predict(pixels[:8])
    started = time.perf_counter()
    for i in range(0, len(pixels), 8):
        for model in models:
            model.predict(pixels[i:i + 8])
    return len(pixels) / (time.perf_counter() - started)


def tesseract_cli(pages: list[bytes], workers: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for n, body in enumerate(pages):
            path = Path(folder) / f"p{n}.png"
            path.write_bytes(body)
            paths.append(path)
        started = time.perf_counter()
        with ThreadPoolExecutor(workers) as pool:
            env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # as the backend runs it (OpenMP threads thrash on 2 cores)
            list(pool.map(lambda p: subprocess.run(["tesseract", str(p), "stdout", "tsv"], capture_output=True,
                                                   check=True, env=env), paths))
        return len(pages) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=256)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--pages", type=int, default=24)
    args = parser.parse_args()
    conc = args.concurrency
    raw = images(args.images)
    print(f"{args.images} JPEG images (scikit-image samples, <= 640 px), concurrency {conc}; "
          f"{WHERE}\n")
    one, batched = classifier_alone(raw)
    det_one, det_batched = detector_alone(raw)
    bare = bare_labels(raw)
    load = ["labels-efficientnet-lite0", "faces-dlib-hog", "objects-nanodet"]
    requests = [aws_request("RekognitionService.DetectLabels", "Image", b) for b in raw]
    on, on_lat = gateway({}, load, requests, conc)
    off, off_lat = gateway({"CIRRUS_BATCHING": "false"}, load, requests, conc)
    side_by_side = json.dumps({name: {"parallel": 2} for name in ("labels-efficientnet-lite0", "objects-nanodet")})
    two, two_lat = gateway({"CIRRUS_MODELS": side_by_side}, load, requests, conc)
    print("DetectLabels (EfficientNet-Lite0 + NanoDet + dlib HOG faces)")
    print(f"  in-process, batches of 8      {bare:7.1f} images/s")
    print(f"  gateway, batched              {on:7.1f} images/s   p50 {percentile(on_lat, 50) * 1e3:.0f} ms  "
          f"p99 {percentile(on_lat, 99) * 1e3:.0f} ms")
    print(f"  gateway, unbatched            {off:7.1f} images/s   p50 {percentile(off_lat, 50) * 1e3:.0f} ms  "
          f"p99 {percentile(off_lat, 99) * 1e3:.0f} ms")
    print(f"  gateway, 2 batches at once    {two:7.1f} images/s   p50 {percentile(two_lat, 50) * 1e3:.0f} ms  "
          f"p99 {percentile(two_lat, 99) * 1e3:.0f} ms   (parallel = 2; vision's default is 1)")
    print(f"  gateway / in-process          {on / bare:7.2f}x   (target >= 0.9)")
    print(f"  batched / unbatched           {on / off:7.2f}x")
    print(f"  the classifier alone, in-process: {one:.1f} images/s one at a time, {batched:.1f} in batches of 8 "
          f"({batched / one:.2f}x on CPU)")
    print(f"  NanoDet alone, in-process: {det_one:.1f} images/s one at a time, {det_batched:.1f} in batches of 8 "
          f"({det_batched / det_one:.2f}x); dlib's faces (~0.1 s an image, no batching gain) bound DetectLabels\n")

    buf = io.BytesIO()
    page(PARAGRAPH).save(buf, "PNG")
    pages = [buf.getvalue()] * args.pages
    cli = tesseract_cli(pages, 2)
    ocr_requests = [aws_request("Textract.DetectDocumentText", "Document", p) for p in pages]
    ocr, ocr_lat = gateway({}, ["text-tesseract"], ocr_requests, 8)
    ocr_off, _ = gateway({"CIRRUS_BATCHING": "false"}, ["text-tesseract"], ocr_requests, 8)
    print("DetectDocumentText (Tesseract), one 1400x500 page of 4 lines per request")
    print(f"  tesseract CLI, 2 at a time    {cli:7.1f} pages/s")
    print(f"  gateway, concurrency 8        {ocr:7.1f} pages/s   p50 {percentile(ocr_lat, 50) * 1e3:.0f} ms")
    print(f"  gateway, unbatched            {ocr_off:7.1f} pages/s")
    print(f"  gateway / CLI                 {ocr / cli:7.2f}x")


if __name__ == "__main__":
    main()
