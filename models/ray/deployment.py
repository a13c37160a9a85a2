"""What runs inside the Ray cluster: a card's Serve deployment and the actor that deploys cards one at a time.

Each replica holds one embedded :class:`~models.worker.ModelWorker`, so the backend, the device choice and the
batcher are the embedded ones; every gateway replica's calls meet in the replica's event loop and batch
together there. Outcomes go back per item, exceptions as values, as the batcher hands them out.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
from collections.abc import Sequence
from typing import Any

from ray import serve

from models.cards import ModelCard
from models.device import openmp_env
from models.portable import portable
from models.worker import ModelState, ModelWorker

log = logging.getLogger(__name__)

APP_PREFIX = "cirrus-"
DEPLOYER = "cirrus-deployer"


def app_name(card: ModelCard) -> str:
    return f"{APP_PREFIX}{card.name}"


class CardDeployment:
    """One replica of one card: loads the model in its constructor (the replica is ready when the model is)."""

    async def __init__(self, card: ModelCard) -> None:
        self.worker = ModelWorker(card)
        await self.worker.load()
        if self.worker.state is not ModelState.READY:
            raise RuntimeError(f"model {card.name!r} failed to load: {self.worker.reason}")
        self.replica = f"{os.uname().nodename}:{os.getpid()}"

    async def __call__(self, items: Sequence[Any]) -> tuple[list[Any], tuple[str, int, int]]:
        outcomes = await self.worker.run(items)
        stats = self.worker.batcher.stats if self.worker.batcher else None
        return [portable(o) for o in outcomes], (self.replica, stats.batches if stats else 0, stats.items if stats else 0)

    async def describe(self) -> dict[str, Any]:
        return {**self.worker.describe(), "replica": self.replica, "pid": os.getpid()}

    async def attribute(self, name: str) -> Any:
        return await self.worker.attribute(name)

    def check_health(self) -> None:
        """Serve restarts a replica whose model is no longer ready."""
        if self.worker.state is not ModelState.READY:
            raise RuntimeError(f"model {self.worker.card.name!r} is {self.worker.state.value}: {self.worker.reason}")


def deployment_options(card: ModelCard) -> dict[str, Any]:
    """Serve options from a card: replicas or an autoscaling range, CPUs and GPUs per replica, queue bounds.
    OpenMP threads wait as ``cirrus serve`` sets them and follow the replica's CPUs, as Ray sets."""
    scale: dict[str, Any] = {"num_replicas": card.replicas}
    if card.max_replicas and card.max_replicas > card.replicas:
        scale = {"autoscaling_config": {
            "min_replicas": card.replicas, "max_replicas": card.max_replicas,
            "target_ongoing_requests": max(2, card.max_batch_size),
        }}
    env = openmp_env(dict(os.environ))
    return {
        **scale,
        "name": card.name,
        "max_ongoing_requests": card.max_queue,
        "max_queued_requests": card.max_queue,
        "ray_actor_options": {"num_cpus": card.num_cpus, "num_gpus": card.num_gpus, "runtime_env": {"env_vars": env}},
        "health_check_period_s": 5,
        "health_check_timeout_s": 30,
        "logging_config": {"enable_access_log": False},
    }


