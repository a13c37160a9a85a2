"""A backend that asks for it (``trim_after_batch``: Whisper) has the freed heap handed back after each batch;
others are never trimmed between batches."""

from __future__ import annotations

import gc

import pytest

from models import worker as worker_module
from models.base import register_backend
from models.cards import ModelCard
from models.worker import ModelWorker


class Doubler:
    trim_after_batch = False

    def __init__(self, card: ModelCard) -> None:
        self.card = card

    def load(self, device: str, precision: str) -> None:
        pass

    def predict(self, items: list[int]) -> list[int]:
        return [2 * i for i in items]

    def unload(self) -> None:
        pass


class TrimmingDoubler(Doubler):
    trim_after_batch = True


register_backend("test-doubler", f"{__name__}:Doubler")
register_backend("test-trimming-doubler", f"{__name__}:TrimmingDoubler")


@pytest.mark.parametrize(("backend", "trims"), [("test-doubler", 0), ("test-trimming-doubler", 3)])
async def test_only_a_backend_that_asks_is_trimmed_after_each_batch(
        monkeypatch: pytest.MonkeyPatch, backend: str, trims: int) -> None:
    worker = ModelWorker(ModelCard(name="d", task="double", backend=backend, max_batch_size=1, max_wait_ms=0))
    await worker.load()
    calls: list[int] = []
    monkeypatch.setattr(worker_module, "trim_heap", lambda: calls.append(1))
    assert [await worker.run([n]) for n in (1, 2, 3)] == [[2], [4], [6]]
    assert len(calls) == trims
    await worker.close()


class CyclicDoubler(Doubler):
    """A model whose objects form a cycle (as a loaded model's do): only the cyclic collector frees it."""

    def load(self, device: str, precision: str) -> None:
        self.me = self


register_backend("test-cyclic-doubler", f"{__name__}:CyclicDoubler")


async def test_a_shutdown_collects_the_heap_once_and_frees_every_models_cyclic_garbage(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio
    import weakref

    from models.registry import ModelRegistry

    registry = ModelRegistry([ModelCard(name=f"d{n}", task="double", backend="test-cyclic-doubler", max_wait_ms=0)
                              for n in range(3)])
    await registry.load_all()  # each load freezes the heap, the model with it
    models = [weakref.ref(w.backend) for w in registry.workers.values()]
    reclaims: list[int] = []
    real = worker_module.freeze_heap
    monkeypatch.setattr(worker_module, "freeze_heap", lambda **kw: (reclaims.append(1), real(**kw)))
    held: list[tuple[object, ...]] = []  # what executor work items hold: one may outlive its await a moment
    real_to_thread = asyncio.to_thread

    async def to_thread(fn: object, *args: object) -> object:
        held.append((fn, *args))
        return await real_to_thread(fn, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(worker_module.asyncio, "to_thread", to_thread)
    await registry.close()
    assert len(reclaims) == 1  # once for the three models, not once each
    for _ in range(20):  # a worker thread may hold its last batch's frame a moment after the close returns
        if all(m() is None for m in models):
            break
        await asyncio.sleep(0.05)
        gc.collect()  # collects only what the close unfroze: frozen objects are out of the collector's reach
    assert all(m() is None for m in models)  # the frozen cycles were collected
    assert all(w.state.value == "not_loaded" for w in registry.workers.values())
