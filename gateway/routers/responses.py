"""The error envelope as an OpenAPI schema, so the generated client knows the shape of every 4xx/5xx."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    code: str = Field(description="Stable machine-readable code, e.g. unsupported_language.")
    message: str = Field(description="What went wrong and what to change.")
    details: dict[str, Any] = Field(default_factory=dict)


class ErrorEnvelope(BaseModel):
    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorEnvelope, "description": what}
    for status, what in {
        400: "Bad input (message says what to fix)",
        413: "Request body too large",
        422: "Request does not match the schema",
        429: "Model queue full; retry after Retry-After seconds",
        503: "Model not ready",
    }.items()
}
