"""The gateway-side coalescer of Ray mode, with a fake deployment: few calls, outcomes back to their callers."""

from __future__ import annotations

import asyncio

import pytest

from models.errors import ModelNotReady, Overloaded
from models.ray.workers import Coalescer


class FakeDeployment:
    def __init__(self, delay: float = 0.02, fail: BaseException | None = None) -> None:
        self.calls: list[list[str]] = []
        self.delay, self.fail, self.most_out, self.out = delay, fail, 0, 0

    async def send(self, items: list[str]) -> list[str]:
        self.calls.append(items)
        self.out += 1
        self.most_out = max(self.most_out, self.out)
        try:
            await asyncio.sleep(self.delay)
            if self.fail:
                raise self.fail
            return [item.upper() for item in items]
        finally:
            self.out -= 1


async def test_concurrent_callers_share_calls_and_each_gets_its_own_outcomes() -> None:
    fake = FakeDeployment()
    c = Coalescer(fake.send, "m", max_items=32, max_queue=1024, in_flight=lambda: 2)
    answers = await asyncio.gather(*(c.submit([f"a{i}", f"b{i}"]) for i in range(50)))
    assert answers == [[f"A{i}", f"B{i}"] for i in range(50)]
    assert len(fake.calls) < 10 and fake.most_out <= 2  # 50 requests, a few calls, never more than 2 out
    assert all(len(call) <= 32 for call in fake.calls)


async def test_a_lone_caller_is_sent_at_once() -> None:
    fake = FakeDeployment(delay=0)
    c = Coalescer(fake.send, "m", max_items=32, max_queue=1024, in_flight=lambda: 2)
    assert await c.submit(["x"]) == ["X"] and fake.calls == [["x"]]


async def test_a_failed_call_fails_every_caller_in_it_and_later_calls_still_go() -> None:
    fake = FakeDeployment(fail=ModelNotReady("m", "its Ray replica stopped"))
    c = Coalescer(fake.send, "m", max_items=32, max_queue=1024, in_flight=lambda: 1)
    results = await asyncio.gather(*(c.submit([str(i)]) for i in range(5)), return_exceptions=True)
    assert all(isinstance(r, ModelNotReady) for r in results)
    fake.fail = None
    assert await c.submit(["ok"]) == ["OK"]


async def test_a_full_queue_is_refused_and_cancelled_callers_are_not_sent() -> None:
    fake = FakeDeployment(delay=0.1)
    c = Coalescer(fake.send, "m", max_items=4, max_queue=4, in_flight=lambda: 1)
    first = asyncio.create_task(c.submit(["1"]))  # goes out at once
    await asyncio.sleep(0)
    queued = asyncio.create_task(c.submit(["2", "3", "4"]))
    await asyncio.sleep(0)
    with pytest.raises(Overloaded):
        await c.submit(["5", "6"])  # 3 queued + 2 > 4
    queued.cancel()
    assert await first == ["1"]
    assert await c.submit(["7"]) == ["7"]
    assert ["2", "3", "4"] not in fake.calls
