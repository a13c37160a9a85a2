"""LitServe serving the benchmark's text classifier with its own dynamic batching (a peer for
bench/bench_peers.py). Usage: python litserve_text.py PORT MAX_BATCH MAX_WAIT_MS"""

from __future__ import annotations

import sys

import litserve as ls
from common import answer, load_backend


class TextAPI(ls.LitAPI):
    def setup(self, device: str) -> None:
        self.backend = load_backend()

    def decode_request(self, request: dict) -> str:
        return request["texts"][0]

    def predict(self, texts: list[str]) -> list[object]:
        return self.backend.predict(list(texts))

    def encode_response(self, output: object) -> dict:
        return answer(output)


if __name__ == "__main__":
    port, batch, wait_ms = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    api = TextAPI(max_batch_size=batch, batch_timeout=wait_ms / 1000, api_path="/v1/text/sentiment")
    server = ls.LitServer(api, accelerator="cpu", workers_per_device=1)
    server.run(host="127.0.0.1", port=port, generate_client_file=False, log_level="warning")
