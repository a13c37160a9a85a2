"""A throwaway local Ray cluster for tests (`ray start --head`, Ray from PyPI via the ray extra)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.local_services import free_port

RAY = Path(sys.executable).with_name("ray")


@contextmanager
def ray_head(num_cpus: int = 2) -> Iterator[str]:
    """Start a head node on a free port (a small object store: CI's /dev/shm is small); yield its address;
    stop every process of it afterwards."""
    port = free_port()
    temp = tempfile.mkdtemp(prefix="cirrus-ray-")
    # Serve reports a replica no node has room for after this many seconds (30 by default)
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "HF_HUB_OFFLINE": "1", "RAY_SERVE_SLOW_STARTUP_WARNING_S": "4",
           "RAY_SERVE_SLOW_STARTUP_WARNING_PERIOD_S": "4"}
    head = subprocess.Popen(
        [str(RAY), "start", "--head", "--block", "--num-cpus", str(num_cpus), "--port", str(port),
         "--include-dashboard=false", "--disable-usage-stats", "--object-store-memory", str(200 * 1024**2),
         "--temp-dir", temp],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )
    address = f"127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if head.poll() is not None:
                raise RuntimeError(f"ray start failed: {head.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the Ray head did not open its port in 60 s") from None
                time.sleep(0.3)
        time.sleep(1)  # the raylet registers just after the GCS port opens
        yield address
    finally:
        subprocess.run([str(RAY), "stop", "--force"], capture_output=True, env=env, timeout=60)
        head.kill()
        head.wait(30)
        shutil.rmtree(temp, ignore_errors=True)


def replica_pids(card: str) -> list[int]:
    """Process ids of a card's Serve replicas (their process title names the application)."""
    out = subprocess.run(["pgrep", "-f", f"ServeReplica:cirrus-{card}:"], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]
