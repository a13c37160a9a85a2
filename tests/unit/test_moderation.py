"""Moderation: open_nsfw's probability mapped onto Rekognition's top-level categories, and the real model on
safe photos."""

from __future__ import annotations

import numpy as np
from skimage import data

from models.registry import default_cards
from models.vision.moderation import OpenNsfw
from services.vision.service import moderation_labels


def test_bands_map_to_aws_categories() -> None:
    assert moderation_labels(0.93, 50) == [{"Name": "Explicit Nudity", "ParentName": "", "TaxonomyLevel": 1,
                                            "Confidence": 93.0}]
    assert moderation_labels(0.55, 50)[0]["Name"] == "Suggestive"
    assert moderation_labels(0.55, 60) == []  # below MinConfidence
    assert moderation_labels(0.1, 0) == []  # below what Yahoo reads as unsafe: no label even at MinConfidence 0


def test_the_real_model_scores_safe_photos_low() -> None:
    model = OpenNsfw({c.name: c for c in default_cards()}["moderation-open-nsfw"])
    model.load("cpu", "fp32")
    photos = [data.astronaut(), data.chelsea(), data.coffee(), np.stack([data.camera()] * 3, -1)]
    scores = model.predict(photos)
    assert all(0 <= s < 0.2 for s in scores)
    assert len({round(s, 4) for s in scores}) == 4  # a real forward pass: each photo its own score
    assert abs(model.predict(photos[:1])[0] - scores[0]) < 1e-4  # batched or alone, the same answer
