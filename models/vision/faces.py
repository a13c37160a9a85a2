"""Faces: dlib's HOG face detector with its 5-point landmark model (``dlib-bin`` + the model files in
``face-recognition-models``, found by path: that package's own import fails on new setuptools). The
5-point model is dlib's own; the 68-point one is not used (its training data forbids commercial use).

Items are RGB uint8 arrays; results are faces with a pixel box, the detector's score and the five points
(two corners of each eye, the base of the nose). Images are upsampled once when small, so faces of about
40 px are found. dlib runs on the CPU.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from models.cards import ModelCard
from models.errors import ModelNotReady
from models.sources import local_path


@dataclass
class Face:
    box: tuple[float, float, float, float]  # left, top, right, bottom in pixels
    score: float  # the HOG detector's margin (0 is its decision boundary)
    points: list[tuple[float, float]]  # 5 landmarks, pixels


class DlibFaces:
    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.threshold = float(card.options.get("threshold", 0.3))
        self.detector: Any = None
        self.shapes: Any = None

    def load(self, device: str, precision: str) -> None:
        import dlib

        landmarks = local_path(self.card) / "shape_predictor_5_face_landmarks.dat"
        if not landmarks.is_file():
            raise ModelNotReady(self.card.name, f"{landmarks} is missing")
        self.detector = dlib.get_frontal_face_detector()
        self.shapes = dlib.shape_predictor(str(landmarks))

    def unload(self) -> None:
        self.detector = self.shapes = None

    def predict(self, items: list[np.ndarray]) -> list[list[Face]]:
        return [self._one(np.ascontiguousarray(image)) for image in items]

    def _one(self, image: np.ndarray) -> list[Face]:
        upsample = 1 if max(image.shape[:2]) < 1200 else 0
        rects, scores, _ = self.detector.run(image, upsample, self.threshold)
        faces = []
        for rect, score in zip(rects, scores, strict=True):
            shape = self.shapes(image, rect)
            points = [(float(p.x), float(p.y)) for p in shape.parts()]
            box = (max(0.0, rect.left()), max(0.0, rect.top()), min(image.shape[1], rect.right()),
                   min(image.shape[0], rect.bottom()))
            faces.append(Face(tuple(float(v) for v in box), float(score), points))  # type: ignore[arg-type]
        return sorted(faces, key=lambda f: -f.score)
