"""Named resources with a lifecycle, for the AWS services built as resource flows (Forecast, Personalize).

A resource has an ARN, a type, a unique name per type, parameters, a status (CREATE_PENDING →
CREATE_IN_PROGRESS → ACTIVE or CREATE_FAILED with a message), the state its builder produced, and the
ARNs it depends on. Building runs off the event loop; resources still being built when the process
died are built again at the next start (builders are idempotent). A resource others depend on cannot be
deleted (ResourceInUse), and a name is taken once (ResourceAlreadyExists); nothing is half-created.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from services.errors import ServiceError, storage_reason

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
    sa.UniqueConstraint("service", "type", "name", name="uq_resource_name"),
)


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


Builder = Callable[[Resource], dict[str, Any]]
"""Builds a resource (blocking, run in a thread) and returns its state; raises ServiceError to fail it."""


def _row(row: Any) -> Resource:
    data = dict(row._mapping)
    for key in ("params", "state", "depends_on"):
        data[key] = json.loads(data[key])
    return Resource(**data)


class ResourceStore:
    def __init__(self, engine: sa.Engine, service: str) -> None:
        self.engine = engine
        self.service = service
        metadata.create_all(engine)
        self.builders: dict[str, Builder] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}

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
        if build:
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
        """Build again whatever a crash or a restart left unfinished."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(table.c.arn).where(table.c.service == self.service, table.c.status.in_((PENDING, IN_PROGRESS)))
            ).scalars().all()
        for arn in rows:
            log.info("resuming the build of %s", arn)
            self._launch(arn)

    async def shutdown(self) -> None:
        for task in list(self._tasks.values()):
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)

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
            self.update(arn, status=STOPPED, message="stopped on request")
            return True
        return False

    def _launch(self, arn: str) -> None:
        task = asyncio.get_running_loop().create_task(self._build(arn))
        self._tasks[arn] = task
        task.add_done_callback(lambda done: self._tasks.pop(arn) if self._tasks.get(arn) is done else None)

    async def _build(self, arn: str) -> None:
        resource = self.get(arn)
        builder = self.builders[resource.type]
        self.update(arn, status=IN_PROGRESS)
        try:
            state = await asyncio.to_thread(builder, self.get(arn))
        except ServiceError as exc:
            self.update(arn, status=FAILED, message=exc.message)
        except Exception as exc:  # recorded on the resource, never raised into the loop
            log.exception("building %s failed", arn)
            reason = storage_reason(exc)
            message = (f"a storage error while creating the resource: {reason}" if reason else
                       "internal error while creating the resource; see the server log")
            self.update(arn, status=FAILED, message=message)
        else:
            self.update(arn, status=ACTIVE, state=state, message=None)


async def wait_active(store: ResourceStore, arn: str, timeout: float = 60) -> Resource:  # for tests and tools
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        resource = store.get(arn)
        if resource.status in (ACTIVE, FAILED):
            return resource
        await asyncio.sleep(0.05)
    raise TimeoutError(arn)

