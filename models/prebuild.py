"""Make at install time what a first start derives from the packaged defaults (``make install``).

A start on an empty data folder (a new machine, a container with a fresh volume) used to join Whisper's and
Kokoro's weights from their parts, change and optimise the voices' ONNX graphs, compile spaCy French's big
patterns and save dlib's detector before it was ready: 10.2-10.5 s to ready (13 CPU s) against 6.4-6.6 s
for a restart on 2 cores; with what this makes, 5.3 s (bench/bench_startup.py). This loads every default card once, the way eager loading does, with the data folder's ``models/``
at :data:`models.sources.PREBUILT` (in the venv); the loaders look there before they derive anything
(:func:`models.sources.prebuilt`), so every later start reads what this made. Whatever a load derives is
made here, so nothing has to be listed. It starts from an empty folder each time it runs (the Makefile runs
it when the packages or the model code change), so nothing stale stays behind.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import time

from models import regex_cache
from models.registry import build_registry
from models.sources import PREBUILT
from models.worker import ModelState


async def prebuild() -> tuple[list[str], list[str]]:
    """Load every default card with its derived files going to PREBUILT; (files made, cards that failed)."""
    shutil.rmtree(PREBUILT, ignore_errors=True)
    PREBUILT.mkdir(parents=True)
    regex_cache.install(PREBUILT / "regex")
    # every big pattern a load compiles, however fast it compiled here: a start compiles those that take 50 ms
    # or more on its machine, and on a busy one more of them do
    regex_cache.MIN_SECONDS = 0.0
    registry = build_registry(model_dir=PREBUILT, device="cpu")
    try:
        await registry.start()
        await registry.load_all({"apertium": 0})  # a translation direction is a pipeline of processes: nothing to save
        failed = [name for name, worker in registry.workers.items() if worker.state == ModelState.FAILED]
    finally:
        await registry.close()
        regex_cache.uninstall()
    made = sorted(str(path.relative_to(PREBUILT)) for path in PREBUILT.rglob("*") if path.is_file())
    for path in PREBUILT.rglob("*"):  # readable by whichever user serves from this venv
        path.chmod(0o755 if path.is_dir() else 0o644)
    return made, failed


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    started = time.monotonic()
    files, failed = asyncio.run(prebuild())
    size = sum((PREBUILT / name).stat().st_size for name in files) / 1e6
    print(f"prebuilt for the default models in {PREBUILT}: {len(files)} files, {size:.0f} MB, "
          f"{time.monotonic() - started:.1f} s" + (f"; these failed to load: {', '.join(failed)}" if failed else ""))
