"""ASGI middleware: a request id on every response, the request-body cap (413), and request metrics.

Pure ASGI (not BaseHTTPMiddleware) so the body cap is enforced while the body streams in: a 30 MB body
is refused after ``max_body_bytes``, not buffered first.
"""

from __future__ import annotations

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


class BodyTooLarge(StarletteHTTPException):
    """Raised while a streamed body passes the cap (an HTTPException so FastAPI's body parsing re-raises it)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes; send a smaller body")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def _too_large_body(scope: Scope, limit: int) -> tuple[bytes, bytes]:
    message = f"the request body is larger than {limit} bytes; send a smaller body"
    target = _header(scope, b"x-amz-target")
    if target is not None or scope.get("path") == "/":
        return json.dumps({"__type": "RequestEntityTooLargeException", "message": message}).encode(), b"application/x-amz-json-1.1"
    body = {"error": {"code": "payload_too_large", "message": message, "details": {"limit_bytes": limit}}}
    return json.dumps(body).encode(), b"application/json"


def route_label(scope: Scope) -> str:
    """The route template (low cardinality), the AWS operation for the AWS surface, else 'unmatched'."""
    target = _header(scope, b"x-amz-target")
    if target:
        return f"aws:{target}"
    route = scope.get("route")
    return getattr(route, "path", None) or "unmatched"


class GatewayMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

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
            await self._reject(scope, send, request_id)
            self._observe(scope, 413, started)
            return

        received = 0

        async def capped_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
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
        except BodyTooLarge:
            if not response_started:
                await self._reject(scope, send, request_id)
            status["code"] = 413
        finally:
            self._observe(scope, status["code"], started)

    async def _reject(self, scope: Scope, send: Send, request_id: str) -> None:
        body, content_type = _too_large_body(scope, self.max_body_bytes)
        headers: list[tuple[bytes, bytes]] = [
            (b"content-type", content_type),
            (b"content-length", str(len(body)).encode()),
            (b"x-request-id", request_id.encode()),
            (b"connection", b"close"),
        ]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    def _observe(scope: Scope, status: int, started: float) -> None:
        route = route_label(scope)
        method: Any = scope.get("method", "")
        REQUESTS.labels(method, route, str(status)).inc()
        LATENCY.labels(method, route).observe(time.perf_counter() - started)
