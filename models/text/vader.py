"""VADER sentiment (lexicon and rules, English), with its scores mapped onto four classes.

VADER gives ``pos``/``neg``/``neu`` proportions and a ``compound`` polarity in [-1, 1]. We map them to
POSITIVE / NEGATIVE / NEUTRAL / MIXED scores that sum to one:

- ``mixed = 2 * min(pos, neg)``: high only when the text carries both polarities in strength;
- the rest is split between the compound's side and NEUTRAL by the strength ``|compound| ** 0.231``,
  an exponent chosen so that VADER's own decision threshold (|compound| = 0.05) is where the polar
  score overtakes NEUTRAL. The argmax therefore agrees with VADER's standard labelling.
"""

from __future__ import annotations

from typing import Any

from models.cards import ModelCard

STRENGTH_EXPONENT = 0.231  # 0.05 ** 0.231 == 0.5


def vader_to_scores(polarity: dict[str, float]) -> dict[str, float]:
    compound = polarity["compound"]
    mixed = min(1.0, 2.0 * min(polarity["pos"], polarity["neg"]))
    strength = abs(compound) ** STRENGTH_EXPONENT if compound else 0.0
    rest = 1.0 - mixed
    return {
        "POSITIVE": rest * strength if compound > 0 else 0.0,
        "NEGATIVE": rest * strength if compound < 0 else 0.0,
        "NEUTRAL": rest * (1.0 - strength),
        "MIXED": mixed,
    }


class VaderSentiment:
    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self._analyzer: Any = None

    def load(self, device: str, precision: str) -> None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        self._analyzer = SentimentIntensityAnalyzer()

    def predict(self, items: list[str]) -> list[dict[str, float]]:
        return [vader_to_scores(self._analyzer.polarity_scores(text)) for text in items]

    def unload(self) -> None:
        self._analyzer = None
