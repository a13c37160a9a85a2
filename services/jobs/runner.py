"""The job runner: one mechanism for every service's async jobs.

A job kind registers a :class:`JobHandler` that lists the job's input items, processes a chunk of them
(through the same batching workers as the synchronous APIs) and writes the outputs at the end. The
runner records each finished item durably before it takes the next chunk, so after a crash (even
kill -9) a restart resumes unfinished jobs, skips what is recorded, and ends with exactly one output per
input. A stop request is honoured between chunks.

Fair share with synchronous traffic: each job has at most ``chunks_in_flight`` chunks (``chunk_size``
items each, 4 × 25 by default) in a model's queue at once, and at most ``max_concurrent`` jobs run at
once, so an interactive request waits behind a bounded number of job items (a few batches), while the
window keeps the model busy between one chunk's results and the next chunk's submission.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from models.errors import Overloaded
from services.errors import ServiceError, storage_reason
from services.jobs.notifications import SnsNotifier, announce
from services.jobs.store import (
    COMPLETED,
    FAILED,
    FINAL,
    IN_PROGRESS,
    STOP_REQUESTED,
    STOPPED,
    SUBMITTED,
    ItemResult,
    Job,
    JobStore,
)

log = logging.getLogger(__name__)
OVERLOAD_RETRIES = 120  # each waits the model's Retry-After (at least 1 s)


@dataclass(frozen=True)
class WorkItem:
    key: str  # unique within the job, stable across restarts
    seq: int
    data: Any


class JobHandler(Protocol):
    chunk_size: int

    async def items(self, job: Job) -> list[WorkItem]:
        """The job's input items in output order (the same list on every run)."""

    async def process(self, job: Job, items: list[WorkItem]) -> list[ItemResult]:
        """Results for a chunk, one per item (an item's failure is a result with ok=False)."""

    async def finish(self, job: Job, results: Iterator[ItemResult]) -> str:
        """Write the job's outputs; return where they are. Must be safe to run again."""


class JobNotFound(ServiceError):
    code = "job_not_found"


