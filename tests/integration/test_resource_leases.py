"""Resource builds (Forecast predictors, Personalize versions, classifiers) across servers on one database:
each build runs on one server under a lease; a killed server's build is taken over once and recorded
once; a stop asked on any server stops the build where it runs."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from services.resources import ACTIVE, STOPPED, Resource, ResourceStore
from services.shared.leases import new_owner


class Builds:
    """A builder that takes `seconds` and counts its calls."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.calls: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, resource: Resource) -> dict[str, Any]:
        with self.lock:
            self.calls.append(resource.arn)
        time.sleep(self.seconds)
        return {"built_by": id(self)}


def server(url: str, seconds: float = 0.6, lease_s: float = 0.6) -> tuple[ResourceStore, Builds]:
    store = ResourceStore(sa.create_engine(url), "forecast", lease_s=lease_s, poll_s=0.05, owner=new_owner())
    builds = Builds(seconds)
    store.builders["predictor"] = builds
    return store, builds


def kill(store: ResourceStore) -> None:
    """What kill -9 leaves: the tasks gone, the leases still in the database."""
    for task in [*store._background, *store._tasks.values()]:
        task.cancel()
    store._background = []


async def until(check: Any, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def test_a_killed_servers_build_is_taken_over_and_recorded_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    a, on_a = server(url)
    b, on_b = server(url)
    await a.resume()
    made = a.create("predictor", "p1", "arn:p1", {}, [])
    await until(lambda: on_a.calls == ["arn:p1"])
    kill(a)
    await b.resume()
    await until(lambda: b.get("arn:p1").status == ACTIVE)
    done = b.get("arn:p1")
    assert on_b.calls == ["arn:p1"] and done.state == {"built_by": id(on_b)} and done.owner is None
    await asyncio.sleep(0.8)  # A's orphaned thread finishes: its result is not recorded over B's
    assert b.get(made.arn).state == {"built_by": id(on_b)}
    await b.shutdown()


async def test_live_servers_build_each_resource_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    a, on_a = server(url, seconds=0.2)
    b, on_b = server(url, seconds=0.2)
    await a.resume()
    await b.resume()
    for n in range(3):
        a.create("predictor", f"p{n}", f"arn:p{n}", {}, [])
    await until(lambda: all(a.get(f"arn:p{n}").status == ACTIVE for n in range(3)))
    await asyncio.sleep(0.5)  # B's poller had every chance to build one again
    assert sorted(on_a.calls + on_b.calls) == ["arn:p0", "arn:p1", "arn:p2"]
    await a.shutdown()
    await b.shutdown()


async def test_a_stop_on_another_server_stops_the_build(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    a, on_a = server(url, seconds=3, lease_s=0.3)
    b, _ = server(url)
    await a.resume()
    a.create("predictor", "slow", "arn:slow", {}, [])
    await until(lambda: on_a.calls == ["arn:slow"])
    assert await b.stop("arn:slow")
    await until(lambda: not a._tasks)  # A's heartbeat saw it was no longer its to build
    assert a.get("arn:slow").status == STOPPED
    await a.shutdown()
