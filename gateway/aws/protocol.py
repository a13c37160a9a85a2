"""The AWS surface: JSON 1.1 ``POST /`` dispatched on ``X-Amz-Target``, AWS-shaped errors, SigV4.

Every AWS service plugs in here with :func:`operation`: one table maps a full target
(``Comprehend_20171127.DetectSentiment``) to its handler. A handler takes the app state and the parsed
JSON body and returns the response dict; it raises service or model errors, which are turned into
``{"__type": ..., "message": ...}`` with the status AWS uses, plus ``x-amzn-RequestId``.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import logging
import re
from collections.abc import Awaitable, Callable, Collection
from functools import lru_cache
from typing import Any

from botocore.loaders import create_loader
from botocore.model import OperationModel
from fastapi import APIRouter, Request
from fastapi.responses import Response

from gateway.aws import shapes
from gateway.aws.shapes import signing_names
from gateway.aws.sigv4 import SignatureError, verify
from gateway.errors import STATUS, classify, request_id
from gateway.links import remember_base_url
from gateway.middleware import BodyError
from services.errors import ServiceError

log = logging.getLogger(__name__)

JSON_11 = "application/x-amz-json-1.1"

Handler = Callable[[Any, dict[str, Any]], Awaitable[dict[str, Any]]]
TARGETS: dict[str, Handler] = {}

# Service error codes -> AWS exception names (the same names across the services that use them).
AWS_TYPES: dict[str, str] = {
    "invalid_request": "InvalidRequestException",
    "validation_error": "InvalidRequestException",
    "text_size_limit_exceeded": "TextSizeLimitExceededException",
    "batch_size_limit_exceeded": "BatchSizeLimitExceededException",
    "unsupported_language": "UnsupportedLanguageException",
    "not_found": "ResourceNotFoundException",
    "job_not_found": "JobNotFoundException",
    "invalid_s3_object": "InvalidRequestException",
    "busy": "ThrottlingException",
    "model_not_ready": "ResourceUnavailableException",
    "internal_error": "InternalServerException",
    "resource_already_exists": "ResourceAlreadyExistsException",
    "resource_in_use": "ResourceInUseException",
}

# Services whose exception names differ from the table above, by target prefix.
SERVICE_AWS_TYPES: dict[str, dict[str, str]] = {}


class AwsError(Exception):
    """An error raised with its AWS name directly (protocol-level problems)."""

    def __init__(self, aws_type: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.aws_type, self.message, self.status = aws_type, message, status


def operation(prefix: str, name: str) -> Callable[[Handler], Handler]:
    """Register a handler for ``{prefix}.{name}``."""

    def register(fn: Handler) -> Handler:
        TARGETS[f"{prefix}.{name}"] = fn
        return fn

    return register


def aws_error(
    aws_type: str, message: str, status: int, rid: str, headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> Response:
    body = json.dumps({"__type": aws_type, "message": message, **(extra or {})})
    all_headers = {"x-amzn-ErrorType": aws_type, "x-amzn-RequestId": rid, **(headers or {})}
    return Response(body, status_code=status, media_type=JSON_11, headers=all_headers)


def checked(op: OperationModel | None, payload: dict[str, Any], query: Any = None) -> dict[str, Any]:
    """The payload checked against the operation's botocore input shape (see :mod:`gateway.aws.shapes`)."""
    if op is None:
        return payload
    try:
        if query is not None:
            shapes.check_query(op, query)
        return shapes.check_input(op, payload)
    except shapes.ShapeError as exc:  # a wrong type or a broken constraint: the service's validation exception
        raise MemberError(exc.message) from None


def is_token(token: object) -> bool:
    """A paging token or count as we hand them out: 1-9 ASCII digits (no '²', nothing past SQLite's range)."""
    return isinstance(token, str) and re.fullmatch(r"[0-9]{1,9}", token) is not None


