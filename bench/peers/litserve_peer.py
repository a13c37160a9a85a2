"""LitServe serving the benchmark's model with its own dynamic batching (a peer for bench/bench_peers.py).
Usage: python litserve_peer.py PORT MAX_BATCH MAX_WAIT_MS (BENCH_CARD, BENCH_TASK, BENCH_ROUTE in the env)"""

from __future__ import annotations

import sys

import litserve as ls
from common import ROUTE, answer, decode, load_backend


class PeerAPI(ls.LitAPI):
    def setup(self, device: str) -> None:
        self.backend = load_backend()

    def decode_request(self, request: dict) -> object:
        return decode(request)

    def batch(self, items: list[object]) -> list[object]:
        return list(items)  # LitServe's default stacks numpy inputs: images of different sizes do not stack

    def unbatch(self, outputs: list[object]) -> list[object]:
        return list(outputs)

    def predict(self, items: list[object]) -> list[object]:
        return self.backend.predict(list(items))

    def encode_response(self, output: object) -> dict:
        return answer(output)


if __name__ == "__main__":
    port, batch, wait_ms = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    api = PeerAPI(max_batch_size=batch, batch_timeout=wait_ms / 1000, api_path=ROUTE)
    server = ls.LitServer(api, accelerator="cpu", workers_per_device=1)
    server.run(host="127.0.0.1", port=port, generate_client_file=False, log_level="warning")
