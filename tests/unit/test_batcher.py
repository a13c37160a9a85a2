"""The batching runtime with a fake model: coalescing, the wait bound, errors, cancellation, overflow."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from models import batcher as batcher_module
from models.batcher import Batcher
from models.errors import Overloaded


class FakeModel:
    """Doubles numbers; records every batch; can be held on a gate; fails on the item 'bad'."""

    def __init__(self) -> None:
        self.batches: list[list[object]] = []
        self.gate = threading.Event()
        self.gate.set()
        self.entered = threading.Event()

    def __call__(self, items: list[object]) -> list[object]:
        self.entered.set()
        self.gate.wait(5)
        self.batches.append(list(items))
        if "bad" in items:
            raise ValueError("bad item")
        return [x * 2 for x in items]  # type: ignore[operator]


async def test_concurrent_calls_coalesce_into_few_batches() -> None:
    model = FakeModel()
    batcher = Batcher(model, name="t", max_batch_size=16, max_wait_ms=50)
    results = await asyncio.gather(*(batcher.submit(i) for i in range(64)))
    assert results == [i * 2 for i in range(64)]
    assert len(model.batches) <= 8  # 64 items at 16 a batch: 4 when perfectly packed
    assert max(len(b) for b in model.batches) == 16
    await batcher.stop()


async def test_items_not_requests_fill_the_batch() -> None:
    model = FakeModel()
    batcher = Batcher(model, name="t", max_batch_size=8, max_wait_ms=20)
    outcomes = await batcher.submit_many(list(range(20)))
    assert outcomes == [i * 2 for i in range(20)]
    assert [len(b) for b in model.batches] == [8, 8, 4]
    await batcher.stop()


async def test_wait_clock_starts_at_first_item() -> None:
    model = FakeModel()
    batcher = Batcher(model, name="t", max_batch_size=64, max_wait_ms=100)
    first = asyncio.ensure_future(batcher.submit(1))
    await asyncio.sleep(0.02)  # well inside the first item's wait budget
    second = asyncio.ensure_future(batcher.submit(2))
    assert await asyncio.gather(first, second) == [2, 4]
    assert model.batches == [[1, 2]]  # the second joined the first's batch

    late = asyncio.ensure_future(batcher.submit(3))
    await asyncio.sleep(0.3)  # past the wait bound: the lone item has already run
    assert late.done() and late.result() == 6
    assert model.batches[-1] == [3]
    await batcher.stop()


async def test_one_bad_item_fails_only_itself() -> None:
    model = FakeModel()
    batcher = Batcher(model, name="t", max_batch_size=8, max_wait_ms=20)
    outcomes = await batcher.submit_many([1, "bad", 3])
    assert outcomes[0] == 2 and outcomes[2] == 6
    assert isinstance(outcomes[1], ValueError)
    with pytest.raises(ValueError, match="bad item"):
        await batcher.submit("bad")
    await batcher.stop()


async def test_crashed_batch_sets_exception_on_every_future() -> None:
    def broken(items: list[object]) -> list[object]:
        raise RuntimeError("GPU on fire")

    batcher = Batcher(broken, name="t", max_batch_size=8, max_wait_ms=10)
    outcomes = await asyncio.wait_for(batcher.submit_many([1, 2, 3]), timeout=5)
    assert all(isinstance(o, RuntimeError) for o in outcomes)
    await batcher.stop()


async def test_wrong_number_of_outputs_fails_every_caller() -> None:
    batcher = Batcher(lambda items: items[:-1], name="t", max_batch_size=8, max_wait_ms=10)
    outcomes = await asyncio.wait_for(batcher.submit_many([1, 2]), timeout=5)
    assert all(isinstance(o, RuntimeError) for o in outcomes)
    await batcher.stop()


async def test_cancelled_callers_are_dropped_before_the_model() -> None:
    model = FakeModel()
    model.gate.clear()
    batcher = Batcher(model, name="t", max_batch_size=1, max_wait_ms=0)
    running = asyncio.ensure_future(batcher.submit(1))
    await asyncio.to_thread(model.entered.wait, 5)  # item 1 is inside the model
    queued = asyncio.ensure_future(batcher.submit(2))
    kept = asyncio.ensure_future(batcher.submit(3))
    await asyncio.sleep(0.01)
    queued.cancel()
    model.gate.set()
    assert await running == 2 and await kept == 6
    assert [2] not in model.batches
    with pytest.raises(asyncio.CancelledError):
        await queued
    await batcher.stop()


async def test_full_queue_rejects_at_once() -> None:
    model = FakeModel()
    model.gate.clear()
    batcher = Batcher(model, name="t", max_batch_size=2, max_wait_ms=0, max_queue=4)
    first = asyncio.ensure_future(batcher.submit_many([1, 2]))
    await asyncio.to_thread(model.entered.wait, 5)  # batch [1, 2] is running: the queue is empty again
    waiting = asyncio.ensure_future(batcher.submit_many([3, 4, 5, 6]))
    await asyncio.sleep(0.01)
    with pytest.raises(Overloaded) as info:
        await asyncio.wait_for(batcher.submit(7), timeout=0.5)  # refused immediately, not queued
    assert info.value.retry_after >= 1
    assert batcher.stats.rejected == 1
    model.gate.set()
    assert await first == [2, 4]
    assert await waiting == [6, 8, 10, 12]
    assert await batcher.submit(7) == 14  # room again once drained
    await batcher.stop()


async def test_stop_fails_running_and_queued_items_instead_of_hanging() -> None:
    model = FakeModel()
    model.gate.clear()
    batcher = Batcher(model, name="t", max_batch_size=1, max_wait_ms=0)
    running = asyncio.ensure_future(batcher.submit(1))
    await asyncio.to_thread(model.entered.wait, 5)
    queued = asyncio.ensure_future(batcher.submit(2))
    await asyncio.sleep(0.01)
    await batcher.stop()
    model.gate.set()
    for caller in (running, queued):  # the batch inside the model and the one still queued
        with pytest.raises(RuntimeError, match="stopped"):
            await asyncio.wait_for(caller, timeout=2)


async def test_queued_items_past_the_deadline_get_overloaded_running_ones_do_not() -> None:
    model = FakeModel()
    model.gate.clear()  # the first batch runs and is held
    batcher = Batcher(model, name="t", max_batch_size=1, max_wait_ms=0, max_queue=8, max_queue_wait_s=0.2)
    running = asyncio.ensure_future(batcher.submit(1))
    await asyncio.to_thread(model.entered.wait, 5)
    queued = asyncio.ensure_future(batcher.submit(2))
    loop = asyncio.get_running_loop()
    started = loop.time()
    with pytest.raises(Overloaded, match=r"waited 0.2s in its queue") as info:
        await queued
    assert 0.15 < loop.time() - started < 2 and info.value.retry_after >= 1
    assert batcher.depth == 0 and batcher.stats.rejected == 1  # the stale item left the queue
    await asyncio.sleep(0.3)
    assert not running.done()  # in the model past the deadline: still waited for, never cut off
    model.gate.set()
    assert await running == 2
    assert [b for b in model.batches] == [[1]]  # the timed-out item never reached the model
    await batcher.stop()


async def test_a_call_partly_in_the_model_is_refused_whole_and_the_deadline_follows_the_oldest_item() -> None:
    """One timer serves the whole queue: it fires for the oldest queued item, then is set for the next."""
    model = FakeModel()
    model.gate.clear()
    batcher = Batcher(model, name="t", max_batch_size=1, max_wait_ms=0, max_queue=8, max_queue_wait_s=0.4)
    split = asyncio.ensure_future(batcher.submit_many([1, 2]))  # 1 goes into the model and is held; 2 waits
    await asyncio.to_thread(model.entered.wait, 5)
    await asyncio.sleep(0.2)
    later = asyncio.ensure_future(batcher.submit(3))  # its deadline comes 0.2 s after the first call's
    with pytest.raises(Overloaded, match=r"waited 0\.4s"):
        await asyncio.wait_for(split, 5)
    assert not later.done() and batcher.depth == 1  # 2 left the queue; 3 is not past its own deadline
    model.gate.set()
    assert await asyncio.wait_for(later, 5) == 6
    assert model.batches == [[1], [3]] and batcher.stats.rejected == 1  # 2 never reached the model
    await batcher.stop()


async def test_parallel_batches_run_side_by_side_and_the_next_fills_meanwhile() -> None:
    """With parallel=2 a second batch enters the model while the first is still inside it (the first is held
    until the second arrives: one batch at a time would never release it), and `running` counts both."""
    both_in = threading.Barrier(2, timeout=5)
    seen_running: list[int] = []
    batcher: Batcher

    def model(items: list[int]) -> list[int]:
        seen_running.append(batcher.running)
        both_in.wait()
        return [x + 1 for x in items]

    batcher = Batcher(model, name="t", max_batch_size=4, max_wait_ms=0, parallel=2)
    first = asyncio.ensure_future(batcher.submit_many([1, 2, 3, 4]))
    await asyncio.sleep(0.05)
    second = asyncio.ensure_future(batcher.submit_many([5, 6]))
    assert await asyncio.wait_for(first, 5) == [2, 3, 4, 5] and await asyncio.wait_for(second, 5) == [6, 7]
    assert sorted(seen_running) == [1, 2]  # the first saw itself alone; the second saw both in the model
    assert batcher.running == 0
    await batcher.stop()
    serial = Batcher(lambda items: [both_in.wait(0.2) for _ in items], name="s", max_batch_size=1, max_wait_ms=0)
    with pytest.raises(threading.BrokenBarrierError):  # one at a time: the barrier never sees two
        await serial.submit(1)
    await serial.stop()


class HeldFirst:
    """A model whose first batch stays inside until released; records when each batch entered."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.entered: list[tuple[float, list[int]]] = []

    def __call__(self, items: list[int]) -> list[int]:
        self.entered.append((time.monotonic(), list(items)))
        if len(self.entered) == 1:
            self.release.wait(5)
        return [x + 1 for x in items]


