"""mosec serving the benchmark's text classifier with its dynamic batching (a peer for
bench/bench_peers.py). Usage: python mosec_text.py --port PORT (BENCH_BATCH, BENCH_WAIT_MS in the env)"""

from __future__ import annotations

import json
import os

from common import answer, load_backend
from mosec import Server, Worker


class Classify(Worker):
    def __init__(self) -> None:
        super().__init__()
        self.backend = load_backend()

    def deserialize(self, data: bytes) -> str:
        return json.loads(data)["texts"][0]

    def forward(self, texts: list[str]) -> list[object]:
        return self.backend.predict(list(texts))

    def serialize(self, output: object) -> bytes:
        return json.dumps(answer(output)).encode()


if __name__ == "__main__":
    server = Server()
    server.append_worker(Classify, num=1, max_batch_size=int(os.environ["BENCH_BATCH"]),
                         max_wait_time=int(float(os.environ["BENCH_WAIT_MS"])), route="/v1/text/sentiment")
    server.run()
