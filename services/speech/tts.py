"""Text-to-speech: plain text or SSML -> pieces (runs, pauses, marks) -> lexicons -> utterances, synthesized
through the voice's batching worker (all of a request's sentences in one batch), then volume, pauses,
resampling to the asked rate, and speech marks (sentence, word, ssml) with times from the model itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from models.errors import InvalidItem, NoModelForLanguage
from models.registry import ModelRegistry
from models.speech.espeak import TtsItem, TtsResult, list_voices
from services.errors import InvalidRequest, ServiceError
from services.speech import ssml
from services.speech.audio import resample
from services.speech.lexicons import Lexicons, apply
from services.speech.visemes import viseme_marks
from services.speech.voices import ESPEAK, VOICES, Voice


class InvalidVoice(ServiceError):
    code = "invalid_voice"


class EngineNotSupported(ServiceError):
    code = "engine_not_supported"


class TextLengthExceeded(ServiceError):
    code = "text_length_exceeded"


class InvalidSampleRate(ServiceError):
    code = "invalid_sample_rate"


class MarksNotSupportedForFormat(ServiceError):
    code = "marks_not_supported_for_format"


class SsmlMarksNotSupportedForTextType(ServiceError):
    code = "ssml_marks_not_supported_for_text_type"


FORMATS = ("mp3", "ogg_vorbis", "ogg_opus", "pcm", "json")
SAMPLE_RATES = {
    "mp3": ("22050", ("8000", "16000", "22050", "24000")),
    "ogg_vorbis": ("22050", ("8000", "16000", "22050", "24000")),
    "ogg_opus": ("48000", ("8000", "16000", "24000", "48000")),
    "pcm": ("16000", ("8000", "16000")),
    "json": ("22050", ("8000", "16000", "22050", "24000")),
}
MARK_TYPES = ("sentence", "ssml", "viseme", "word")
PHONEME_TIMED = ("piper", "hibari", "kokoro-ja")  # backends whose results carry phoneme times (viseme marks)
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)]*$")
_WORD = re.compile(r"\w+(?:[.'’\-]\w+)*")
CHARACTERS_PER_SECOND = 14.0  # an unhurried reading pace (the voices here speak 15-17 a second)


@dataclass
class Utterance:
    text: str
    prosody: ssml.Prosody
    phonemes: str | None
    start: int
    end: int
    words: list[tuple[str, int, int]] = field(default_factory=list)  # (word, start, end) offsets in the input


Step = Utterance | ssml.Pause | ssml.Mark


@dataclass
class Speech:
    samples: np.ndarray
    rate: int
    marks: list[dict[str, Any]]
    characters: int


def check_format(output_format: str, sample_rate: str | None, mark_types: list[str], text_type: str) -> int:
    if output_format not in FORMATS:
        raise InvalidRequest(f"OutputFormat must be one of {', '.join(FORMATS)}, not {output_format!r}")
    if text_type not in ("text", "ssml"):
        raise InvalidRequest(f"TextType must be text or ssml, not {text_type!r}")
    default, allowed = SAMPLE_RATES[output_format]
    rate = sample_rate or default
    if rate not in allowed:
        raise InvalidSampleRate(f"SampleRate {rate} is not valid for {output_format}; use one of {', '.join(allowed)}")
    if mark_types and output_format != "json":
        raise MarksNotSupportedForFormat("SpeechMarkTypes need OutputFormat json")
    if output_format == "json" and not mark_types:
        raise InvalidRequest("OutputFormat json returns speech marks: name SpeechMarkTypes (sentence, word, ssml, viseme)")
    for kind in mark_types:
        if kind not in MARK_TYPES:
            raise InvalidRequest(f"SpeechMarkTypes: {kind!r} is not one of {', '.join(MARK_TYPES)}")
    if "ssml" in mark_types and text_type != "ssml":
        raise SsmlMarksNotSupportedForTextType("ssml speech marks need TextType ssml")
    return int(rate)


class Synthesizer:
    def __init__(
        self, registry: ModelRegistry, lexicons: Lexicons, max_characters: int, max_total: int, max_task_characters: int,
        max_audio_seconds: float = 4 * 3600,
    ) -> None:
        self.registry = registry
        self.max_audio_seconds = max_audio_seconds
        self.lexicons = lexicons
        self.max_characters = max_characters
        self.max_total = max_total
        self.max_task_characters = max_task_characters
        espeak = list_voices() if registry.get(ESPEAK) else set()
        self.voice_table = {
            v.id: v for v in VOICES.values()
            if registry.get(v.card) and (v.card != ESPEAK or v.engine_voice.split("+")[0] in espeak)
        }
        for worker in registry.for_task_all("speech"):  # voices a user added as model cards come first
            o = worker.card.options
            if o.get("voice_id"):
                self.voice_table[o["voice_id"]] = Voice(
                    o["voice_id"], o.get("gender", "Female"), o.get("language_code", "en-US"),
                    o.get("language_name", o.get("language_code", "en-US")), worker.card.name,
                    o.get("espeak_voice", ""), tuple(o.get("engines", ("standard", "neural"))),
                )

    def voices(self, language: str | None = None, engine: str | None = None) -> list[Voice]:
        return [
            v for v in self.voice_table.values()
            if (language is None or v.language_code == language) and (engine is None or engine in v.engines)
        ]

    def check_marks(self, voice: Voice, mark_types: list[str]) -> None:
        """Viseme marks need a voice whose model times its phonemes (Piper, hibari); eSpeak's CLI gives none."""
        if "viseme" in mark_types:
            worker = self.registry.get(voice.card)
            if worker is None or worker.card.backend not in PHONEME_TIMED:
                raise InvalidRequest(f"viseme speech marks need a voice whose model times its phonemes; {voice.id} "
                                     f"does not: use {', '.join(sorted(self.timed_voices())) or 'a neural voice'}")

    def timed_voices(self) -> list[str]:
        return [v.id for v in self.voice_table.values()
                if (w := self.registry.get(v.card)) is not None and w.card.backend in PHONEME_TIMED]

    def voice(self, voice_id: str, engine: str | None = None) -> Voice:
        voice = self.voice_table.get(voice_id)
        if voice is None:
            raise InvalidVoice(
                f"voice {voice_id!r} does not exist here; voices: {', '.join(sorted(self.voice_table))}",
                voice=voice_id,
            )
        if engine and engine not in voice.engines:
            raise EngineNotSupported(f"voice {voice_id} does not support the {engine} engine; it has {', '.join(voice.engines)}")
        return voice

    def plan(self, text: str, text_type: str, lexicon_names: list[str], *, limit: int | None = None) -> tuple[list[Step], int]:
        """Parse and check the input; return the steps to speak and the billed character count."""
        if not text or not text.strip():
            raise InvalidRequest("Text is empty; give the words to speak")
        most = limit or self.max_characters
        if limit is None and len(text) > self.max_total:  # before parsing: the XML is bounded first
            billed = len(text)
        else:
            billed = ssml.visible_characters(text) if text_type == "ssml" else len(text)
        if billed > most or (limit is None and len(text) > self.max_total):
            raise TextLengthExceeded(
                f"the text has {billed} billed characters ({len(text)} in all); the limit is {most} "
                f"({self.max_total} with SSML tags); split it or start a synthesis task",
            )
        pieces = ssml.parse(text) if text_type == "ssml" else ssml.plain(text)
        lexemes = self.lexicons.lexemes(lexicon_names) if lexicon_names else []
        steps = _utterances(apply(pieces, lexemes), text)
        if not any(isinstance(s, Utterance) for s in steps):
            raise InvalidRequest("the input has nothing to speak")
        seconds = estimated_seconds(steps)
        if seconds > self.max_audio_seconds:
            raise TextLengthExceeded(
                f"the speech would last about {seconds / 60:,.0f} minutes (breaks and slow prosody included); the "
                f"limit is {self.max_audio_seconds / 60:,.0f} minutes: split the text or use fewer or shorter breaks"
            )
        return steps, billed

    async def _render(self, voice: Voice, steps: list[Step]) -> list[TtsResult | None]:
        items = [
            TtsItem(s.text, voice.engine_voice, s.prosody.rate, s.prosody.pitch, s.phonemes)
            for s in steps if isinstance(s, Utterance)
        ]
        try:
            worker = self.registry.get(voice.card)
            if worker is None:
                raise NoModelForLanguage("speech", voice.language_code, [])
            results = iter(await worker.run_strict(items))
        except InvalidItem as exc:
            raise InvalidRequest(f"the voice could not speak part of the text: {exc}") from None
        return [next(results) if isinstance(s, Utterance) else None for s in steps]

    async def synthesize(self, voice: Voice, steps: list[Step], rate: int, billed: int = 0) -> Speech:
        rendered = await self._render(voice, steps)
        return _assemble(steps, rendered, rate, billed)

    async def stream(self, voice: Voice, steps: list[Step], rate: int, group: int = 2) -> AsyncIterator[np.ndarray]:
        """Audio as it is made: a few utterances at a time, each yielded as soon as it is synthesized."""
        start = 0
        while start < len(steps):
            end, spoken = start, 0
            while end < len(steps) and spoken < group:
                spoken += isinstance(steps[end], Utterance)
                end += 1
            part = steps[start:end]
            yield _assemble(part, await self._render(voice, part), rate, 0).samples
            start = end


