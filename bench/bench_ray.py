"""Model workers on Ray Serve against embedded ones, and one gateway against two, side by side in one run.
Then a 2,000-document sentiment job over a bucket (moto's S3, Postgres as the job store, the same Ray
replica), with one gateway running and with two, in interleaved rounds: submission to output written.

Starts a local Ray head (`ray start --head --num-cpus 2`, Ray from PyPI), then per round: Cirrus embedded;
Cirrus with its workers on Ray (`CIRRUS_WORKERS__RAY_ADDRESS`); two Cirrus gateways sharing those Ray
replicas, the client's connections split between them. Same model card (MiniLM-L6 sequence classification,
batch 32, 10 ms wait; on Ray one replica reserving both CPUs, so its torch threads match the embedded
worker's), the same bench_text.py client: one-text requests at concurrency 64. Prints texts/s, p50, p99
and CPU per 1,000 texts (every process of the setup: gateways, Ray replica, Ray's own daemons) per setup
and the same-round ratios against embedded.

    python bench/bench_ray.py [--rounds 3] [--requests 1280] [--concurrency 64] [--docs 2000]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

sys.path.insert(0, str(ROOT))

import httpx
from bench_peers import cpu_seconds
from bench_text import MODELS, SENTENCES, Server, percentile, request_bytes, run, send_all, texts

from tests.e2e.conftest import wait_for
from tests.local_services import moto_s3, s3_client
from tests.pg import running_postgres
from tests.ray_util import ray_head


def setup_cpu(servers: list[Server], head: int | None) -> float:
    """CPU seconds of the gateways' process trees, plus the Ray head's (its daemons, the Serve controller
    and every replica descend from it)."""
    return sum(cpu_seconds(s.proc.pid) for s in servers) + (cpu_seconds(head) if head else 0.0)


def measure(servers: list[Server], ray: int | None, n: int, concurrency: int) -> dict[str, float]:
    urls = [s.url for s in servers]
    requests = [request_bytes("127.0.0.1", servers[0].port, "/v1/text/sentiment", t) for t in texts(n)]
    run(send_all(urls, requests[: 2 * concurrency], concurrency))  # warm-up
    cpu0 = setup_cpu(servers, ray)
    tps, latencies = run(send_all(urls, requests, concurrency, lambda body: not json.loads(body)["errors"]))
    return {"tps": tps, "p50": percentile(latencies, 50) * 1e3, "p99": percentile(latencies, 99) * 1e3,
            "cpu": (setup_cpu(servers, ray) - cpu0) / n * 1000}


def job_seconds(servers: list[Server], s3: object, docs: int, tag: str) -> float:
    """Submit one sentiment job over ``docs`` one-line documents to the first gateway; seconds to COMPLETED."""
    for f in range(4):
        lines = [SENTENCES[(f * docs // 4 + i) % len(SENTENCES)] for i in range(docs // 4)]
        s3.put_object(Bucket="bench", Key=f"{tag}/part-{f}.txt", Body="\n".join(lines).encode())  # type: ignore[attr-defined]
    started = time.perf_counter()
    r = httpx.post(f"{servers[0].url}/v1/jobs/text", timeout=30, json={
        "task": "sentiment", "input_uri": f"s3://bench/{tag}/", "output_uri": f"s3://bench/out-{tag}",
        "input_format": "ONE_DOC_PER_LINE", "language": "en"})
    r.raise_for_status()
    job = wait_for(servers[0].url, r.json()["id"], timeout=600)
    assert job["state"] == "COMPLETED" and job["items_done"] == docs, job
    return time.perf_counter() - started


def jobs(ray_env: dict[str, str], docs: int, rounds: int) -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's request log
    with moto_s3() as endpoint, running_postgres() as pg:
        s3 = s3_client(endpoint)
        s3.create_bucket(Bucket="bench")
        env = {**ray_env, "CIRRUS_JOBS__DATABASE_URL": pg.url, "CIRRUS_BUCKETS__S3_ENDPOINT_URL": endpoint,
               "CIRRUS_BUCKETS__ACCESS_KEY_ID": "test", "CIRRUS_BUCKETS__SECRET_ACCESS_KEY": "test",
               "CIRRUS_JOBS__POLL_S": "0.3"}
        servers: list[Server] = []
        try:
            servers = [Server(env), Server(env)]
            for server in servers:
                server.load(MODELS["minilm"]["extra"]["name"])
            times: dict[str, list[float]] = {"1 gateway": [], "2 gateways": []}
            for r in range(rounds):
                servers[1].stop()  # one gateway
                times["1 gateway"].append(job_seconds(servers[:1], s3, docs, f"one-{r}"))
                servers[1] = Server(env)
                times["2 gateways"].append(job_seconds(servers, s3, docs, f"two-{r}"))
        finally:
            for server in servers:
                if server.proc.poll() is None:
                    server.stop()
    print(f"\n{docs}-document sentiment job (4 files, one document a line), S3 in, S3 out, Postgres, Ray workers:")
    for k, values in times.items():
        print(f"{k:18}{docs / statistics.median(values):9.1f} docs/s   (median of {rounds}: "
              + ", ".join(f"{v:.1f} s" for v in values) + ")")
    ratio = statistics.median(a / b for a, b in zip(times["1 gateway"], times["2 gateways"], strict=True))
    print(f"2 gateways / 1 gateway: {ratio:.2f}x (one job runs on one gateway; its model calls go to the same "
          "Ray replica, which has both cores)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=1280)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--docs", type=int, default=2000)
    args = parser.parse_args()
    extra = MODELS["minilm"]["extra"]
    name = extra["name"]
    print(f"model {name}, batch {extra['max_batch_size']}, wait {extra['max_wait_ms']} ms; {args.requests} one-text "
          f"requests at concurrency {args.concurrency}, {args.rounds} interleaved rounds, {os.cpu_count()} CPU cores, no GPU\n")
    card_env = {"CIRRUS_EXTRA_MODELS": json.dumps([extra])}
    setups: dict[str, tuple[list[Server], int | None]] = {}
    with ray_head() as address:
        head = int(subprocess.run(["pgrep", "-f", f"ray start --head --block .*--port {address.split(':')[1]}"],
                                  capture_output=True, text=True).stdout.split()[0])
        ray_env = {**card_env, "CIRRUS_WORKERS__RAY_ADDRESS": address, "CIRRUS_MODELS": json.dumps({name: {"num_cpus": 2}})}
        try:
            embedded = Server(card_env)
            embedded.load(name)
            setups["embedded"] = ([embedded], None)
            started = time.perf_counter()
            first = Server(ray_env)
            first.load(name)
            print(f"Ray: gateway up and the card's replica ready in {time.perf_counter() - started:.1f} s")
            setups["ray, 1 gateway"] = ([first], head)
            second = Server(ray_env)
            second.load(name)  # the replica runs already: this only takes a handle
            setups["ray, 2 gateways"] = ([first, second], head)
            rounds: list[dict[str, dict[str, float]]] = []
            for r in range(args.rounds):
                rounds.append({k: measure(servers, ray, args.requests, args.concurrency) for k, (servers, ray) in setups.items()})
                print(f"round {r + 1}: " + ", ".join(f"{k} {v['tps']:.1f}/s p99 {v['p99']:.0f} ms" for k, v in rounds[-1].items()))
        finally:
            for servers, _ in setups.values():
                for s in servers:
                    if s.proc.poll() is None:
                        s.stop()

        def med(k: str, key: str) -> float:
            return statistics.median(r[k][key] for r in rounds)

        print(f"\n{'median of rounds':18}{'texts/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'CPU s/1k':>10}{'tps vs embedded':>17}")
        for k in setups:
            ratio = statistics.median(r[k]["tps"] / r["embedded"]["tps"] for r in rounds)
            print(f"{k:18}{med(k, 'tps'):9.1f}{med(k, 'p50'):9.0f}{med(k, 'p99'):9.0f}{med(k, 'cpu'):10.2f}{ratio:16.2f}x")
        print("\n(the ratio is the median of same-round ratios; 1 - ratio is what Ray's hop costs on this machine)")
        jobs(ray_env, args.docs, 2)


if __name__ == "__main__":
    main()
