"""PyTorch against ONNX Runtime for the backends that export their PyTorch network once
(models/torch_onnx.py): EfficientNet-Lite0, NanoDet, the emotion model and Resemblyzer, in-process, side by
side in one run. For each runtime: items per second at batch 8 and at batch 1 (median of ``--repeats``
passes), the first load (with the export) and a cached load, and how far ONNX Runtime's answers move from
PyTorch's on real inputs (scikit-image's pictures, faces from its LFW subset, espeak-ng speech).

    python bench/bench_exported.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_vision import pictures

from models.base import create_backend
from models.device import cpu_threads
from models.registry import default_cards
from services.speech.audio import decode

SENTENCES = ["The quick brown fox jumps over the lazy dog.", "Please call me back tomorrow morning.",
             "My parcel never arrived at my house.", "Cirrus reads every page of the report."]
VOICES = ["en-us", "en-gb-x-rp", "en-us+f3", "fr"]


def faces() -> list[np.ndarray]:
    from skimage import data

    return [np.stack([(f * 255).astype(np.uint8)] * 3, -1) for f in data.lfw_subset()[:8]]


def clips() -> list[np.ndarray]:
    out = []
    for n in range(8):
        wav = subprocess.run(["espeak-ng", "-v", VOICES[n % 4], "--stdout", SENTENCES[n // 2 % 4]],
                             capture_output=True, check=True).stdout
        out.append(decode(wav).samples)
    return out


def top1(a: Any, b: Any) -> str:
    return f"top-1 same {sum(x[0][0] == y[0][0] for x, y in zip(a, b, strict=True))}/{len(a)}, max |dp| " \
           f"{max(abs(p - q) for x, y in zip(a, b, strict=True) for (_, p), (_, q) in zip(x, y, strict=True)):.1e}"


def detections(a: Any, b: Any) -> str:
    same = sum([d[0] for d in x] == [d[0] for d in y] for x, y in zip(a, b, strict=True))
    pairs = [(d, e) for x, y in zip(a, b, strict=True) if len(x) == len(y) for d, e in zip(x, y, strict=True)]
    score = max((abs(d[1] - e[1]) for d, e in pairs), default=0.0)
    box = max((abs(p - q) for d, e in pairs for p, q in zip(d[2], e[2], strict=True)), default=0.0)
    return f"same objects {same}/{len(a)} ({sum(map(len, a))} found), max |dscore| {score:.1e}, max |dbox| {box:.1e} px"


def emotions(a: Any, b: Any) -> str:
    same = sum(max(x, key=x.get) == max(y, key=y.get) for x, y in zip(a, b, strict=True))
    dp = max(abs(x[k] - y[k]) for x, y in zip(a, b, strict=True) for k in x)
    return f"argmax same {same}/{len(a)}, max |dp| {dp:.1e}"


def cosines(a: Any, b: Any) -> str:
    return f"cosine to PyTorch's >= {min(float(np.dot(x, y)) for x, y in zip(a, b, strict=True)):.6f}"


CASES: list[tuple[str, Callable[[], list[Any]], Callable[[Any, Any], str]]] = [
    ("labels-efficientnet-lite0", pictures, top1), ("objects-nanodet", pictures, detections),
    ("faces-emotion", faces, emotions), ("speakers-resemblyzer", clips, cosines)]


def measure(card: Any, items: list[Any], repeats: int) -> dict[str, Any]:
    loads = []
    for _ in range(2):  # the first load exports; the second finds the file
        backend = create_backend(card)
        started = time.perf_counter()
        backend.load("cpu", "fp32")
        loads.append(time.perf_counter() - started)
    answers = backend.predict(items)  # warm-up, and the answers compared
    rates = {}
    for batch in (8, 1):
        passes = []
        for _ in range(repeats):
            started = time.perf_counter()
            for i in range(0, len(items), batch):
                backend.predict(items[i:i + batch])
            passes.append(len(items) / (time.perf_counter() - started))
        rates[batch] = statistics.median(passes)
    backend.unload()
    return {"loads": loads, "answers": answers, "rates": rates}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    cards = {c.name: c for c in default_cards()}
    cache = tempfile.mkdtemp(prefix="cirrus-exported-")
    print(f"{cpu_threads()} CPU threads ({os.cpu_count()} cores), no GPU; 8 items per case, {args.repeats} timed "
          "passes per batch size\n")
    print(f"{'model':27}{'runtime':13}{'items/s b8':>11}{'items/s b1':>11}{'first load':>12}{'cached':>8}  answers")
    for name, make_items, compare in CASES:
        items = make_items()
        results = {}
        for runtime in ("torch", "onnxruntime"):
            card = cards[name]
            card = card.with_overrides(options={**card.options, "runtime": runtime, "onnx_dir": cache})
            results[runtime] = measure(card, items, args.repeats)
        torch_rates = results["torch"]["rates"]
        for runtime, r in results.items():
            first, cached = r["loads"]
            ratio = "" if runtime == "torch" else \
                f" ({r['rates'][8] / torch_rates[8]:.2f}x, {r['rates'][1] / torch_rates[1]:.2f}x)"
            agreement = "" if runtime == "torch" else compare(results["torch"]["answers"], r["answers"])
            print(f"{name:27}{runtime:13}{r['rates'][8]:11.1f}{r['rates'][1]:11.1f}{first:11.2f}s{cached:7.2f}s  "
                  f"{agreement}{ratio}")


if __name__ == "__main__":
    main()
