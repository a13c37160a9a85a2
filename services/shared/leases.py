"""Leases: which server works on a row (a job, a resource build) when several servers share one database.

A row that needs work carries ``owner`` (host/pid/token of the server working on it) and
``lease_until``. A server takes a free row with a compare-and-set ``UPDATE`` that exactly one server
wins (on SQLite and Postgres alike), renews what it holds with a heartbeat, and gives it back at
shutdown. A row is free when nobody holds it, its lease has run out (its server died or stalled), or
its holder was a process of this very host that is no longer alive (a local crash: a restart takes it
over at once instead of waiting out the lease).
"""

from __future__ import annotations

import asyncio
import functools
import os
import socket
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import sqlalchemy as sa

T = TypeVar("T")
_BACKGROUND = ThreadPoolExecutor(max_workers=1, thread_name_prefix="leases")


async def in_background(fn: Callable[..., T], *args: Any) -> T:
    """Run a lease chore (poll, claim, renew, release) on the one thread every poller and heartbeat of the
    process shares: they never block the event loop, and together they hold at most one database
    connection at a time (the default executor let overlapping chores grow the pool, a few files each)."""
    return await asyncio.get_running_loop().run_in_executor(_BACKGROUND, functools.partial(fn, *args))


def lease_columns() -> list[sa.Column[object]]:
    return [sa.Column("owner", sa.String(128)), sa.Column("lease_until", sa.Float)]


def add_lease_columns(engine: sa.Engine, table: str) -> None:
    """Give a table made before leases existed its two columns."""
    have = {c["name"] for c in sa.inspect(engine).get_columns(table)}
    with engine.begin() as conn:
        for name, kind in (("owner", "VARCHAR(128)"), ("lease_until", "FLOAT")):
            if name not in have:
                conn.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN {name} {kind}"))


def new_owner() -> str:
    """A server's name in leases: host, pid and a random token (a restarted pid is a new owner)."""
    return f"{socket.gethostname()}/{os.getpid()}/{uuid.uuid4().hex[:8]}"


PROCESS_OWNER = new_owner()


def dead_local_owner(owner: str | None) -> bool:
    """Whether ``owner`` was a process of this host that no longer runs."""
    host, _, rest = (owner or "").partition("/")
    pid = rest.partition("/")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def is_free(owner: str | None, lease_until: float | None) -> bool:
    return owner is None or (lease_until or 0) < time.time() or dead_local_owner(owner)


class Leases:
    """Claim, renew and release leases on rows of ``table`` (keyed by ``key``) while ``unfinished`` holds."""

    def __init__(self, engine: sa.Engine, table: sa.Table, key: sa.Column[str], unfinished: sa.ColumnElement[bool]) -> None:
        self.engine, self.table, self.key, self.unfinished = engine, table, key, unfinished

    def claim(self, key: str, seen_owner: str | None, owner: str, lease_s: float) -> bool:
        """Take the row's lease if it is still free as the caller saw it (held by ``seen_owner``)."""
        c, now = self.table.c, time.time()
        free = sa.or_(c.owner.is_(None), c.lease_until < now)
        if seen_owner is not None and dead_local_owner(seen_owner):
            free = sa.or_(free, c.owner == seen_owner)
        query = self.table.update().where(self.key == key, self.unfinished, free)
        with self.engine.begin() as conn:
            return conn.execute(query.values(owner=owner, lease_until=now + lease_s)).rowcount == 1

    def renew(self, owner: str, lease_s: float) -> set[str]:
        """Extend every lease ``owner`` holds on an unfinished row; return those rows' keys."""
        c = self.table.c
        with self.engine.begin() as conn:
            conn.execute(self.table.update().where(c.owner == owner, self.unfinished)
                         .values(lease_until=time.time() + lease_s))
            return set(conn.execute(sa.select(self.key).where(c.owner == owner, self.unfinished)).scalars())

    def release_keys(self, owner: str, keys: set[str]) -> None:
        """Give up ``owner``'s leases on these rows only (work it holds but no longer runs)."""
        with self.engine.begin() as conn:
            conn.execute(self.table.update().where(self.table.c.owner == owner, self.key.in_(sorted(keys)))
                         .values(owner=None, lease_until=None))

    def release(self, owner: str) -> None:
        """Give up every lease ``owner`` holds (a clean shutdown: another server may take over at once)."""
        with self.engine.begin() as conn:
            conn.execute(self.table.update().where(self.table.c.owner == owner).values(owner=None, lease_until=None))
