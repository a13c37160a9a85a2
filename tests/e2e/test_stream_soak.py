"""Hole 5: streams opened and abandoned (dropped sockets, silent clients) give back what they held: file
descriptors, threads and memory return to baseline, a cap answers 1013, and a normal stream still works."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from services.speech.audio import decode
from tests.e2e.conftest import start_server
from tests.speech_util import SENTENCES, espeak_wav

IDLE_S, MOST = 2, 6


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    proc, url = start_server(tmp_path_factory.mktemp("soak"), {
        "CIRRUS_SPEECH__STREAM_IDLE_TIMEOUT_S": str(IDLE_S), "CIRRUS_SPEECH__MAX_STREAMS": str(MOST)})
    yield proc, url.replace("http://", "ws://") + "/v1/transcribe/stream?language=en"
    proc.terminate()
    proc.wait(10)


def _usage(pid: int) -> tuple[int, int, int]:
    """Open file descriptors, threads, resident MB of the server process."""
    status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    return fds, int(status["Threads"]), int(status["VmRSS"].split()[0]) // 1024


def _speech(seconds: float) -> bytes:
    wav = decode(espeak_wav(SENTENCES[0]), rate=16000).samples[: int(seconds * 16000)]
    return (wav * 32767).astype("<i2").tobytes()


def _feed(ws: ClientConnection, pcm: bytes) -> None:
    for start in range(0, len(pcm), 3200):
        ws.send(pcm[start:start + 3200])


def _normal_stream(url: str) -> list[dict[str, object]]:
    events = []
    with connect(url, open_timeout=30) as ws:
        _feed(ws, _speech(2.5))
        ws.send(json.dumps({"type": "stop"}))
        while True:
            events.append(json.loads(ws.recv(timeout=300)))
            if events[-1]["type"] in ("end", "error"):
                return events


def _settle(pid: int, baseline: tuple[int, int, int], seconds: float) -> tuple[int, int, int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        now = _usage(pid)
        if now[0] <= baseline[0] + 2:
            return now
        time.sleep(0.5)
    return _usage(pid)


def test_abandoned_streams_release_everything(server: tuple[subprocess.Popen[bytes], str]) -> None:
    proc, url = server
    assert _normal_stream(url)[-1]["type"] == "end"  # warm: the recogniser and the VAD are loaded
    time.sleep(1)
    baseline = _usage(proc.pid)
    pcm = _speech(1.2)
    for _ in range(2):
        with contextlib.ExitStack() as held:
            _abandon(url, pcm, [held.enter_context(connect(url, open_timeout=30)) for _ in range(MOST)])
    after = _settle(proc.pid, baseline, 20)
    print(f"fds, threads, RSS MB: baseline {baseline}, after {2 * MOST} abandoned streams {after}")
    assert after[0] <= baseline[0] + 2, (baseline, after)  # sockets and any files: all given back
    assert after[1] <= baseline[1] + 6, (baseline, after)  # at most a thread pool's growth, not one per stream
    assert after[2] <= baseline[2] + 250, (baseline, after)
    events = _normal_stream(url)
    assert events[-1]["type"] == "end" and any(e["type"] == "final" for e in events), events


def _abandon(url: str, pcm: bytes, streams: list[ClientConnection]) -> None:
    """Feed every stream, check the cap, then drop half the sockets and leave half open and silent."""
    for ws in streams:
        _feed(ws, pcm)
    with connect(url, open_timeout=30) as extra:  # one over the cap
        refused = json.loads(extra.recv(timeout=30))
        assert refused["code"] == "stream_limit"
        with pytest.raises(ConnectionClosed):  # the server closes it
            extra.recv(timeout=30)
        assert extra.close_code == 1013
    for ws in streams[: MOST // 2]:  # dropped without a close frame
        ws.socket.shutdown(socket.SHUT_RDWR)
        ws.socket.close()
    silent = streams[MOST // 2:]  # left open, never heard from again
    time.sleep(IDLE_S + 1)
    for ws in silent:
        events = []
        with contextlib.suppress(ConnectionClosed):  # the server closes it, as asserted below
            while True:
                events.append(json.loads(ws.recv(timeout=30)))
        assert ws.close_code == 1008 and events[-1]["code"] == "stream_idle", events