class JobRunner:
    def __init__(self, store: JobStore, max_concurrent: int = 2, chunks_in_flight: int = 4,
                 notifier: SnsNotifier | None = None) -> None:
        self.store = store
        self.notifier = notifier
        self.chunks_in_flight = chunks_in_flight
        self.handlers: dict[str, JobHandler] = {}
        self._slots = asyncio.Semaphore(max_concurrent)
        self._tasks: dict[str, asyncio.Task[None]] = {}

    def register(self, kind: str, handler: JobHandler) -> None:
        self.handlers[kind] = handler

    async def start(self) -> None:
        """Resume every unfinished job (after a restart or a crash)."""
        for job in self.store.unfinished():
            if job.kind in self.handlers:
                log.info("resuming job %s (%s, %s)", job.id, job.kind, job.state)
                self._launch(job.id)

    async def shutdown(self) -> None:
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def submit(self, kind: str, name: str | None, params: dict[str, Any], client_token: str | None) -> Job:
        if kind not in self.handlers:
            raise ServiceError(f"unknown job kind {kind!r}")
        job, created = self.store.create(kind, name, params, client_token)
        if created:
            self._launch(job.id)
        elif job.params != params:
            raise ServiceError(f"client token {client_token!r} was already used for a different job ({job.id})")
        return job

    def get(self, job_id: str, kinds: tuple[str, ...] | None = None) -> Job:
        job = self.store.get(job_id)
        if job is None or (kinds is not None and job.kind not in kinds):
            raise JobNotFound(f"no job with id {job_id!r}")
        return job

    async def stop(self, job_id: str, kinds: tuple[str, ...] | None = None) -> Job:
        """Ask a job to stop: queued jobs stop at once, running ones after the chunk in hand."""
        job = self.get(job_id, kinds)
        if job.state in FINAL:
            raise ServiceError(f"job {job_id} has already ended ({job.state}); only unfinished jobs can be stopped")
        if not self.store.update(job_id, only_if=(SUBMITTED,), state=STOPPED, ended_at=time.time()):
            self.store.update(job_id, only_if=(IN_PROGRESS,), state=STOP_REQUESTED)
        return self.get(job_id)

    def _launch(self, job_id: str) -> None:
        task = asyncio.get_running_loop().create_task(self._run(job_id), name=f"job-{job_id}")
        self._tasks[job_id] = task
        task.add_done_callback(lambda _: self._tasks.pop(job_id, None))

    async def _run(self, job_id: str) -> None:
        async with self._slots:
            job = self.store.get(job_id)
            if job is None or job.state in FINAL:
                return
            if job.state == STOP_REQUESTED:
                self.store.update(job_id, state=STOPPED, ended_at=time.time())
                return
            handler = self.handlers[job.kind]
            self.store.update(job_id, only_if=(SUBMITTED, IN_PROGRESS), state=IN_PROGRESS, started_at=time.time())
            try:
                await self._work(job, handler)
            except asyncio.CancelledError:
                raise  # shutdown: the job stays IN_PROGRESS and resumes at the next start
            except ServiceError as exc:
                self._end(job_id, FAILED, reason=exc.message)
            except Exception as exc:
                log.exception("job %s failed", job_id)
                self._end(job_id, FAILED, reason=_failure(exc))
            ended = self.store.get(job_id)
            if ended is not None and ended.state in FINAL:
                await announce(self.notifier, job_id, ended.state, ended.params)

    async def _work(self, job: Job, handler: JobHandler) -> None:
        items = await handler.items(job)
        self.store.update(job.id, items_total=len(items))
        done = self.store.done_keys(job.id)
        todo = [item for item in items if item.key not in done]
        chunks = [todo[i : i + handler.chunk_size] for i in range(0, len(todo), handler.chunk_size)]
        pending: set[asyncio.Task[list[ItemResult]]] = set()
        try:
            for chunk in chunks:
                current = self.store.get(job.id)
                if current is not None and current.state == STOP_REQUESTED:
                    await self._drain(job.id, pending)
                    self._end(job.id, STOPPED)
                    return
                if len(pending) >= self.chunks_in_flight:
                    finished, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                    for task in finished:
                        await asyncio.to_thread(self.store.record_items, job.id, task.result())
                pending.add(asyncio.create_task(self._process(handler, job, chunk)))
            await self._drain(job.id, pending)
        finally:
            for task in pending:  # a failed chunk or a shutdown: nothing keeps running for this job
                task.cancel()
        output = await handler.finish(job, self.store.items(job.id))
        self._end(job.id, COMPLETED, output_uri=output)

    @staticmethod
    async def _process(handler: JobHandler, job: Job, chunk: list[WorkItem]) -> list[ItemResult]:
        """A busy model (sync callers come first, and its queue has a deadline) delays a chunk, never fails it."""
        for attempt in range(OVERLOAD_RETRIES):
            try:
                return await handler.process(job, chunk)
            except Overloaded as exc:
                if attempt == OVERLOAD_RETRIES - 1:
                    raise ServiceError(f"the model stayed busy for {OVERLOAD_RETRIES} tries; start the job again "
                                       "when the server is less loaded") from None
                await asyncio.sleep(exc.retry_after)
        return []  # not reached: the last try returns or raises

    async def _drain(self, job_id: str, pending: set[asyncio.Task[list[ItemResult]]]) -> None:
        """Wait for the chunks in flight and record them (their work is done; keep it)."""
        while pending:
            finished, rest = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            pending.clear()
            pending.update(rest)
            for task in finished:
                await asyncio.to_thread(self.store.record_items, job_id, task.result())

    def _end(self, job_id: str, state: str, reason: str | None = None, output_uri: str | None = None) -> None:
        values: dict[str, Any] = {"state": state, "ended_at": time.time()}
        if reason is not None:
            values["failure_reason"] = reason
        if output_uri is not None:
            values["output_uri"] = output_uri
        self.store.update(job_id, **values)


def _failure(exc: Exception) -> str:
    """A job's failure reason: what failed in plain words (storage full, read-only, ...), never a path."""
    reason = storage_reason(exc)
    if reason is None and isinstance(exc, OSError) and exc.errno:
        reason = os.strerror(exc.errno)
    if reason is not None:
        return f"a storage error while running the job: {reason}"
    return "internal error while running the job; see the server log"
