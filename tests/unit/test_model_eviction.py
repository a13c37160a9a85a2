"""Models unloaded when idle, and a cap on how many of one backend stay loaded: the next call loads again."""

from __future__ import annotations

import asyncio
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import threading
import time
from pathlib import Path

from fastapi.testclient import TestClient

from cirrus.settings import Settings
from gateway.app import create_app
from models.base import register_backend
from models.cards import ModelCard
from models.registry import ModelRegistry
from models.worker import ModelState

LOADS: list[str] = []


class Echo:
    def __init__(self, card: ModelCard) -> None:
        self.card = card

    def load(self, device: str, precision: str) -> None:
        LOADS.append(self.card.name)

    def predict(self, items: list[str]) -> list[str]:
        time.sleep(0.05)
        return [f"{self.card.name}:{i}" for i in items]

    def unload(self) -> None:
        pass


register_backend("test-echo", f"{__name__}:Echo")


def _registry(idle: float | None = None) -> ModelRegistry:
    return ModelRegistry([ModelCard(name=f"m{n}", task="echo", backend="test-echo", idle_unload_s=idle, max_wait_ms=0)
                          for n in range(4)])


async def test_idle_models_unload_and_load_again_on_the_next_call() -> None:
    registry = _registry(idle=0.2)
    worker = registry.workers["m0"]
    assert await worker.run(["a"]) == ["m0:a"]
    assert await registry.evict({}) == []  # used just now
    await asyncio.sleep(0.3)
    assert await registry.evict({}) == ["m0"] and worker.state is ModelState.NOT_LOADED
    LOADS.clear()
    assert await worker.run(["b"]) == ["m0:b"] and LOADS == ["m0"]


async def test_a_busy_model_is_never_unloaded() -> None:
    registry = _registry(idle=0.0)
    worker = registry.workers["m1"]
    call = asyncio.create_task(worker.run(["x"] * 3))
    await asyncio.sleep(0.01)  # in flight
    assert await registry.evict({"test-echo": 0}) == []
    assert await call == ["m1:x"] * 3


async def test_the_least_recently_used_beyond_the_cap_unload() -> None:
    registry = _registry()
    for name in ("m0", "m1", "m2", "m3"):
        await registry.workers[name].run(["x"])
    await registry.workers["m0"].run(["again"])  # m1 is now the least recently used
    assert await registry.evict({"test-echo": 2}) == ["m1", "m2"]
    assert [n for n, w in registry.workers.items() if w.state is ModelState.READY] == ["m0", "m3"]
    assert await registry.evict({"test-echo": 2}) == []


async def test_ready_waits_for_an_eager_load() -> None:
    registry = _registry()
    loading = asyncio.create_task(registry.load_all())
    await asyncio.sleep(0)
    assert registry.warming and not registry.ready()
    await loading
    assert registry.ready()


async def test_eager_loading_starts_no_more_of_a_capped_backend_than_the_cap() -> None:
    registry = ModelRegistry([ModelCard(name=f"m{n}", task="echo", backend="test-echo") for n in range(4)]
                             + [ModelCard(name="other", task="echo", backend="test-gated")])
    Gated.gate.set()
    LOADS.clear()
    await registry.load_all({"test-echo": 2})
    assert sorted(LOADS) == ["m0", "m1", "other"] and registry.ready()  # the rest load on their first call
    states = {name: w.state for name, w in registry.workers.items()}
    assert states == {"m0": ModelState.READY, "m1": ModelState.READY, "m2": ModelState.NOT_LOADED,
                      "m3": ModelState.NOT_LOADED, "other": ModelState.READY}
    assert await registry.workers["m3"].run(["x"]) == ["m3:x"]


class Gated(Echo):
    """Loads when the test opens the gate."""

    gate = threading.Event()

    def load(self, device: str, precision: str) -> None:
        assert Gated.gate.wait(10)
        super().load(device, precision)


class SlowImporting(Echo):
    """Its load first imports a module of its own, one that takes 50 ms (SlowImports below)."""

    def __init__(self, card: ModelCard) -> None:
        super().__init__(card)
        self.imports = (f"_cirrus_slow_import_{card.name}",)


register_backend("test-gated", f"{__name__}:Gated")
register_backend("test-slow-importing", f"{__name__}:SlowImporting")


class SlowImports(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """A module that takes 50 ms to import and counts how many threads are importing it at once."""

    def __init__(self) -> None:
        self.now = self.most = 0
        self.lock = threading.Lock()

    def find_spec(self, name: str, path: object, target: object = None) -> importlib.machinery.ModuleSpec | None:
        return importlib.util.spec_from_loader(name, self) if name.startswith("_cirrus_slow_import_") else None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None

    def exec_module(self, module: object) -> None:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
        time.sleep(0.05)
        with self.lock:
            self.now -= 1


def test_parallel_loads_import_one_at_a_time() -> None:
    finder = SlowImports()
    sys.meta_path.insert(0, finder)
    try:
        registry = ModelRegistry([ModelCard(name=f"s{n}", task="echo", backend="test-slow-importing")
                                  for n in range(4)])
        asyncio.run(registry.load_all())
    finally:
        sys.meta_path.remove(finder)
    assert all(w.state is ModelState.READY for w in registry.workers.values())
    assert all(f"_cirrus_slow_import_s{n}" in sys.modules for n in range(4)) and finder.most == 1


def test_health_answers_while_eager_loading_runs_and_ready_waits(tmp_path: Path) -> None:
    Gated.gate.clear()
    registry = ModelRegistry([ModelCard(name="slow", task="echo", backend="test-gated")])
    app = create_app(Settings(data_dir=tmp_path, load_models="eager"), registry=registry)
    with TestClient(app) as client:  # the lifespan has started
        assert client.get("/health").status_code == 200
        ready = client.get("/ready")
        assert ready.status_code == 503 and ready.json()["models"]["slow"]["state"] == "loading"
        Gated.gate.set()
        for _ in range(100):
            if client.get("/ready").status_code == 200:
                break
            time.sleep(0.05)
        assert client.get("/ready").json()["models"]["slow"]["state"] == "ready"


class Cyclic(Echo):
    """A backend whose weights hold a reference cycle, as real model graphs do."""

    def load(self, device: str, precision: str) -> None:
        self.weights: dict[str, object] = {"owner": self}


register_backend("test-cyclic", f"{__name__}:Cyclic")


async def test_a_loaded_model_is_frozen_out_of_the_collector_and_freed_after_unload() -> None:
    import gc
    import weakref

    registry = ModelRegistry([ModelCard(name="cyc", task="echo", backend="test-cyclic", max_wait_ms=0)])
    worker = registry.workers["cyc"]
    gc.unfreeze()
    await worker.load()
    assert gc.get_freeze_count() > 0  # full collections no longer walk the model (the p99 stalls)
    frozen = weakref.ref(worker.backend)
    await worker.unload()
    assert frozen() is None  # the cycle was collected: unfreezing on unload keeps it from leaking
    assert gc.get_freeze_count() > 0  # and what stays loaded is frozen again
