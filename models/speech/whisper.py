"""faster-whisper (CTranslate2 Whisper): speech-to-text with word timestamps, batched across requests.

Sources: ``package:NAME/subdir`` (the embedded default ships its ``model.bin`` in parts across packages,
named by the ``weight_parts`` option and joined once into ``joined_dir``), ``path:/dir`` (any CTranslate2
Whisper directory) or ``hub:Systran/faster-whisper-small`` (or a size name) for users who are online.
int8 on CPU, fp16 on CUDA.

Batching: every item is cut by the Silero VAD into speech chunks of at most 30 s; the chunks of every
item in the batch are encoded in one call, languages are detected from that same encoder output, and one
``generate`` call decodes all chunks with per-chunk prompts (language, hotwords). Word timestamps are
aligned per language group. Items are :class:`AsrItem`; results are :class:`AsrResult`.
"""

from __future__ import annotations

import os
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from models.cards import ModelCard
from models.errors import InvalidItem, ModelNotReady
from models.sources import package_dir, prebuilt, resolve_source

SAMPLE_RATE = 16000
CHUNK_S = 30


@dataclass(frozen=True)
class AsrItem:
    audio: np.ndarray  # float32 mono at 16 kHz
    language: str | None = None  # None: detect
    hotwords: str | None = None
    candidates: tuple[str, ...] = ()  # restrict language detection to these (empty: any)
    vad: bool = True


@dataclass
class AsrWord:
    text: str
    start: float
    end: float
    probability: float


@dataclass
class AsrSegment:
    text: str
    start: float
    end: float
    avg_logprob: float
    no_speech_prob: float
    words: list[AsrWord] = field(default_factory=list)


@dataclass
class AsrResult:
    language: str
    language_probability: float
    duration: float
    segments: list[AsrSegment]
    language_scores: dict[str, float] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return " ".join(s.text.strip() for s in self.segments if s.text.strip())


