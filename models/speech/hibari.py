"""A neural US-English female voice: ``hibari-tts`` (Apache-2.0), a 7.9 MB int8 ONNX model distilled from
Kokoro-82M's af_heart voice, with its own grapheme-to-phoneme rules (lexicons and a small OOV model in the
wheel). Only the voice that ships in the wheel is used; the package's other voices download, so none is
selected here.

The graph is loaded with one extra output, the per-phoneme durations (its ``Cast_32`` node, the rounded
durations before the length regulator), so words and phonemes get real times, as with Piper. The vocoder
step (an inverse STFT, NumPy) is the package's own. Seeded noise makes speech reproducible; prosody rate is
the model's speed, pitch is shifted as on Piper.
"""

from __future__ import annotations

import json
from functools import partial
from typing import Any

import numpy as np

from models import onnx_edit
from models.cards import ModelCard
from models.device import onnx_providers
from models.errors import InvalidItem, ModelNotReady
from models.sources import local_path
from models.speech.espeak import TtsItem, TtsResult, shift_pitch

RATE, HOP = 24_000, 300
DURATIONS = "/Cast_32_output_0"
BREAKS = set(" ,.;:!?—…\"'()")


def phone_times(phonemes: str, durations: np.ndarray, seconds: float, vocab: dict[str, int]) -> list[tuple[str, float, float]]:
    """(phoneme, start, end) for each kept character of a Kokoro-family model (token layout 0, p..., 0, one
    duration per token); a duration unit is the utterance's ``seconds`` over the units' sum (25 ms here)."""
    unit = seconds / max(float(durations.sum()), 1.0)
    edges = np.concatenate([[0.0], np.cumsum(durations)]) * unit
    kept = [c for c in phonemes if c in vocab]
    return [(c, float(edges[1 + k]), float(edges[2 + k])) for k, c in enumerate(kept) if 2 + k < len(edges)]


def word_times(phones: list[tuple[str, float, float]]) -> list[tuple[float, float]]:
    words: list[tuple[float, float]] = []
    start = end = None
    for ch, a, b in phones:
        if ch in BREAKS:
            if start is not None:
                words.append((start, end))  # type: ignore[arg-type]
                start = None
        else:
            start = a if start is None else start
            end = b
    if start is not None:
        words.append((start, end))  # type: ignore[arg-type]
    return words


class HibariVoice:
    imports = ("onnxruntime", "hibari.g2p")

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.session: Any = None
        self.vocab: dict[str, int] = {}
        self.g2p: Any = None
        self.rate = RATE

    def load(self, device: str, precision: str) -> None:
        import onnxruntime as ort
        from hibari.g2p import G2P

        folder = local_path(self.card)
        model = folder / "hibari.onnx"
        if not model.is_file():
            raise ModelNotReady(self.card.name, f"{model} is missing")
        options = ort.SessionOptions()
        options.intra_op_num_threads = int(self.card.options.get("threads", 1))
        self.session = onnx_edit.session(model, partial(onnx_edit.with_output, name=DURATIONS, dtype="INT64"), f"+{DURATIONS}",
                                         self.card.options.get("onnx_dir"), options, onnx_providers(device))
        self.vocab = json.loads((folder / "vocab.json").read_text())
        self.g2p = G2P(british=False)

    def unload(self) -> None:
        self.session = self.g2p = None

    def predict(self, items: list[TtsItem]) -> list[Any]:
        return [self._one(item) for item in items]

    def _one(self, item: TtsItem) -> Any:
        from hibari import dsp

        phonemes = item.phonemes or self.g2p(item.text)
        ids = [0, *[self.vocab[c] for c in phonemes if c in self.vocab], 0]
        if len(ids) < 3:
            return InvalidItem(f"nothing to pronounce in {item.text[:40]!r}")
        speed = np.asarray([item.rate / item.pitch], np.float32)  # pitch: spoken slower, played faster (Piper's way)
        lh, th, ln, lr, phi, f0, durations = self.session.run(None, {"ids": np.asarray([ids], np.int64), "speed": speed})
        samples = dsp.synth(lh[0], th[0], ln[0], lr[0], phi[0], f0[0], np.random.default_rng(0)).astype(np.float32)
        phones = phone_times(phonemes, np.asarray(durations).reshape(-1), lh.shape[-1] * HOP / RATE, self.vocab)
        result = TtsResult(samples, RATE, word_times(phones), phones=phones)
        return shift_pitch(result, item.pitch)
