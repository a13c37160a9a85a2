"""Helpers for speech tests: known sentences spoken by espeak-ng, and word error rate."""

from __future__ import annotations

import re
import subprocess

SENTENCES = [
    "The quick brown fox jumps over the lazy dog.",
    "Please call me back tomorrow morning.",
    "The weather is nice today.",
]


def espeak_wav(text: str, voice: str = "en-us") -> bytes:
    return subprocess.run(["espeak-ng", "-v", voice, "--stdout", text], capture_output=True, check=True).stdout


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate: word-level edit distance over the reference length."""
    ref, hyp = words(reference), words(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1] / max(len(ref), 1)


DIALOGUE = [
    "Good morning, thank you for calling the support line.",
    "Hi, my order arrived yesterday but the box was empty.",
    "I am sorry to hear that. Can you give me the order number?",
    "Yes, it is four five six seven eight.",
    "Thank you. I can see the order here, and I will send a new one today.",
    "That is great, thanks a lot for your help.",
]


def dialogue(voices: list[str], lines: list[str] = DIALOGUE, gap_s: float = 0.6) -> tuple[bytes, list[tuple[float, float, int]]]:
    """Lines spoken in turn by espeak-ng voices, as 16 kHz WAV, and each turn's (start, end, speaker)."""
    import io
    import wave

    import numpy as np

    from services.speech.audio import decode

    pieces, truth, at = [], [], 0.0
    silence = np.zeros(int(16000 * gap_s), np.float32)
    for n, line in enumerate(lines):
        speaker = n % len(voices)
        samples = decode(espeak_wav(line, voices[speaker]), 16000, max_seconds=120).samples
        truth.append((at, at + len(samples) / 16000, speaker))
        pieces += [samples, silence]
        at += (len(samples) + len(silence)) / 16000
    audio = np.concatenate(pieces)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())
    return buffer.getvalue(), truth


def speaker_accuracy(items: list[dict[str, object]], truth: list[tuple[float, float, int]]) -> float:
    """Share of words whose speaker label is right, under the best matching of labels to speakers."""
    import itertools

    words = [(float(i["start_time"]) + float(i["end_time"])) / 2 for i in items if i["type"] == "pronunciation"]  # type: ignore[arg-type]
    labels = [str(i["speaker_label"]) for i in items if i["type"] == "pronunciation"]
    actual = [next((s for a, b, s in truth if a - 0.3 <= t <= b + 0.3), -1) for t in words]
    names = sorted(set(labels))
    speakers = sorted({s for _, _, s in truth})
    best = 0
    for perm in itertools.permutations(speakers + [-2] * max(0, len(names) - len(speakers)), len(names)):
        mapping = dict(zip(names, perm, strict=True))
        best = max(best, sum(mapping[label] == real for label, real in zip(labels, actual, strict=True)))
    return best / max(len(words), 1)


def stereo_wav(left: list[tuple[float, str, str]], right: list[tuple[float, str, str]], seconds: float) -> bytes:
    """A 16 kHz two-channel WAV: each channel has its lines (start s, text, espeak voice) and silence."""
    import io
    import wave

    import numpy as np

    from services.speech.audio import decode

    tracks = np.zeros((2, int(seconds * 16000)), np.float32)
    for channel, lines in enumerate((left, right)):
        for start, text, voice in lines:
            samples = decode(espeak_wav(text, voice), 16000, max_seconds=60).samples
            at = int(start * 16000)
            tracks[channel, at:at + len(samples)] = samples[: tracks.shape[1] - at]
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes((np.clip(tracks.T, -1, 1) * 32767).astype("<i2").tobytes())
    return buffer.getvalue()