def error_response(exc: BaseException, rid: str, target: str = "") -> Response:
    if isinstance(exc, BodyError):
        return aws_error(exc.aws_type, str(exc.detail), exc.status_code, rid)
    if isinstance(exc, AwsError):
        return aws_error(exc.aws_type, exc.message, exc.status, rid)
    if isinstance(exc, SignatureError):
        return aws_error(exc.aws_type, exc.message, 403, rid)
    code, message, details, headers = classify(exc)
    if code == "internal_error":
        log.error("internal error on the AWS surface (request %s)", rid, exc_info=exc)
        message = f"internal error; quote request id {rid} when reporting it"
    names = {**AWS_TYPES, **SERVICE_AWS_TYPES.get(target.partition(".")[0], {})}
    status = STATUS.get(code, 400)
    if 400 <= status < 500 and status not in (403, 413, 429):
        status = 400  # AWS JSON services answer every other client error with 400
    if code == "storage_fault":  # the server's fault (503), under the service's own name for one
        code = "internal_error"
    extra = details.get("aws_fields") if isinstance(details.get("aws_fields"), dict) else None
    return aws_error(names.get(code, names["invalid_request"]), message, status, rid, headers, extra)


@lru_cache
def aws_regions() -> frozenset[str]:
    """Every region botocore knows, in every partition (the default for ``auth.regions``)."""
    data = create_loader().load_data("endpoints")
    return frozenset(r for partition in data["partitions"] for r in partition.get("regions", {}))


def check_signature(request: Request, body: bytes, services: Collection[str] | None = None,
                    allow_unsigned_payload: bool = False) -> None:
    """Verify SigV4 when access keys are configured; otherwise accept anything (warned once at start).
    ``services``: the signing names the credential scope may name (default: any service Cirrus serves)."""
    settings = request.app.state.settings
    if not settings.auth.enabled:
        return
    keys = {k: v.get_secret_value() for k, v in settings.auth.access_keys.items()}
    verify(
        method=request.method,
        raw_path=request.scope.get("raw_path", b"/").decode("latin-1") or "/",
        raw_query=request.scope.get("query_string", b"").decode("latin-1"),
        headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.scope["headers"]],
        body=body,
        secrets=keys,
        max_skew_s=settings.auth.max_clock_skew_s,
        services=set(services) if services else signing_names() | {"cirrus"},
        regions=set(settings.auth.regions) or aws_regions(),
        allow_unsigned_payload=allow_unsigned_payload,
    )


BASE64_SLICE = 256 * 1024  # characters (a multiple of 4): ~0.5 ms of decoding


async def decode_base64(text: str) -> bytes:
    """A blob member's base64 as ``base64.b64decode(text, validate=True)`` decodes it (the same bytes, an
    error for the same inputs), a slice at a time with the event loop let go between slices. Decoding holds
    the interpreter lock throughout, so a thread would not free the loop, and a 5 MB photo is 7 MB of text:
    decoded whole, it held the loop, every other request on the gateway, for 35 ms (bench/bench_gateway.py)."""
    last = (len(text) - 1) // BASE64_SLICE * BASE64_SLICE  # where the last slice starts
    if len(text) <= BASE64_SLICE or text[last] == "=":
        return base64.b64decode(text, validate=True)
    parts = []
    for start in range(0, last, BASE64_SLICE):
        try:
            part = binascii.a2b_base64(text[start:start + BASE64_SLICE], strict_mode=True)
        except (binascii.Error, ValueError):
            part = b""
        if len(part) != BASE64_SLICE // 4 * 3:  # a stray character or padding before the end: decoded whole,
            return base64.b64decode(text, validate=True)  # it fails (or not) exactly as it would have
        parts.append(part)  # whole groups of 4 digits: nothing carried into the next slice
        await asyncio.sleep(0)
    parts.append(base64.b64decode(text[last:], validate=True))  # starts with a digit: decodes as the tail would
    return b"".join(parts)


