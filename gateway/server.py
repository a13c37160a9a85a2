"""Serving the app with uvicorn, with deadlines on every phase of a connection.

uvicorn arms its keep-alive timer only after a response, so a socket that connects and sends nothing,
or sends its headers a byte at a time, is held forever. ``GuardedHttpProtocol`` (uvicorn's httptools
protocol) adds what is missing: an idle connection is closed after ``keep_alive_s`` even before its
first request, the request line and headers must be complete within ``header_timeout_s`` of their first
byte (else 408 and a close), and the headers may take at most ``MAX_HEADER_BYTES``. The body's deadlines
are the gateway middleware's (408 from inside the app), and ``max_connections`` is uvicorn's concurrency
limit (503 beyond it).
"""

from __future__ import annotations

import asyncio
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from cirrus.settings import Settings

MAX_HEADER_BYTES = 64 * 1024
_SLOW = b"the request line and headers did not arrive in time"
_TIMEOUT_RESPONSE = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
                     b"content-length: %d\r\nconnection: close\r\n\r\n%s" % (len(_SLOW), _SLOW))


class GuardedHttpProtocol(HttpToolsProtocol):
    header_timeout_s = 10.0  # set per server by ``protocol_for``

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timer: asyncio.TimerHandle | None = None
        self._header_bytes = 0
        self._refusal: str | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.timeout_keep_alive_task = self.loop.call_later(self.timeout_keep_alive, self.timeout_keep_alive_handler)

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_timer()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._cancel_header_timer()
        self._header_bytes = 0
        self._header_timer = self.loop.call_later(self.header_timeout_s, self._headers_too_slow)

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value))
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._cancel_header_timer()
        super().on_headers_complete()

    def _count(self, size: int) -> None:
        self._header_bytes += size
        if self._header_bytes > MAX_HEADER_BYTES:
            self._cancel_header_timer()
            self._refusal = f"the request line and headers are over {MAX_HEADER_BYTES} bytes"
            raise ValueError(self._refusal)  # stops the parser; uvicorn answers 400 through send_400_response

    def send_400_response(self, msg: str) -> None:
        super().send_400_response(self._refusal or msg)

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing():
            self.transport.write(_TIMEOUT_RESPONSE)
            self.transport.close()

    def _cancel_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None


def protocol_for(settings: Settings) -> type[GuardedHttpProtocol]:
    return type("ServerHttpProtocol", (GuardedHttpProtocol,), {"header_timeout_s": settings.http.header_timeout_s})


def serve(app: Any, settings: Settings) -> None:
    uvicorn.run(
        app, host=settings.host, port=settings.port, log_level=settings.log_level,
        http=protocol_for(settings),  # type: ignore[arg-type]
        timeout_keep_alive=int(max(1, settings.http.keep_alive_s)),
        limit_concurrency=settings.http.max_connections,
    )
