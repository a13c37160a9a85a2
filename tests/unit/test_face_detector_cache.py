"""dlib's HOG face detector is parsed from dlib's built-in text once and saved; later loads read the saved
file (0.55 s -> 3 ms at start-up) and find the very same faces."""

from __future__ import annotations

from pathlib import Path

import dlib
import numpy as np
import pytest
from skimage import data

from models.vision import faces


def _found(detector: object, image: np.ndarray) -> tuple[list[str], list[float], list[int]]:
    rects, scores, filters = detector.run(image, 1, -0.5)  # type: ignore[attr-defined]
    return [str(r) for r in rects], list(scores), list(filters)


def test_the_saved_detector_finds_the_same_faces_and_a_damaged_one_is_made_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    image = data.astronaut()
    expected = _found(dlib.get_frontal_face_detector(), image)
    assert len(expected[0]) >= 1 and max(expected[1]) > 0.5  # her face, found with a clear margin

    first = faces.frontal_face_detector(str(tmp_path))
    (saved,) = tmp_path.glob("dlib-*-frontal-face.svm")
    assert _found(first, image) == expected

    def parse_again() -> None:
        raise AssertionError("parsed dlib's text again instead of reading the saved file")

    monkeypatch.setattr(dlib, "get_frontal_face_detector", parse_again)
    assert _found(faces.frontal_face_detector(str(tmp_path)), image) == expected
    monkeypatch.undo()

    saved.write_bytes(b"not a detector")
    assert _found(faces.frontal_face_detector(str(tmp_path)), image) == expected
    assert saved.stat().st_size > 100_000 and [p.name for p in tmp_path.iterdir()] == [saved.name]  # saved again, whole
    assert _found(faces.frontal_face_detector(None), image) == expected  # no cache folder: parsed each time