def estimated_seconds(steps: list[Step]) -> float:
    """How long the speech will last, before any is rendered: pauses exactly, utterances at a slow reading
    pace stretched by their prosody (a voice's length scale follows pitch / rate)."""
    total = 0.0
    for step in steps:
        if isinstance(step, ssml.Pause):
            total += step.seconds
        elif isinstance(step, Utterance):
            total += len(step.text) / CHARACTERS_PER_SECOND * step.prosody.pitch / step.prosody.rate
    return total


def _utterances(pieces: list[ssml.Piece], source: str) -> list[Step]:
    """Join runs into sentence-sized utterances (same prosody, no pause between, no explicit phonemes)."""
    steps: list[Step] = []
    for piece in pieces:
        if not isinstance(piece, ssml.Run):
            steps.append(piece)
            continue
        words = _words(piece, source)
        last = steps[-1] if steps else None
        if not piece.text.strip(".,;:!?\"' ") and isinstance(last, Utterance) and not piece.phonemes:
            last.text += piece.text  # a lone punctuation mark ends the utterance before it
            continue
        joinable = (
            isinstance(last, Utterance) and last.phonemes is None and piece.phonemes is None
            and last.prosody == piece.prosody and not _SENTENCE_END.search(last.text)
        )
        if joinable:
            last.text = f"{last.text} {piece.text}"
            last.end = piece.end
            last.words += words
        elif piece.text.strip(".,;:!?\"' ") or piece.phonemes:
            steps.append(Utterance(piece.text, piece.prosody, piece.phonemes, piece.start, piece.end, words))
    return steps


