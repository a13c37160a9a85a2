"""Cirrus against the serving peers on one model, same client, interleaved rounds (numbers go in the
README). The peers, LitServe and mosec, are installed by this script into `.bench-peers/` (with
`pip install --target`, never into the project's venv: they are not Cirrus dependencies) and serve the
very same backend code on the same card (MiniLM-L6 sequence classification, batch 32, 10 ms wait), so
only the serving around the forward pass differs.

Each round starts every server in turn (alone on the machine), runs `--requests` one-text requests at
`--concurrency`, then `--alone` requests one at a time, and stops it (the
bench_text.py client: pre-encoded keep-alive HTTP/1.1). It prints, per server, the median over rounds of
texts/s, p50 and p99 latency, CPU seconds per 1,000 texts (the server's whole process tree) and RSS,
then same-round ratios against Cirrus. With `--onnx` (the default) a second Cirrus serves the same card
on ONNX Runtime with int8 weights (`options.runtime`, `options.quantize`), against peers that run it on
PyTorch: what a user gets by opting in. `--busy N` adds N processes spinning on the CPU during the
rounds: a machine with other work on it, where OpenMP's spin-waiting policy decides who collapses.

    python bench/bench_peers.py [--rounds 3] [--requests 1280] [--concurrency 64] [--busy 0] [--no-onnx]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import sysconfig
import time
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import contextlib

from bench_text import MODELS, Server, free_port, percentile, request_bytes, run, send_all, texts

PEERS = ROOT / ".bench-peers"
PEER_PACKAGES = ["litserve==0.2.19", "mosec==0.9.8", "pyzmq", "msgspec", "defspec", "offapi"]
TICK = os.sysconf("SC_CLK_TCK")


def ensure_peers() -> Path:
    """A venv of its own for the peers (the project's packages visible through a .pth file, so torch and
    the model load the same), made once; returns its python."""
    python = PEERS / "bin" / "python"
    if (PEERS / ".installed").exists():
        return python
    print(f"installing {', '.join(PEER_PACKAGES)} into {PEERS.relative_to(ROOT)} (not the project's venv) ...")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", "--clear", str(PEERS)], check=True)
    site = PEERS / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    (site / "cirrus-venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", *PEER_PACKAGES],
                   check=True)
    (PEERS / ".installed").touch()
    return python


def tree(pid: int) -> list[int]:
    """The process and all its descendants."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
    found, frontier = [pid], [pid]
    while frontier:
        frontier = [child for child, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def cpu_seconds(pid: int) -> float:
    total = 0
    for p in tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError):
            pass
    return total / TICK


