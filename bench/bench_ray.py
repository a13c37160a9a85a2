"""Model workers on Ray Serve against embedded ones, and one gateway against two, side by side in one run.

Starts a local Ray head (`ray start --head --num-cpus 2`, Ray from PyPI), then per round: Cirrus embedded;
Cirrus with its workers on Ray (`CIRRUS_WORKERS__RAY_ADDRESS`); two Cirrus gateways sharing those Ray
replicas, the client's connections split between them. Same model card (MiniLM-L6 sequence classification,
batch 32, 10 ms wait; on Ray one replica reserving both CPUs, so its torch threads match the embedded
worker's), the same bench_text.py client: one-text requests at concurrency 64. Prints texts/s, p50, p99
and CPU per 1,000 texts (every process of the setup: gateways, Ray replica, Ray's own daemons) per setup
and the same-round ratios against embedded.

    python bench/bench_ray.py [--rounds 3] [--requests 1280] [--concurrency 64]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_peers import cpu_seconds
from bench_text import MODELS, Server, free_port, percentile, request_bytes, run, send_all, texts

RAY = Path(sys.executable).with_name("ray")


def setup_cpu(servers: list[Server], ray_head: int | None) -> float:
    """CPU seconds of the gateways' process trees, plus the Ray head's (its daemons, the Serve controller
    and every replica descend from it)."""
    return sum(cpu_seconds(s.proc.pid) for s in servers) + (cpu_seconds(ray_head) if ray_head else 0.0)


def measure(servers: list[Server], ray: int | None, n: int, concurrency: int) -> dict[str, float]:
    urls = [s.url for s in servers]
    requests = [request_bytes("127.0.0.1", servers[0].port, "/v1/text/sentiment", t) for t in texts(n)]
    run(send_all(urls, requests[: 2 * concurrency], concurrency))  # warm-up
    cpu0 = setup_cpu(servers, ray)
    tps, latencies = run(send_all(urls, requests, concurrency, lambda body: not json.loads(body)["errors"]))
    return {"tps": tps, "p50": percentile(latencies, 50) * 1e3, "p99": percentile(latencies, 99) * 1e3,
            "cpu": (setup_cpu(servers, ray) - cpu0) / n * 1000}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=1280)
    parser.add_argument("--concurrency", type=int, default=64)
    args = parser.parse_args()
    extra = MODELS["minilm"]["extra"]
    name = extra["name"]
    port = free_port()
    head = subprocess.Popen([str(RAY), "start", "--head", "--block", "--num-cpus", "2", "--port", str(port),
                             "--include-dashboard=false", "--disable-usage-stats"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "RAY_USAGE_STATS_ENABLED": "0"})
    print(f"model {name}, batch {extra['max_batch_size']}, wait {extra['max_wait_ms']} ms; {args.requests} one-text "
          f"requests at concurrency {args.concurrency}, {args.rounds} interleaved rounds, {os.cpu_count()} CPU cores, no GPU\n")
    card_env = {"CIRRUS_EXTRA_MODELS": json.dumps([extra])}
    ray_env = {**card_env, "CIRRUS_WORKERS__RAY_ADDRESS": f"127.0.0.1:{port}",
               "CIRRUS_MODELS": json.dumps({name: {"num_cpus": 2}})}
    setups: dict[str, tuple[list[Server], int | None]] = {}
    try:
        time.sleep(3)
        embedded = Server(card_env)
        embedded.load(name)
        setups["embedded"] = ([embedded], None)
        started = time.perf_counter()
        first = Server(ray_env)
        first.load(name)
        print(f"Ray: gateway up and the card's replica ready in {time.perf_counter() - started:.1f} s")
        setups["ray, 1 gateway"] = ([first], head.pid)
        second = Server(ray_env)
        second.load(name)  # the replica runs already: this only takes a handle
        setups["ray, 2 gateways"] = ([first, second], head.pid)
        rounds: list[dict[str, dict[str, float]]] = []
        for r in range(args.rounds):
            rounds.append({k: measure(servers, ray, args.requests, args.concurrency) for k, (servers, ray) in setups.items()})
            print(f"round {r + 1}: " + ", ".join(f"{k} {v['tps']:.1f}/s p99 {v['p99']:.0f} ms" for k, v in rounds[-1].items()))
    finally:
        for servers, _ in setups.values():
            for s in servers:
                if s.proc.poll() is None:
                    s.stop()
        subprocess.run([str(RAY), "stop", "--force"], capture_output=True)
        head.kill()
        head.wait(30)

    def med(k: str, key: str) -> float:
        return statistics.median(r[k][key] for r in rounds)

    print(f"\n{'median of rounds':18}{'texts/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'CPU s/1k':>10}{'tps vs embedded':>17}")
    for k in setups:
        ratio = statistics.median(r[k]["tps"] / r["embedded"]["tps"] for r in rounds)
        print(f"{k:18}{med(k, 'tps'):9.1f}{med(k, 'p50'):9.0f}{med(k, 'p99'):9.0f}{med(k, 'cpu'):10.2f}{ratio:16.2f}x")
    print("\n(the ratio is the median of same-round ratios; 1 - ratio is what Ray's hop costs on this machine)")


if __name__ == "__main__":
    main()
