"""Hole 4: connections that never finish are closed on bounded, configurable deadlines (a started server,
raw sockets: the deadlines live in the HTTP protocol and the gateway middleware, below any client)."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable

import httpx
import pytest


@pytest.fixture(scope="module")
def strict_url(server_factory: Callable[..., str]) -> str:
    return server_factory(CIRRUS_HTTP__KEEP_ALIVE_S="1", CIRRUS_HTTP__HEADER_TIMEOUT_S="1",
                          CIRRUS_HTTP__BODY_TIMEOUT_S="1")


def _connect(url: str) -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=10)
    return sock


def _read_all(sock: socket.socket) -> tuple[bytes, float]:
    """Everything the server sends until it closes, and how long that took."""
    started, data = time.monotonic(), b""
    while chunk := sock.recv(65536):
        data += chunk
    return data, time.monotonic() - started


def test_idle_connection_is_closed_before_any_request(strict_url: str) -> None:
    with _connect(strict_url) as sock:
        data, waited = _read_all(sock)
    assert data == b"" and waited < 5


def test_headers_dripped_a_byte_at_a_time_get_408(strict_url: str) -> None:
    with _connect(strict_url) as sock:
        started = time.monotonic()
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        try:
            for _ in range(40):  # a slowloris: each byte resets an idle timer, but not the header deadline
                time.sleep(0.2)
                sock.sendall(b"X")
        except OSError:
            pass  # the server closed the socket under us
        data, _ = _read_all(sock)
    assert data.startswith(b"HTTP/1.1 408"), data[:200]
    assert time.monotonic() - started < 6


def test_lying_content_length_gets_408_and_a_close(strict_url: str) -> None:
    with _connect(strict_url) as sock:
        sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: Comprehend_20171127.DetectSentiment\r\n"
                     b"Content-Type: application/x-amz-json-1.1\r\nContent-Length: 1000\r\n\r\n{\"Text\": 1")
        data, waited = _read_all(sock)
    assert data.startswith(b"HTTP/1.1 408"), data[:300]
    assert b"RequestTimeoutException" in data and waited < 5


def test_oversized_headers_are_a_clear_400(strict_url: str) -> None:
    with _connect(strict_url) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n" + b"X-Pad: " + b"a" * 70_000 + b"\r\n\r\n")
        data, _ = _read_all(sock)
    assert data.startswith(b"HTTP/1.1 400") and b"over 65536 bytes" in data, data[:300]


def test_server_still_answers_after_the_abuse(strict_url: str) -> None:
    assert httpx.get(f"{strict_url}/health", timeout=5).status_code == 200