def rss_mb(pid: int) -> float:
    total = 0
    for p in tree(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


class Peer:
    """A peer server in a subprocess, up once a request through its route answers 200."""

    def __init__(self, name: str, cmd: list[str], env: dict[str, str], port: int) -> None:
        self.name, self.port, self.url = name, port, f"http://127.0.0.1:{port}"
        pythonpath = os.pathsep.join([str(ROOT / "bench" / "peers"), os.environ.get("PYTHONPATH", "")])
        self.proc = subprocess.Popen(cmd, env={**os.environ, **env, "PYTHONPATH": pythonpath}, cwd=ROOT,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{name} exited: {self.proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                r = httpx.post(f"{self.url}/v1/text/sentiment", json={"texts": ["warm"], "language": "en"}, timeout=5)
                if r.status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"{name} did not start")

    def stop(self) -> None:
        """Stop the server and every process it started: LitServe's and mosec's workers outlived a terminate of
        the main process, and one left spinning skews every later measurement on the machine."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(15)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)


class Cirrus(Peer):
    def __init__(self, env: dict[str, str], card: str, name: str = "cirrus") -> None:
        self.name, self.server = name, Server(env)
        self.url, self.port, self.proc = self.server.url, self.server.port, self.server.proc
        self.server.load(card)

    def stop(self) -> None:
        self.server.stop()


def measure(server: Peer, n: int, concurrency: int, alone: int) -> dict[str, float]:
    host, port = "127.0.0.1", server.port
    requests = [request_bytes(host, port, "/v1/text/sentiment", t) for t in texts(n)]
    run(send_all(server.url, requests[: 2 * concurrency], concurrency))  # warm-up
    cpu0 = cpu_seconds(server.proc.pid)
    tps, latencies = run(send_all(server.url, requests, concurrency, lambda body: not json.loads(body)["errors"]))
    result = {"tps": tps, "p50": percentile(latencies, 50) * 1e3, "p99": percentile(latencies, 99) * 1e3,
              "cpu": (cpu_seconds(server.proc.pid) - cpu0) / n * 1000, "rss": rss_mb(server.proc.pid)}
    _, lone = run(send_all(server.url, requests[:alone], 1))  # one request at a time: the latency of a quiet hour
    return {**result, "p50_alone": percentile(lone, 50) * 1e3}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=1280)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--alone", type=int, default=200, help="requests sent one at a time after the loaded run")
    parser.add_argument("--busy", type=int, default=0, help="CPU-spinning processes running alongside")
    parser.add_argument("--isolate", action=argparse.BooleanOptionalAction, default=True,
                        help="also Cirrus with the card in a process of its own")
    parser.add_argument("--onnx", action=argparse.BooleanOptionalAction, default=True,
                        help="also Cirrus with the card on ONNX Runtime, int8 weights")
    args = parser.parse_args()
    python = str(ensure_peers())
    extra = MODELS["minilm"]["extra"]
    card_env = {"BENCH_CARD": json.dumps(extra), "BENCH_BATCH": str(extra["max_batch_size"]),
                "BENCH_WAIT_MS": str(extra["max_wait_ms"])}
    print(f"model {extra['name']} ({extra['backend']}), batch {extra['max_batch_size']}, wait {extra['max_wait_ms']} ms; "
          f"{args.requests} one-text requests at concurrency {args.concurrency}, then {args.alone} one at a time; "
          f"{args.rounds} interleaved rounds, {os.cpu_count()} CPU cores, {args.busy} busy processes, no GPU\n")

    def cirrus(name: str, **card: object) -> Callable[[], Peer]:
        return lambda: Cirrus({"CIRRUS_EXTRA_MODELS": json.dumps([{**extra, **card}])}, extra["name"], name)

    def peer(name: str, script: str, *argv: str) -> Callable[[], Peer]:
        def start() -> Peer:
            port = free_port()
            return Peer(name, [python, str(ROOT / "bench/peers" / script), *[a.format(port=port) for a in argv]],
                        card_env, port)
        return start

    # Each server has the machine to itself while it is measured: started, measured, stopped (an idle LitServe
    # polls ~0.1 of a core, which would tax whichever server runs beside it).
    servers: dict[str, Callable[[], Peer]] = {
        "cirrus": cirrus("cirrus"),
        "cirrus 1 batch at a time": cirrus("cirrus 1 batch at a time", parallel=1),  # the default before parallel
    }
    if args.isolate:  # the same card in a process of its own (models/isolated.py), as mosec runs its model
        servers["cirrus isolated"] = cirrus("cirrus isolated", isolate=True)
    if args.onnx:  # the same card on ONNX Runtime with int8 weights (bench_onnx.py measures what that changes)
        servers["cirrus onnx int8"] = cirrus("cirrus onnx int8", options={**extra["options"], "runtime": "onnxruntime",
                                                                           "quantize": "int8"})
    servers["litserve"] = peer("litserve", "litserve_text.py", "{port}", card_env["BENCH_BATCH"], card_env["BENCH_WAIT_MS"])
    servers["mosec"] = peer("mosec", "mosec_text.py", "--port", "{port}")
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy)]
    rounds: list[dict[str, dict[str, float]]] = []
    try:
        for r in range(args.rounds):
            rounds.append({})
            for name, start in servers.items():
                server = start()
                try:
                    rounds[-1][name] = measure(server, args.requests, args.concurrency, args.alone)
                finally:
                    server.stop()
            print(f"round {r + 1}: " + ", ".join(f"{k} {v['tps']:.1f}/s p99 {v['p99']:.0f} ms" for k, v in rounds[-1].items()),
                  flush=True)
    finally:
        for h in hogs:
            h.kill()

    def med(name: str, key: str) -> float:
        return statistics.median(r[name][key] for r in rounds)

    print(f"\n{'median of rounds':26}{'texts/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'alone ms':>10}{'CPU s/1k':>10}{'RSS MB':>9}"
          f"{'tps vs cirrus':>15}{'p99 vs cirrus':>15}")
    for name in servers:
        tps_ratio = statistics.median(r[name]["tps"] / r["cirrus"]["tps"] for r in rounds)
        p99_ratio = statistics.median(r[name]["p99"] / r["cirrus"]["p99"] for r in rounds)
        print(f"{name:26}{med(name, 'tps'):9.1f}{med(name, 'p50'):9.0f}{med(name, 'p99'):9.0f}{med(name, 'p50_alone'):10.1f}"
              f"{med(name, 'cpu'):10.2f}{med(name, 'rss'):9.0f}{tps_ratio:14.2f}x{p99_ratio:14.2f}x")
    print("\n(ratios are the median of same-round ratios; a peer's tps ratio < 1 and p99 ratio > 1 mean Cirrus leads; "
          "'alone' is the p50 of requests sent one at a time)")


if __name__ == "__main__":
    main()
