"""A spawned process pool whose workers never outlive the server, and never run two builds at once.

A training worker (and the processes it forks for ``n_jobs``) would keep running after a ``kill -9`` of
the server, still burning CPU while the restarted server trains the same thing again. Each worker here
leads its own process group and watches its parent: when the parent is gone (the worker is re-parented),
it kills its whole group, forked children included. Work also runs under an exclusive lock on a file in
the data dir, held by the whole group, so a restarted server's build waits for a dying one instead of
racing it (the lock is the kernel's: it goes when the last process holding it dies).
"""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

WATCH_INTERVAL_S = 0.25


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_INTERVAL_S)
    os.killpg(0, signal.SIGKILL)  # the worker and everything it forked


def _init_worker(parent: int) -> None:
    os.setpgrp()
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="parent-watch").start()


def _locked(lock_path: str, fn: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    with open(lock_path, "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # waits while a dying server's worker still holds it
        return fn(*args)


class WorkerPool:
    """One spawned worker process (spawn: forking this threaded server deadlocks), started on first use."""

    def __init__(self, lock_path: Path) -> None:
        self.lock_path = lock_path
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_init_worker, initargs=(os.getpid(),))
        return self._pool.submit(_locked, str(self.lock_path), fn, args)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
