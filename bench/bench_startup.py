"""Start-up and footprint (numbers go in the README): `cirrus serve` with every default model loaded
eagerly, measured from the spawn:

  /health     seconds until liveness answers (it must not wait for the models)
  /ready      seconds until every model has loaded (eager loading runs in the background, in parallel), and
              the CPU seconds the server spent by then; a first start on an empty data folder and a restart
              on the same folder, each with the install's copies of what a first start derives (weights
              joined from parts, changed and optimised ONNX graphs, compiled patterns: models/prebuild.py)
              and with those set aside, as before the install made them
  memory      resident memory of the server and all its processes (each warm Apertium direction is a
              pipeline of about a dozen subprocesses) once ready and the warm-pipeline cap has stopped
              the least recently used directions: lazy (idle, nothing loaded), and eager with the
              default cap, a cap of 2, and no cap (every installed direction warm, as before the cap)

    python bench/bench_startup.py
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_text import free_port, rss_mb


def tree(pid: int) -> list[int]:
    """The process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        todo += children.get(current, [])
    return out


def footprint(pid: int) -> tuple[float, int]:
    pids = tree(pid)
    total = 0.0
    for p in pids:
        with contextlib.suppress(OSError):
            total += rss_mb(p)
    return total, len(pids)


def cpu_seconds(pid: int) -> float:
    """User and system CPU the process has used (its own threads, not its children)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(label: str, data_dir: str | None = None, **settings: str) -> str:
    """One start; returns its data folder (a restart passes it back: parts joined and graphs saved once)."""
    port = free_port()
    env = {**os.environ, "CIRRUS_LOG_LEVEL": "warning", **settings}
    data_dir = data_dir or tempfile.mkdtemp(prefix="cirrus-startup-")
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "cirrus.cli", "serve", "--port", str(port), "--data-dir",
                             data_dir], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        health = ready = None
        while time.monotonic() - start < 600:
            try:
                if health is None and httpx.get(url + "/health", timeout=1).status_code == 200:
                    health = time.monotonic() - start
                if health is not None and httpx.get(url + "/ready", timeout=5).status_code == 200:
                    ready = time.monotonic() - start
                    cpu = cpu_seconds(proc.pid)
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        if ready is None:
            raise SystemExit(f"not ready after 600 s: {httpx.get(url + '/ready', timeout=5).text[:2000]}")
        time.sleep(12)  # the reaper runs every 5 s: by now the warm-pipeline cap holds
        total, processes = footprint(proc.pid)
        server = rss_mb(proc.pid)
        print(f"{label:>28}: /health {health:5.2f} s, /ready {ready:5.2f} s ({cpu:4.1f} CPU s in the server); "
              f"{total:6,.0f} MB in {processes:3} processes ({server:,.0f} MB the server, {total - server:,.0f} MB "
              "Apertium)", flush=True)
    finally:
        proc.terminate()
        proc.wait(30)
    return data_dir


@contextlib.contextmanager
def without_prebuilt() -> Iterator[None]:
    """The install's copies of what a first start derives (models/prebuild.py) set aside meanwhile, as before
    the install step made them."""
    from models.sources import PREBUILT

    aside = PREBUILT.with_name(PREBUILT.name + ".aside")
    PREBUILT.rename(aside)
    try:
        yield
    finally:
        aside.rename(PREBUILT)


def main() -> None:
    measure("lazy (nothing loaded)", CIRRUS_LOAD_MODELS="lazy")
    first = measure("eager, default cap, first start", CIRRUS_LOAD_MODELS="eager")
    measure("eager, default cap, restart", first, CIRRUS_LOAD_MODELS="eager")
    with without_prebuilt():
        first = measure("first start, nothing prebuilt", CIRRUS_LOAD_MODELS="eager")
        measure("restart, nothing prebuilt", first, CIRRUS_LOAD_MODELS="eager")
    measure("eager, cap 2", CIRRUS_LOAD_MODELS="eager", CIRRUS_TRANSLATE__MAX_WARM_PIPELINES="2")
    measure("eager, no cap", CIRRUS_LOAD_MODELS="eager", CIRRUS_TRANSLATE__MAX_WARM_PIPELINES="1000")


if __name__ == "__main__":
    main()
