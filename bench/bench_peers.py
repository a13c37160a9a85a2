"""Cirrus against the serving peers on one model, same client, interleaved rounds (numbers go in the
README). The peers, LitServe and mosec, are installed by this script into `.bench-peers/` (with
`pip install --target`, never into the project's venv: they are not Cirrus dependencies) and serve the
very same backend code on the same card, so only the serving around the model call differs. Two tasks:

  text        MiniLM-L6 sequence classification, batch 32, 10 ms wait; one-text requests to
              /v1/text/sentiment. Cirrus runs the card as it does by default (ONNX Runtime fp32 on the CPU)
              and on PyTorch; the peers on PyTorch, as their users write the model call, and mosec also on
              the ONNX Runtime session Cirrus runs, so that only the serving differs
  moderation  Rekognition DetectModerationLabels on open_nsfw (ResNet-50 on ONNX Runtime), the default card
              (batch 8, 5 ms wait); the same AWS JSON request (a base64 JPEG) to Cirrus's AWS endpoint and to
              the peers, which decode it with Cirrus's own decode_image and answer the same labels

Each round starts every server in turn (alone on the machine), runs `--requests` requests at
`--concurrency`, then `--alone` requests one at a time, and stops it (the bench_text.py client:
pre-encoded keep-alive HTTP/1.1). It prints, per server, the median over rounds of items/s, p50 and p99
latency, CPU seconds per 1,000 items (the server's whole process tree) and RSS, then same-round ratios
against Cirrus. For text, with `--onnx` (the default) a second Cirrus serves the same card on ONNX Runtime
with int8 weights (`options.runtime`, `options.quantize`), against peers that run it on PyTorch: what a
user gets by opting in. `--busy N` adds N processes spinning on the CPU during the rounds: a machine with
other work on it, where OpenMP's spin-waiting policy decides who collapses.

    python bench/bench_peers.py [--task text|moderation] [--rounds 3] [--requests N] [--concurrency N] [--busy 0]
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
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import contextlib

from bench_text import MODELS, Server, free_port, percentile, run, send_all, texts

PEERS = ROOT / ".bench-peers"
PEER_PACKAGES = ["litserve==0.2.19", "mosec==0.9.8", "pyzmq", "msgspec", "defspec", "offapi"]
TICK = os.sysconf("SC_CLK_TCK")


@dataclass
class Task:
    card: dict[str, object]  # the ModelCard every server runs, as JSON
    extra: bool  # Cirrus serves it as an extra card (else it is one of its defaults)
    cirrus_route: str
    cirrus_headers: dict[str, str]
    peer_route: str
    bodies: Callable[[int], list[bytes]]  # n request bodies (JSON), the same for every server
    ok: Callable[[bytes], bool]  # a response body that answered the request
    unit: str


def text_task() -> Task:
    extra = MODELS["minilm"]["extra"]
    return Task(extra, True, "/v1/text/sentiment", {"Content-Type": "application/json"}, "/v1/text/sentiment",
                lambda n: [json.dumps({"texts": [t], "language": "en"}).encode() for t in texts(n)],
                lambda body: not json.loads(body)["errors"], "texts")


def moderation_task() -> Task:
    import base64

    from bench_vision import images

    from models.registry import default_cards

    card = next(c for c in default_cards() if c.name == "moderation-open-nsfw")
    spec = {**asdict(card), "languages": list(card.languages)}
    return Task(spec, False, "/", {"Content-Type": "application/x-amz-json-1.1",
                                   "X-Amz-Target": "RekognitionService.DetectModerationLabels"}, "/v1/moderation",
                lambda n: [json.dumps({"Image": {"Bytes": base64.b64encode(b).decode()}}).encode() for b in images(n)],
                lambda body: "ModerationLabels" in json.loads(body), "images")


TASKS = {"text": text_task, "moderation": moderation_task}


def http_request(host: str, port: int, route: str, headers: dict[str, str], body: bytes) -> bytes:
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return (f"POST {route} HTTP/1.1\r\nHost: {host}:{port}\r\n{head}Content-Length: {len(body)}\r\n\r\n").encode() + body


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

    def __init__(self, name: str, cmd: list[str], env: dict[str, str], port: int, task: Task) -> None:
        self.name, self.port, self.url = name, port, f"http://127.0.0.1:{port}"
        self.route, self.headers = task.peer_route, {"Content-Type": "application/json"}
        pythonpath = os.pathsep.join([str(ROOT / "bench" / "peers"), os.environ.get("PYTHONPATH", "")])
        self.proc = subprocess.Popen(cmd, env={**os.environ, **env, "PYTHONPATH": pythonpath}, cwd=ROOT,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        deadline, probe = time.monotonic() + 180, task.bodies(1)[0]
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{name} exited: {self.proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                r = httpx.post(f"{self.url}{self.route}", content=probe, headers=self.headers, timeout=30)
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
    def __init__(self, env: dict[str, str], card: str, task: Task, name: str = "cirrus") -> None:
        self.name, self.server = name, Server(env)
        self.url, self.port, self.proc = self.server.url, self.server.port, self.server.proc
        self.route, self.headers = task.cirrus_route, task.cirrus_headers
        self.server.load(card)

    def stop(self) -> None:
        self.server.stop()


def measure(server: Peer, task: Task, bodies: list[bytes], concurrency: int, alone: int) -> dict[str, float]:
    n = len(bodies)
    requests = [http_request("127.0.0.1", server.port, server.route, server.headers, b) for b in bodies]
    run(send_all(server.url, requests[: 2 * concurrency], concurrency))  # warm-up
    cpu0 = cpu_seconds(server.proc.pid)
    tps, latencies = run(send_all(server.url, requests, concurrency, task.ok))
    result = {"tps": tps, "p50": percentile(latencies, 50) * 1e3, "p99": percentile(latencies, 99) * 1e3,
              "cpu": (cpu_seconds(server.proc.pid) - cpu0) / n * 1000, "rss": rss_mb(server.proc.pid)}
    _, lone = run(send_all(server.url, requests[:alone], 1))  # one request at a time: the latency of a quiet hour
    return {**result, "p50_alone": percentile(lone, 50) * 1e3}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--task", choices=sorted(TASKS), default="text")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, help="default: 1,280 texts or 256 images")
    parser.add_argument("--concurrency", type=int, help="default: 64 for text, 16 for images")
    parser.add_argument("--alone", type=int, help="requests sent one at a time after the loaded run (200 / 40)")
    parser.add_argument("--busy", type=int, default=0, help="CPU-spinning processes running alongside")
    parser.add_argument("--isolate", action=argparse.BooleanOptionalAction, default=True,
                        help="also Cirrus with the card in a process of its own")
    parser.add_argument("--onnx", action=argparse.BooleanOptionalAction, default=True,
                        help="text: also Cirrus with the card on ONNX Runtime, int8 weights")
    args = parser.parse_args()
    text = args.task == "text"
    requests = args.requests or (1280 if text else 256)
    concurrency = args.concurrency or (64 if text else 16)
    alone = args.alone or (200 if text else 40)
    python = str(ensure_peers())
    task = TASKS[args.task]()
    card = task.card
    bodies = task.bodies(requests)
    card_env = {"BENCH_CARD": json.dumps(card), "BENCH_BATCH": str(card["max_batch_size"]),
                "BENCH_WAIT_MS": str(card["max_wait_ms"]), "BENCH_TASK": args.task, "BENCH_ROUTE": task.peer_route}
    print(f"model {card['name']} ({card['backend']}), batch {card['max_batch_size']}, wait {card['max_wait_ms']} ms; "
          f"{requests} one-item requests at concurrency {concurrency}, then {alone} one at a time; "
          f"{args.rounds} interleaved rounds, {os.cpu_count()} CPU cores, {args.busy} busy processes, no GPU\n")

    def cirrus(name: str, **changes: object) -> Callable[[], Peer]:
        if task.extra:
            env = {"CIRRUS_EXTRA_MODELS": json.dumps([{**card, **changes}])}
        else:
            env = {"CIRRUS_MODELS": json.dumps({card["name"]: changes})} if changes else {}
        return lambda: Cirrus(env, str(card["name"]), task, name)

    # A peer's user writes the model call on PyTorch (transformers), so the text peers run the card on PyTorch;
    # "on ONNX Runtime" rows give a peer the card as Cirrus runs it by default (ONNX Runtime fp32 on the CPU),
    # so that only the serving differs
    torch_card = {**card, "options": {**card["options"], "runtime": "torch"}} if text else card

    def peer(name: str, script: str, *argv: str, spec: dict[str, object] = torch_card) -> Callable[[], Peer]:
        def start() -> Peer:
            port = free_port()
            return Peer(name, [python, str(ROOT / "bench/peers" / script), *[a.format(port=port) for a in argv]],
                        {**card_env, "BENCH_CARD": json.dumps(spec)}, port, task)
        return start

    # Each server has the machine to itself while it is measured: started, measured, stopped (an idle LitServe
    # polls ~0.1 of a core, which would tax whichever server runs beside it).
    servers: dict[str, Callable[[], Peer]] = {"cirrus": cirrus("cirrus")}
    if text:  # the default before ONNX Runtime was (two PyTorch batches side by side)
        servers["cirrus on PyTorch"] = cirrus("cirrus on PyTorch", options=torch_card["options"])
    if args.isolate:  # the same card in a process of its own (models/isolated.py), as mosec runs its model
        servers["cirrus isolated"] = cirrus("cirrus isolated", isolate=True)
    if args.onnx and text:  # the same card on ONNX Runtime with int8 weights (bench_onnx.py measures what that changes)
        servers["cirrus onnx int8"] = cirrus("cirrus onnx int8", options={**card["options"], "runtime": "onnxruntime",
                                                                          "quantize": "int8"})
    servers["litserve"] = peer("litserve", "litserve_peer.py", "{port}", card_env["BENCH_BATCH"], card_env["BENCH_WAIT_MS"])
    servers["mosec"] = peer("mosec", "mosec_peer.py", "--port", "{port}")
    if text:
        servers["mosec on ONNX Runtime"] = peer("mosec on ONNX Runtime", "mosec_peer.py", "--port", "{port}", spec=card)
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy)]
    rounds: list[dict[str, dict[str, float]]] = []
    try:
        for r in range(args.rounds):
            rounds.append({})
            for name, start in servers.items():
                server = start()
                try:
                    rounds[-1][name] = measure(server, task, bodies, concurrency, alone)
                finally:
                    server.stop()
            print(f"round {r + 1}: " + ", ".join(f"{k} {v['tps']:.1f}/s p99 {v['p99']:.0f} ms" for k, v in rounds[-1].items()),
                  flush=True)
    finally:
        for h in hogs:
            h.kill()

    def med(name: str, key: str) -> float:
        return statistics.median(r[name][key] for r in rounds)

    print(f"\n{'median of rounds':26}{task.unit + '/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'alone ms':>10}{'CPU s/1k':>10}{'RSS MB':>9}"
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