async def test_a_batch_beside_a_running_one_stays_open_past_max_wait_to_fill() -> None:
    """Beside a running batch, items that came within HOLD_WAITS x max_wait of the slot freeing join one batch
    (with the oldest item's max_wait alone, 5 would have run by itself and 6-8 after it)."""
    model = HeldFirst()
    batcher = Batcher(model, name="t", max_batch_size=4, max_wait_ms=50, parallel=2)  # held up to 150 ms
    first = asyncio.ensure_future(batcher.submit_many([1, 2, 3, 4]))
    await asyncio.sleep(0.01)
    fifth = asyncio.ensure_future(batcher.submit(5))
    await asyncio.sleep(0.08)  # past 5's max_wait
    rest = asyncio.ensure_future(batcher.submit_many([6, 7, 8]))
    assert await asyncio.wait_for(rest, 5) == [7, 8, 9] and await fifth == 6
    assert [items for _, items in model.entered] == [[1, 2, 3, 4], [5, 6, 7, 8]]
    model.release.set()
    assert await first == [2, 3, 4, 5]
    await batcher.stop()


async def test_a_held_batch_goes_at_the_hold_bound_or_at_once_when_the_other_batch_ends() -> None:
    model = HeldFirst()
    batcher = Batcher(model, name="t", max_batch_size=4, max_wait_ms=50, parallel=2)
    first = asyncio.ensure_future(batcher.submit_many([1, 2, 3, 4]))
    await asyncio.sleep(0.01)
    lone = asyncio.ensure_future(batcher.submit(5))
    await asyncio.sleep(0.09)  # past max_wait (50 ms), inside the hold (150 ms)
    assert len(model.entered) == 1 and not lone.done()
    assert await asyncio.wait_for(lone, 5) == 6  # nothing more came: it goes at the hold bound
    model.release.set()
    await first

    model = HeldFirst()
    batcher = Batcher(model, name="u", max_batch_size=4, max_wait_ms=100, parallel=2)  # held up to 300 ms
    first = asyncio.ensure_future(batcher.submit_many([1, 2, 3, 4]))
    await asyncio.sleep(0.01)
    lone = asyncio.ensure_future(batcher.submit(5))
    await asyncio.sleep(0.15)  # past its max_wait
    released = time.monotonic()
    model.release.set()  # the running batch ends: no reason left to hold the other
    assert await asyncio.wait_for(lone, 5) == 6 and await first == [2, 3, 4, 5]
    assert model.entered[1][0] - released < 0.1  # the hold would have kept it until ~150 ms after release
    await batcher.stop()


async def test_sharing_counts_a_batch_about_to_join(monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch sizes its threads for those in the model plus one more about to start: items still queued,
    or batches side by side within QUIET_S; a lone batch on a quiet model gets every core."""
    monkeypatch.setattr(batcher_module, "QUIET_S", 0.3)
    seen: list[int] = []
    batcher: Batcher

    def model(items: list[int]) -> list[int]:
        seen.append(batcher.sharing)
        time.sleep(0.05)
        return items

    batcher = Batcher(model, name="t", max_batch_size=4, max_wait_ms=100, parallel=2)
    await batcher.submit(1)
    assert seen == [1]  # alone, nothing queued
    await batcher.submit_many([1, 2, 3, 4, 5, 6])
    assert seen[1:] == [2, 1]  # the first of the burst saw two items queued for the next, which then ran alone
    await batcher.submit_many(list(range(8)))  # two full batches, side by side
    assert seen[3:] == [2, 2]
    await batcher.submit(1)
    assert seen[5] == 2  # alone, but two ran side by side within QUIET_S (its max_wait ago)
    await asyncio.sleep(0.35)
    await batcher.submit(1)
    assert seen[6] == 1
    await batcher.stop()
