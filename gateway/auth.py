"""Credentials on the native surface: with access keys or API keys configured, every route but ``/health``
and the console's static pages (and ``/metrics`` or the docs, where configured open) needs either

- ``Authorization: Bearer KEY`` with a configured API key (plain HTTP clients, the generated client's
  ``AuthenticatedClient``, the console; a browser's WebSocket may send ``?api_key=KEY`` instead), or
- a SigV4 signature by a configured access key, exactly as on the AWS surface (boto3-style signing works;
  the body is read once, checked against the signed hash, and handed on unchanged).

The AWS surface (``POST /``, Polly's and the Personalize runtime's REST routes) verifies SigV4 itself and
answers in AWS's error shape, so this middleware leaves those routes to it. Unsigned or wrongly signed
requests are refused before any routing or handler runs: 401 without credentials, 403 with bad ones.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qs

from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.aws.protocol import aws_regions, signing_names
from gateway.aws.sigv4 import SignatureError, verify
from gateway.middleware import BodyError

ALWAYS_OPEN = ("/health",)
SIGNED_LINKS = "/v1/links/"  # each carries its own expiring signature (gateway.links)
CONSOLE = "/console"  # static pages without data; the API calls they make carry the user's key
DOCS = ("/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json")


def _console(path: str) -> bool:
    return path == CONSOLE or path.startswith(CONSOLE + "/")


class AuthMiddleware:
    def __init__(self, app: ASGIApp, settings: Any, aws_routes: Iterable[BaseRoute]) -> None:
        self.app = app
        self.auth = settings.auth
        self.aws_routes = list(aws_routes)
        self.open = set(ALWAYS_OPEN) | (set(DOCS) if self.auth.open_docs else set())
        if self.auth.open_metrics:
            self.open.add("/metrics")
        self.api_keys = [k.get_secret_value().encode() for k in self.auth.api_keys.values()]
        self.secrets = {k: v.get_secret_value() for k, v in self.auth.access_keys.items()}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] not in ("http", "websocket") or not self.auth.enabled or scope["path"] in self.open
                or scope["path"].startswith(SIGNED_LINKS) or _console(scope["path"])):
            await self.app(scope, receive, send)
            return
        if self._is_aws(scope):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", ())}
        authorization = headers.get("authorization", "")
        if authorization.startswith("AWS4-HMAC-SHA256"):
            await self._sigv4(scope, receive, send)
            return
        token = authorization[7:].strip() if authorization[:7].lower() == "bearer " else None
        if token is None and scope["type"] == "websocket":
            token = (parse_qs(scope.get("query_string", b"").decode("latin-1")).get("api_key") or [None])[0]
        if token is None:
            await self._refuse(scope, send, 401, "unauthorized",
                               "credentials are required: send Authorization: Bearer API_KEY or sign with SigV4")
        elif not self._known_key(token.encode("utf-8", "replace")):
            await self._refuse(scope, send, 403, "access_denied", "the API key is not valid")
        else:
            await self.app(scope, receive, send)

    def _is_aws(self, scope: Scope) -> bool:
        if scope["type"] != "http":
            return False
        return any(route.matches(scope)[0] != Match.NONE for route in self.aws_routes)

    def _known_key(self, token: bytes) -> bool:
        found = False
        for key in self.api_keys:  # compare with every key, in constant time each
            found |= hmac.compare_digest(key, token)
        return found

    async def _sigv4(self, scope: Scope, receive: Receive, send: Send) -> None:
        chunks: list[bytes] = []
        if scope["type"] == "http":
            try:
                while True:
                    message = await receive()
                    if message["type"] != "http.request":
                        return  # the client went away
                    chunks.append(message.get("body", b""))
                    if not message.get("more_body"):
                        break
            except BodyError as exc:
                await self._refuse(scope, send, exc.status_code, exc.code, str(exc.detail))
                return
        body = b"".join(chunks)
        try:
            verify(
                method=scope.get("method", "GET"),
                raw_path=scope.get("raw_path", b"/").decode("latin-1") or "/",
                raw_query=scope.get("query_string", b"").decode("latin-1"),
                headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope.get("headers", ())],
                body=body, secrets=self.secrets, max_skew_s=self.auth.max_clock_skew_s,
                services=signing_names() | {"cirrus"}, regions=set(self.auth.regions) or aws_regions(),
            )
        except SignatureError as exc:
            status, code = (401, "unauthorized") if exc.aws_type == "MissingAuthenticationTokenException" else (
                403, "access_denied")
            await self._refuse(scope, send, status, code, exc.message)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay if scope["type"] == "http" else receive, send)

    @staticmethod
    async def _refuse(scope: Scope, send: Send, status: int, code: str, message: str) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008, "reason": message[:120]})
            return
        body = json.dumps({"error": {"code": code, "message": message, "details": {}}}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        if status == 401:
            headers.append((b"www-authenticate", b'Bearer realm="cirrus"'))
        if status in (408, 413):  # the rest of the body is not read: the connection cannot be reused
            headers.append((b"connection", b"close"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
