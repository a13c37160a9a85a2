"""Native REST: Forecast (datasets, imports, predictors, forecasts, queries, exports)."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Query, Request

from gateway.routers.resources import info, resource_router
from gateway.routers.responses import ERRORS
from services.forecast.service import DATASET, DATASET_GROUP, EXPORT, FORECAST, IMPORT, PREDICTOR, ForecastService
from services.resource_schemas import (
    ExportRequest,
    ForecastCreateRequest,
    ForecastDatasetRequest,
    ForecastGroupRequest,
    ForecastItems,
    ForecastPoint,
    ForecastQuery,
    ForecastQueryResult,
    ImportRequest,
    PredictorRequest,
    ResourceInfo,
)

TYPES = {"string": "string", "timestamp": "timestamp", "target_value": "float"}


def _svc(request: Request) -> ForecastService:
    return request.app.state.forecast


router = APIRouter(prefix="/v1/forecast", tags=["forecast"], responses=ERRORS)
resources = resource_router("/v1/forecast", "forecast", (DATASET_GROUP, DATASET, IMPORT, PREDICTOR, FORECAST, EXPORT),
                            lambda request: _svc(request).store)


@router.post("/datasets", status_code=201)
async def create_forecast_dataset(body: ForecastDatasetRequest, request: Request) -> ResourceInfo:
    """A TARGET_TIME_SERIES dataset; ``attributes`` is the CSV column order."""
    attributes = [{"AttributeName": a, "AttributeType": TYPES.get(a, "timestamp" if a == "timestamp" else "string")}
                  for a in body.attributes]
    return info(_svc(request).create_dataset(body.name, "CUSTOM", "TARGET_TIME_SERIES", body.frequency, attributes))


@router.post("/dataset-groups", status_code=201)
async def create_forecast_dataset_group(body: ForecastGroupRequest, request: Request) -> ResourceInfo:
    return info(_svc(request).create_dataset_group(body.name, "CUSTOM", body.dataset_arns))


@router.post("/imports", status_code=201)
async def create_forecast_import(body: ImportRequest, request: Request) -> ResourceInfo:
    """Import CSV rows from a bucket (built asynchronously: poll the resource until ACTIVE)."""
    return info(_svc(request).create_import(body.name, body.dataset_arn, body.s3_uri, None))


@router.post("/predictors", status_code=201)
async def create_forecast_predictor(body: PredictorRequest, request: Request) -> ResourceInfo:
    """Backtest the candidate models and choose per item (state.metrics, state.chosen once ACTIVE)."""
    return info(_svc(request).create_auto_predictor(body.name, body.dataset_group_arn, body.horizon, body.quantiles,
                                                    body.frequency))


@router.post("/forecasts", status_code=201)
async def create_forecast(body: ForecastCreateRequest, request: Request) -> ResourceInfo:
    return info(_svc(request).create_forecast(body.name, body.predictor_arn, None))


@router.post("/exports", status_code=201)
async def create_forecast_export(body: ExportRequest, request: Request) -> ResourceInfo:
    return info(_svc(request).create_export(body.name, body.forecast_arn, body.s3_uri))


@router.post("/query")
async def query_forecast(body: ForecastQuery, request: Request) -> ForecastQueryResult:
    """One item's forecast quantiles (p10, p50, p90, ...), and its recent history if asked."""
    svc = _svc(request)
    found = svc.query(body.forecast_arn, {"item_id": body.item_id}, body.start, body.end)
    past = await asyncio.to_thread(svc.history, body.forecast_arn, body.item_id, body.history) if body.history else []
    return ForecastQueryResult(
        predictions={stat: [ForecastPoint(timestamp=p["Timestamp"], value=p["Value"]) for p in points]
                     for stat, points in found.items()},
        history=[ForecastPoint(timestamp=ts, value=v) for ts, v in past],
    )


@router.get("/items")
async def list_forecast_items(request: Request, forecast_arn: str,
                              limit: Annotated[int, Query(ge=1, le=10000)] = 1000) -> ForecastItems:
    """The item ids an ACTIVE forecast covers."""
    items, total = _svc(request).items(forecast_arn, limit)
    return ForecastItems(items=items, total=total)
