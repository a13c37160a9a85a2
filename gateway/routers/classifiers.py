"""Native REST: Comprehend custom classification (document classifiers trained from a bucket, endpoints,
classifying texts). Listing, reading and deleting use the generic resource routes; bucket jobs are
``POST /v1/jobs/text`` with ``task=classification``."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from gateway.routers.resources import info, resource_router
from gateway.routers.responses import ERRORS
from services.comprehend.classifiers import (
    CLASSIFIER,
    ENDPOINT,
    MAX_TEXT_BYTES,
    MULTI_CLASS,
    MULTI_LABEL,
    Classifiers,
    prediction,
)
from services.errors import InvalidRequest
from services.resource_schemas import ResourceInfo, _Strict


def _svc(request: Request) -> Classifiers:
    return request.app.state.classifiers


router = APIRouter(prefix="/v1/comprehend", tags=["text"], responses=ERRORS)
resources = resource_router("/v1/comprehend", "comprehend", (CLASSIFIER, ENDPOINT), lambda request: _svc(request).store)


class ClassifierRequest(_Strict):
    name: str = Field(description="Letters, digits and hyphens, at most 63.")
    language: str = Field("en", description="The documents' language.")
    input_uri: str = Field(description="s3://BUCKET/KEY or a prefix of CSV files: label,text lines.")
    test_uri: str | None = Field(None, description="Held-out CSV to measure on (default: 10% of the training data).")
    mode: Literal["MULTI_CLASS", "MULTI_LABEL"] = MULTI_CLASS
    label_delimiter: str = Field("|", min_length=1, max_length=1, description="MULTI_LABEL: between a line's labels.")


class EndpointRequest(_Strict):
    name: str = Field(description="Letters, digits and hyphens, at most 40.")
    classifier_arn: str
    units: int = Field(1, ge=1, le=100)


class ClassifyRequest(_Strict):
    texts: list[str] = Field(min_length=1, max_length=25)
    classifier_arn: str | None = Field(None, description="A trained classifier, or give endpoint_arn.")
    endpoint_arn: str | None = None


class ClassifyResponse(BaseModel):
    results: list[dict[str, Any]] = Field(description="Per text: Classes (every class with its score) for a "
                                          "multi-class model, Labels (the assigned labels) for a multi-label one.")


@router.post("/classifiers", status_code=201)
async def create_classifier(body: ClassifierRequest, request: Request) -> ResourceInfo:
    """Train a classifier (e5 embeddings + logistic regression) in the background: poll
    ``GET /v1/comprehend/resource?arn=`` until ACTIVE; its state holds the held-out metrics."""
    params = {"input_uri": body.input_uri, "test_uri": body.test_uri, "mode": body.mode,
              "delimiter": body.label_delimiter if body.mode == MULTI_LABEL else "|"}
    return info(_svc(request).create(body.name, body.language, params))


@router.post("/classifiers/stop")
async def stop_classifier(arn: str, request: Request) -> ResourceInfo:
    """Stop a classifier still being trained (it ends CREATE_STOPPED); a trained one is left as it is."""
    classifiers = _svc(request)
    await classifiers.store.stop(classifiers.get(arn).arn)
    return info(classifiers.get(arn))


@router.post("/endpoints", status_code=201)
async def create_endpoint(body: EndpointRequest, request: Request) -> ResourceInfo:
    return info(_svc(request).create_endpoint(body.name, body.classifier_arn, body.units))


@router.post("/classify")
async def classify(body: ClassifyRequest, request: Request) -> ClassifyResponse:
    """Classify up to 25 texts with a trained classifier, directly or through an endpoint."""
    classifiers = _svc(request)
    if (body.classifier_arn is None) == (body.endpoint_arn is None):
        raise InvalidRequest("give exactly one of classifier_arn and endpoint_arn")
    for n, text in enumerate(body.texts):
        if not text.strip() or len(text.encode("utf-8")) > MAX_TEXT_BYTES:
            raise InvalidRequest(f"texts[{n}] must be non-empty and at most {MAX_TEXT_BYTES} UTF-8 bytes")
    arn = body.classifier_arn or classifiers.endpoint(str(body.endpoint_arn)).params["classifier"]
    classifier = classifiers.get(arn)
    ranked = await classifiers.classify(classifier.arn, body.texts)
    return ClassifyResponse(results=[prediction(classifier.params["mode"], r) for r in ranked])
