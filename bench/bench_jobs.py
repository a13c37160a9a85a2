"""Job benchmark: a 1,000-document sentiment job vs the synchronous batch API on the same model and server.

    python bench/bench_jobs.py [--docs 1000] [--model minilm|vader]

Both paths go through the same batching worker. The sync side sends the documents as batch requests of
25 with 4 in flight; the job side reads them from a bucket folder (one document per file) and writes
AWS's output archive. Prints documents/s for each and the ratio (target >= 0.9).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_text import MODELS, SENTENCES, Server


async def sync_batches(url: str, docs: list[str], in_flight: int = 4) -> float:
    batches = [docs[i : i + 25] for i in range(0, len(docs), 25)]
    work = iter(batches)
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:

        async def sender() -> None:
            for batch in work:
                r = await client.post("/v1/text/sentiment", json={"texts": batch})
                assert r.status_code == 200 and not r.json()["errors"], r.text[:200]

        started = time.perf_counter()
        await asyncio.gather(*(sender() for _ in range(in_flight)))
        return len(docs) / (time.perf_counter() - started)


def job(url: str, n: int, bucket: str) -> float:
    r = httpx.post(f"{url}/v1/jobs/text", json={
        "task": "sentiment", "input_uri": f"s3://{bucket}/", "output_uri": f"s3://{bucket}-out/", "language": "en",
    }, timeout=30)
    job_id = r.json()["id"]
    while True:
        state = httpx.get(f"{url}/v1/jobs/{job_id}", timeout=30).json()
        if state["state"] in ("COMPLETED", "FAILED", "STOPPED"):
            break
        time.sleep(0.25)  # polling is server work too: keep it rare
    assert state["state"] == "COMPLETED" and state["items_done"] == n, state
    # the job's own clock, submission to output archive written: free of the polling's granularity
    return n / (state["ended_at"] - state["submitted_at"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--model", choices=["minilm", "vader"], default="minilm")
    args = parser.parse_args()
    env = {"CIRRUS_EXTRA_MODELS": json.dumps([MODELS["minilm"]["extra"]])} if args.model == "minilm" else {}
    docs = [f"{SENTENCES[i % len(SENTENCES)]} ({i})" for i in range(args.docs)]
    server = Server(env)
    try:
        for i, bucket in enumerate(("warm", "docs")):
            folder = Path(server.dir) / "buckets" / bucket
            folder.mkdir(parents=True)
            for j, doc in enumerate(docs if i else docs[:50]):
                (folder / f"{j:05}.txt").write_text(doc)
        asyncio.run(sync_batches(server.url, docs[:100]))  # warm-up: model loaded, caches hot
        job(server.url, 50, "warm")
        sync_rate = asyncio.run(sync_batches(server.url, docs))
        job_rate = job(server.url, args.docs, "docs")
    finally:
        server.stop()
    print(f"{args.docs} documents, model {args.model}, one server")
    print(f"sync batch API (25 per request, 4 in flight)  {sync_rate:8.1f} docs/s")
    print(f"sentiment job over a bucket folder            {job_rate:8.1f} docs/s")
    print(f"job / sync                                    {job_rate / sync_rate:8.2f}x   (target >= 0.9)")


if __name__ == "__main__":
    main()
