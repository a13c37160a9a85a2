"""Streaming transcription: PCM arrives in pieces; partial results come every ``partial_interval`` seconds
of new audio, and a final result when the speaker pauses (``endpoint_silence`` of trailing non-speech, by
the Silero VAD) or the utterance reaches 30 s. Every decode goes through the model's batching worker, so
many streams share batches with each other and with file transcription.

Events (dicts, sent as JSON): ``{"type": "partial", "text", "start", "end"}``, ``{"type": "final", "text",
"start", "end", "language", "words": [{"word", "start", "end", "probability"}]}``. Times are seconds from
the start of the stream. A vocabulary filter applies to partial and final results (a tagged word is marked
``vocabulary_filter_match``); PII redaction to final results only (a ``[PII]`` word carries its
``redaction`` type), as Transcribe streaming redacts its final transcripts.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import numpy as np

from models.speech.whisper import AsrResult, AsrSegment, speech_regions
from services.errors import InvalidRequest
from services.speech.audio import resample
from services.speech.transcribe import SAMPLE_RATE, Transcriber
from services.speech.transcript_edits import Marks, filter_words, redact

MAX_UTTERANCE_S = 30.0


class StreamSession:
    def __init__(
        self, transcriber: Transcriber, *, sample_rate: int = SAMPLE_RATE, language: str | None = None,
        hotwords: list[str] | None = None, partial_interval: float = 1.0, endpoint_silence: float = 0.6,
        max_seconds: float = 4 * 3600, filter_words: list[str] | None = None, filter_method: str | None = None,
        find_pii: Callable[[str], Awaitable[list[dict[str, Any]]]] | None = None, pii_types: set[str] | None = None,
    ) -> None:
        if not 8000 <= sample_rate <= 48000:
            raise InvalidRequest(f"sample_rate {sample_rate} is not supported; send 8000-48000 Hz PCM")
        self.transcriber = transcriber
        self.rate = sample_rate
        self.language = language
        self.hotwords = hotwords
        self.filter_words, self.filter_method = filter_words or [], filter_method or "mask"
        self.find_pii, self.pii_types = find_pii, pii_types or {"ALL"}
        self.partial_interval = partial_interval
        self.endpoint_silence = endpoint_silence
        self.max_seconds = max_seconds
        self.buffer = np.zeros(0, np.float32)  # the open utterance, 16 kHz
        self.offset = 0.0  # stream time of buffer[0]
        self.since_partial = 0.0
        self.total = 0.0
        self._odd = b""

    async def feed(self, pcm: bytes) -> list[dict[str, Any]]:
        data = self._odd + pcm
        cut = len(data) - len(data) % 2
        self._odd = data[cut:]
        samples = np.frombuffer(data[:cut], "<i2").astype(np.float32) / 32768.0
        samples = resample(samples, self.rate, SAMPLE_RATE)
        self.total += len(samples) / SAMPLE_RATE
        if self.total > self.max_seconds:
            raise InvalidRequest(f"the stream passed {self.max_seconds:g} s; open a new one")
        self.buffer = np.concatenate([self.buffer, samples])
        self.since_partial += len(samples) / SAMPLE_RATE
        events: list[dict[str, Any]] = []
        if self.since_partial < self.partial_interval:
            return events
        self.since_partial = 0.0
        regions = await asyncio.to_thread(speech_regions, self.buffer)
        length = len(self.buffer) / SAMPLE_RATE
        if not regions:
            keep = int(self.endpoint_silence * SAMPLE_RATE)  # silence only: drop it, keep a little context
            if len(self.buffer) > keep:
                self.offset += (len(self.buffer) - keep) / SAMPLE_RATE
                self.buffer = self.buffer[-keep:]
            return events
        last_end = regions[-1][1]
        if length - last_end >= self.endpoint_silence or length >= MAX_UTTERANCE_S:
            end = min(length, last_end + self.endpoint_silence / 2) if length < MAX_UTTERANCE_S else length
            events += await self._final(int(end * SAMPLE_RATE))
        else:
            result = await self._decode(self.buffer)
            segments = self._filtered(result.segments)[0]  # a partial is filtered; redaction is for finals
            text = " ".join(s.text.strip() for s in segments if s.text.strip())
            if text:
                events.append({"type": "partial", "text": text, "start": round(self.offset, 3),
                               "end": round(self.offset + length, 3)})
        return events

    async def finish(self) -> list[dict[str, Any]]:
        """The stream ended: whatever is buffered becomes a final result."""
        if len(self.buffer) < SAMPLE_RATE // 10:
            return []
        return await self._final(len(self.buffer))

    async def _decode(self, samples: np.ndarray) -> AsrResult:
        return await self.transcriber.transcribe_samples(samples, language=self.language, hotwords=self.hotwords)

    async def _final(self, cut: int) -> list[dict[str, Any]]:
        piece, self.buffer = self.buffer[:cut], self.buffer[cut:]
        start = self.offset
        self.offset += cut / SAMPLE_RATE
        result = await self._decode(piece)
        segments, marks = self._filtered(result.segments)
        if self.find_pii is not None:
            segments, found = await redact(segments, self.find_pii, self.pii_types)
            marks.update(found)
        text = " ".join(s.text.strip() for s in segments if s.text.strip())
        if not text:
            return []
        words = []
        for w in (w for s in segments for w in s.words):
            word = {"word": w.text.strip(), "start": round(start + float(w.start), 3), "end": round(start + float(w.end), 3),
                    "probability": round(float(w.probability), 4)}
            mark = marks.get(id(w), {})
            if mark.get("vocabulary_filter_match"):
                word["vocabulary_filter_match"] = True
            if "redactions" in mark:
                word["redaction"] = mark["redactions"][0]["type"]
            words.append(word)
        return [{"type": "final", "text": text, "start": round(start, 3), "end": round(self.offset, 3),
                 "language": result.language, "words": words}]

    def _filtered(self, segments: list[AsrSegment]) -> tuple[list[AsrSegment], Marks]:
        if not self.filter_words:
            return segments, {}
        return filter_words(segments, self.filter_words, self.filter_method)
