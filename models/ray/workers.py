"""The gateway's side of Ray mode: connect to the cluster, and a worker per card that calls its Serve deployment.

``RayModelWorker`` keeps the embedded worker's interface (load, run, unload, describe, attribute), so services
do not know where a model runs. Loading deploys the card (once per cluster, through the deployer actor) and
waits for its replicas; a call goes through a Serve handle, which spreads calls over the replicas.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import socket
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from models.cards import ModelCard
from models.errors import ModelNotReady, Overloaded
from models.metrics import INFERENCE_SECONDS
from models.worker import ModelState, ModelWorker

log = logging.getLogger(__name__)


class RayUnavailable(RuntimeError):
    """The Ray cluster named in the settings cannot be reached."""


class RayCluster:
    """A connection to one Ray cluster: ``ray.init`` plus Serve (no HTTP proxy: the gateway is the front door)."""

    def __init__(self, address: str, namespace: str = "cirrus", connect_timeout_s: float = 30.0) -> None:
        self.address = address
        self.namespace = namespace
        self.connect_timeout_s = connect_timeout_s
        self._deployer: Any = None

    def connect(self) -> None:
        """Blocking; raises :class:`RayUnavailable` naming the address when no cluster answers there."""
        import ray
        from ray import serve

        from models.ray.deployment import DEPLOYER, Deployer

        self._probe()
        try:
            ray.init(address=self.address, namespace=self.namespace, logging_level=logging.WARNING,
                     log_to_driver=False, ignore_reinit_error=True)
            serve.start(proxy_location="Disabled")
            self._deployer = ray.remote(num_cpus=0, max_concurrency=32)(Deployer).options(
                name=DEPLOYER, get_if_exists=True, lifetime="detached", max_restarts=-1,
            ).remote()
            ray.get(self._deployer.ping.remote(), timeout=self.connect_timeout_s)
        except Exception as exc:
            raise RayUnavailable(f"cannot use the Ray cluster at {self.address!r} (workers.ray_address): "
                                 f"{type(exc).__name__}: {exc}") from exc
        log.info("model workers run on the Ray cluster at %s", self.address)

    def _probe(self) -> None:
        """Fail in seconds, not after ray.init's long retries, when a host:port address has nothing listening."""
        target = self.address.removeprefix("ray://")
        host, _, port = target.rpartition(":")
        if not host or not port.isdigit():
            return  # "auto", "local": ray.init finds (or refuses) the cluster itself
        try:
            socket.create_connection((host, int(port)), timeout=min(5.0, self.connect_timeout_s)).close()
        except OSError as exc:
            raise RayUnavailable(f"no Ray cluster answers at {self.address!r} (workers.ray_address): {exc}") from exc

    def ensure(self, card: ModelCard) -> dict[str, Any]:
        import ray

        timeout = card.max_queue_wait_s + 600  # a replica's start includes its model's load
        return ray.get(self._deployer.ensure.remote(card, timeout), timeout=timeout + 30)

    def delete(self, card: ModelCard) -> None:
        import ray

        ray.get(self._deployer.delete.remote(card), timeout=120)

    def status(self) -> dict[str, dict[str, Any]]:
        import ray

        return ray.get(self._deployer.status.remote(), timeout=30)

    def handle(self, card: ModelCard) -> Any:
        from ray import serve

        from models.ray.deployment import app_name

        return serve.get_deployment_handle(card.name, app_name=app_name(card))

    def close(self) -> None:
        import ray

        if ray.is_initialized():
            ray.shutdown()


class Coalescer:
    """Sends the items of concurrent callers to a deployment in few calls. A call goes out at once while fewer
    than ``in_flight()`` are out; past that, items wait and leave together when a call comes back (at most
    ``max_items`` in one). Each Serve call costs ~1.5 ms of CPU on either side, so one call per request
    would cost a third of a 2-core machine's text throughput (bench/bench_ray.py measured 0.66x embedded);
    the replica's batcher still forms the model's batches."""

    def __init__(self, send: Callable[[list[Any]], Awaitable[list[Any]]], name: str, max_items: int,
                 max_queue: int, in_flight: Callable[[], int]) -> None:
        self._send, self.name, self.max_items, self.max_queue, self._in_flight = send, name, max_items, max_queue, in_flight
        self._queue: collections.deque[tuple[list[Any], asyncio.Future[list[Any]]]] = collections.deque()
        self._queued = 0
        self._out: set[asyncio.Task[None]] = set()

    async def submit(self, items: list[Any]) -> list[Any]:
        if self._queued + len(items) > self.max_queue:
            raise Overloaded(self.name, reason="the gateway's queue for it is full")
        future = asyncio.get_running_loop().create_future()
        self._queue.append((items, future))
        self._queued += len(items)
        self._pump()
        return await future

    def _pump(self) -> None:
        while self._queue and len(self._out) < self._in_flight():
            group, size = [], 0
            while self._queue and (not group or size + len(self._queue[0][0]) <= self.max_items):
                items, future = self._queue.popleft()
                self._queued -= len(items)
                if not future.done():  # a cancelled caller's items are not sent
                    group.append((items, future))
                    size += len(items)
            if group:
                task = asyncio.get_running_loop().create_task(self._call(group))
                self._out.add(task)
                task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._out.discard(task)
        self._pump()

    async def _call(self, group: list[tuple[list[Any], asyncio.Future[list[Any]]]]) -> None:
        try:
            outcomes = await self._send([item for items, _ in group for item in items])
        except BaseException as exc:  # every caller of the group gets the error (a dead replica, say)
            for _, future in group:
                if not future.done():
                    future.set_exception(exc)
            if not isinstance(exc, Exception):
                raise
            return
        start = 0
        for items, future in group:
            if not future.done():
                future.set_result(outcomes[start:start + len(items)])
            start += len(items)