class Deployer:
    """A detached actor, one per cluster: deploys a card unless it runs already. Calls for one card run one at
    a time, so gateway replicas asking for the same card at once deploy it once (a second ``serve.run`` would
    replace the running replicas); calls for different cards wait for their replicas side by side (eager
    loading), while their submissions to Serve's controller still go one at a time."""

    def __init__(self) -> None:
        self._locks: dict[str, threading.Lock] = {}
        self._submit = threading.Lock()

    def ensure(self, card: ModelCard, timeout_s: float) -> dict[str, Any]:
        with self._locks.setdefault(card.name, threading.Lock()):  # setdefault: atomic across the actor's threads
            return self._ensure(card, timeout_s)

    def _ensure(self, card: ModelCard, timeout_s: float) -> dict[str, Any]:
        name = app_name(card)
        status = serve.status().applications.get(name)
        if status is None or status.status in ("DEPLOY_FAILED", "UNHEALTHY", "DELETING"):
            if (misfit := _misfit(card)) is not None:
                return {"state": "failed", "reason": misfit}
            with self._submit:  # building a deployment's config is not thread-safe in Serve (cloudpickle's registry)
                app = serve.deployment(CardDeployment).options(**deployment_options(card)).bind(card)
                serve._run(app, name=name, route_prefix=None, _blocking=False)  # waited for below, with a deadline
        deadline = time.monotonic() + timeout_s
        while (status := serve.status().applications.get(name)) is None or status.status != "RUNNING":
            if (status is not None and status.status in ("DEPLOY_FAILED", "UNHEALTHY")) or time.monotonic() > deadline:
                return {"state": "failed", "reason": self._failure(name) or f"no replica was up after {timeout_s:g}s"}
            short = [need for d in (status.deployments.values() if status else ()) if (need := _no_room(d.message))]
            if short:
                serve.delete(name, _blocking=False)
                return {"state": "failed", "reason": f"the Ray cluster has no room for a replica of {card.name!r} "
                        f"(lower models.{card.name}.num_cpus or num_gpus, or add nodes): {short[0]}"}
            time.sleep(0.2)
        handle = serve.get_deployment_handle(card.name, app_name=name)
        return {"state": "ready", **handle.describe.remote().result(timeout_s=timeout_s)}

    @staticmethod
    def _failure(name: str) -> str:
        status = serve.status().applications.get(name)
        if status is None:
            return ""
        messages = [d.message for d in status.deployments.values() if d.message] or [status.message]
        return _last_line(messages[0])

    def delete(self, card: ModelCard) -> None:
        serve.delete(app_name(card))

    def status(self) -> dict[str, dict[str, Any]]:
        """Per Cirrus application: its state and how many replicas are running."""
        found = {}
        for name, app in serve.status().applications.items():
            if not name.startswith(APP_PREFIX):
                continue
            replicas = sum(d.replica_states.get("RUNNING", 0) for d in app.deployments.values())
            messages = [d.message for d in app.deployments.values() if d.message]
            found[name[len(APP_PREFIX):]] = {"status": str(app.status), "replicas": replicas,
                                             "message": _last_line(messages[0]) if messages else ""}
        return found

    def ping(self) -> bool:
        return True


def _misfit(card: ModelCard) -> str | None:
    """Why no node of the cluster could ever hold one replica of ``card`` (None: one could)."""
    import ray

    nodes = [n["Resources"] for n in ray.nodes() if n.get("Alive")]
    for resource, want in (("CPU", card.num_cpus), ("GPU", card.num_gpus)):
        most = max((n.get(resource, 0.0) for n in nodes), default=0.0)
        if want > most:
            return (f"a replica of {card.name!r} reserves {want:g} {resource}s and no node of the Ray cluster has that "
                    f"many (the most on one node: {most:g}); lower models.{card.name}.num_{resource.lower()}s or add a node")
    return None


def _no_room(message: str) -> str | None:
    """What a replica needs, from Serve's warning that it waited to be scheduled (after
    RAY_SERVE_SLOW_STARTUP_WARNING_S), when the cluster's free resources it names cannot hold it; None when the
    warning is absent or the resources are there (a replica that is slow to start on a busy machine, a runtime
    environment being set up: wait for it)."""
    if "to be scheduled" not in message:
        return None
    found = re.search(r"Resources required for each replica: (\{.*?\}), total resources available: (\{.*?\})", message)
    if found is None:
        return None
    try:
        need, free = (json.loads(part) for part in found.groups())
    except ValueError:
        return None
    if all(free.get(resource, 0.0) >= amount for resource, amount in need.items()):
        return None
    return found.group(0)


def _last_line(message: str) -> str:
    """The part of a Serve error a person needs: its traceback's last line."""
    lines = [line for line in (message or "").strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else (message or "")

