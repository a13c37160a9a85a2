"""The batching worker runtime: many concurrent callers, few batched model calls.

Callers submit *items* (a request with 20 texts submits 20 items). One consumer task per model takes
up to ``max_batch_size`` queued items, waiting at most ``max_wait_ms`` counted from the moment the
first of them was queued, runs the batch once in a worker thread (off the event loop), and resolves
every caller's future with its own result or its own exception. With ``parallel`` > 1, up to that many
batches run at once, each in a thread of its own ("slot"): the next batch is collected while others run,
and goes to the lowest free slot, so a lightly loaded model keeps using one thread (and its OpenMP team)
instead of waking a second (for backends whose batches can share the cores: see ModelWorker). While
another batch is in the model, the one being collected stays open until it is full or ``HOLD_WAITS``
times ``max_wait_ms`` have passed since its slot was free, counted from then and not from its oldest item
(see HOLD_WAITS for why).

Guarantees, each covered by tests/unit/test_batcher.py:
- admission is bounded: a submission that would push the queue past ``max_queue`` items is refused at
  once with :class:`Overloaded`;
- waiting is bounded: a caller whose items are still queued (not yet in a batch) ``max_queue_wait_s``
  after submitting gets :class:`Overloaded` and its items leave the queue; items already running are
  waited for (a long transcription is not cut off by a queue deadline);
- every future resolves: outputs are checked against inputs, and a crashed batch sets the exception on
  every waiting future;
- one bad item fails only itself: when a batch raises, its items are retried one by one, so the item
  at fault gets the exception and its neighbours get results;
- cancelled callers are dropped before their items reach the model.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from models.errors import Overloaded

log = logging.getLogger(__name__)

HOLD_WAITS = 3
"""How long a batch collected beside a running one may wait to fill, in ``max_wait_ms``. Under steady load
the callers of a finished batch send their next requests together, and come back over tens of ms (each is
read and parsed in turn). Cut at the oldest item's ``max_wait``, a freed slot took the items already
queued at once, callers split into more groups than there are slots, and from then on every group waited
a whole batch for a slot: 64 callers over two slots ran as batches of 13 + 19 + 32 for good, and p99 was
two batches' time. Waiting (from the moment the slot was free) for the returning callers merges the
groups again within a batch or two. Alone in the model, a batch keeps the plain ``max_wait`` bound: a free
core is not held idle for items that may not come."""

QUIET_S = 0.25
"""A batch that starts alone is sized for one more beside it (see ``Batcher.sharing``) while batches ran
side by side less than this long ago."""

BatchFn = Callable[[list[Any]], Sequence[Any]]
"""Runs one batch: a list of items in, one output per item back (an output may be an Exception instance)."""


@dataclass
class BatchStats:
    """Counters a worker exposes (also exported as Prometheus metrics by the caller's hooks)."""

    batches: int = 0
    items: int = 0
    rejected: int = 0
    sizes: collections.Counter[int] = field(default_factory=collections.Counter)


class _Submission:
    """One caller's items: a single future, resolved with every item's outcome once the last comes back (one
    future per caller, not one per item gathered: per item, the batcher's own cost fell from 20 to 5 us
    on this machine; a GPU serving ~10,000 texts/s spent a fifth of a core on it)."""

    __slots__ = ("future", "outcomes", "remaining")

    def __init__(self, future: asyncio.Future[list[Any]], size: int) -> None:
        self.future, self.outcomes, self.remaining = future, [None] * size, size

    def resolve(self, index: int, outcome: Any) -> None:
        if self.future.done():  # rejected, stopped or cancelled meanwhile
            return
        self.outcomes[index] = outcome
        self.remaining -= 1
        if not self.remaining:
            self.future.set_result(self.outcomes)


@dataclass(slots=True)
class _Pending:
    item: Any
    submission: _Submission
    index: int
    queued_at: float


class Batcher:
    """Coalesces items from concurrent callers into batched calls of ``fn``."""

    def __init__(
        self,
        fn: BatchFn,
        *,
        name: str,
        max_batch_size: int = 32,
        max_wait_ms: float = 5.0,
        max_queue: int = 1024,
        max_queue_wait_s: float | None = 30.0,
        parallel: int = 1,
        executor: Executor | None = None,
        on_batch: Callable[[int], None] | None = None,
        on_reject: Callable[[], None] | None = None,
    ) -> None:
        if max_batch_size < 1:
            raise ValueError("max_batch_size must be >= 1")
        if parallel < 1:
            raise ValueError("parallel must be >= 1")
        if max_queue < max_batch_size:
            raise ValueError("max_queue must be >= max_batch_size")
        self.fn = fn
        self.name = name
        self.max_batch_size = max_batch_size
        self.max_wait = max_wait_ms / 1000.0
        self.max_queue = max_queue
        self.max_queue_wait = max_queue_wait_s
        self.parallel = parallel
        self.stats = BatchStats()
        self._slots: list[Executor] = [
            executor or ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"model-{name}-{n}") for n in range(parallel)
        ]
        self._busy = [False] * parallel
        self._owns_executor = executor is None
        self._on_batch = on_batch
        self._on_reject = on_reject
        self._queue: collections.deque[_Pending] = collections.deque()
        self._wakeup: asyncio.Event | None = None
        self._slot_freed: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._expiry: asyncio.TimerHandle | None = None
        self._running: set[asyncio.Task[None]] = set()
        self._shared_at = -QUIET_S  # when batches last stopped running side by side (time.monotonic())

    @property
    def running(self) -> int:
        """Batches in the model now."""
        return sum(self._busy)

    @property
    def sharing(self) -> int:
        """How many batches a starting batch shares the cores with, itself included (read by the batch function to
        size its threads): those in the model, plus one more where another is about to start (items still
        queued, or batches side by side within QUIET_S). Sized by ``running`` alone, the first batch of a burst
        took every core, the second started beside it a moment later, and for the first one's whole pass
        three threads shared two cores, each pass waiting at OpenMP's barriers for a preempted thread (a batch
        ~1.3-2x its CPU time)."""
        running = sum(self._busy)
        if running < self.parallel and (self._queue or time.monotonic() - self._shared_at < QUIET_S):
            return running + 1
        return running

    @property
    def depth(self) -> int:
        """Items queued and not yet taken into a batch."""
        return len(self._queue)

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._wakeup, self._slot_freed = asyncio.Event(), asyncio.Event()
            self._task = asyncio.get_running_loop().create_task(self._run(), name=f"batcher-{self.name}")

    async def stop(self) -> None:
        """Stop the consumer; every item still queued fails with an error instead of waiting forever."""
        tasks = [t for t in (self._task, *self._running) if t is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._task = None
        self._running.clear()
        if self._expiry is not None:
            self._expiry.cancel()
            self._expiry = None
        self._fail(list(self._queue), RuntimeError(f"model {self.name!r} was stopped"))
        self._queue.clear()
        if self._owns_executor:
            for slot in self._slots:
                slot.shutdown(wait=False, cancel_futures=True)

    @staticmethod
    def _fail(pending: list[_Pending], exc: BaseException) -> None:
        for p in pending:
            if not p.submission.future.done():
                p.submission.future.set_exception(exc)

    async def submit(self, item: Any) -> Any:
        """Run one item; returns its output or raises its exception."""
        (outcome,) = await self.submit_many([item])
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    async def submit_many(self, items: Sequence[Any]) -> list[Any]:
        """Run several items (all admitted or none); returns one outcome per item, exceptions as values.
        Cancelling the caller drops its items that are still queued."""
        if not items:
            return []
        if len(self._queue) + len(items) > self.max_queue:
            raise self._reject("its queue is full")
        self.start()
        loop = asyncio.get_running_loop()
        now = loop.time()
        submission = _Submission(loop.create_future(), len(items))
        self._queue.extend(_Pending(item, submission, n, now) for n, item in enumerate(items))
        if self.max_queue_wait is not None and self._expiry is None:
            self._expiry = loop.call_at(self._queue[0].queued_at + self.max_queue_wait, self._expire)
        assert self._wakeup is not None
        self._wakeup.set()
        return await submission.future  # cancelled with the caller: the consumer then skips its items

    def _expire(self) -> None:
        """The queue's one deadline timer: callers whose items are still queued ``max_queue_wait`` after they
        came get Overloaded (the whole call, though some of its items may be running); then it is set again
        for the oldest item left."""
        assert self.max_queue_wait is not None
        loop = asyncio.get_running_loop()
        self._expiry = None
        expired = loop.time() - self.max_queue_wait
        while self._queue and self._queue[0].queued_at <= expired:
            submission = self._queue.popleft().submission
            if not submission.future.done():
                submission.future.set_exception(self._reject(f"waited {self.max_queue_wait:g}s in its queue"))
        self._queue = collections.deque(p for p in self._queue if not p.submission.future.done())
        if self._queue:
            self._expiry = loop.call_at(self._queue[0].queued_at + self.max_queue_wait, self._expire)

    def _reject(self, reason: str) -> Overloaded:
        self.stats.rejected += 1
        if self._on_reject:
            self._on_reject()
        return Overloaded(self.name, retry_after=self._retry_after(), reason=reason)

    def _retry_after(self) -> float:
        """A hint for clients: roughly the time to drain the current queue, at least one second."""
        return max(1.0, round(len(self._queue) / max(self.max_batch_size, 1) * 0.05, 1))

    async def _take_batch(self) -> list[_Pending]:
        """Wait for the first item, then collect up to max_batch_size until its wait budget runs out: the oldest
        item's ``max_wait``, or beside a running batch ``HOLD_WAITS`` of them from when this slot was free."""
        loop = asyncio.get_running_loop()
        assert self._wakeup is not None
        opened = loop.time()
        while not self._queue:
            self._wakeup.clear()
            await self._wakeup.wait()
        while self._queue and len(self._queue) < self.max_batch_size:
            if any(self._busy):  # woken again when that batch ends: then the plain bound applies
                deadline = max(self._queue[0].queued_at, opened) + self.max_wait * HOLD_WAITS
            else:
                deadline = self._queue[0].queued_at + self.max_wait
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            self._wakeup.clear()
            try:  # asyncio.timeout, not wait_for: on 3.11 wait_for can turn a stop()'s cancel into a timeout
                async with asyncio.timeout(remaining):
                    await self._wakeup.wait()
            except TimeoutError:
                break
        batch: list[_Pending] = []
        while self._queue and len(batch) < self.max_batch_size:
            pending = self._queue.popleft()
            if not pending.submission.future.done():  # drop cancelled and rejected callers
                batch.append(pending)
        return batch

    async def _run(self) -> None:
        """Collect a batch whenever a slot is free, and start it there."""
        loop = asyncio.get_running_loop()
        assert self._slot_freed is not None
        while True:
            while all(self._busy):
                self._slot_freed.clear()
                await self._slot_freed.wait()
            batch = await self._take_batch()
            if not batch:
                continue
            slot = self._busy.index(False)  # the lowest: a lone batch runs where the last one ran
            self._busy[slot] = True
            task = loop.create_task(self._execute(slot, batch), name=f"batch-{self.name}-{slot}")
            self._running.add(task)
            task.add_done_callback(self._running.discard)

    async def _execute(self, slot: int, batch: list[_Pending]) -> None:
        loop = asyncio.get_running_loop()
        items = [p.item for p in batch]
        try:
            outcomes = await loop.run_in_executor(self._slots[slot], self._call, items)
        except asyncio.CancelledError:  # stopped mid-batch: its callers get an error, not silence
            self._fail(batch, RuntimeError(f"model {self.name!r} was stopped"))
            raise
        except Exception as exc:  # the executor itself failed: fail every waiting caller
            outcomes = [exc] * len(batch)
        finally:
            if sum(self._busy) > 1:  # every overlap ends here, so this is when batches last ran side by side
                self._shared_at = time.monotonic()
            self._busy[slot] = False
            assert self._slot_freed is not None and self._wakeup is not None
            self._slot_freed.set()
            self._wakeup.set()  # a batch held open beside this one goes back to the plain bound
        self.stats.batches += 1
        self.stats.items += len(batch)
        self.stats.sizes[len(batch)] += 1
        if self._on_batch:
            self._on_batch(len(batch))
        for pending, outcome in zip(batch, outcomes, strict=True):
            pending.submission.resolve(pending.index, outcome)

    def _call(self, items: list[Any]) -> list[Any]:
        """Runs in the worker thread. Never raises: exceptions become per-item outcomes."""
        started = time.perf_counter()
        try:
            outputs = list(self.fn(items))
            if len(outputs) != len(items):
                raise RuntimeError(f"model {self.name!r} returned {len(outputs)} outputs for {len(items)} inputs")
        except Exception as exc:
            if len(items) == 1:
                return [exc]
            log.warning("batch of %d failed on %s (%s); retrying items one by one", len(items), self.name, exc)
            return [self._call([item])[0] for item in items]
        log.debug("%s ran a batch of %d in %.1f ms", self.name, len(items), (time.perf_counter() - started) * 1e3)
        return outputs
