"""The job runner: one mechanism for every service's async jobs.

A job kind registers a :class:`JobHandler` that lists the job's input items, processes a chunk of them
(through the same batching workers as the synchronous APIs) and writes the outputs at the end. The
runner records each finished item durably before it takes the next chunk, so after a crash (even
kill -9) a restart resumes unfinished jobs, skips what is recorded, and ends with exactly one output per
input. A stop request is honoured between chunks.

Several servers on one store (Postgres) share the jobs: a server runs a job only while it holds the job's
lease (services/jobs/store.py). Its poller claims free jobs up to ``max_concurrent`` (a new job at once,
others every ``poll_s``), its heartbeat renews its leases every third of ``lease_s``, and a job whose
lease it lost (another server took it after a stall) is cancelled here without touching the job's state.
A server killed mid-job is replaced by whichever server claims the job after the lease runs out; items
are recorded once per (job, item), and only the lease holder finishes the job: one output per input.

Fair share with synchronous traffic: each job has at most ``chunks_in_flight`` chunks (``chunk_size``
items each, 4 × 25 by default) in a model's queue at once, and at most ``max_concurrent`` jobs run at
once, so an interactive request waits behind a bounded number of job items (a few batches), while the
window keeps the model busy between one chunk's results and the next chunk's submission.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from models.errors import Overloaded
from services.errors import ServiceError, database_away, storage_reason
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
from services.shared.leases import PROCESS_OWNER, in_background

log = logging.getLogger(__name__)
OVERLOAD_RETRIES = 120  # each waits the model's Retry-After (at least 1 s)
OUTAGE_RETRY_S = 10  # a job paused by its store's outage is tried again this long after (or lease_s, if shorter)


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
                 notifier: SnsNotifier | None = None, lease_s: float = 30.0, poll_s: float = 2.0,
                 owner: str = PROCESS_OWNER) -> None:
        self.store = store
        self.notifier = notifier
        self.chunks_in_flight = chunks_in_flight
        self.max_concurrent = max_concurrent
        self.lease_s, self.poll_s = lease_s, poll_s
        self.owner = owner  # one per process; tests give each simulated server its own
        self.handlers: dict[str, JobHandler] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._background: list[asyncio.Task[None]] = []
        self._wake = asyncio.Event()

    def register(self, kind: str, handler: JobHandler) -> None:
        self.handlers[kind] = handler

    async def start(self) -> None:
        """Claim unfinished jobs (left by a restart, a crash or another server) and keep claiming."""
        if not self._background:
            self._background = [asyncio.get_running_loop().create_task(loop(), name=f"jobs-{loop.__name__}")
                                for loop in (self._poll, self._heartbeat)]
        await self._claim_free()

    async def shutdown(self) -> None:
        tasks = [*self._background, *self._tasks.values()]
        self._background = []
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await in_background(self.store.leases.release, self.owner)  # another server may resume them at once

    async def _poll(self) -> None:
        while True:
            # asyncio.timeout, not wait_for: on 3.11 a cancel arriving as wait_for times out is turned into
            # TimeoutError and lost, and shutdown's gather then waits forever (seen in the lease tests)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.poll_s):
                    await self._wake.wait()
            self._wake.clear()
            try:
                await self._claim_free()
            except Exception:  # the store is away: keep polling, it may come back
                log.exception("claiming jobs failed")

    async def _claim_free(self) -> None:
        free = self.max_concurrent - len(self._tasks)
        if free <= 0 or not self.handlers:
            return
        for job in await in_background(self.store.claimable, list(self.handlers), free):
            if free <= 0:
                break
            claim = self.store.leases.claim
            if job.id not in self._tasks and await in_background(claim, job.id, job.owner, self.owner, self.lease_s):
                if job.state != SUBMITTED:
                    log.info("resuming job %s (%s, %s, last held by %s)", job.id, job.kind, job.state, job.owner)
                self._launch(job.id)
                free -= 1

    async def _heartbeat(self) -> None:
        while True:
            await asyncio.sleep(self.lease_s / 3)
            try:
                held = await in_background(self.store.leases.renew, self.owner, self.lease_s)
            except Exception:
                log.exception("renewing job leases failed")
                continue
            for job_id, task in list(self._tasks.items()):
                if job_id not in held:
                    log.warning("lost the lease of job %s to another server; leaving it to that one", job_id)
                    task.cancel()
            orphans = held - set(self._tasks)  # held, no longer run: paused by an outage, or its end went unwritten
            if orphans:
                try:
                    await in_background(self.store.leases.release_keys, self.owner, orphans)
                except Exception:
                    log.exception("releasing job leases failed")
                    continue
                self._wake.set()  # claim them again (this server or another)

    async def submit(self, kind: str, name: str | None, params: dict[str, Any], client_token: str | None) -> Job:
        if kind not in self.handlers:
            raise ServiceError(f"unknown job kind {kind!r}")
        job, created = self.store.create(kind, name, params, client_token)
        if created:
            if not self._background:
                await self.start()
            self._wake.set()
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

        def done(_: object) -> None:
            self._tasks.pop(job_id, None)
            self._wake.set()  # a slot is free: claim the next job

        task.add_done_callback(done)

    async def _run(self, job_id: str) -> None:
        job = self.store.get(job_id)
        if job is None or job.state in FINAL:
            return
        if job.state == STOP_REQUESTED:
            self._end(job_id, STOPPED)
            return
        handler = self.handlers[job.kind]
        self.store.update(job_id, only_if=(SUBMITTED, IN_PROGRESS), by=self.owner, state=IN_PROGRESS,
                          started_at=time.time())
        try:
            await self._work(job, handler)
        except asyncio.CancelledError:
            raise  # shutdown or a lost lease: the job stays IN_PROGRESS and resumes where it is claimed next
        except Exception as exc:
            if _transient(exc):  # the store is away, not the job at fault: keep it, resume it when it is back
                log.warning("job %s paused (%s); it resumes from its recorded items when the store answers", job_id,
                            exc.message if isinstance(exc, ServiceError) else storage_reason(exc))
                await asyncio.sleep(min(self.lease_s, OUTAGE_RETRY_S))
                return  # the heartbeat gives up its lease, and a poll claims it again
            if isinstance(exc, ServiceError):
                self._end(job_id, FAILED, reason=exc.message)
            else:
                log.exception("job %s failed", job_id)
                self._end(job_id, FAILED, reason=_failure(exc))
        ended = self.store.get(job_id)
        if ended is not None and ended.state in FINAL and ended.owner is None:
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
        if job.id not in await in_background(self.store.leases.renew, self.owner, self.lease_s):
            log.warning("job %s: another server holds its lease now; it writes the outputs", job.id)
            return
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
        """The job's final state, written only while this server holds its lease (which it gives up)."""
        values: dict[str, Any] = {"state": state, "ended_at": time.time(), "owner": None, "lease_until": None}
        if reason is not None:
            values["failure_reason"] = reason
        if output_uri is not None:
            values["output_uri"] = output_uri
        self.store.update(job_id, by=self.owner, **values)


def _transient(exc: Exception) -> bool:
    """The job's store (its database, the S3 store) did not answer: retrying later may succeed as it is."""
    return bool(getattr(exc, "transient", False)) or database_away(exc) is not None


def _failure(exc: Exception) -> str:
    """A job's failure reason: what failed in plain words (storage full, read-only, ...), never a path."""
    reason = storage_reason(exc)
    if reason is None and isinstance(exc, OSError) and exc.errno:
        reason = os.strerror(exc.errno)
    if reason is not None:
        return f"a storage error while running the job: {reason}"
    return "internal error while running the job; see the server log"
