"""A model in a process of its own (``isolate``): the real VADER card answers as in-process, backend
attributes are read through the pipe, a bad load fails with its reason, and a killed model process fails
the calls it held with ModelNotReady and loads again on the next call."""

from __future__ import annotations

import os
import signal

import pytest

from models.cards import ModelCard
from models.errors import ModelNotReady
from models.worker import ModelState, ModelWorker

VADER = ModelCard(name="vader-isolated", task="sentiment", backend="vader", source="package:vaderSentiment",
                  languages=("en",), isolate=True)


async def test_an_isolated_model_answers_as_in_process_and_reloads_after_its_process_dies() -> None:
    isolated, local = ModelWorker(VADER), ModelWorker(VADER.with_overrides(isolate=False))
    texts = ["I love it", "This is terrible and I hate it", "The box is brown."]
    try:
        got = await isolated.run_strict(texts)
        assert got == await local.run_strict(texts)
        assert max(got[0], key=got[0].get) == "POSITIVE" and max(got[1], key=got[1].get) == "NEGATIVE"
        pid = isolated.backend._proc.pid  # type: ignore[union-attr]
        assert pid != os.getpid() and isolated.backend.alive  # type: ignore[union-attr]
        assert await isolated.attribute("card") == VADER  # read from the child's backend

        os.kill(pid, signal.SIGKILL)
        isolated.backend._proc.join(5)  # type: ignore[union-attr]
        again = await isolated.run_strict(["I love it"])  # the worker sees the dead process and loads a new one
        assert again == got[:1] and isolated.backend._proc.pid != pid  # type: ignore[union-attr]
    finally:
        await isolated.unload()
        await local.unload()


async def test_a_call_on_a_dead_process_is_model_not_ready() -> None:
    worker = ModelWorker(VADER)
    await worker.load()
    try:
        backend = worker.backend
        backend._proc.kill()  # type: ignore[union-attr]
        backend._proc.join(5)  # type: ignore[union-attr]
        with pytest.raises(ModelNotReady, match="its process stopped"):
            backend.predict(["I love it"])  # type: ignore[union-attr]
    finally:
        await worker.unload()


async def test_an_isolated_model_that_cannot_load_fails_with_its_reason() -> None:
    worker = ModelWorker(ModelCard(name="broken", task="sentiment", backend="transformers-sequence-classification",
                                   source="path:/nonexistent/model", isolate=True))
    await worker.load()
    assert worker.state is ModelState.FAILED and "/nonexistent/model" in (worker.reason or "")
