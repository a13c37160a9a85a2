"""Speech-to-text: decode any audio, run the transcription model through its batching worker, and shape the
result: plain text, segments with word timings, SRT and WebVTT subtitles, and AWS Transcribe's transcript
JSON (times and confidences as strings, punctuation as items of its own without times)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import numpy as np

from models.errors import InvalidItem, NoModelForLanguage
from models.registry import ModelRegistry
from models.speech.whisper import AsrItem, AsrResult, AsrSegment, speech_regions
from models.worker import ModelWorker
from services.errors import InvalidRequest, UnsupportedLanguage
from services.speech.audio import Audio, MediaTooLong, decode
from services.speech.transcript_edits import Marks, split

TASK = "transcribe"
SAMPLE_RATE = 16000

# Whisper language -> the AWS Transcribe code we answer with (the region AWS uses most for it).
AWS_CODES = {
    "en": "en-US", "es": "es-US", "fr": "fr-FR", "de": "de-DE", "it": "it-IT", "pt": "pt-BR", "nl": "nl-NL",
    "ja": "ja-JP", "ko": "ko-KR", "zh": "zh-CN", "ru": "ru-RU", "ar": "ar-SA", "hi": "hi-IN", "tr": "tr-TR",
    "pl": "pl-PL", "sv": "sv-SE", "da": "da-DK", "no": "no-NO", "fi": "fi-FI", "he": "he-IL", "id": "id-ID",
    "ms": "ms-MY", "th": "th-TH", "vi": "vi-VN", "uk": "uk-UA", "cs": "cs-CZ", "el": "el-GR", "ro": "ro-RO",
    "hu": "hu-HU", "ca": "ca-ES", "fa": "fa-IR", "ta": "ta-IN", "te": "te-IN",
}


def whisper_language(code: str) -> str:
    """``en-US`` / ``en`` -> ``en``."""
    return code.split("-")[0].lower()


def aws_language(code: str) -> str:
    return AWS_CODES.get(code, code)


@dataclass
class Transcript:
    result: AsrResult
    audio: Audio | None = None

    @property
    def text(self) -> str:
        return self.result.text

    @property
    def language(self) -> str:
        return self.result.language

    @property
    def segments(self) -> list[AsrSegment]:
        return self.result.segments


class Transcriber:
    def __init__(self, registry: ModelRegistry, max_sync_seconds: float) -> None:
        self.registry = registry
        self.max_sync_seconds = max_sync_seconds

    def worker(self) -> ModelWorker:
        try:
            return self.registry.for_task(TASK)
        except NoModelForLanguage:
            raise UnsupportedLanguage("no speech-to-text model is configured") from None

    async def languages(self) -> list[str]:
        return sorted(await self.worker().attribute("languages", []) or [])

    async def check_language(self, language: str | None) -> str | None:
        if not language:
            return None
        code = whisper_language(language)
        known = await self.languages()
        if known and code not in known:
            raise UnsupportedLanguage(
                f"language {language!r} is not one the speech model knows; it knows {', '.join(known)}",
                language=language,
            )
        return code

    def decode(self, data: bytes, max_seconds: float | None = None, hint: str = "", channels: bool = False) -> Audio:
        limit = self.max_sync_seconds if max_seconds is None else max_seconds
        try:
            return decode(data, SAMPLE_RATE, max_seconds=limit, hint=hint, channels=channels)
        except MediaTooLong:
            raise MediaTooLong(
                f"the audio is longer than {limit:g} s, the synchronous limit; start a transcription job "
                "(POST /v1/transcribe/jobs or Transcribe StartTranscriptionJob) for longer media",
                max_seconds=limit,
            ) from None

    async def transcribe(
        self, data: bytes, *, language: str | None = None, hotwords: list[str] | None = None,
        candidates: list[str] | None = None, max_seconds: float | None = None, hint: str = "",
    ) -> Transcript:
        code = await self.check_language(language)
        audio = await asyncio.to_thread(self.decode, data, max_seconds, hint)
        result = await self.transcribe_samples(audio.samples, language=code, hotwords=hotwords, candidates=candidates)
        return Transcript(result, audio)

    async def transcribe_channels(
        self, data: bytes, *, language: str | None = None, hotwords: list[str] | None = None,
        candidates: list[str] | None = None, max_seconds: float | None = None, hint: str = "",
    ) -> tuple[Transcript, dict[float, str]]:
        """Each channel of a stereo file transcribed on its own (both in one batch), merged in time order;
        also each word's channel (``ch_0``, ``ch_1``), by its start time."""
        code = await self.check_language(language)
        audio = await asyncio.to_thread(self.decode, data, max_seconds, hint, True)
        if audio.channels is None:
            raise InvalidRequest(f"ChannelIdentification needs two-channel (stereo) audio; this file has "
                                 f"{audio.source_channels} channel(s)")
        parts = await asyncio.gather(*(self.transcribe_samples(c, language=code, hotwords=hotwords,
                                                               candidates=candidates) for c in audio.channels))
        channel_of = {w.start: f"ch_{n}" for n, part in enumerate(parts) for s in part.segments for w in s.words}
        segments = sorted((s for part in parts for s in part.segments), key=lambda s: s.start)
        best = max(parts, key=lambda r: sum(len(s.words) for s in r.segments))
        merged = AsrResult(best.language, best.language_probability, audio.seconds, segments, best.language_scores)
        return Transcript(merged, audio), channel_of

    async def transcribe_languages(
        self, data: bytes, *, hotwords: list[str] | None = None, candidates: list[str] | None = None,
        max_seconds: float | None = None, hint: str = "",
    ) -> tuple[Transcript, dict[float, str], dict[str, float]]:
        """IdentifyMultipleLanguages: each stretch of speech between pauses of 0.5 s is identified (among
        ``candidates`` when given) and transcribed in its own language, all stretches in one batch. Returns the
        merged transcript, each word's language (AWS code) by its start time, and seconds of speech per language."""
        audio = await asyncio.to_thread(self.decode, data, max_seconds, hint)
        regions = speech_regions(audio.samples, 500)
        allowed = {whisper_language(c): c for c in candidates or ()}
        items = [AsrItem(audio.samples[int(a * SAMPLE_RATE):int(b * SAMPLE_RATE)], language=None,
                         hotwords=" ".join(hotwords) if hotwords else None, candidates=tuple(allowed), vad=False)
                 for a, b in regions]
        try:
            results = await self.worker().run_strict(items) if items else []
        except InvalidItem as exc:
            raise InvalidRequest(str(exc)) from None
        segments, language_of, seconds = [], {}, {}
        for (start, end), result in zip(regions, results, strict=True):
            code = allowed.get(result.language) or aws_language(result.language)
            seconds[code] = seconds.get(code, 0.0) + (end - start)
            for segment in result.segments:
                segment.start, segment.end = segment.start + start, segment.end + start
                for word in segment.words:
                    word.start, word.end = word.start + start, word.end + start
                    language_of[word.start] = code
                segments.append(segment)
        main = max(seconds, key=seconds.__getitem__) if seconds else (candidates or ["en-US"])[0]
        merged = AsrResult(whisper_language(main), 1.0, audio.seconds, segments)
        return Transcript(merged, audio), language_of, seconds

    async def transcribe_samples(
        self, samples: np.ndarray, *, language: str | None = None, hotwords: list[str] | None = None,
        candidates: list[str] | None = None, vad: bool = True,
    ) -> AsrResult:
        item = AsrItem(
            samples, language=language, hotwords=" ".join(hotwords) if hotwords else None,
            candidates=tuple(whisper_language(c) for c in candidates or ()), vad=vad,
        )
        try:
            (result,) = await self.worker().run_strict([item])
        except InvalidItem as exc:
            raise InvalidRequest(str(exc)) from None
        if not result.language:  # silence: nothing to detect from
            result.language = item.language or (item.candidates[0] if item.candidates else "en")
        return result


