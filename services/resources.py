"""Named resources with a lifecycle, for the AWS services built as resource flows (Forecast, Personalize).

A resource has an ARN, a type, a unique name per type, parameters, a status (CREATE_PENDING →
CREATE_IN_PROGRESS → ACTIVE or CREATE_FAILED with a message), the state its builder produced, and the
ARNs it depends on. Building runs off the event loop; resources still being built when the process
died are built again at the next start (builders are idempotent). A resource others depend on cannot be
deleted (ResourceInUse), and a name is taken once (ResourceAlreadyExists); nothing is half-created.

Several servers on one database build each resource once: a server builds only while it holds the
resource's lease (services/shared/leases.py), renewed by a heartbeat; a build whose server died is taken over
by another after the lease (a dead local process's at once), and only the lease holder records the
outcome, so nothing is trained twice at once or left CREATE_PENDING.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from services.errors import ServiceError, storage_reason
from services.shared.leases import PROCESS_OWNER, Leases, add_lease_columns, in_background, is_free, lease_columns

log = logging.getLogger(__name__)

PENDING, IN_PROGRESS, ACTIVE, FAILED = "CREATE_PENDING", "CREATE_IN_PROGRESS", "ACTIVE", "CREATE_FAILED"
STOPPED = "CREATE_STOPPED"  # its build was stopped on request (Comprehend's StopTrainingDocumentClassifier)

metadata = sa.MetaData()
table = sa.Table(
    "resources",
    metadata,
    sa.Column("arn", sa.String(512), primary_key=True),
    sa.Column("service", sa.String(32), nullable=False),
    sa.Column("type", sa.String(64), nullable=False),
    sa.Column("name", sa.String(256), nullable=False),
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("params", sa.Text, nullable=False),
    sa.Column("state", sa.Text, nullable=False, default="{}"),
    sa.Column("depends_on", sa.Text, nullable=False, default="[]"),
    sa.Column("message", sa.Text),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
    *lease_columns(),  # the server building it and until when
    sa.UniqueConstraint("service", "type", "name", name="uq_resource_name"),
)
BUILDING = (PENDING, IN_PROGRESS)


class ResourceNotFound(ServiceError):
    code = "not_found"


class ResourceAlreadyExists(ServiceError):
    code = "resource_already_exists"


class ResourceInUse(ServiceError):
    code = "resource_in_use"


@dataclass(frozen=True)
class Resource:
    arn: str
    service: str
    type: str
    name: str
    status: str
    params: dict[str, Any]
    state: dict[str, Any]
    depends_on: list[str]
    message: str | None
    created_at: float
    updated_at: float
    owner: str | None = None
    lease_until: float | None = None


Builder = Callable[[Resource], dict[str, Any]]
"""Builds a resource (blocking, run in a thread) and returns its state; raises ServiceError to fail it."""


def _row(row: Any) -> Resource:
    data = dict(row._mapping)
    for key in ("params", "state", "depends_on"):
        data[key] = json.loads(data[key])
    return Resource(**data)


class ResourceStore:
    def __init__(self, engine: sa.Engine, service: str, *, lease_s: float = 30.0, poll_s: float = 2.0,
                 owner: str = PROCESS_OWNER) -> None:
        self.engine = engine
        self.service = service
        metadata.create_all(engine)
        add_lease_columns(engine, "resources")
        self.leases = Leases(engine, table, table.c.arn, sa.and_(table.c.service == service, table.c.status.in_(BUILDING)))
        self.lease_s, self.poll_s, self.owner = lease_s, poll_s, owner
        self.builders: dict[str, Builder] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._background: list[asyncio.Task[None]] = []

    def create(
        self, rtype: str, name: str, arn: str, params: dict[str, Any], depends_on: list[str], build: bool = True
    ) -> Resource:
        now = time.time()
        values = {
            "arn": arn, "service": self.service, "type": rtype, "name": name,
            "status": PENDING if build else ACTIVE, "params": json.dumps(params), "state": "{}",
            "depends_on": json.dumps(depends_on), "created_at": now, "updated_at": now,
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(table.insert().values(**values))
        except IntegrityError:
            raise ResourceAlreadyExists(f"a {rtype} named {name!r} already exists ({arn})") from None
        if build and self.leases.claim(arn, None, self.owner, self.lease_s):
            self._launch(arn)
        return self.get(arn)

    def get(self, arn: str, rtype: str | None = None) -> Resource:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(table).where(table.c.arn == arn, table.c.service == self.service)).first()
        if row is None or (rtype is not None and row.type != rtype):
            raise ResourceNotFound(f"no {rtype or 'resource'} with ARN {arn!r}")
        return _row(row)

    def list(self, rtype: str, where: Callable[[Resource], bool] | None = None) -> list[Resource]:
        query = sa.select(table).where(table.c.service == self.service, table.c.type == rtype).order_by(table.c.created_at)
        with self.engine.connect() as conn:
            found = [_row(r) for r in conn.execute(query)]
        return [r for r in found if where is None or where(r)]

    def update(self, arn: str, **values: Any) -> None:
        for key in ("params", "state", "depends_on"):
            if key in values:
                values[key] = json.dumps(values[key])
        with self.engine.begin() as conn:
            conn.execute(table.update().where(table.c.arn == arn).values(updated_at=time.time(), **values))

    def dependents(self, arn: str) -> list[Resource]:
        pattern = f'%"{arn}"%'
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(table).where(table.c.service == self.service, table.c.depends_on.like(pattern)))
            return [_row(r) for r in rows]

    def delete(self, arn: str, rtype: str) -> None:
        resource = self.get(arn, rtype)
        if resource.status in (PENDING, IN_PROGRESS):
            raise ResourceInUse(f"{arn} is still being created ({resource.status}); delete it once it is ACTIVE or failed")
        users = self.dependents(arn)
        if users:
            raise ResourceInUse(f"{arn} is used by {', '.join(u.arn for u in users)}; delete those first")
        with self.engine.begin() as conn:
            conn.execute(table.delete().where(table.c.arn == arn))

    async def resume(self) -> None:
        """Build what a crash, a restart or another server left unfinished, and keep watching for more."""
        if not self._background and self.builders:
            self._background = [asyncio.get_running_loop().create_task(loop(), name=f"{self.service}-{loop.__name__}")
                                for loop in (self._poll, self._heartbeat)]
        await self._claim_free()

    def _building(self) -> list[Resource]:
        query = sa.select(table).where(table.c.service == self.service, table.c.status.in_(BUILDING))
        with self.engine.connect() as conn:
            return [_row(r) for r in conn.execute(query)]

    async def _claim_free(self) -> None:
        for r in await in_background(self._building):
            if (r.arn not in self._tasks and r.type in self.builders and is_free(r.owner, r.lease_until)
                    and await in_background(self.leases.claim, r.arn, r.owner, self.owner, self.lease_s)):
                log.info("resuming the build of %s (last held by %s)", r.arn, r.owner)
                self._launch(r.arn)

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(self.poll_s)
            try:
                await self._claim_free()
            except Exception:  # the database is away: keep polling, it may come back
                log.exception("claiming %s builds failed", self.service)

    async def _heartbeat(self) -> None:
        while True:
            await asyncio.sleep(self.lease_s / 3)
            try:
                held = await in_background(self.leases.renew, self.owner, self.lease_s)
            except Exception:
                log.exception("renewing %s build leases failed", self.service)
                continue
            for arn, task in list(self._tasks.items()):
                if arn not in held:  # stopped, or another server took it over after a stall
                    task.cancel()

    async def shutdown(self) -> None:
        tasks = [*self._background, *self._tasks.values()]
        self._background = []
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        with contextlib.suppress(Exception):  # best effort: an expired lease frees them anyway
            await in_background(self.leases.release, self.owner)

    async def stop(self, arn: str) -> bool:
        """Stop a build still pending or running: the resource ends STOPPED (True); one already built or
        failed is left as it is (False). A stopped build is not resumed at the next start."""
        resource = self.get(arn)
        if resource.status not in (PENDING, IN_PROGRESS):
            return False
        task = self._tasks.get(arn)
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        if self.get(arn).status in (PENDING, IN_PROGRESS):  # it may have finished just now: keep that
            self.update(arn, status=STOPPED, message="stopped on request", owner=None, lease_until=None)
            return True
        return False

    def _launch(self, arn: str) -> None:
        task = asyncio.get_running_loop().create_task(self._build(arn))
        self._tasks[arn] = task
        task.add_done_callback(lambda done: self._tasks.pop(arn) if self._tasks.get(arn) is done else None)

    async def _build(self, arn: str) -> None:
        resource = self.get(arn)
        builder = self.builders[resource.type]
        self._held(arn, status=IN_PROGRESS)
        try:
            state = await asyncio.to_thread(builder, self.get(arn))
        except ServiceError as exc:
            self._held(arn, status=FAILED, message=exc.message, owner=None, lease_until=None)
        except Exception as exc:  # recorded on the resource, never raised into the loop
            log.exception("building %s failed", arn)
            reason = storage_reason(exc)
            message = (f"a storage error while creating the resource: {reason}" if reason else
                       "internal error while creating the resource; see the server log")
            self._held(arn, status=FAILED, message=message, owner=None, lease_until=None)
        else:
            if not self._held(arn, status=ACTIVE, state=json.dumps(state), message=None, owner=None, lease_until=None):
                log.warning("%s was built here, but another server holds it now; its outcome stands", arn)

    def _held(self, arn: str, **values: Any) -> bool:
        """Record a build's progress only while this server holds its lease (and it is still being built)."""
        query = table.update().where(table.c.arn == arn, table.c.owner == self.owner, table.c.status.in_(BUILDING))
        with self.engine.begin() as conn:
            return conn.execute(query.values(updated_at=time.time(), **values)).rowcount > 0


async def wait_active(store: ResourceStore, arn: str, timeout: float = 60) -> Resource:  # for tests and tools
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        resource = store.get(arn)
        if resource.status in (ACTIVE, FAILED):
            return resource
        await asyncio.sleep(0.05)
    raise TimeoutError(arn)

