"""Speech benchmark, measured side by side in one run (numbers go in the README).

Speech-to-text (Whisper base, the packaged faster-whisper model, on espeak-ng speech of known sentences):
  rtf         one clip at a time in-process: compute seconds per audio second (lower is faster)
  gateway     `cirrus serve`, `concurrency` clients each uploading one clip: audio seconds per second,
              batched vs CIRRUS_BATCHING=false
  engines     faster-whisper (CTranslate2, int8) vs the transformers ASR stack (PyTorch fp32) on the same
              Whisper-base architecture and the same clip, both greedy and forced to the same number of
              tokens. No transformers-format Whisper weights ship offline, so that model is randomly
              initialised: this measures engine cost, not accuracy.

Text-to-speech (the packaged Piper voice):
  rtf         one sentence at a time in-process
  gateway     Polly SynthesizeSpeech at `concurrency`: characters/s and audio seconds/s, batched vs unbatched

    python bench/bench_speech.py [--clips 32] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_text import DEVICE, PRECISION, WHERE, Server, percentile, run, send_all

from models.registry import default_cards
from models.speech.espeak import TtsItem
from models.speech.piper import PiperVoice
from models.speech.whisper import AsrItem, FasterWhisper
from services.speech.audio import decode

SENTENCES = [
    "The quick brown fox jumps over the lazy dog.",
    "Please call me back tomorrow morning before ten.",
    "The weather is nice today, so we will walk to the park.",
    "Our team shipped the new release on Tuesday after three weeks of testing.",
    "Can you tell me where the nearest train station is?",
    "She works as a doctor in a small hospital near the city.",
    "I would like a cup of coffee and a glass of water, please.",
    "The museum opens at nine and closes at six every day except Monday.",
]


def clips(n: int) -> list[bytes]:
    out = []
    for i in range(n):
        text = SENTENCES[i % len(SENTENCES)]
        out.append(subprocess.run(["espeak-ng", "-v", "en-us", "--stdout", text], capture_output=True, check=True).stdout)
    return out


def card(name: str, data_dir: Path):  # type: ignore[no-untyped-def]
    return next(c for c in default_cards(model_dir=data_dir / "models") if c.name == name)


def asr_bare(data_dir: Path, audio: list[np.ndarray], batch: int) -> tuple[float, float, FasterWhisper]:
    model = FasterWhisper(card("transcribe-whisper-base", data_dir))
    model.load(DEVICE, PRECISION)
    model.predict([AsrItem(audio[0], language="en")])  # warm-up
    seconds = sum(len(a) for a in audio) / 16000
    started = time.perf_counter()
    for a in audio[:8]:
        model.predict([AsrItem(a, language="en")])
    rtf = (time.perf_counter() - started) / (sum(len(a) for a in audio[:8]) / 16000)
    started = time.perf_counter()
    for i in range(0, len(audio), batch):
        model.predict([AsrItem(a, language="en") for a in audio[i:i + batch]])
    return rtf, seconds / (time.perf_counter() - started), model


def engines(model: FasterWhisper, audio: np.ndarray, repeats: int = 5) -> tuple[float, float, int]:
    """Seconds per call: faster-whisper vs transformers, same architecture, same clip, same token count."""
    import torch
    from transformers import WhisperConfig, WhisperFeatureExtractor, WhisperForConditionalGeneration

    segments, _ = model.model.transcribe(audio, language="en", beam_size=1, vad_filter=False, without_timestamps=True)
    tokens = sum(len(s.tokens) for s in segments)
    started = time.perf_counter()
    for _ in range(repeats):
        list(model.model.transcribe(audio, language="en", beam_size=1, vad_filter=False, without_timestamps=True)[0])
    fw = (time.perf_counter() - started) / repeats
    cfg = json.loads((Path(str(model.path)) / "config.json").read_text())
    config = WhisperConfig(  # Whisper base: 6+6 layers, d_model 512, 8 heads, 80 mels
        vocab_size=51865, num_mel_bins=80, encoder_layers=6, decoder_layers=6, d_model=512,
        encoder_attention_heads=8, decoder_attention_heads=8, encoder_ffn_dim=2048, decoder_ffn_dim=2048,
        decoder_start_token_id=50258, eos_token_id=50257, pad_token_id=50257,
        suppress_tokens=cfg.get("suppress_ids", []), begin_suppress_tokens=cfg.get("suppress_ids_begin", []),
    )
    torch.manual_seed(0)
    hf = WhisperForConditionalGeneration(config).eval()
    features = WhisperFeatureExtractor(feature_size=80)(audio, sampling_rate=16000, return_tensors="pt").input_features
    prompt = torch.tensor([[50258, 50259, 50359, 50363]])  # <|startoftranscript|><|en|><|transcribe|><|notimestamps|>
    with torch.inference_mode():
        def once() -> None:
            hf.generate(features, decoder_input_ids=prompt, max_new_tokens=tokens, min_new_tokens=tokens,
                        do_sample=False, num_beams=1)
        once()
        started = time.perf_counter()
        for _ in range(repeats):
            once()
    return fw, (time.perf_counter() - started) / repeats, tokens


def multipart(host: str, port: int, data: bytes) -> bytes:
    request = httpx.Request("POST", f"http://{host}:{port}/v1/transcribe", files={"file": ("a.wav", data, "audio/wav")},
                            data={"language": "en"})
    body = request.read()
    head = f"POST /v1/transcribe HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: {request.headers['content-type']}\r\n"
    return head.encode() + f"Content-Length: {len(body)}\r\n\r\n".encode() + body


def speech_request(host: str, port: int, text: str) -> bytes:
    body = json.dumps({"Text": text, "VoiceId": "Joey", "OutputFormat": "pcm"}).encode()
    head = f"POST /v1/speech HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
    return head.encode() + f"Content-Length: {len(body)}\r\n\r\n".encode() + body


def gateway(env: dict[str, str], load: str, requests: list[bytes], concurrency: int) -> tuple[float, list[float]]:
    server = Server(env)
    try:
        server.load(load)
        host, port = server.url.removeprefix("http://").split(":")
        encoded = [r.replace(b"{HOSTPORT}", f"{host}:{port}".encode()) for r in requests]
        run(send_all(server.url, encoded[:concurrency], concurrency))  # warm-up
        return run(send_all(server.url, encoded, concurrency))
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clips", type=int, default=32)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    conc = args.concurrency
    data_dir = ROOT / "data"
    raw = clips(args.clips)
    audio = [decode(c).samples for c in raw]
    seconds = sum(len(a) for a in audio) / 16000
    print(f"{args.clips} clips of espeak-ng speech, {seconds:.1f} s of audio; concurrency {conc}; "
          f"{WHERE}\n")

    rtf, bare_batched, model = asr_bare(data_dir, audio, conc)
    fw, hf, tokens = engines(model, np.concatenate(audio[:8])[: 28 * 16000])  # one full 30 s window
    asr_requests = [multipart("h", 1, c).replace(b"h:1", b"{HOSTPORT}") for c in raw]
    asr_on, asr_on_lat = gateway({}, "transcribe-whisper-base", asr_requests, conc)
    asr_off, asr_off_lat = gateway({"CIRRUS_BATCHING": "false"}, "transcribe-whisper-base", asr_requests, conc)

    print("speech-to-text (Whisper base, faster-whisper int8)")
    print(f"  real-time factor, one clip at a time     {rtf:6.3f}   ({1 / rtf:.1f}x faster than real time)")
    print(f"  in-process, batches of {conc}               {bare_batched:6.1f} audio s/s")
    print(f"  gateway, batched                         {asr_on * seconds / len(raw):6.1f} audio s/s   "
          f"p50 {percentile(asr_on_lat, 50):.2f} s  p99 {percentile(asr_on_lat, 99):.2f} s")
    print(f"  gateway, unbatched                       {asr_off * seconds / len(raw):6.1f} audio s/s   "
          f"p50 {percentile(asr_off_lat, 50):.2f} s  p99 {percentile(asr_off_lat, 99):.2f} s")
    print(f"  batched / unbatched                      {asr_on / asr_off:6.2f}x")
    print(f"  gateway / in-process batched             {asr_on * seconds / len(raw) / bare_batched:6.2f}x")
    print(f"  faster-whisper vs transformers (28 s clip, {tokens} tokens): {fw * 1e3:.0f} ms vs {hf * 1e3:.0f} ms = "
          f"{hf / fw:.2f}x faster\n")

    voice = PiperVoice(card("speech-piper-joe", data_dir))
    voice.load(DEVICE, PRECISION)
    voice.predict([TtsItem(SENTENCES[0], "")])
    started, spoken = time.perf_counter(), 0.0
    for text in SENTENCES:
        spoken += len(voice.predict([TtsItem(text, "")])[0].samples) / 22050
    tts_rtf = (time.perf_counter() - started) / spoken
    texts = [SENTENCES[i % len(SENTENCES)] for i in range(args.clips * 2)]
    chars = sum(len(t) for t in texts)
    tts_requests = [speech_request("h", 1, t).replace(b"h:1", b"{HOSTPORT}") for t in texts]
    tts_on, tts_on_lat = gateway({}, "speech-piper-joe", tts_requests, conc)
    tts_off, tts_off_lat = gateway({"CIRRUS_BATCHING": "false"}, "speech-piper-joe", tts_requests, conc)
    print("text-to-speech (Piper en_US-joe-medium, onnxruntime)")
    print(f"  real-time factor, one sentence at a time {tts_rtf:6.3f}   ({1 / tts_rtf:.1f}x faster than real time)")
    print(f"  gateway, batched                         {tts_on * chars / len(texts):6.0f} chars/s   "
          f"p50 {percentile(tts_on_lat, 50) * 1e3:.0f} ms  p99 {percentile(tts_on_lat, 99) * 1e3:.0f} ms")
    print(f"  gateway, unbatched                       {tts_off * chars / len(texts):6.0f} chars/s   "
          f"p50 {percentile(tts_off_lat, 50) * 1e3:.0f} ms  p99 {percentile(tts_off_lat, 99) * 1e3:.0f} ms")
    print(f"  batched / unbatched                      {tts_on / tts_off:6.2f}x")


if __name__ == "__main__":
    main()
