"""Models unloaded when idle, and a cap on how many of one backend stay loaded: the next call loads again."""

from __future__ import annotations

import asyncio
import time

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
