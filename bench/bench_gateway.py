"""What the gateway's event loop spends on a request before any model runs, side by side in one run (numbers
go in the README):

  routing     finding a request's route among the app's ~250, in the app's order (the AWS JSON protocols'
              POST / first) and with POST / last, the order before
  big blobs   the longest the event loop is held while a 5 MB photo's (Rekognition) or a 10 MB document's
              (Textract) base64 is decoded whole and by gateway.aws.protocol.decode_base64 (in slices, the loop
              let go between them), measured by a task that notes every gap between its turns; and, for
              scale, parsing the request's JSON (which cannot be sliced)

    python bench/bench_gateway.py [--repeat 200]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from starlette.routing import Match

from cirrus.settings import Settings
from gateway.app import create_app
from gateway.aws.protocol import decode_base64, parse_json_object

REQUESTS = [("POST", "/"), ("POST", "/v1/text/sentiment"), ("POST", "/v1/vision/moderation"), ("GET", "/console/")]


def match_ms(routes: list[object], method: str, path: str, repeat: int) -> float:
    """Milliseconds to find the route a request takes (Starlette's walk: first full match wins)."""
    scope = {"type": "http", "path": path, "method": method, "root_path": "", "headers": [], "query_string": b""}
    started = time.perf_counter()
    for _ in range(repeat):
        for route in routes:
            if route.matches(scope)[0] is Match.FULL:  # type: ignore[attr-defined]
                break
    return (time.perf_counter() - started) / repeat * 1e3


async def longest_stall(work: Callable[[], Awaitable[object]]) -> tuple[float, float]:
    """(the longest the loop was held while ``work`` ran, ``work``'s own time), in ms."""
    gaps: list[float] = []
    done = False

    async def ticker() -> None:
        last = time.perf_counter()
        while not done:
            await asyncio.sleep(0)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    tick = asyncio.create_task(ticker())
    await asyncio.sleep(0)
    started = time.perf_counter()
    await work()
    took = time.perf_counter() - started
    done = True
    await tick
    return max(gaps) * 1e3, took * 1e3


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    app = create_app(Settings(data_dir=Path(tempfile.mkdtemp(prefix="cirrus-bench-gateway-"))))
    routes = list(app.router.routes)
    aws = [r for r in routes if any(getattr(c, "path", None) == "/" for c in getattr(getattr(r, "original_router", None),
                                                                                   "routes", []))]
    before = [r for r in routes if r not in aws] + aws
    print(f"routing ({len(routes)} top-level routes, {args.repeat} lookups each; ms per lookup):")
    print(f"{'request':32}{'AWS route first':>17}{'AWS route last':>16}{'ratio':>8}")
    for method, path in REQUESTS:
        now, then = match_ms(routes, method, path, args.repeat), match_ms(before, method, path, args.repeat)
        print(f"{method + ' ' + path:32}{now:17.3f}{then:16.3f}{now / then:7.2f}x")

    print("\nthe event loop held by one big blob (ms; median of 5):")
    print(f"{'blob':30}{'whole: held':>13}{'sliced: held':>14}{'whole: took':>13}{'sliced: took':>14}{'JSON parse':>12}")
    for label, size in (("5 MB photo (Rekognition)", 5 * 1024 * 1024), ("10 MB document (Textract)", 10 * 1024 * 1024)):
        text = base64.b64encode(os.urandom(size)).decode()
        body = json.dumps({"Image": {"Bytes": text}}).encode()

        async def whole(text: str = text) -> bytes:
            return base64.b64decode(text, validate=True)

        async def sliced(text: str = text) -> bytes:
            return await decode_base64(text)

        async def parse(body: bytes = body) -> object:
            return parse_json_object(body)

        runs = {name: [asyncio.run(longest_stall(fn)) for _ in range(5)] for name, fn in
                (("whole", whole), ("sliced", sliced), ("parse", parse))}
        held = {k: statistics.median(r[0] for r in v) for k, v in runs.items()}
        took = {k: statistics.median(r[1] for r in v) for k, v in runs.items()}
        print(f"{label:30}{held['whole']:13.1f}{held['sliced']:14.2f}{took['whole']:13.1f}{took['sliced']:14.1f}"
              f"{held['parse']:12.1f}")


if __name__ == "__main__":
    main()
