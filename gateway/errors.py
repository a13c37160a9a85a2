"""One error envelope for /v1, one mapping from error code to HTTP status, one handler per error family.

``{"error": {"code": "...", "message": "...", "details": {...}}}``. Internal errors never echo the
exception text: the client gets the request id to quote, the log gets the traceback.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from models.errors import ModelNotReady, Overloaded
from services.errors import ServiceError, storage_reason

log = logging.getLogger(__name__)

STATUS: dict[str, int] = {
    "invalid_request": 400,
    "text_size_limit_exceeded": 400,
    "batch_size_limit_exceeded": 400,
    "unsupported_language": 400,
    "unsupported_language_pair": 400,
    "detected_language_low_confidence": 400,
    "unsupported_settings": 400,
    "invalid_parameter": 400,
    "limit_exceeded": 400,
    "invalid_s3_object": 400,
    "invalid_media": 400,
    "invalid_image_format": 400,
    "image_too_large": 400,
    "unsupported_document": 400,
    "document_too_large": 400,
    "bad_document": 400,
    "media_too_long": 400,
    "invalid_ssml": 400,
    "invalid_voice": 400,
    "invalid_lexicon": 400,
    "unsupported_pls_alphabet": 400,
    "engine_not_supported": 400,
    "text_length_exceeded": 400,
    "invalid_sample_rate": 400,
    "marks_not_supported_for_format": 400,
    "ssml_marks_not_supported_for_text_type": 400,
    "lexicon_not_found": 404,
    "conflict": 409,
    "access_denied": 403,
    "not_found": 404,
    "resource_not_found": 404,
    "invalid_pagination_token": 400,
    "invalid_video": 400,
    "video_too_large": 400,
    "job_not_found": 404,
    "method_not_allowed": 405,
    "resource_already_exists": 409,
    "resource_in_use": 409,
    "request_timeout": 408,
    "payload_too_large": 413,
    "unsupported_media_type": 415,
    "validation_error": 422,
    "busy": 429,
    "internal_error": 500,
    "model_not_ready": 503,
    "storage_fault": 503,
}

_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 408: "request_timeout", 413: "payload_too_large",
               415: "unsupported_media_type"}


def request_id(request: Request) -> str:
    return getattr(request.state, "request_id", "-")


def envelope(code: str, message: str, details: dict[str, Any] | None = None, headers: dict[str, str] | None = None):
    body = {"error": {"code": code, "message": message, "details": details or {}}}
    return JSONResponse(body, status_code=STATUS.get(code, 400), headers=headers)


def classify(exc: BaseException) -> tuple[str, str, dict[str, Any], dict[str, str]]:
    """(code, message, details, headers) for any exception; unknown ones are internal errors."""
    if isinstance(exc, ServiceError):
        return exc.code, exc.message, dict(exc.details), {}
    if isinstance(exc, Overloaded):
        retry = f"{exc.retry_after:g}"
        return "busy", str(exc), {"retry_after_s": exc.retry_after}, {"Retry-After": retry}
    if isinstance(exc, ModelNotReady):
        return "model_not_ready", str(exc), {"model": exc.model}, {"Retry-After": "5"}
    reason = storage_reason(exc)
    if reason is not None:
        log.error("storage fault: %s", exc)
        return "storage_fault", f"the server could not store or read data: {reason}", {"reason": reason}, \
            {"Retry-After": "30"}
    return "internal_error", "internal error", {}, {}


def _validation_message(errors: list[dict[str, Any]]) -> tuple[str, str]:
    if any(e.get("type") == "json_invalid" for e in errors):
        return "invalid_request", "the request body is not valid JSON (send UTF-8 JSON with Content-Type application/json)"
    first = errors[0] if errors else {}
    where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
    return "validation_error", f"{where}: {first.get('msg', 'invalid value')}"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        code, message = _validation_message(errors)
        details = {"errors": [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errors]}
        return envelope(code, message, details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "invalid_request")
        response = envelope(code, str(exc.detail), headers=getattr(exc, "headers", None))
        response.status_code = exc.status_code
        return response

    @app.exception_handler(ServiceError)
    @app.exception_handler(Overloaded)
    @app.exception_handler(ModelNotReady)
    async def _known(request: Request, exc: Exception) -> JSONResponse:
        code, message, details, headers = classify(exc)
        return envelope(code, message, details, headers)

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        code, message, details, headers = classify(exc)
        if code != "internal_error":  # a store away or full: 503 with the reason, not a 500
            return envelope(code, message, details, headers)
        rid = request_id(request)
        log.exception("internal error in %s %s (request %s)", request.method, request.url.path, rid)
        return envelope("internal_error", f"internal error; quote request id {rid} when reporting it", {"request_id": rid})
