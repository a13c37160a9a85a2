"""mosec serving the benchmark's model with its dynamic batching (a peer for bench/bench_peers.py).
Usage: python mosec_peer.py --port PORT (BENCH_CARD, BENCH_TASK, BENCH_ROUTE, BENCH_BATCH, BENCH_WAIT_MS in the env)"""

from __future__ import annotations

import json
import os

from common import ROUTE, answer, decode, load_backend
from mosec import Server, Worker


class Predict(Worker):
    def __init__(self) -> None:
        super().__init__()
        self.backend = load_backend()

    def deserialize(self, data: bytes) -> object:
        return decode(json.loads(data))

    def forward(self, items: list[object]) -> list[object]:
        return self.backend.predict(list(items))

    def serialize(self, output: object) -> bytes:
        return json.dumps(answer(output)).encode()


if __name__ == "__main__":
    server = Server()
    server.append_worker(Predict, num=1, max_batch_size=int(os.environ["BENCH_BATCH"]),
                         max_wait_time=int(float(os.environ["BENCH_WAIT_MS"])), route=ROUTE)
    server.run()