class RayModelWorker(ModelWorker):
    """A card on Ray Serve, with the embedded worker's interface."""

    runs_on = "ray"

    def __init__(self, card: ModelCard, cluster: RayCluster) -> None:
        super().__init__(card)
        self.cluster = cluster
        self.replicas = 0
        self._handle: Any = None
        self._seen: dict[str, tuple[int, int]] = {}  # replica -> its batches and items so far
        self._coalescer = Coalescer(self._send, card.name, max(1, card.max_batch_size), card.max_queue,
                                    lambda: 2 * max(1, self.replicas, len(self._seen)))

    def describe(self) -> dict[str, Any]:
        batches = sum(b for b, _ in self._seen.values())
        items = sum(i for _, i in self._seen.values())
        return {**super().describe(), "batches": batches, "items": items, "replicas": self.replicas}

    def observe(self, status: dict[str, Any] | None) -> None:
        """Take in the cluster's view of this card (from ``RayCluster.status``)."""
        if status is None:
            if self.state is ModelState.READY:  # deleted from the cluster (by another gateway, say)
                self.state, self.replicas, self._handle = ModelState.NOT_LOADED, 0, None
            return
        self.replicas = status["replicas"]
        if status["status"] in ("DEPLOY_FAILED", "UNHEALTHY") and self.state is not ModelState.LOADING:
            self.state, self.reason = ModelState.FAILED, status["message"] or status["status"]
        elif status["status"] == "RUNNING" and self.state in (ModelState.NOT_LOADED, ModelState.FAILED):
            self.state, self.reason, self._handle = ModelState.READY, None, self.cluster.handle(self.card)

    async def _start(self) -> None:
        """Deploy the card (once per cluster) and wait for its replicas; take a handle to them."""
        try:
            info = await asyncio.to_thread(self.cluster.ensure, self.card)
        except Exception as exc:
            raise ModelNotReady(self.card.name, f"{type(exc).__name__}: {exc}") from exc
        if info["state"] != "ready":
            raise ModelNotReady(self.card.name, info["reason"])
        self._handle = self.cluster.handle(self.card)
        self.device, self.replicas = info.get("device"), max(self.replicas, 1)

    async def _unload(self) -> None:
        """Stop the card's replicas in the cluster (every gateway's next call starts them again)."""
        await asyncio.to_thread(self.cluster.delete, self.card)
        self.state, self.reason, self._handle, self.replicas, self.device = ModelState.NOT_LOADED, None, None, 0, None

    async def unload_if_idle(self, idle_s: float) -> bool:
        return False  # replicas are shared by every gateway: Ray Serve's autoscaling owns their number

    async def close(self, reclaim: bool = True) -> None:
        """At shutdown: let go of the handle; the replicas stay for the other gateways."""
        self._handle = None

    def _serving(self) -> bool:
        return self._handle is not None

    async def _attribute(self, name: str, default: Any) -> Any:
        value = await self._call(self._handle.attribute.remote(name))
        return default if value is None else value

    async def _submit(self, items: Sequence[Any]) -> list[Any]:
        self.queue_depth.inc(len(items))
        try:
            return await self._coalescer.submit(list(items))
        finally:
            self.queue_depth.dec(len(items))

    async def _send(self, items: list[Any]) -> list[Any]:
        if self._handle is None:
            raise ModelNotReady(self.card.name, self.reason or self.state.value)
        with INFERENCE_SECONDS.labels(self.card.name).time():  # in Ray mode: the round trip
            outcomes, (replica, batches, done) = await self._call(self._handle.remote(items))
        self._seen[replica] = (batches, done)
        return outcomes

    async def _call(self, response: Any) -> Any:
        """Await a Serve call; a dead replica or a full queue becomes the model layer's own errors."""
        from ray.exceptions import RayActorError
        from ray.serve.exceptions import BackPressureError, DeploymentUnavailableError

        try:
            return await response
        except BackPressureError:
            raise Overloaded(self.card.name, reason="its Ray Serve queue is full") from None
        except RayActorError:
            raise ModelNotReady(self.card.name, "its Ray replica stopped during the request; Ray is starting "
                                "another, retry shortly") from None
        except DeploymentUnavailableError as exc:
            self.state, self.reason = ModelState.FAILED, str(exc)
            raise ModelNotReady(self.card.name, str(exc)) from None
