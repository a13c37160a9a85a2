"""VADER's outputs mapped onto Comprehend's four sentiments."""

from __future__ import annotations

import pytest

from models.text.vader import vader_to_scores
from services.comprehend.analysis import sentiment_result


@pytest.mark.parametrize(
    "polarity, label",
    [
        ({"pos": 0.61, "neg": 0.0, "neu": 0.39, "compound": 0.84}, "POSITIVE"),
        ({"pos": 0.0, "neg": 0.61, "neu": 0.39, "compound": -0.48}, "NEGATIVE"),
        ({"pos": 0.0, "neg": 0.0, "neu": 1.0, "compound": 0.0}, "NEUTRAL"),
        ({"pos": 0.03, "neg": 0.0, "neu": 0.97, "compound": 0.04}, "NEUTRAL"),  # under VADER's 0.05 threshold
        ({"pos": 0.06, "neg": 0.0, "neu": 0.94, "compound": 0.06}, "POSITIVE"),  # over it
        ({"pos": 0.4, "neg": 0.35, "neu": 0.25, "compound": 0.1}, "MIXED"),
    ],
)
def test_label_follows_vader_thresholds(polarity: dict[str, float], label: str) -> None:
    scores = vader_to_scores(polarity)
    assert sum(scores.values()) == pytest.approx(1.0)
    assert sentiment_result(0, scores).sentiment == label


def test_e5_mixed_needs_sentences_that_disagree() -> None:
    import numpy as np

    from models.text.e5_sentiment import four_classes

    whole = np.array([0.3, 0.1, 0.6])
    agree = np.array([[0.0, 0.1, 0.9], [0.1, 0.2, 0.7]])
    disagree = np.array([[0.0, 0.1, 0.9], [0.8, 0.2, 0.0]])
    assert four_classes(whole, agree)["MIXED"] == 0.0  # no negative sentence: never MIXED
    assert four_classes(whole, np.zeros((0, 3)))["MIXED"] == 0.0  # one sentence
    scores = four_classes(whole, disagree)
    assert scores["MIXED"] == 0.8 and abs(sum(scores.values()) - 1) < 1e-9
    assert scores["POSITIVE"] > scores["NEGATIVE"] > scores["NEUTRAL"]  # the rest keeps the whole text's order
