"""Hugging Face transformers: sequence classification (sentiment) and token classification (entities).

The same loading code serves a model shipped in a package (``package:NAME[/subdir]``), a local
directory (``path:/dir``) and, for users who are online, a hub id (``hub:org/name``). CUDA and fp16 when
present; otherwise CPU fp32. A batch is tokenized once with padding and run in one forward pass, by
PyTorch, or with ``options.runtime = "onnxruntime"`` (and ``quantize = "int8"``) by ONNX Runtime over the
model exported once (models/text/onnx_runtime.py).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from models.cards import ModelCard
from models.device import TorchThreads
from models.sources import resolve_source
from models.text.onnx_runtime import check_options


class _TransformersBackend(TorchThreads):
    imports = ("torch", "transformers")
    auto_class = "AutoModel"

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.max_length = int(card.options.get("max_length", 256))
        self.runtime = str(card.options.get("runtime", "torch"))
        self.quantize = card.options.get("quantize")
        check_options(self.runtime, self.quantize)
        self.model: Any = None  # the PyTorch model, or the ONNX Runtime session over its export
        self.config: Any = None
        self.tokenizer: Any = None
        self._tokenizing = threading.Lock()  # a fast tokenizer refuses two calls at once ("Already borrowed")

    def load(self, device: str, precision: str) -> None:
        import torch
        import transformers

        where, offline = resolve_source(self.card)
        dtype = torch.float16 if precision == "fp16" else torch.float32
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(where, local_files_only=offline)
        model_cls = getattr(transformers, self.auto_class)
        self.device = device
        if self.runtime == "onnxruntime":
            from models.text.onnx_runtime import load_ort

            self.config = transformers.AutoConfig.from_pretrained(where, local_files_only=offline)
            cache = Path(self.card.options.get("onnx_dir", "data/models/onnx"))
            self.model = load_ort(lambda: model_cls.from_pretrained(where, local_files_only=offline), self.tokenizer,
                                  where, cache, self.quantize, device, per_token=self.auto_class.endswith("TokenClassification"))
            return
        self.model = model_cls.from_pretrained(where, local_files_only=offline, dtype=dtype).to(device).eval()
        self.config = self.model.config

    def unload(self) -> None:
        self.model = self.tokenizer = self.config = None
        if self.device.startswith("cuda"):
            import torch

            torch.cuda.empty_cache()

    def _forward(self, texts: list[str], **tok_kwargs: Any) -> tuple[Any, Any]:
        import torch

        with self._tokenizing:
            enc = self.tokenizer(
                texts, padding=True, truncation=True, max_length=self.max_length, return_tensors="pt", **tok_kwargs
            )
        extra = {k: enc.pop(k) for k in ("offset_mapping",) if k in enc}
        if self.runtime == "onnxruntime":
            logits = torch.from_numpy(self.model({k: v.numpy() for k, v in enc.items()}))
        else:
            with torch.inference_mode():
                logits = self.model(**{k: v.to(self.device) for k, v in enc.items()}).logits
        return torch.softmax(logits.float(), dim=-1).cpu(), (enc, extra)

    def label(self, index: int) -> str:
        raw = self.config.id2label.get(index, str(index))
        return self.card.options.get("label_map", {}).get(raw, raw)


class SequenceClassifier(_TransformersBackend):
    """Returns per text ``{label: probability}`` over the model's labels (mapped by ``label_map``)."""

    auto_class = "AutoModelForSequenceClassification"

    def predict(self, items: list[str]) -> list[dict[str, float]]:
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

    def predict(self, items: list[str]) -> list[list[dict[str, Any]]]:
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
