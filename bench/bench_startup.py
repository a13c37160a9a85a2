"""Start-up and footprint (numbers go in the README): `cirrus serve` with every default model loaded
eagerly, measured from the spawn:

  /health     seconds until liveness answers (it must not wait for the models)
  /ready      seconds until every model has loaded (eager loading runs in the background, in parallel)
  memory      resident memory of the server and all its processes (Apertium runs as pipelines of
              subprocesses), and how many processes, once ready and again after the warm-pipeline cap
              has stopped the least recently used Apertium directions; with the cap at 6 (the default)
              and with no cap (every installed direction kept warm, as before)

    python bench/bench_startup.py
"""

from __future__ import annotations

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
        try:
            total += rss_mb(p)
        except OSError:
            pass
    return total, len(pids)


def measure(cap: int) -> None:
    port = free_port()
    env = {**os.environ, "CIRRUS_LOAD_MODELS": "eager", "CIRRUS_LOG_LEVEL": "warning",
           "CIRRUS_TRANSLATE__MAX_WARM_PIPELINES": str(cap)}
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
        loaded, processes = footprint(proc.pid)
        time.sleep(12)  # the reaper runs every 5 s
        capped, capped_processes = footprint(proc.pid)
        label = f"cap {cap}" if cap < 100 else "no cap"
        print(f"{label:>7}: /health {health:.2f} s, /ready {ready:.1f} s; all loaded {loaded:,.0f} MB in {processes} "
              f"processes; after the cap {capped:,.0f} MB in {capped_processes} processes", flush=True)
    finally:
        proc.terminate()
        proc.wait(30)


def main() -> None:
    for cap in (6, 1000):
        measure(cap)


if __name__ == "__main__":
    main()
