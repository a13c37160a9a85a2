"""Hugging Face transformers: sequence classification (sentiment) and token classification (entities).

The same loading code serves a model shipped in a package (``package:NAME[/subdir]``), a local
directory (``path:/dir``) and, for users who are online, a hub id (``hub:org/name``). CUDA and fp16 when
present; otherwise CPU fp32. A batch is tokenized with padding and run by ONNX Runtime over the model
exported once (models/text/onnx_runtime.py) or by PyTorch. ``options.runtime``: ``auto`` (the default) is
ONNX Runtime fp32 on the CPU, the same answers as PyTorch (probabilities within 1e-6), and under serving load
1.8-1.9x the texts per second at half the p99 (the whole pass runs in C++ without the interpreter lock the
gateway's event loop needs; bench_peers.py); PyTorch on CUDA, and wherever the export fails.
``onnxruntime`` or ``torch`` force one; ``quantize = "int8"`` (ONNX Runtime) is faster still but moves
probabilities, so it is never a default. With PyTorch on the CPU a batch of texts of mixed lengths runs as a
few forward passes over texts of similar length (:func:`length_groups`), so a short text is not padded to the
longest.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from models.cards import ModelCard
from models.device import TorchThreads
from models.sources import resolve_source
from models.text.onnx_runtime import check_options

log = logging.getLogger(__name__)

GROUP_OVERHEAD_CHARS = 200
"""A forward pass's fixed cost, counted in characters of padded text, that :func:`length_groups` weighs
against padding. Measured on MiniLM-L6 (the smallest card, so the largest fixed cost per character) in
batches of 32 mixed review sentences (3-95 characters), PyTorch: one thread, as each of two batches side by
side gets, 150-155 texts/s in one pass against 183 in the 3 groups this makes (1.18-1.22x; 50-400 all gained
15-20%); two threads, 251-291 against 290-298; probabilities within 1e-7 of one pass."""


LENGTH_STEP = 16  # characters (about 4 tokens): lengths are compared rounded up to this


def length_groups(lengths: list[int], overhead: int = GROUP_OVERHEAD_CHARS) -> list[list[int]]:
    """Indices of items grouped by length, shortest first, so that the padded size of every group (its
    count times its longest, rounded up to LENGTH_STEP) plus ``overhead`` per group is least: the cheapest cut
    of the sorted lengths, found exactly over the distinct rounded lengths (a few hundred at most, so a batch
    of 1,024 texts of every length costs ~2 ms, not the 90 ms of a cut between every two items)."""
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    runs: list[tuple[int, int]] = []  # (rounded length, items up to and including this run)
    for n, i in enumerate(order, 1):
        size = -(-lengths[i] // LENGTH_STEP) * LENGTH_STEP
        if runs and runs[-1][0] == size:
            runs[-1] = (size, n)
        else:
            runs.append((size, n))
    ends = [0] + [count for _, count in runs]
    best, cut = [0] * (len(runs) + 1), [0] * (len(runs) + 1)
    for last in range(1, len(runs) + 1):
        size = runs[last - 1][0]
        best[last], cut[last] = min((best[first] + overhead + (ends[last] - ends[first]) * size, first)
                                    for first in range(last))
    groups, last = [], len(runs)
    while last:
        groups.append(order[ends[cut[last]]:ends[last]])
        last = cut[last]
    return groups[::-1]


class _TransformersBackend(TorchThreads):
    imports = ("torch", "transformers")
    auto_class = "AutoModel"

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.max_length = int(card.options.get("max_length", 256))
        self.runtime = str(card.options.get("runtime", "auto"))  # resolved at load
        self.quantize = card.options.get("quantize")
        check_options(self.runtime, self.quantize)
        self.model: Any = None  # the PyTorch model, or the ONNX Runtime session over its export
        self.config: Any = None
        self.tokenizer: Any = None
        self._spare_tokenizers: list[Any] = []  # see _tokenize
        self._new_tokenizer: Any = None  # loads one more instance (set at load)
        self._tokenizers_lock = threading.Lock()

    def load(self, device: str, precision: str) -> None:
        import torch
        import transformers

        where, offline = resolve_source(self.card)
        dtype = torch.float16 if precision == "fp16" else torch.float32
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(where, local_files_only=offline)
        self._spare_tokenizers = [self.tokenizer]
        self._new_tokenizer = lambda: transformers.AutoTokenizer.from_pretrained(where, local_files_only=offline)
        model_cls = getattr(transformers, self.auto_class)
        self.device = device
        asked = str(self.card.options.get("runtime", "auto"))
        if asked == "auto":  # int8 weights exist only on ONNX Runtime
            self.runtime = "onnxruntime" if device == "cpu" or self.quantize else "torch"
        if self.runtime == "onnxruntime":
            from models.text.onnx_runtime import load_ort

            self.config = transformers.AutoConfig.from_pretrained(where, local_files_only=offline)
            cache = Path(self.card.options.get("onnx_dir", "data/models/onnx"))
            try:
                self.model = load_ort(lambda: model_cls.from_pretrained(where, local_files_only=offline), self.tokenizer,
                                      where, cache, self.quantize, device,
                                      per_token=self.auto_class.endswith("TokenClassification"))
                return
            except Exception as exc:  # an architecture the exporter cannot trace: auto runs it on PyTorch
                if asked != "auto" or self.quantize:
                    raise
                log.warning("model %s: the ONNX export failed (%s: %s); it runs on PyTorch", self.card.name,
                            type(exc).__name__, str(exc)[:200])
                self.runtime = "torch"
        self.model = model_cls.from_pretrained(where, local_files_only=offline, dtype=dtype).to(device).eval()
        self.config = self.model.config

    def unload(self) -> None:
        self.model = self.tokenizer = self.config = None
        self._spare_tokenizers = []
        if self.device.startswith("cuda"):
            import torch

            torch.cuda.empty_cache()

    def _forward(self, texts: list[str], **tok_kwargs: Any) -> tuple[Any, Any]:
        import torch

        enc = self._tokenize(texts, **tok_kwargs)
        extra = {k: enc.pop(k) for k in ("offset_mapping",) if k in enc}
        if self.runtime == "onnxruntime":
            logits = torch.from_numpy(self.model({k: v.numpy() for k, v in enc.items()}))
        else:
            with torch.inference_mode():
                logits = self.model(**{k: v.to(self.device) for k, v in enc.items()}).logits
        return torch.softmax(logits.float(), dim=-1).cpu(), (enc, extra)

    def _tokenize(self, texts: list[str], **tok_kwargs: Any) -> Any:
        """A fast tokenizer refuses two calls at once ("Already borrowed"), so each call borrows an instance
        of its own: the spare an earlier call left, or one more loaded the first time two batches tokenize at
        once (~0.15 s, once per lane; loaded, not copied: a copy would read the busy one's state). Two lanes
        then tokenize side by side (the Rust part lets go of the interpreter lock): on an H200 tokenizing was
        23-61% of a batch's time (bench_runtime.py), on this 2-core CPU 1-2%."""
        with self._tokenizers_lock:
            tokenizer = self._spare_tokenizers.pop() if self._spare_tokenizers else None
        if tokenizer is None:
            tokenizer = self._new_tokenizer()
        try:
            return tokenizer(texts, padding=True, truncation=True, max_length=self.max_length, return_tensors="pt",
                             **tok_kwargs)
        finally:
            with self._tokenizers_lock:
                self._spare_tokenizers.append(tokenizer)

    def predict(self, items: list[str]) -> list[Any]:
        if self.device != "cpu" or self.runtime != "torch" or len(items) < 3:  # a GPU pads for free beside a
            return self._predict(items)  # pass's fixed cost, and ONNX Runtime's int8 MiniLM ran 0.85-0.95x grouped
        outputs: list[Any] = [None] * len(items)
        longest = self.max_length * 8  # characters past which a text is cut to max_length tokens anyway
        for group in length_groups([min(len(t), longest) + 8 for t in items]):  # + the special tokens' share
            for n, output in zip(group, self._predict([items[n] for n in group]), strict=True):
                outputs[n] = output
        return outputs

    def _predict(self, items: list[str]) -> list[Any]:
        raise NotImplementedError

    def label(self, index: int) -> str:
        raw = self.config.id2label.get(index, str(index))
        return self.card.options.get("label_map", {}).get(raw, raw)


class SequenceClassifier(_TransformersBackend):
    """Returns per text ``{label: probability}`` over the model's labels (mapped by ``label_map``)."""

    auto_class = "AutoModelForSequenceClassification"

    def _predict(self, items: list[str]) -> list[dict[str, float]]:
        probs, _ = self._forward(items)
        out = []
        for row in probs.tolist():
            scores: dict[str, float] = {}
            for i, p in enumerate(row):
                label = self.label(i)
                scores[label] = scores.get(label, 0.0) + p
            out.append(scores)
        return out


class TokenClassifier(_TransformersBackend):
    """Returns per text entities ``{"text", "label", "begin", "end", "score"}`` from BIO tags.

    Sub-word pieces are grouped into words by character adjacency; a word takes its first piece's
    label; consecutive words with ``B-X``/``I-X`` of one type form an entity whose score is the mean of
    its pieces' probabilities.
    """

    auto_class = "AutoModelForTokenClassification"

    def _predict(self, items: list[str]) -> list[list[dict[str, Any]]]:
        probs, (_, extra) = self._forward(items, return_offsets_mapping=True)
        out = []
        for i, text in enumerate(items):
            offsets = extra["offset_mapping"][i].tolist()
            out.append(self._decode(text, probs[i], offsets))
        return out

    def _decode(self, text: str, probs: Any, offsets: list[list[int]]) -> list[dict[str, Any]]:
        entities: list[dict[str, Any]] = []
        current: dict[str, Any] | None = None
        prev_end = -1
        for t, (start, end) in enumerate(offsets):
            if start == end:  # special or padding token
                continue
            p, idx = probs[t].max(dim=-1)
            tag = self.label(int(idx))
            continuing_word = start == prev_end and not text[start - 1 : start].isspace()
            prev_end = end
            if continuing_word:  # a later piece of the same word follows its first piece
                if current is not None:
                    current["end"] = end
                    current["scores"].append(float(p))
                continue
            prefix, _, etype = tag.partition("-") if "-" in tag else ("", "", tag)
            if tag == "O" or not etype:
                current = None
                continue
            if prefix in ("I", "") and current is not None and current["label"] == etype:
                current["end"] = end
                current["scores"].append(float(p))
                continue
            current = {"label": etype, "begin": start, "end": end, "scores": [float(p)]}
            entities.append(current)
        return [
            {
                "text": text[e["begin"] : e["end"]],
                "label": e["label"],
                "begin": e["begin"],
                "end": e["end"],
                "score": sum(e["scores"]) / len(e["scores"]),
            }
            for e in entities
        ]