def join_parts(card: ModelCard, base: Path, parts: list[str], joined: Path) -> Path:
    """Copy ``base``'s small files and concatenate every ``model.bin.part*`` (in order) into ``joined``,
    once: a finished directory is reused (the install step's copy first); a half-written one is never seen
    (atomic rename)."""
    for done in (prebuilt(joined), joined):
        if done is not None and (done / "model.bin").is_file():
            return done
    dirs = [base, *(package_dir(card, p.removeprefix("package:")) for p in parts)]
    pieces = sorted((f for d in dirs for f in d.glob("model.bin.part*")), key=lambda f: f.name)
    if not pieces:
        raise ModelNotReady(card.name, f"no model.bin parts under {[str(d) for d in dirs]}")
    tmp = joined.with_name(joined.name + f".tmp{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for f in base.iterdir():
        if f.is_file() and not f.name.startswith("model.bin") and not f.name.endswith(".py"):
            shutil.copy2(f, tmp / f.name)
    with open(tmp / "model.bin", "wb") as out:
        for piece in pieces:
            with open(piece, "rb") as src:
                shutil.copyfileobj(src, out, 16 << 20)
    if joined.exists():
        shutil.rmtree(joined)
    tmp.rename(joined)
    return joined


class FasterWhisper:
    imports = ("faster_whisper",)
    # A batch's decoding buffers, freed, stayed mapped in glibc's per-thread arenas: the server held 593 MB
    # after 24 clips at concurrency 8 and 444-491 MB when the worker trims after each batch (same time,
    # 21.5 s; a trim costs milliseconds beside a batch of seconds)
    trim_after_batch = True

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.beam_size = int(card.options.get("beam_size", 5))
        self.no_speech_threshold = float(card.options.get("no_speech_threshold", 0.6))
        self.model: Any = None
        self.path: str | None = None  # the CTranslate2 folder or hub id loaded (a joined folder: where it is)

    def _where(self) -> tuple[str, bool]:
        """Like any source (``resolve_source``), except a package whose weights ship in parts: joined once."""
        where, offline = resolve_source(self.card)
        parts = list(self.card.options.get("weight_parts", []))
        if self.card.source_kind == "package" and (parts or not (Path(where) / "model.bin").is_file()):
            joined = Path(self.card.options.get("joined_dir") or Path("data") / "models" / self.card.name)
            return str(join_parts(self.card, Path(where), parts, joined)), True
        return where, offline

    def load(self, device: str, precision: str) -> None:
        from faster_whisper import WhisperModel

        where, offline = self._where()
        self.path = where
        cuda = device.startswith("cuda")
        compute = {"fp16": "float16", "fp32": "int8" if not cuda else "float32"}.get(precision, precision)
        index = int(device.partition(":")[2] or 0) if cuda else 0
        threads = int(self.card.options.get("cpu_threads", 0)) or (os.cpu_count() or 1)
        self.model = WhisperModel(
            where, device="cuda" if cuda else "cpu", device_index=index, compute_type=compute,
            cpu_threads=threads, local_files_only=offline,
        )

    def unload(self) -> None:
        self.model = None

    @property
    def languages(self) -> list[str]:
        return list(self.model.supported_languages) if self.model else []

    def predict(self, items: list[AsrItem]) -> list[Any]:
        from faster_whisper.audio import pad_or_trim
        from faster_whisper.vad import VadOptions, collect_chunks, get_speech_timestamps

        out: list[Any] = [None] * len(items)
        chunks: list[tuple[int, dict[str, Any], np.ndarray]] = []  # (item index, metadata, features)
        clips: dict[int, list[dict[str, int]]] = {}
        for i, item in enumerate(items):
            audio = np.asarray(item.audio, dtype=np.float32)
            if audio.ndim != 1 or not np.isfinite(audio).all():
                out[i] = InvalidItem("audio must be finite mono samples")
                continue
            if item.vad:
                speech = get_speech_timestamps(audio, VadOptions(max_speech_duration_s=CHUNK_S, min_silence_duration_ms=160))
            else:
                speech = [{"start": 0, "end": len(audio)}] if len(audio) else []
            clips[i] = speech
            duration = len(audio) / SAMPLE_RATE
            out[i] = AsrResult(item.language or "", 0.0 if item.language is None else 1.0, duration, [])
            if not speech:
                continue  # silence: an empty transcript, no model call
            pieces, metadata = collect_chunks(audio, speech, max_duration=CHUNK_S)
            for piece, meta in zip(pieces, metadata, strict=True):
                features = self.model.feature_extractor(piece)[..., :-1]
                chunks.append((i, meta, pad_or_trim(features)))
        if chunks:
            self._decode(items, chunks, out)
        for i, speech in clips.items():
            if isinstance(out[i], AsrResult) and out[i].segments:
                _restore_times(out[i], speech)
        return out

    def _decode(self, items: list[AsrItem], chunks: list[tuple[int, dict[str, Any], np.ndarray]], out: list[Any]) -> None:
        encoded = self.model.encode(np.stack([c[2] for c in chunks]))
        need = sorted({i for i, _, _ in chunks if items[i].language is None})
        if need and self.model.model.is_multilingual:
            self._detect(items, chunks, encoded, need, out)
        elif need:
            for i in need:
                out[i].language, out[i].language_probability = "en", 1.0
        groups: dict[tuple[str, str | None], list[int]] = defaultdict(list)
        for k, (i, _, _) in enumerate(chunks):
            groups[(out[i].language, items[i].hotwords)].append(k)
        for (language, hotwords), ks in groups.items():
            part = encoded if len(ks) == len(chunks) else _take(encoded, ks)
            self._generate(language, hotwords, [chunks[k] for k in ks], part, out)

    def _detect(self, items, chunks, encoded, need: list[int], out: list[Any]) -> None:
        """Average the per-chunk language probabilities of each item (weighted by chunk duration)."""
        per_chunk = self.model.model.detect_language(encoded)
        totals: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for (i, meta, _), scores in zip(chunks, per_chunk, strict=True):
            for token, prob in scores:
                totals[i][token[2:-2]] += prob * max(meta["duration"], 0.1)
        for i in need:
            scores = totals[i]
            if items[i].candidates:
                scores = {lang: p for lang, p in scores.items() if lang in items[i].candidates} or scores
            norm = sum(scores.values()) or 1.0
            ranked = sorted(((p / norm, lang) for lang, p in scores.items()), reverse=True)
            out[i].language, out[i].language_probability = ranked[0][1], round(ranked[0][0], 4)
            out[i].language_scores = {lang: round(p, 4) for p, lang in ranked[:5]}

    def _generate(self, language: str, hotwords: str | None, chunks, encoded, out: list[Any]) -> None:
        from faster_whisper.tokenizer import Tokenizer
        from faster_whisper.transcribe import get_compression_ratio, get_suppressed_tokens

        m = self.model
        tokenizer = Tokenizer(m.hf_tokenizer, m.model.is_multilingual, task="transcribe", language=language)
        prompt = m.get_prompt(tokenizer, [], without_timestamps=False, hotwords=hotwords)
        results = m.model.generate(
            encoded, [list(prompt) for _ in chunks], beam_size=self.beam_size, max_length=m.max_length,
            suppress_blank=True, suppress_tokens=get_suppressed_tokens(tokenizer, [-1]),
            return_scores=True, return_no_speech_prob=True,
        )
        outputs, sizes = [], []
        for (_, meta, _), result in zip(chunks, results, strict=True):
            tokens = result.sequences_ids[0]
            avg_logprob = result.scores[0] * len(tokens) / (len(tokens) + 1)
            size = int(np.ceil(meta["duration"]) * m.frames_per_second)
            sizes.append(size)
            subsegments, _, _ = m._split_segments_by_timestamps(
                tokenizer=tokenizer, tokens=tokens, time_offset=meta["offset"], segment_size=size,
                segment_duration=meta["duration"], seek=0,
            )
            outputs.append([  # seek: where the chunk starts, in frames; word times count from it
                {**s, "seek": int(meta["offset"] * m.frames_per_second), "text": tokenizer.decode(s["tokens"]),
                 "avg_logprob": avg_logprob,
                 "no_speech_prob": result.no_speech_prob,
                 "compression_ratio": get_compression_ratio(tokenizer.decode(s["tokens"]))}
                for s in subsegments
            ])
        m.add_word_timestamps(outputs, tokenizer, encoded, sizes, "\"'“¿([{-", "\"'.。,，!！?？:：”)]}、", 0.0)
        for (i, _, _), segments in zip(chunks, outputs, strict=True):
            for s in segments:
                if s["no_speech_prob"] > self.no_speech_threshold and s["avg_logprob"] < -1.0:
                    continue  # Whisper's own rule: a silent stretch, not speech
                words = [AsrWord(w["word"], w["start"], w["end"], w["probability"]) for w in s.get("words", [])]
                if s["text"].strip():
                    out[i].segments.append(
                        AsrSegment(s["text"], s["start"], s["end"], s["avg_logprob"], s["no_speech_prob"], words)
                    )


def speech_regions(samples: np.ndarray, min_silence_ms: int = 300) -> list[tuple[float, float]]:
    """(start, end) seconds of speech in 16 kHz audio, by the Silero VAD that ships with faster-whisper."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    found = get_speech_timestamps(np.asarray(samples, np.float32), VadOptions(min_silence_duration_ms=min_silence_ms))
    return [(r["start"] / SAMPLE_RATE, r["end"] / SAMPLE_RATE) for r in found]


def _take(encoded: Any, rows: list[int]) -> Any:
    """Rows of an encoder output (a CTranslate2 StorageView) as a new StorageView."""
    import ctranslate2

    view = encoded
    if getattr(encoded, "device", "cpu") != "cpu":
        view = encoded.to_device(ctranslate2.Device.cpu)
    return ctranslate2.StorageView.from_array(np.ascontiguousarray(np.asarray(view)[rows]))


def _restore_times(result: AsrResult, speech: list[dict[str, int]]) -> None:
    """Map times on the VAD-joined speech back to the original audio."""
    from faster_whisper.vad import SpeechTimestampsMap

    ts = SpeechTimestampsMap(speech, SAMPLE_RATE)
    result.segments.sort(key=lambda s: s.start)
    for s in result.segments:
        if s.words:
            for w in s.words:
                index = ts.get_chunk_index((w.start + w.end) / 2)
                w.start, w.end = ts.get_original_time(w.start, index), ts.get_original_time(w.end, index)
            s.start, s.end = s.words[0].start, s.words[-1].end
        else:
            s.start, s.end = ts.get_original_time(s.start), ts.get_original_time(s.end, is_end=True)