def parse_json_object(body: bytes) -> dict[str, Any]:
    if not body.strip():
        return {}
    try:
        payload = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise AwsError("SerializationException", "the request body is not valid UTF-8") from None
    except json.JSONDecodeError as exc:
        raise AwsError("SerializationException", f"the request body is not valid JSON: {exc.msg} at {exc.pos}") from None
    except RecursionError:
        raise AwsError("SerializationException", "the request body is nested too deeply") from None
    except ValueError:  # an integer of more digits than Python converts
        raise AwsError("SerializationException", "the request body holds a number too large to read") from None
    if not isinstance(payload, dict):
        raise AwsError("SerializationException", "the request body must be a JSON object")
    return payload


router = APIRouter(include_in_schema=False)


@router.post("/")
async def dispatch(request: Request) -> Response:
    rid = request_id(request)
    target = request.headers.get("x-amz-target")
    try:
        body = await request.body()
        op = shapes.targets().get(target or "")
        check_signature(request, body, {op.service_model.signing_name or ""} if op else None)  # before any dispatch
        if not target:
            raise AwsError("MissingAction", "the X-Amz-Target header is missing (AWS JSON requests name an operation)")
        handler = TARGETS.get(target)
        if handler is None:
            raise AwsError("UnknownOperationException", f"unknown operation {target!r}")
        payload = checked(op, parse_json_object(body))
        remember_base_url(request.scope, request.app.state.settings.public_url)
        result = await handler(request.app.state, payload)
    except Exception as exc:  # every failure leaves in AWS's shape
        return error_response(exc, rid, target or "")
    return Response(json.dumps(result), media_type=JSON_11, headers={"x-amzn-RequestId": rid})


class MemberError(ServiceError):
    """A request member missing or of the wrong type: each service's own validation exception
    (InvalidRequestException, BadRequestException, ValidationException, InvalidParameterException...)."""

    code = "validation_error"


def optional(payload: dict[str, Any], field: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
    """A member of the request of the given JSON type (a bool only where ``kind`` is bool), or ``default``."""
    value = payload.get(field)
    if value is None:
        return default
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise MemberError(f"1 validation error detected: {field} has the wrong type")
    return value


def require(payload: dict[str, Any], field: str, kind: type | tuple[type, ...]) -> Any:
    """A required member of the request, of the given JSON type."""
    if payload.get(field) is None:
        raise MemberError(f"1 validation error detected: {field} is required")
    return optional(payload, field, kind)


def strings(payload: dict[str, Any], field: str) -> list[str]:
    """An optional list-of-strings member ([] when absent)."""
    value = optional(payload, field, list, [])
    if not all(isinstance(v, str) for v in value):
        raise MemberError(f"1 validation error detected: {field} must be a list of strings")
    return value


async def rest_json_call(request: Request, prefix: str, call: Callable[[Any, dict[str, Any]], Awaitable[Any]]) -> Response:
    """One REST-JSON operation (Polly, the Personalize runtime): signature, JSON body, the call, and every
    failure in the service's AWS shape. ``call`` returns a dict (sent as JSON) or a ready Response."""
    rid = request_id(request)
    op = shapes.rest_operation(request.method, request.url.path)
    try:
        body = await request.body()
        check_signature(request, body, {op.service_model.signing_name or ""} if op else None)
        payload = checked(op, parse_json_object(body), request.query_params)
        remember_base_url(request.scope, request.app.state.settings.public_url)
        result = await call(request.app.state, payload)
    except Exception as exc:  # every failure leaves in AWS's shape
        response = error_response(exc, rid, prefix)
        status = shapes.error_status(op.service_model, response.headers["x-amzn-ErrorType"]) if op else None
        if response.status_code == 400 and status:  # REST services say it with the status too
            response.status_code = status
        return response
    if isinstance(result, Response):
        result.headers["x-amzn-RequestId"] = rid
        return result
    return Response(json.dumps(result), media_type="application/json", headers={"x-amzn-RequestId": rid})