def _words(run: ssml.Run, source: str) -> list[tuple[str, int, int]]:
    """Words of a run with their offsets in the input. A run whose text is the source's own (plain text, a
    text node) maps word by word; a rewritten run (say-as, sub, alias) is one word spanning its source."""
    if source[run.start:run.end] == run.text:
        return [(m.group(), run.start + m.start(), run.start + m.end()) for m in _WORD.finditer(run.text)]
    return [(source[run.start:run.end], run.start, run.end)]


def _assemble(steps: list[Step], rendered: list[TtsResult | None], rate: int, billed: int) -> Speech:
    chunks: list[np.ndarray] = []
    marks: list[dict[str, Any]] = []
    now = 0.0
    for step, result in zip(steps, rendered, strict=True):
        if isinstance(step, ssml.Pause):
            chunks.append(np.zeros(int(step.seconds * rate), np.float32))
            now += step.seconds
        elif isinstance(step, ssml.Mark):
            marks.append({"time": int(now * 1000), "type": "ssml", "value": step.name})
        elif result is not None:
            samples = resample(result.samples, result.rate, rate)
            if step.prosody.volume_db:
                samples = np.clip(samples * 10 ** (step.prosody.volume_db / 20), -1.0, 1.0).astype(np.float32)
            marks.append({"time": int(now * 1000), "type": "sentence", "start": step.start, "end": step.end,
                          "value": step.text})
            for (word, ws, we), (t0, _) in zip(step.words, _word_times(step.words, result.words), strict=True):
                marks.append({"time": int((now + t0) * 1000), "type": "word", "start": ws, "end": we, "value": word})
            marks += viseme_marks(result.phones, now)
            chunks.append(samples)
            now += len(samples) / rate
    audio = np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
    marks.sort(key=lambda m: m["time"])  # in time order, as Polly writes them (stable: a sentence before its words)
    return Speech(audio.astype(np.float32), rate, marks, billed)


def _word_times(words: list[tuple[str, int, int]], spoken: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Match the text's words to the voice's spoken words: one to one when the counts agree (the usual
    case), else by position (a number read as several words takes its share of them)."""
    if not words:
        return []
    if not spoken:
        return [(0.0, 0.0)] * len(words)
    if len(words) == len(spoken):
        return spoken
    out = []
    for n in range(len(words)):
        first = min(len(spoken) - 1, n * len(spoken) // len(words))
        last = max(first, min(len(spoken) - 1, (n + 1) * len(spoken) // len(words) - 1))
        out.append((spoken[first][0], spoken[last][1]))
    return out


def marks_stream(speech: Speech, text: str, types: list[str]) -> bytes:
    """The speech marks Polly returns for OutputFormat json: the asked types, byte offsets, one compact JSON
    object a line (clients split on whitespace, as AWS's own examples do)."""
    marks = [m for m in byte_offsets(speech.marks, text) if m["type"] in types]
    return "".join(json.dumps(m, ensure_ascii=False, separators=(",", ":")) + "\n" for m in marks).encode()


def byte_offsets(marks: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Polly's speech marks count start/end in bytes of the UTF-8 input."""
    prefix = np.cumsum([0, *(len(c.encode("utf-8")) for c in text)])
    out = []
    for m in marks:
        m = dict(m)
        if "start" in m:
            m["start"], m["end"] = int(prefix[m["start"]]), int(prefix[m["end"]])
        out.append(m)
    return out
