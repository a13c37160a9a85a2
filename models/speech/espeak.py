"""eSpeak NG (Debian ``espeak-ng``, GPL, always run as a subprocess, never linked): IPA phonemes for the
neural voices, and a fast many-language formant voice of its own.

Phonemes: the CLI prints one line per clause and drops the punctuation, so the caller's clauses (each
ending in its own punctuation) go in one call, one per line; when espeak splits differently from us (an
abbreviation, say) the clauses are redone one call each, so the mapping is never guessed.
"""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
import wave
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from models.cards import ModelCard
from models.errors import InvalidItem, ModelNotReady

ESPEAK = "espeak-ng"
TIMEOUT_S = 60


def available() -> bool:
    return shutil.which(ESPEAK) is not None


def list_voices() -> set[str]:
    """espeak-ng's language/voice names (``en-us``, ``es``, ``fr-fr``, ...)."""
    if not available():
        return set()
    out = subprocess.run([ESPEAK, "--voices"], capture_output=True, text=True, timeout=TIMEOUT_S).stdout
    return {line.split()[1] for line in out.splitlines()[1:] if len(line.split()) > 1}


def _run(args: list[str], text: str) -> str:
    try:
        done = subprocess.run(
            [ESPEAK, *args], input=text, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        raise InvalidItem("espeak-ng took too long on this text") from None
    if done.returncode != 0:
        raise InvalidItem(f"espeak-ng failed: {done.stderr.strip()[:200]}")
    return done.stdout


_CLAUSE_END = re.compile(r"(?<=[.,;:!?])\s+")
_TRAILING = re.compile(r"[.,;:!?]+$")


def phonemize(texts: list[str], voice: str) -> list[str]:
    """IPA for each text: words separated by spaces, stress marks kept, and the clause punctuation put
    back (espeak drops it; a neural voice uses it for phrasing). One espeak call for all when it can."""
    if not texts:
        return []
    if not available():
        raise ModelNotReady("espeak-ng", "espeak-ng is not installed (apt-get install espeak-ng)")
    clauses: list[tuple[int, str, str]] = []  # (text index, clause as espeak gets it, its punctuation)
    for t, text in enumerate(texts):
        for part in _CLAUSE_END.split(" ".join(text.split())):
            mark = _TRAILING.search(part)
            punct = mark.group()[-1] if mark else ""
            if part.strip(".,;:!? "):
                clauses.append((t, part if punct else part + ".", punct))
    args = ["-q", "--ipa", "-v", voice, "--stdin"]
    lines = [x.strip() for x in _run(args, "".join(c + "\n" for _, c, _ in clauses)).splitlines() if x.strip()]
    if len(lines) != len(clauses):
        lines = [" ".join(x.strip() for x in _run(args, c + "\n").splitlines() if x.strip()) for _, c, _ in clauses]
    out = [""] * len(texts)
    for (t, _, punct), line in zip(clauses, lines, strict=True):
        out[t] = f"{out[t]} {line}{punct}".strip()
    return out


@dataclass(frozen=True)
class TtsItem:
    """One run of text in one voice. ``phonemes`` (IPA) replaces the text's own when given (SSML phoneme);
    ``rate`` 1.0 is the voice's normal speed; ``pitch`` is a factor (1.0 = unchanged)."""

    text: str
    voice: str
    rate: float = 1.0
    pitch: float = 1.0
    phonemes: str | None = None


@dataclass
class TtsResult:
    samples: np.ndarray  # float32 mono
    rate: int
    words: list[tuple[float, float]] = field(default_factory=list)  # per spoken word: (start_s, end_s)
    word_timing: str = "model"  # "model" (from the model's own durations) or "estimated"
    phones: list[tuple[str, float, float]] = field(default_factory=list)  # (IPA, start_s, end_s), when the model times them


def shift_pitch(result: TtsResult, pitch: float) -> TtsResult:
    """For a voice whose pitch follows its length scale (Piper, hibari, Kokoro): spoken ``pitch`` times slower,
    then played ``pitch`` times faster: same length, pitch raised by that factor; its times scale with it."""
    if abs(pitch - 1.0) < 1e-3 or result.samples.size < 2:
        return result
    positions = np.arange(0, result.samples.size - 1, pitch)
    samples = np.interp(positions, np.arange(result.samples.size), result.samples).astype(np.float32)
    return TtsResult(samples, result.rate, [(a / pitch, b / pitch) for a, b in result.words],
                     phones=[(p, a / pitch, b / pitch) for p, a, b in result.phones])


class EspeakVoice:
    """espeak-ng's own formant synthesizer: 100+ languages, fast, robotic. Word times are estimated (the
    CLI gives none): the clause's duration shared out by each word's phoneme count."""

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.words_per_minute = int(card.options.get("words_per_minute", 175))

    def load(self, device: str, precision: str) -> None:
        if not available():
            raise ModelNotReady(self.card.name, "espeak-ng is not installed (apt-get install espeak-ng)")

    def unload(self) -> None:
        pass

    def predict(self, items: list[TtsItem]) -> list[Any]:
        return [self._one(item) for item in items]

    def _one(self, item: TtsItem) -> TtsResult:
        speed = max(80, min(450, int(self.words_per_minute * item.rate)))
        pitch = max(0, min(99, int(50 * item.pitch)))
        text = item.text  # espeak reads its own phoneme mnemonics, not IPA: an SSML <phoneme> keeps its text
        try:
            done = subprocess.run(
                [ESPEAK, "--stdout", "-v", item.voice, "-s", str(speed), "-p", str(pitch), "--stdin"],
                input=text.encode("utf-8"), capture_output=True, timeout=TIMEOUT_S, check=False,
            )
        except subprocess.TimeoutExpired:
            raise InvalidItem("espeak-ng took too long on this text") from None
        if done.returncode != 0 or not done.stdout:
            raise InvalidItem(f"espeak-ng failed: {done.stderr.decode(errors='replace').strip()[:200]}")
        with wave.open(io.BytesIO(done.stdout)) as w:
            rate = w.getframerate()
            pcm = np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float32) / 32768.0
        words = phonemize([text], item.voice)[0].split() if text.strip() else []
        return TtsResult(pcm, rate, _share(words, len(pcm) / rate), word_timing="estimated")


def _share(words: list[str], seconds: float) -> list[tuple[float, float]]:
    weights = np.array([max(len(w), 1) for w in words], dtype=float)
    if not len(weights):
        return []
    edges = np.concatenate([[0.0], np.cumsum(weights) / weights.sum() * seconds])
    return [(float(a), float(b)) for a, b in itertools.pairwise(edges)]
