"""Start-up and footprint (numbers go in the README): `cirrus serve` with every default model loaded
eagerly, measured from the spawn:

  /health     seconds until liveness answers (it must not wait for the models)
  /ready      seconds until every model has loaded (eager loading runs in the background, in parallel)
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


def measure(label: str, **settings: str) -> None:
    port = free_port()
    env = {**os.environ, "CIRRUS_LOG_LEVEL": "warning", **settings}
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "cirrus.cli", "serve", "--port", str(port), "--data-dir",
                             tempfile.mkdtemp(prefix="cirrus-startup-")], env=env, cwd=ROOT,
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
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        if ready is None:
            raise SystemExit(f"not ready after 600 s: {httpx.get(url + '/ready', timeout=5).text[:2000]}")
        time.sleep(12)  # the reaper runs every 5 s: by now the warm-pipeline cap holds
        total, processes = footprint(proc.pid)
        server = rss_mb(proc.pid)
        print(f"{label:>22}: /health {health:5.2f} s, /ready {ready:5.2f} s; {total:6,.0f} MB in {processes:3} "
              f"processes ({server:,.0f} MB the server, {total - server:,.0f} MB Apertium)", flush=True)
    finally:
        proc.terminate()
        proc.wait(30)


def main() -> None:
    measure("lazy (nothing loaded)", CIRRUS_LOAD_MODELS="lazy")
    measure("eager, default cap", CIRRUS_LOAD_MODELS="eager")
    measure("eager, cap 2", CIRRUS_LOAD_MODELS="eager", CIRRUS_TRANSLATE__MAX_WARM_PIPELINES="2")
    measure("eager, no cap", CIRRUS_LOAD_MODELS="eager", CIRRUS_TRANSLATE__MAX_WARM_PIPELINES="1000")


if __name__ == "__main__":
    main()
