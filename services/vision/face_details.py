"""The face details Rekognition returns for each found face (its ``FaceDetail`` / ``ComparedFace``): the
box and detector confidence, eye and nose landmarks, head pose estimated from them, and image quality
(brightness, sharpness) of the face's pixels; and the quality bars QualityFilter applies to them."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from models.vision.faces import Face
from services.vision.images import Picture


def box_geometry(box: tuple[float, float, float, float], width: int, height: int) -> dict[str, float]:
    """A (left, top, right, bottom) pixel box as Rekognition's fractional BoundingBox."""
    left, top, right, bottom = box
    xs = [min(max(x / width, 0.0), 1.0) for x in (left, right)]
    ys = [min(max(y / height, 0.0), 1.0) for y in (top, bottom)]
    return {"Width": xs[1] - xs[0], "Height": ys[1] - ys[0], "Left": xs[0], "Top": ys[0]}


def face_crop(pixels: np.ndarray, box: tuple[float, float, float, float], margin: float = 0.1) -> np.ndarray:
    """The face box grown by ``margin`` on each side, clipped to the image."""
    left, top, right, bottom = box
    dx, dy = (right - left) * margin, (bottom - top) * margin
    h, w = pixels.shape[:2]
    x0, y0 = max(0, int(left - dx)), max(0, int(top - dy))
    x1, y1 = min(w, int(right + dx) + 1), min(h, int(bottom + dy) + 1)
    return np.ascontiguousarray(pixels[y0:y1, x0:x1])


def face_confidence(score: float) -> float:
    """The HOG margin through a logistic: 0 (the detector's boundary) is 50, 1.0 is ~95."""
    return round(100 / (1 + math.exp(-3 * score)), 4)


def face_detail(face: Face, picture: Picture) -> dict[str, Any]:
    left, top, right, bottom = face.box
    w, h = picture.width, picture.height
    (a1, a2, b1, b2, nose) = face.points  # two corners of one eye, two of the other, base of the nose
    eyes = sorted([((a1[0] + a2[0]) / 2, (a1[1] + a2[1]) / 2), ((b1[0] + b2[0]) / 2, (b1[1] + b2[1]) / 2)])
    (lx, ly), (rx, ry) = eyes  # eyeLeft is the one on the image's left
    return {
        "BoundingBox": box_geometry(face.box, w, h),
        "Confidence": face_confidence(face.score),
        "Landmarks": [
            {"Type": "eyeLeft", "X": lx / w, "Y": ly / h},
            {"Type": "eyeRight", "X": rx / w, "Y": ry / h},
            {"Type": "nose", "X": nose[0] / w, "Y": nose[1] / h},
        ],
        "Pose": pose(eyes[0], eyes[1], nose),
        "Quality": quality(picture.pixels[int(top):int(bottom), int(left):int(right)]),
    }


def pose(left_eye: tuple[float, float], right_eye: tuple[float, float], nose: tuple[float, float]) -> dict[str, float]:
    """Head pose from the landmarks: roll is the eye line's angle; yaw and pitch are geometric estimates
    from where the nose sits against the eyes (frontal faces: nose below the eyes' midpoint)."""
    dx, dy = right_eye[0] - left_eye[0], right_eye[1] - left_eye[1]
    distance = max(math.hypot(dx, dy), 1e-6)
    roll = math.degrees(math.atan2(dy, dx))
    mid = ((left_eye[0] + right_eye[0]) / 2, (left_eye[1] + right_eye[1]) / 2)
    # nose offset along and across the eye line, in eye distances
    along = ((nose[0] - mid[0]) * dx + (nose[1] - mid[1]) * dy) / distance / distance
    across = ((nose[1] - mid[1]) * dx - (nose[0] - mid[0]) * dy) / distance / distance
    # the nose sits ~0.6 eye distances in front of the eyes: turned by yaw, it shows 0.6*tan(yaw) along the
    # (foreshortened) eye line
    yaw = math.degrees(math.atan2(along, 0.6))
    pitch = math.degrees(math.atan2(0.6 - across, 1.0))  # ~0.6 eye distances below the eyes when level
    return {"Roll": round(roll, 3), "Yaw": round(yaw, 3), "Pitch": round(pitch, 3)}


def quality(crop: np.ndarray) -> dict[str, float]:
    """Brightness: mean luminance, 0-100. Sharpness: variance of the Laplacian, squashed to 0-100."""
    if crop.size == 0:
        return {"Brightness": 0.0, "Sharpness": 0.0}
    gray = crop.astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)
    lap = gray[1:-1, 1:-1] * 4 - gray[:-2, 1:-1] - gray[2:, 1:-1] - gray[1:-1, :-2] - gray[1:-1, 2:]
    variance = float(lap.var()) if lap.size else 0.0
    return {"Brightness": round(float(gray.mean()) / 255 * 100, 4),
            "Sharpness": round(100 * (1 - math.exp(-variance / 500)), 4)}
