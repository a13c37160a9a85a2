"""The durable job store (SQLAlchemy Core): SQLite in the data dir by default, Postgres by URL.

Two tables. ``jobs`` holds one row per job with its state, parameters, progress and timestamps.
``job_items`` holds one row per finished input item, keyed by (job id, item key): recording an item
twice is a no-op, so a job resumed after a crash skips what is recorded and never writes a duplicate.

Several servers can share one store (Postgres): a server runs a job only while it holds the job's
lease (``owner``, ``lease_until``), taken by a compare-and-set UPDATE that one server wins, renewed by a
heartbeat, released at shutdown. A server that dies (kill -9) stops renewing, and once its lease has
run out any server claims the job and resumes it from the recorded items; a lease held by a process of
this very host that is no longer alive (a local crash and restart) is claimable at once.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from services.shared.leases import Leases, add_lease_columns, is_free, lease_columns

SUBMITTED, IN_PROGRESS, COMPLETED, FAILED = "SUBMITTED", "IN_PROGRESS", "COMPLETED", "FAILED"
STOP_REQUESTED, STOPPED = "STOP_REQUESTED", "STOPPED"
UNFINISHED = (SUBMITTED, IN_PROGRESS, STOP_REQUESTED)
FINAL = (COMPLETED, FAILED, STOPPED)

metadata = sa.MetaData()
jobs_table = sa.Table(
    "jobs",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("kind", sa.String(64), nullable=False, index=True),
    sa.Column("name", sa.String(256)),
    sa.Column("state", sa.String(16), nullable=False, index=True),
    sa.Column("params", sa.Text, nullable=False),
    sa.Column("client_token", sa.String(64)),
    sa.Column("items_total", sa.Integer),
    sa.Column("items_done", sa.Integer, nullable=False, default=0),
    sa.Column("items_failed", sa.Integer, nullable=False, default=0),
    sa.Column("failure_reason", sa.Text),
    sa.Column("output_uri", sa.Text),
    sa.Column("submitted_at", sa.Float, nullable=False),
    sa.Column("started_at", sa.Float),
    sa.Column("ended_at", sa.Float),
    *lease_columns(),  # the server running it and until when (services/shared/leases.py)
    sa.UniqueConstraint("kind", "client_token", name="uq_jobs_kind_token"),
)
items_table = sa.Table(
    "job_items",
    metadata,
    sa.Column("job_id", sa.String(32), sa.ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("item_key", sa.String(1024), primary_key=True),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("ok", sa.Boolean, nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
)


@dataclass(frozen=True)
class Job:
    id: str
    kind: str
    name: str | None
    state: str
    params: dict[str, Any]
    client_token: str | None
    items_total: int | None
    items_done: int
    items_failed: int
    failure_reason: str | None
    output_uri: str | None
    submitted_at: float
    started_at: float | None
    ended_at: float | None
    owner: str | None = None
    lease_until: float | None = None


@dataclass(frozen=True)
class ItemResult:
    key: str
    seq: int  # position in the job's input order (outputs are written in this order)
    ok: bool
    payload: dict[str, Any]


def _job(row: Any) -> Job:
    data = dict(row._mapping)
    data["params"] = json.loads(data["params"])
    return Job(**data)


class JobStore:
    def __init__(self, url: str) -> None:
        # pre-ping: a pooled connection a restarted Postgres dropped is replaced, not handed to a request
        self.engine = sa.create_engine(url, future=True, pool_pre_ping=not url.startswith("sqlite"))
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        metadata.create_all(self.engine)
        add_lease_columns(self.engine, "jobs")
        self.leases = Leases(self.engine, jobs_table, jobs_table.c.id, jobs_table.c.state.in_(UNFINISHED))

    def create(self, kind: str, name: str | None, params: dict[str, Any], client_token: str | None) -> tuple[Job, bool]:
        """Create a job, or return the one this client token already made: (job, created)."""
        if client_token:
            existing = self._by_token(kind, client_token)
            if existing:
                return existing, False
        job_id = uuid.uuid4().hex
        values = {
            "id": job_id, "kind": kind, "name": name, "state": SUBMITTED, "params": json.dumps(params),
            "client_token": client_token, "items_done": 0, "items_failed": 0, "submitted_at": time.time(),
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(jobs_table.insert().values(**values))
        except IntegrityError:  # a concurrent create with the same token won
            existing = self._by_token(kind, client_token or "")
            if existing:
                return existing, False
            raise
        job = self.get(job_id)
        assert job is not None
        return job, True

    def _by_token(self, kind: str, token: str) -> Job | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(jobs_table).where(jobs_table.c.kind == kind, jobs_table.c.client_token == token)
            ).first()
        return _job(row) if row else None

    def get(self, job_id: str) -> Job | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(jobs_table).where(jobs_table.c.id == job_id)).first()
        return _job(row) if row else None

    def list(
        self, kinds: Iterable[str] | None = None, state: str | None = None, name: str | None = None, limit: int = 100,
        offset: int = 0,
    ) -> list[Job]:
        query = sa.select(jobs_table).order_by(jobs_table.c.submitted_at.desc(), jobs_table.c.id)
        if kinds is not None:
            query = query.where(jobs_table.c.kind.in_(list(kinds)))
        if state:
            query = query.where(jobs_table.c.state == state)
        if name:
            query = query.where(jobs_table.c.name == name)
        with self.engine.connect() as conn:
            return [_job(r) for r in conn.execute(query.limit(limit).offset(offset))]

    def unfinished(self) -> list[Job]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(jobs_table).where(jobs_table.c.state.in_(UNFINISHED)))
            return [_job(r) for r in rows]

    def update(self, job_id: str, *, only_if: Iterable[str] | None = None, by: str | None = None, **values: Any) -> bool:
        """Set columns; with ``only_if``, only while the job is in one of those states; with ``by``, only while
        that owner holds its lease. True if it changed."""
        query = jobs_table.update().where(jobs_table.c.id == job_id)
        if only_if is not None:
            query = query.where(jobs_table.c.state.in_(list(only_if)))
        if by is not None:
            query = query.where(jobs_table.c.owner == by)
        with self.engine.begin() as conn:
            return conn.execute(query.values(**values)).rowcount > 0

    def claimable(self, kinds: Iterable[str], limit: int) -> list[Job]:
        """Unfinished jobs of these kinds that no live server holds, oldest first (claim with ``leases``)."""
        c = jobs_table.c
        query = (sa.select(jobs_table).where(c.state.in_(UNFINISHED), c.kind.in_(list(kinds)))
                 .order_by(c.submitted_at, c.id))
        with self.engine.connect() as conn:
            jobs = [_job(r) for r in conn.execute(query)]
        return [j for j in jobs if is_free(j.owner, j.lease_until)][:limit]

    def delete(self, job_id: str) -> None:
        """Forget a job and its item results (the outputs it wrote stay where they are)."""
        with self.engine.begin() as conn:
            conn.execute(items_table.delete().where(items_table.c.job_id == job_id))
            conn.execute(jobs_table.delete().where(jobs_table.c.id == job_id))

    def record_items(self, job_id: str, results: Iterable[ItemResult]) -> None:
        """Store finished items and bump the job's progress, in one transaction; known items are skipped."""
        rows = [
            {"job_id": job_id, "item_key": r.key, "seq": r.seq, "ok": r.ok, "payload": json.dumps(r.payload)}
            for r in results
        ]
        if not rows:
            return
        with self.engine.begin() as conn:
            known = set(
                conn.execute(
                    sa.select(items_table.c.item_key).where(
                        items_table.c.job_id == job_id, items_table.c.item_key.in_([r["item_key"] for r in rows])
                    )
                ).scalars()
            )
            fresh = [r for r in rows if r["item_key"] not in known]
            if not fresh:
                return
            conn.execute(items_table.insert(), fresh)
            failed = sum(1 for r in fresh if not r["ok"])
            conn.execute(
                jobs_table.update()
                .where(jobs_table.c.id == job_id)
                .values(
                    items_done=jobs_table.c.items_done + len(fresh),
                    items_failed=jobs_table.c.items_failed + failed,
                )
            )

    def done_keys(self, job_id: str) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.execute(sa.select(items_table.c.item_key).where(items_table.c.job_id == job_id)).scalars())

    def items(self, job_id: str) -> Iterator[ItemResult]:
        query = sa.select(items_table).where(items_table.c.job_id == job_id).order_by(items_table.c.seq)
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield ItemResult(row.item_key, row.seq, row.ok, json.loads(row.payload))


def _sqlite_pragmas(dbapi_conn: Any, _: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
    # WAL + NORMAL: a commit survives kill -9 (it is in the OS once written); a power cut may lose the last
    # few commits, which a resumed job recomputes: still exactly one output per input. FULL would fsync
    # every chunk and halve job throughput.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
