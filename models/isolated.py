"""A model in a process of its own (``isolate = true`` on its card): the backend loads and predicts in a
spawned child, and the worker's batcher thread hands it each batch over a pipe.

Why: the gateway's event loop (HTTP, JSON, validation) and a backend's Python code (a transformer's module
calls, spaCy's pipeline) share one interpreter lock when they share a process; the child has its own, as
the model process of a peer like mosec does. The cost is a copy of each batch and its outputs both ways and
the child's own interpreter (memory), so it is a per-card choice, measured in bench/bench_peers.py.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import threading
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import Any

from models.cards import ModelCard
from models.errors import ModelNotReady
from models.portable import portable

log = logging.getLogger(__name__)


def _serve(card: ModelCard, device: str, precision: str, conn: Connection) -> None:
    """The child: load the backend, then answer batches until told to stop or the parent goes away."""
    from models.base import create_backend
    from models.worker import _load, freeze_heap

    try:
        backend = create_backend(card)
        _load(backend, device, precision)
        freeze_heap()
    except Exception as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ok", None))
    while True:
        try:
            kind, value = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if kind == "stop":
            backend.unload()
            return
        try:
            if kind == "predict":
                conn.send(("ok", [portable(o) for o in backend.predict(value)]))
            else:  # "attr"
                conn.send(("ok", getattr(backend, value, None)))
        except Exception as exc:  # the whole batch failed: the batcher retries its items one by one
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class IsolatedBackend:
    """The Backend contract, kept by a child process that holds the real backend."""

    imports: tuple[str, ...] = ()

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self._conn: Connection | None = None
        self._proc: Any = None
        self._lock = threading.Lock()  # one batch on the pipe at a time (the batcher sends one anyway)

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.is_alive()

    def load(self, device: str, precision: str) -> None:
        ctx = multiprocessing.get_context("spawn")  # a fresh interpreter: no copied threads or locks
        parent, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(self.card, device, precision, child), daemon=True,
                                 name=f"cirrus-model-{self.card.name}")
        self._proc.start()
        child.close()
        try:
            kind, value = parent.recv()
        except EOFError:
            kind, value = "error", f"its process exited with code {self._proc.exitcode} while loading"
        if kind != "ok":
            self._proc.join(5)
            raise RuntimeError(value)
        self._conn = parent
        log.info("model %s runs in process %d", self.card.name, self._proc.pid)

    def _ask(self, kind: str, value: Any) -> Any:
        with self._lock:
            if self._conn is None:
                raise ModelNotReady(self.card.name, "it is not loaded")
            try:
                self._conn.send((kind, value))
                status, answer = self._conn.recv()
            except (EOFError, OSError):
                raise ModelNotReady(self.card.name, f"its process stopped (exit code {self._proc.exitcode}); "
                                    "it loads again on the next request") from None
        if status != "ok":
            raise RuntimeError(answer)
        return answer

    def predict(self, items: list[Any]) -> Sequence[Any]:
        return self._ask("predict", items)

    def __getattr__(self, name: str) -> Any:  # a backend attribute the services read (a speech model's languages)
        if name.startswith("_"):
            raise AttributeError(name)
        return self._ask("attr", name)

    def unload(self) -> None:
        conn, proc, self._conn, self._proc = self._conn, self._proc, None, None
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.send(("stop", None))
            conn.close()
        if proc is not None:
            proc.join(10)
            if proc.is_alive():
                proc.kill()
                proc.join(5)
