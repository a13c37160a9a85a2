"""Piper voices (VITS exported to ONNX) run directly with onnxruntime: espeak-ng IPA -> the voice's
phoneme-id map -> the model. piper-tts itself (GPL-3.0) is not used.

The graph is loaded with seeded noise (reproducible speech) and one extra output, the per-phoneme durations (its ``Ceil`` node, in frames of
``hop`` samples), so each item of a padded batch is cut to its exact length and every word gets its real
start and end time. Sources: ``package:NAME/file.onnx`` (the embedded voice), ``path:/voice.onnx``; the
voice's ``.onnx.json`` config sits beside it. CUDA through onnxruntime-gpu when present, where a batch runs as
one padded call; on a CPU each utterance runs alone (measured: 8 sentences took 1.06 s one by one and 1.39 s
as one padded batch on 2 cores), while requests still share the worker's queue and its espeak call.
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
from models.speech.espeak import TtsItem, TtsResult, phonemize, shift_pitch

HOP = 256  # samples per duration frame in Piper's VITS
PUNCTUATION = set(".,;:!?¡¿—…\"«»“”()")


def _seeded_with_durations(graph: Any, onnx: Any, seed: float) -> None:
    for node in graph.graph.node:  # seeded noise: the same text (in the same batch shape) sounds the same
        if node.op_type.startswith("Random") and not any(a.name == "seed" for a in node.attribute):
            node.attribute.append(onnx.helper.make_attribute("seed", seed))
    ceil = next((n.output[0] for n in graph.graph.node if n.op_type == "Ceil"), None)
    if ceil is not None:
        graph.graph.output.append(onnx.helper.make_tensor_value_info(ceil, onnx.TensorProto.FLOAT, None))


class PiperVoice:
    imports = ("onnxruntime",)

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.session: Any = None
        self.config: dict[str, Any] = {}
        self.ids: dict[str, list[int]] = {}
        self.rate = 22050
        self.durations_output: str | None = None
        self.batched = False  # one padded call per batch on a GPU; on a CPU one call per utterance is faster

    def load(self, device: str, precision: str) -> None:
        import onnxruntime as ort

        path = local_path(self.card)
        config_path = path.with_name(path.name + ".json")
        if not path.is_file() or not config_path.is_file():
            raise ModelNotReady(self.card.name, f"voice files missing: {path} and {config_path}")
        self.config = json.loads(config_path.read_text())
        self.ids = self.config["phoneme_id_map"]
        self.rate = int(self.config["audio"]["sample_rate"])
        seed = float(self.card.options.get("seed", 1234))
        options = ort.SessionOptions()
        threads = int(self.card.options.get("threads", 0))
        if threads:
            options.intra_op_num_threads = threads
        self.session = onnx_edit.session(path, partial(_seeded_with_durations, seed=seed), f"piper seed={seed}",
                                         self.card.options.get("onnx_dir"), options, onnx_providers(device))
        outputs = [o.name for o in self.session.get_outputs()]
        self.durations_output = outputs[1] if len(outputs) > 1 else None
        self.batched = self.session.get_providers()[0] != "CPUExecutionProvider"

    def unload(self) -> None:
        self.session = None

    @property
    def espeak_voice(self) -> str:
        return self.config.get("espeak", {}).get("voice", "en-us")

    def _encode(self, phonemes: str) -> list[int]:
        pad = self.ids["_"]
        ids = [*self.ids["^"], *pad]
        for ch in phonemes:
            if ch in self.ids:
                ids += [*self.ids[ch], *pad]
        return [*ids, *self.ids["$"]]

    def predict(self, items: list[TtsItem]) -> list[Any]:
        need = [i for i, it in enumerate(items) if not it.phonemes]
        spoken = dict(zip(need, phonemize([items[i].text for i in need], self.espeak_voice), strict=True))
        out: list[Any] = [None] * len(items)
        groups: dict[float, list[int]] = {}
        for i, item in enumerate(items):
            phonemes = item.phonemes or spoken[i]
            if not phonemes.strip():
                out[i] = InvalidItem("nothing to say: the text has no pronounceable words")
                continue
            length_scale = float(self.config["inference"].get("length_scale", 1.0)) * item.pitch / max(item.rate, 0.05)
            groups.setdefault(round(length_scale, 3), []).append(i)
            out[i] = phonemes
        for length_scale, indexes in groups.items():
            runs = [indexes] if self.batched else [[i] for i in indexes]
            for run in runs:
                for i, result in zip(run, self._synthesize([out[i] for i in run], length_scale), strict=True):
                    out[i] = shift_pitch(result, items[i].pitch)
        return out

    def _synthesize(self, phoneme_texts: list[str], length_scale: float) -> list[TtsResult]:
        seqs = [self._encode(p) for p in phoneme_texts]
        width = max(len(s) for s in seqs)
        batch = np.zeros((len(seqs), width), dtype=np.int64)
        for row, seq in enumerate(seqs):
            batch[row, : len(seq)] = seq
        inference = self.config.get("inference", {})
        scales = np.array(
            [inference.get("noise_scale", 0.667), length_scale, inference.get("noise_w", 0.8)], dtype=np.float32
        )
        feeds = {"input": batch, "input_lengths": np.array([len(s) for s in seqs], np.int64), "scales": scales}
        if "sid" in {i.name for i in self.session.get_inputs()}:
            feeds["sid"] = np.zeros(len(seqs), np.int64)
        outputs = self.session.run(None, feeds)
        audio = outputs[0].reshape(len(seqs), -1)
        results = []
        for row, (seq, phonemes) in enumerate(zip(seqs, phoneme_texts, strict=True)):
            frames = outputs[1].reshape(len(seqs), -1)[row, : len(seq)] if self.durations_output else None
            n = int(frames.sum()) * HOP if frames is not None else audio.shape[1]
            words = _word_times(phonemes, frames, self.ids, self.rate) if frames is not None else []
            phones = _phone_times(phonemes, frames, self.ids, self.rate) if frames is not None else []
            results.append(TtsResult(audio[row, :n].astype(np.float32), self.rate, words, phones=phones))
        return results


def _phone_times(phonemes: str, frames: np.ndarray, ids: dict[str, list[int]], rate: int) -> list[tuple[str, float, float]]:
    """Each spoken phoneme with its start and end: its own id's frames and the pad after it (id layout as
    in :func:`_word_times`)."""
    edges = np.concatenate([[0.0], np.cumsum(frames * HOP / rate)])
    phones, k = [], 0
    for ch in phonemes:
        if ch not in ids:
            continue
        index = 2 + 2 * k
        if ch != " " and ch not in PUNCTUATION and index + 2 < len(edges):
            phones.append((ch, float(edges[index]), float(edges[index + 2])))
        k += 1
    return phones


def _word_times(phonemes: str, frames: np.ndarray, ids: dict[str, list[int]], rate: int) -> list[tuple[float, float]]:
    """Start and end of each space-separated phoneme word, from the per-id durations (the id layout is
    ^ _ (p _)* $, so the phoneme at position k of the kept characters has id index 2 + 2k)."""
    seconds = frames * HOP / rate
    edges = np.concatenate([[0.0], np.cumsum(seconds)])
    words: list[tuple[float, float]] = []
    k, start = 0, None
    for ch in phonemes:
        if ch not in ids:
            continue
        index = 2 + 2 * k
        if ch == " " or ch in PUNCTUATION:
            if start is not None:
                words.append((float(start), float(edges[index])))
                start = None
        elif start is None:
            start = edges[index]
        k += 1
    if start is not None:
        words.append((float(start), float(edges[min(2 + 2 * k, len(edges) - 1)])))
    return words
