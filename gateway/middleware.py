"""ASGI middleware: a request id on every response, the request-body cap (413) and read deadline (408),
and request metrics.

Pure ASGI (not BaseHTTPMiddleware) so the body cap is enforced while the body streams in: a 30 MB body
is refused after ``max_body_bytes``, not buffered first. Each body chunk must arrive within
``body_timeout_s`` of the last and the whole body within ``body_deadline_s`` (a lying Content-Length or a
stalled upload gets a 408 and a close, not a worker held forever); once the body is in, waits on
``receive`` (a streaming response watching for a disconnect) are not bounded.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from typing import Any

from prometheus_client import Counter, Histogram
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUESTS = Counter("cirrus_http_requests_total", "HTTP requests.", ["method", "route", "status"])
LATENCY = Histogram(
    "cirrus_http_request_duration_seconds",
    "HTTP request latency.",
    ["method", "route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)


class BodyError(StarletteHTTPException):
    """Raised while a body streams in (an HTTPException so FastAPI's body parsing re-raises it)."""

    code = "invalid_request"
    aws_type = "SerializationException"


class BodyTooLarge(BodyError):
    code, aws_type = "payload_too_large", "RequestEntityTooLargeException"

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes; send a smaller body")


class BodyTimeout(BodyError):
    code, aws_type = "request_timeout", "RequestTimeoutException"

    def __init__(self, seconds: float) -> None:
        super().__init__(408, f"the request body did not arrive in time: nothing came for {seconds:.3g} s or the "
                              "whole body took too long (is Content-Length right?)")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def _error_body(scope: Scope, exc: BodyError) -> tuple[bytes, bytes]:
    target = _header(scope, b"x-amz-target")
    if target is not None or scope.get("path") == "/":
        return json.dumps({"__type": exc.aws_type, "message": exc.detail}).encode(), b"application/x-amz-json-1.1"
    body = {"error": {"code": exc.code, "message": exc.detail, "details": {}}}
    return json.dumps(body).encode(), b"application/json"


def route_label(scope: Scope) -> str:
    """The route template (low cardinality), the AWS operation for the AWS surface, else 'unmatched'."""
    target = _header(scope, b"x-amz-target")
    if target:
        return f"aws:{target}"
    route = scope.get("route")
    return getattr(route, "path", None) or "unmatched"


class GatewayMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int, body_timeout_s: float = 30.0,
                 body_deadline_s: float = 600.0) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.body_timeout_s = body_timeout_s
        self.body_deadline_s = body_deadline_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = str(uuid.uuid4())
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = {"code": 500}
        response_started = False
        limit = self.max_body_bytes

        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._reject(scope, send, request_id, BodyTooLarge(limit))
            self._observe(scope, 413, started)
            return

        received, body_done = 0, False

        async def capped_receive() -> Message:
            nonlocal received, body_done
            if body_done:
                return await receive()
            wait = min(self.body_timeout_s, started + self.body_deadline_s - time.perf_counter())
            try:
                message = await asyncio.wait_for(receive(), max(wait, 0.001))
            except TimeoutError:
                raise BodyTimeout(wait) from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
                body_done = not message.get("more_body", False)
            else:
                body_done = True
            return message

        async def tagged_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
                status["code"] = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                is_aws = _header(scope, b"x-amz-target") is not None or scope.get("path") == "/"
                if is_aws and not any(k.lower() == b"x-amzn-requestid" for k, _ in headers):
                    headers.append((b"x-amzn-requestid", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, capped_receive, tagged_send)
        except BodyError as exc:
            if not response_started:
                await self._reject(scope, send, request_id, exc)
            status["code"] = exc.status_code
        finally:
            self._observe(scope, status["code"], started)

    async def _reject(self, scope: Scope, send: Send, request_id: str, exc: BodyError) -> None:
        body, content_type = _error_body(scope, exc)
        headers: list[tuple[bytes, bytes]] = [
            (b"content-type", content_type),
            (b"content-length", str(len(body)).encode()),
            (b"x-request-id", request_id.encode()),
            (b"connection", b"close"),
        ]
        await send({"type": "http.response.start", "status": exc.status_code, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    def _observe(scope: Scope, status: int, started: float) -> None:
        route = route_label(scope)
        method: Any = scope.get("method", "")
        REQUESTS.labels(method, route, str(status)).inc()
        LATENCY.labels(method, route).observe(time.perf_counter() - started)
