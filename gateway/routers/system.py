"""Health, readiness, metrics and model management."""

from __future__ import annotations

import logging
from typing import Any, Literal

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel, Field

from gateway.deps import RegistryDep
from gateway.routers.responses import ERRORS
from models.registry import ModelRegistry
from services.errors import NotFound

log = logging.getLogger(__name__)
router = APIRouter()


class Health(BaseModel):
    status: Literal["ok"]


class ModelInfo(BaseModel):
    name: str
    task: str
    backend: str
    source: str
    languages: list[str]
    state: Literal["not_loaded", "loading", "ready", "failed"]
    reason: str | None
    device: str | None
    max_batch_size: int
    max_wait_ms: float
    parallel: int | None = Field(None, description="Batches the model runs side by side, each on its share of the "
                                 "cores (once loaded in this process).")
    load_seconds: float | None
    batches: int
    items: int
    runs_on: Literal["embedded", "ray"] = Field(description="embedded: in this process; ray: on Ray Serve replicas.")
    replicas: int = Field(description="Replicas running the model (embedded: 1 once loaded).")


class Readiness(BaseModel):
    status: Literal["ready", "not_ready"]
    models: dict[str, ModelInfo]


class ModelList(BaseModel):
    models: list[ModelInfo]


@router.get("/health", tags=["system"])
async def health() -> Health:
    """The process is alive."""
    return Health(status="ok")


@router.get("/ready", tags=["system"], responses={503: {"model": Readiness, "description": "a model is loading or failed"}})
async def ready(registry: RegistryDep) -> Any:
    """Per model: not_loaded (lazy), loading, ready or failed (with the reason). 503 while any is loading or failed."""
    await _refresh(registry)
    body = Readiness(status="ready" if registry.ready() else "not_ready", models=registry.describe())
    return JSONResponse(body.model_dump(), status_code=200 if body.status == "ready" else 503)


@router.get("/metrics", tags=["system"], response_class=Response)
async def metrics() -> Response:
    """Prometheus metrics: requests and latency per route, batch sizes, queue depth and rejections per model."""
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


async def _refresh(registry: ModelRegistry) -> None:
    """Ray mode: each card's state and replicas as the cluster sees them now."""
    try:
        await registry.refresh()
    except Exception as exc:  # the last known states are still worth showing
        log.warning("could not read model states from the Ray cluster: %s", exc)


models_router = APIRouter(prefix="/v1/models", tags=["models"], responses=ERRORS)


def _worker(registry: RegistryDep, name: str) -> Any:
    worker = registry.get(name)
    if worker is None:
        raise NotFound(f"no model named {name!r}; GET /v1/models lists them", known=sorted(registry.workers))
    return worker


@models_router.get("")
async def list_models(registry: RegistryDep) -> ModelList:
    """Every model card: task, backend, weights source, languages, state and batching settings."""
    await _refresh(registry)
    return ModelList(models=[ModelInfo(**w.describe()) for w in registry.workers.values()])


@models_router.post("/{name}/load", responses={404: ERRORS[400] | {"description": "Unknown model"}})
async def load_model(name: str, registry: RegistryDep) -> ModelInfo:
    """Load a model now (instead of on its first request). A failure shows as state failed with the reason."""
    worker = _worker(registry, name)
    await worker.load()
    return ModelInfo(**worker.describe())


@models_router.post("/{name}/unload", responses={404: ERRORS[400] | {"description": "Unknown model"}})
async def unload_model(name: str, registry: RegistryDep) -> ModelInfo:
    """Unload a model to free its memory; it loads again on its next request."""
    worker = _worker(registry, name)
    await worker.unload()
    return ModelInfo(**worker.describe())
