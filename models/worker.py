"""A model worker: one model card, its backend, its load state and its batcher."""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import enum
import gc
import importlib
import logging
import threading
import time
from collections.abc import Sequence
from typing import Any

from models import regex_cache
from models.base import Backend, create_backend
from models.batcher import Batcher
from models.cards import ModelCard
from models.device import cpu_threads, resolve_device, resolve_precision
from models.errors import ModelNotReady
from models.isolated import IsolatedBackend
from models.metrics import BATCH_SIZE, INFERENCE_SECONDS, QUEUE_DEPTH, REJECTIONS

log = logging.getLogger(__name__)
_IMPORTS = threading.Lock()  # see Backend.imports
_LIBC = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6") if hasattr(ctypes, "CDLL") else None


class ModelState(enum.StrEnum):
    NOT_LOADED = "not_loaded"
    LOADING = "loading"
    READY = "ready"
    FAILED = "failed"


class ModelWorker:
    """Loads its model on first use (or eagerly), runs items through the batcher, and can unload.
    This is the embedded worker; ``models.ray.workers.RayModelWorker`` keeps the same interface for a card
    that runs on Ray Serve (where a ModelWorker runs inside each replica)."""

    runs_on = "embedded"

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.state = ModelState.NOT_LOADED
        self.reason: str | None = None
        self.device: str | None = None
        self.load_seconds: float | None = None
        self.backend: Backend | None = None
        self.batcher: Batcher | None = None
        self.cores = 1  # with batches side by side: the cores they share (set at load)
        self._lock = asyncio.Lock()
        self.active = 0  # run() calls in flight
        self.queue_depth = QUEUE_DEPTH.labels(card.name)  # looked up once: labels() costs ~1.2 us a call
        self.last_used = time.monotonic()

    def describe(self) -> dict[str, Any]:
        stats = self.batcher.stats if self.batcher else None
        return {
            "name": self.card.name,
            "task": self.card.task,
            "backend": self.card.backend,
            "source": self.card.source,
            "languages": list(self.card.languages),
            "state": self.state.value,
            "reason": self.reason,
            "device": self.device,
            "max_batch_size": self.card.max_batch_size,
            "max_wait_ms": self.card.max_wait_ms,
            "parallel": self.batcher.parallel if self.batcher else None,
            "load_seconds": self.load_seconds,
            "batches": stats.batches if stats else 0,
            "items": stats.items if stats else 0,
            "runs_on": self.runs_on,
            "replicas": 1 if self.state is ModelState.READY else 0,
        }

    async def attribute(self, name: str, default: Any = None) -> Any:
        """An attribute of the loaded backend (a speech model's languages, say), loading it first."""
        await self._ensure_serving()
        return await self._attribute(name, default)

    async def close(self, reclaim: bool = True) -> None:
        """At shutdown: free the model (an embedded worker owns it). ``reclaim=False`` leaves the collection
        and trim of the heap an unload does to the caller, which closes many workers and reclaims once."""
        async with self._lock:
            await self._unload(reclaim)

    async def load(self) -> None:
        """Bring the model up (:meth:`_start`). A failure is recorded (state FAILED with the reason), not raised."""
        async with self._lock:
            if self.state is ModelState.READY:
                return
            self.state, self.reason = ModelState.LOADING, None
            started = time.perf_counter()
            try:
                await self._start()
            except ModelNotReady as exc:  # a failure the start already put in words
                log.error("model %s failed to load: %s", self.card.name, exc.reason)
                self.state, self.reason = ModelState.FAILED, exc.reason
                return
            except Exception as exc:
                log.exception("model %s failed to load", self.card.name)
                self.state, self.reason = ModelState.FAILED, f"{type(exc).__name__}: {exc}"
                return
            self.load_seconds = round(time.perf_counter() - started, 3)
            self.state = ModelState.READY
            log.info("model %s ready on %s in %.2fs", self.card.name, self.device, self.load_seconds)

    async def _start(self) -> None:
        """Load the weights in a thread and put a batcher in front of them."""
        device = await asyncio.to_thread(resolve_device, self.card.device)  # may import torch: not on the loop
        precision = resolve_precision(self.card.precision, device)
        backend = IsolatedBackend(self.card) if self.card.isolate else create_backend(self.card)
        await asyncio.to_thread(_load, backend, device, precision)
        self.backend, self.device = backend, device
        self.cores = cpu_threads()
        self.batcher = Batcher(
            self._predict,
            name=self.card.name,
            max_batch_size=self.card.max_batch_size,
            max_wait_ms=self.card.max_wait_ms,
            max_queue=self.card.max_queue,
            max_queue_wait_s=self.card.max_queue_wait_s,
            parallel=self._parallel(backend),
            on_batch=BATCH_SIZE.labels(self.card.name).observe,
            on_reject=REJECTIONS.labels(self.card.name).inc,
        )
        await asyncio.to_thread(freeze_heap)

    async def unload(self) -> None:
        async with self._lock:
            await self._unload()

    async def unload_if_idle(self, idle_s: float) -> bool:
        """Unload when no call is in flight and none came for ``idle_s`` seconds; the next call loads it again."""
        if self.state is not ModelState.READY or self.active or time.monotonic() - self.last_used < idle_s:
            return False
        async with self._lock:
            if self.state is not ModelState.READY or self.active:
                return False
            self.state = ModelState.NOT_LOADED  # a call arriving now waits for the lock and loads afresh
            await self._unload()
        log.info("model %s unloaded after %.0fs unused", self.card.name, time.monotonic() - self.last_used)
        return True

    async def _unload(self, reclaim: bool = True) -> None:
        if self.batcher is not None:
            await self.batcher.stop()
        box, self.backend, self.batcher, self.device = [self.backend], None, None, None
        if box[0] is not None:
            await asyncio.to_thread(_release, box, reclaim)
        self.state, self.reason = ModelState.NOT_LOADED, None

    async def run(self, items: Sequence[Any]) -> list[Any]:
        """Run items through the model, loading it first if needed; per-item outcomes back."""
        self.active += 1
        self.last_used = time.monotonic()
        try:
            await self._ensure_serving()
            return await self._submit(items)
        finally:
            self.active -= 1
            self.last_used = time.monotonic()

    async def _ensure_serving(self) -> None:
        """Load the model if it is not loaded (again, if its process died); ModelNotReady when it cannot serve."""
        if self.state is ModelState.READY and not getattr(self.backend, "alive", True):
            log.warning("model %s: its process stopped; loading it again", self.card.name)
            await self.unload()
        if self.state is not ModelState.READY:
            await self.load()
        if self.state is not ModelState.READY or not self._serving():
            raise ModelNotReady(self.card.name, self.reason or self.state.value)

    def _serving(self) -> bool:
        return self.batcher is not None

    async def _attribute(self, name: str, default: Any) -> Any:
        return getattr(self.backend, name, default)

    async def _submit(self, items: Sequence[Any]) -> list[Any]:
        assert self.batcher is not None
        self.queue_depth.set(self.batcher.depth + len(items))
        try:
            return await self.batcher.submit_many(items)
        finally:
            self.queue_depth.set(self.batcher.depth if self.batcher else 0)

    async def run_strict(self, items: Sequence[Any]) -> list[Any]:
        """Like :meth:`run`, for callers that need every item: the first item's error is raised."""
        outcomes = await self.run(items)
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome
        return outcomes

    def _parallel(self, backend: Backend) -> int:
        """Batches run side by side: the card's ``parallel``, or by default the backend's ``lanes`` where it
        allows batches side by side (PyTorch in this process) and, on the CPU, there are cores to share; one
        otherwise."""
        safe = not self.card.isolate and bool(getattr(backend, "parallel_safe", False))
        if self.card.parallel:
            return self.card.parallel if safe else 1
        if not safe or (getattr(backend, "device", "cpu") == "cpu" and cpu_threads() < 2):
            return 1
        return int(getattr(backend, "lanes", 1))

    def _predict(self, items: list[Any]) -> Sequence[Any]:
        assert self.backend is not None and self.batcher is not None
        if self.batcher.parallel > 1 and self.device == "cpu":  # its share of the cores (Batcher.sharing)
            self.backend.set_threads(max(1, self.cores // self.batcher.sharing))  # type: ignore[attr-defined]
        with INFERENCE_SECONDS.labels(self.card.name).time():
            outputs = self.backend.predict(items)
        if getattr(self.backend, "trim_after_batch", False):  # a batch's big buffers go back to the system
            trim_heap()
        return outputs


def _load(backend: Backend, device: str, precision: str) -> None:
    with regex_cache.saving():  # big patterns a load compiles (spaCy French's: 4.2 s) are saved and read back
        with _IMPORTS:
            for module in getattr(backend, "imports", ()):
                importlib.import_module(module)
        backend.load(device, precision)
    trim_heap()


def _release(box: list[Any], reclaim: bool) -> None:
    """Unload the model in ``box`` and drop it, in one executor call. The thread's work item outlives the
    awaiting coroutine's wake-up by a moment: had it held the model (``to_thread(backend.unload)``), a
    collection run just after could find the model still reachable and freeze it for good, a leak seen under
    load. The box it holds is empty by then."""
    box.pop().unload()
    if reclaim:
        reclaim_heap()


def freeze_heap(*, collect_frozen: bool = False) -> None:
    """Move every live object out of the cyclic collector's reach (``gc.freeze``). A loaded model is
    millions of long-lived objects; each full collection walked them all and stalled the process ~200 ms,
    every request in flight with it: bench_peers.py measured p99 455 ms unfrozen, 263 ms frozen (p50 236
    vs 224 ms). ``collect_frozen`` first returns them to the collector, for after an unload, so a model's
    cyclic garbage is still freed."""
    if collect_frozen:
        gc.unfreeze()
    gc.collect()
    gc.freeze()


def reclaim_heap() -> None:
    """After models are freed: their cyclic garbage is collected (it was frozen with them) and the freed heap
    handed back to the system."""
    freeze_heap(collect_frozen=True)
    trim_heap()


def trim_heap() -> None:
    """Hand freed heap back to the system. Loads build big temporaries (an ONNX graph and its serialised copy,
    say) that glibc keeps mapped after they are freed; trimming after each load and unload measured ~90 MB
    less resident with every default model loaded."""
    trim = getattr(_LIBC, "malloc_trim", None)
    if trim is not None:
        trim(0)
