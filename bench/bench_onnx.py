"""PyTorch against ONNX Runtime (fp32, and int8 weights by dynamic quantization) for a transformers
sequence classifier, in-process, side by side in one run: texts/s on batches of 32 over the 330 sentences
of bench/sentiment_labelled.jsonl (six languages), first load (export, quantization) and cached load, and
how far each runtime's answers move from PyTorch's: the share of sentences whose label changes (which
bounds how much any accuracy can change) and the largest change of a probability.

The card is bench_text.py's MiniLM-L6 (all-MiniLM-L6-v2's encoder). Its classification head ships
untrained (drawn at random when it loads; seeded here, so every runtime gets the same head), so its labels
carry no accuracy of their own; agreement with PyTorch is the measure, and an untrained head's close
logits make it a strict one (a trained head's margins hide small numeric changes).

    python bench/bench_onnx.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import torch
from bench_text import MODELS

from models.base import create_backend
from models.cards import ModelCard

RUNTIMES = {"PyTorch fp32": {"runtime": "torch"}, "ONNX Runtime fp32": {"runtime": "onnxruntime"},
            "ONNX Runtime int8": {"runtime": "onnxruntime", "quantize": "int8"}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in (ROOT / "bench" / "sentiment_labelled.jsonl").read_text().splitlines()]
    spec = MODELS["minilm"]["extra"]
    cache = Path(tempfile.mkdtemp(prefix="cirrus-onnx-"))
    print(f"model {spec['name']} ({spec['source']}), {len(texts)} sentences in batches of 32, {args.repeats} timed "
          f"passes each, {os.cpu_count()} CPU cores, no GPU\n")
    results: dict[str, dict[str, object]] = {}
    for name, options in RUNTIMES.items():
        card = ModelCard(**{**spec, "languages": tuple(spec["languages"]),
                            "options": {**spec["options"], **options, "onnx_dir": str(cache)}})
        loads = []
        for _ in range(2):  # the first load exports (and quantizes); the second finds the files
            backend = create_backend(card)
            torch.manual_seed(0)  # the untrained head is drawn at load: the same head for every runtime
            started = time.perf_counter()
            backend.load("cpu", "fp32")
            loads.append(time.perf_counter() - started)
        backend.predict(texts[:32])  # warm-up
        passes, answers = [], []
        for _ in range(args.repeats):
            started = time.perf_counter()
            answers = [row for i in range(0, len(texts), 32) for row in backend.predict(texts[i:i + 32])]
            passes.append(len(texts) / (time.perf_counter() - started))
        results[name] = {"tps": statistics.median(passes), "loads": loads, "answers": answers}
        backend.unload()

    reference = results["PyTorch fp32"]["answers"]
    labels = [max(row, key=row.get) for row in reference]  # type: ignore[union-attr]
    print(f"{'runtime':20}{'texts/s':>9}{'vs torch':>10}{'first load':>12}{'cached load':>13}{'labels changed':>16}{'max |dp|':>10}")
    for name, r in results.items():
        answers = r["answers"]
        changed = sum(max(row, key=row.get) != label for row, label in zip(answers, labels, strict=True))  # type: ignore[arg-type]
        dp = max(abs(row[k] - ref[k]) for row, ref in zip(answers, reference, strict=True) for k in ref)  # type: ignore[arg-type]
        first, cached = r["loads"]  # type: ignore[misc]
        print(f"{name:20}{r['tps']:9.1f}{r['tps'] / results['PyTorch fp32']['tps']:9.2f}x{first:11.2f}s{cached:12.2f}s"  # type: ignore[operator]
              f"{changed:>9} of {len(texts)}{dp:10.4f}")
    print("\n(labels changed: sentences whose argmax differs from PyTorch's; an accuracy measured with any labels "
          "can move by at most that share)")


if __name__ == "__main__":
    main()
