"""Started servers for end-to-end tests: `cirrus serve` in a subprocess on a free loopback port."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.local_services import free_port


def start_server(data_dir: Path, env: dict[str, str] | None = None) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    cmd = [sys.executable, "-m", "cirrus.cli", "serve", "--port", str(port), "--data-dir", str(data_dir)]
    with open(data_dir / "server.log", "wb") as log:  # the child keeps its own handle
        proc = subprocess.Popen(cmd, env={**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})}, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {(data_dir / 'server.log').read_text()[-2000:]}")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start in 60 s")


def wait_for(url: str, job_id: str, states: tuple[str, ...] = ("COMPLETED", "FAILED"),
             timeout: float = 120) -> dict[str, Any]:
    """Poll a native job until its state is one of ``states``; its description then."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = httpx.get(f"{url}/v1/jobs/{job_id}", timeout=10).json()
        if job["state"] in states:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} never reached {states}: {job}")


@pytest.fixture(scope="session")
def processes() -> Iterator[list[subprocess.Popen[bytes]]]:
    procs: list[subprocess.Popen[bytes]] = []
    yield procs
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="session")
def server_factory(
    tmp_path_factory: pytest.TempPathFactory, processes: list[subprocess.Popen[bytes]]
) -> Callable[..., str]:
    def make(**env: str) -> str:
        proc, url = start_server(tmp_path_factory.mktemp("server"), env)
        processes.append(proc)
        return url

    return make


@pytest.fixture(scope="session")
def server_url(server_factory: Callable[..., str]) -> str:
    return server_factory()


@pytest.fixture(scope="module")
def server_with_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server of its own for a test module, with its data dir (tests drop bucket files there)."""
    data_dir = tmp_path_factory.mktemp("server-dir")
    proc, url = start_server(data_dir)
    yield url, data_dir
    proc.terminate()
    proc.wait(10)


# The console's Chromium tests (tests/e2e/console_util.py) ------------------------------------------


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.e2e.console_util import write_media

    return write_media(tmp_path_factory.mktemp("media"))


@pytest.fixture(scope="module")
def browser(media: Path) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    from tests.e2e.console_util import launch

    with sync_playwright() as p:
        chromium = launch(p, media)
        yield chromium
        chromium.close()  # type: ignore[attr-defined]


@pytest.fixture
def console(browser: object, server_url: str) -> Iterator[Callable[..., object]]:
    from tests.e2e.console_util import Console

    pages: list[Console] = []

    def make(url: str = server_url, **size: int) -> Console:
        pages.append(Console(browser, url, **size))
        return pages[-1]

    yield make
    for c in pages:
        c.page.close()  # type: ignore[attr-defined]