def _stamp(seconds: float, sep: str) -> str:
    ms = max(0, round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def subtitles(segments: list[AsrSegment], fmt: str, start_index: int = 1) -> str:
    """SRT (numbered from ``start_index``, comma before milliseconds) or WebVTT."""
    cues = [s for s in segments if s.text.strip()]
    if fmt == "srt":
        return "".join(
            f"{start_index + n}\n{_stamp(s.start, ',')} --> {_stamp(s.end, ',')}\n{s.text.strip()}\n\n"
            for n, s in enumerate(cues)
        )
    if fmt == "vtt":
        return "WEBVTT\n\n" + "".join(
            f"{_stamp(s.start, '.')} --> {_stamp(s.end, '.')}\n{s.text.strip()}\n\n" for s in cues
        )
    raise InvalidRequest(f"subtitle format {fmt!r} is not supported; use srt or vtt")


def aws_items(segments: list[AsrSegment], marks: Marks | None = None) -> tuple[list[dict[str, Any]], list[list[int]]]:
    """Transcribe's ``results.items``: a pronunciation per word (times and confidence as strings) and a
    punctuation item (no times) for each mark Whisper attached to a word; also each segment's item ids.
    ``marks``: what a word's item carries besides (a filter match, a redaction)."""
    marks = marks or {}
    items: list[dict[str, Any]] = []
    per_segment: list[list[int]] = []

    def add(kind: str, content: str, confidence: float = 0.0, start: float = 0.0, end: float = 0.0,
            mark: dict[str, Any] | None = None) -> None:
        item: dict[str, Any] = {"id": len(items), "type": kind}
        if kind == "pronunciation":
            item["start_time"], item["end_time"] = f"{start:.3f}", f"{end:.3f}"
        alternative = {"confidence": f"{confidence:.4f}" if kind == "pronunciation" else "0.0", "content": content}
        mark = mark or {}
        if kind == "pronunciation":  # a word's own marks; its punctuation shares only its channel
            if "redactions" in mark:
                alternative["redactions"] = mark["redactions"]
            if "vocabulary_filter_match" in mark:
                item["vocabulary_filter_match"] = True
            if "speaker_label" in mark:
                item["speaker_label"] = mark["speaker_label"]
        item["alternatives"] = [alternative]
        for label in ("channel_label", "language_code"):
            if label in mark:
                item[label] = mark[label]
        items.append(item)

    for segment in segments:
        first = len(items)
        for word in segment.words:
            lead, core, trail = split(word)
            mark = marks.get(id(word))
            for char in lead:
                if not char.isspace():
                    add("punctuation", char, mark=mark)
            if core:
                add("pronunciation", core, float(word.probability), float(word.start), float(word.end), mark)
            for char in trail:
                if not char.isspace():
                    add("punctuation", char, mark=mark)
        per_segment.append(list(range(first, len(items))))
    return items, per_segment


def aws_transcript(
    job_name: str, account: str, transcript: Transcript, identified: bool, language_code: str,
    segments: list[AsrSegment] | None = None, marks: Marks | None = None, speakers: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The transcript file Amazon Transcribe writes (``results.transcripts``, ``items``, ``audio_segments``).
    ``segments`` / ``marks``: the transcript's words after a filter or a redaction (default: as heard);
    ``speakers``: ``results.speaker_labels``."""
    if segments is None:
        segments = transcript.segments
    items, per_segment = aws_items(segments, marks)
    text = " ".join(s.text.strip() for s in segments if s.text.strip())
    results: dict[str, Any] = {
        "transcripts": [{"transcript": text}],
        "items": items,
        "audio_segments": [
            {"id": n, "transcript": s.text.strip(), "start_time": f"{s.start:.3f}", "end_time": f"{s.end:.3f}",
             "items": ids}
            for n, (s, ids) in enumerate(zip(segments, per_segment, strict=True))
        ],
    }
    if speakers is not None:
        results["speaker_labels"] = speakers
    labels = sorted({i["channel_label"] for i in items if "channel_label" in i})
    if labels:
        results["channel_labels"] = {"channels": [{"channel_label": c, "items": [i for i in items if i.get("channel_label") == c]}
                                                  for c in labels], "number_of_channels": len(labels)}
    if identified:
        results["language_code"] = language_code
        results["language_identification"] = [
            {"code": aws_language(code), "score": f"{score:.4f}"}
            for code, score in (transcript.result.language_scores or {transcript.language: 1.0}).items()
        ]
    return {"jobName": job_name, "accountId": account, "status": "COMPLETED", "results": results}
