"""Faces: dlib's HOG face detector with its 5-point landmark model (``dlib-bin`` + the model files in
``face-recognition-models``, found by path: that package's own import fails on new setuptools). The
5-point model is dlib's own; the 68-point one is not used (its training data forbids commercial use).

Items are RGB uint8 arrays; results are faces with a pixel box, the detector's score and the five points
(two corners of each eye, the base of the nose). Images up to ``upsample_max_pixels`` (2 MP by default) are
upsampled once, so faces of about 40 px are found (people a few metres away in a phone photo; about 0.5 s
for 1.3 MP on one core); larger ones are searched as they are, for faces of about 80 px. dlib runs on the CPU.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from models.cards import ModelCard
from models.errors import ModelNotReady
from models.sources import local_path, prebuilt, save_whole


@dataclass
class Face:
    box: tuple[float, float, float, float]  # left, top, right, bottom in pixels
    score: float  # the HOG detector's margin (0 is its decision boundary)
    points: list[tuple[float, float]]  # 5 landmarks, pixels


@dataclass
class FaceOnImage:
    """One found face and the RGB image it is on: the item of the models that read an aligned face chip
    (identity descriptors, age and gender)."""

    pixels: np.ndarray
    face: Face


def face_shape(face: Face) -> Any:
    """The face as dlib's ``full_object_detection`` (box and 5 points), which dlib aligns chips from."""
    import dlib

    left, top, right, bottom = (round(v) for v in face.box)
    return dlib.full_object_detection(dlib.rectangle(left, top, right, bottom),
                                      [dlib.point(round(x), round(y)) for x, y in face.points])


def face_chip(item: FaceOnImage, size: int, padding: float) -> np.ndarray:
    """The face rotated upright and scaled so its landmarks land where dlib's models expect them."""
    import dlib

    details = dlib.get_face_chip_details(face_shape(item.face), size, padding)
    return np.ascontiguousarray(dlib.extract_image_chip(np.ascontiguousarray(item.pixels), details))


def frontal_face_detector(cache_dir: str | None) -> Any:
    """dlib's HOG face detector. ``get_frontal_face_detector`` parses it from text built into dlib, 0.55 s
    under the interpreter lock at every start; saved once under ``cache_dir`` in dlib's binary format (the
    same five filters: the same boxes, scores and filter numbers), it loads in 3 ms."""
    import dlib

    if not cache_dir:
        return dlib.get_frontal_face_detector()
    path = Path(cache_dir) / f"dlib-{dlib.__version__}-frontal-face.svm"
    for saved in (prebuilt(path), path):
        if saved is not None and saved.is_file():
            try:
                return dlib.fhog_object_detector(str(saved))
            except RuntimeError:  # damaged: made again below
                pass
    detector = dlib.get_frontal_face_detector()
    with contextlib.suppress(OSError, RuntimeError):  # not saved: the next start parses it again
        save_whole(path, lambda scratch: detector.save(str(scratch)))
    return detector


class DlibFaces:
    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.threshold = float(card.options.get("threshold", 0.3))
        self.upsample_max_pixels = int(card.options.get("upsample_max_pixels", 2_000_000))
        self.detector: Any = None
        self.shapes: Any = None

    def load(self, device: str, precision: str) -> None:
        import dlib

        landmarks = local_path(self.card) / "shape_predictor_5_face_landmarks.dat"
        if not landmarks.is_file():
            raise ModelNotReady(self.card.name, f"{landmarks} is missing")
        self.detector = frontal_face_detector(self.card.options.get("cache_dir"))
        self.shapes = dlib.shape_predictor(str(landmarks))

    def unload(self) -> None:
        self.detector = self.shapes = None

    def predict(self, items: list[np.ndarray]) -> list[list[Face]]:
        return [self._one(np.ascontiguousarray(image)) for image in items]

    def _one(self, image: np.ndarray) -> list[Face]:
        upsample = 1 if image.shape[0] * image.shape[1] <= self.upsample_max_pixels else 0
        rects, scores, _ = self.detector.run(image, upsample, self.threshold)
        faces = []
        for rect, score in zip(rects, scores, strict=True):
            shape = self.shapes(image, rect)
            points = [(float(p.x), float(p.y)) for p in shape.parts()]
            box = (max(0.0, rect.left()), max(0.0, rect.top()), min(image.shape[1], rect.right()),
                   min(image.shape[0], rect.bottom()))
            faces.append(Face(tuple(float(v) for v in box), float(score), points))  # type: ignore[arg-type]
        return sorted(faces, key=lambda f: -f.score)


class DlibDescriptors:
    """dlib's ResNet face descriptor (``dlib_face_recognition_resnet_model_v1.dat``, 99.38% on LFW upstream):
    one 128-d vector per aligned 150x150 chip; two faces of one person are within Euclidean distance 0.6.
    A batch of chips runs as one call."""

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.model: Any = None

    def load(self, device: str, precision: str) -> None:
        import dlib

        weights = local_path(self.card) / "dlib_face_recognition_resnet_model_v1.dat"
        if not weights.is_file():
            raise ModelNotReady(self.card.name, f"{weights} is missing")
        self.model = dlib.face_recognition_model_v1(str(weights))

    def unload(self) -> None:
        self.model = None

    def predict(self, items: list[FaceOnImage]) -> list[np.ndarray]:
        chips = [face_chip(item, 150, 0.25) for item in items]
        return [np.asarray(v, np.float32) for v in self.model.compute_face_descriptor(chips)]
