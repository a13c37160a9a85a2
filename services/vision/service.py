"""Vision: labels, faces and text in images (Rekognition's shapes); Textract's blocks are built in ``services.documents``.

Every model runs through its batching worker; the shapes are built here. Geometry is in fractions of the
image (Left, Top, Width, Height and a 4-point Polygon), confidences 0-100.
"""

from __future__ import annotations

import asyncio
from typing import Any

import numpy as np

from models.errors import InvalidItem, NoModelForLanguage
from models.registry import ModelRegistry
from models.vision.faces import Face, FaceOnImage
from models.vision.ocr import OcrLine
from services.errors import InvalidRequest
from services.vision.face_details import box_geometry, face_confidence, face_crop, face_detail
from services.vision.images import Picture
from services.vision.labels import ancestors, coco_label, labels_from_classes

LABELS, FACES, SCENE_TEXT, DOCUMENT_TEXT = "labels-efficientnet-lite0", "faces-dlib-hog", "text-rapidocr", "text-tesseract"
EMOTION, AGE_GENDER, MODERATION = "faces-emotion", "faces-age-gender", "moderation-open-nsfw"
MODERATION_VERSION = "open_nsfw-1.0"
# open_nsfw gives one probability; Yahoo reads < 0.2 as safe and > 0.8 as NSFW. Only AWS's two top-level
# categories that score measures are used: Explicit Nudity at >= 0.8, Suggestive in between.
EXPLICIT_FROM, SUGGESTIVE_FROM = 0.8, 0.2
# the emotion model's classes in Rekognition's words
EMOTIONS = {"happy": "HAPPY", "sad": "SAD", "angry": "ANGRY", "disgust": "DISGUSTED", "surprise": "SURPRISED",
            "fear": "FEAR", "neutral": "CALM"}
CONFIRMED_SCORE = 0.4  # a box whose label the classifier or the face detector also found
ALONE_SCORE = 0.7  # a box whose label nothing else found (the detector is weak: see MODELS.md)


def geometry(polygon: list[tuple[float, float]], width: int, height: int) -> dict[str, Any]:
    xs = [min(max(x / width, 0.0), 1.0) for x, _ in polygon]
    ys = [min(max(y / height, 0.0), 1.0) for _, y in polygon]
    return {
        "BoundingBox": {"Width": max(xs) - min(xs), "Height": max(ys) - min(ys), "Left": min(xs), "Top": min(ys)},
        "Polygon": [{"X": x, "Y": y} for x, y in zip(xs, ys, strict=True)],
    }


def split_at_gaps(lines: list[OcrLine], factor: float = 2.0) -> list[OcrLine]:
    """An engine may join text across a column gutter into one line: split a line wherever two words are
    further apart than ``factor`` times the line's height."""
    out: list[OcrLine] = []
    for line in lines:
        height = max(1.0, max(y for _, y in line.polygon) - min(y for _, y in line.polygon))
        parts: list[list[Any]] = [[]]
        for word in line.words:
            if parts[-1] and min(x for x, _ in word.polygon) - max(x for x, _ in parts[-1][-1].polygon) > factor * height:
                parts.append([])
            parts[-1].append(word)
        if len(parts) == 1:
            out.append(line)
            continue
        for words in parts:
            xs = [x for w in words for x, _ in w.polygon]
            ys = [y for w in words for _, y in w.polygon]
            polygon = [(min(xs), min(ys)), (max(xs), min(ys)), (max(xs), max(ys)), (min(xs), max(ys))]
            out.append(OcrLine(" ".join(w.text for w in words), float(np.mean([w.confidence for w in words])),
                               polygon, words))
    return out


def reading_order(lines: list[OcrLine], width: int) -> list[OcrLine]:
    """Top to bottom, column by column: lines wider than half the page split the page into bands; within
    a band, a vertical gap no line crosses separates columns, read left column first."""
    def top(line: OcrLine) -> float:
        return min(y for _, y in line.polygon)

    def span(line: OcrLine) -> tuple[float, float]:
        return min(x for x, _ in line.polygon), max(x for x, _ in line.polygon)

    ordered: list[OcrLine] = []
    band: list[OcrLine] = []

    def flush() -> None:
        if not band:
            return
        spans = sorted(span(line) for line in band)
        cuts, reach = [], spans[0][1]
        for left, right in spans[1:]:
            if left > reach + width * 0.02:
                cuts.append((reach + left) / 2)
            reach = max(reach, right)
        columns: list[list[OcrLine]] = [[] for _ in range(len(cuts) + 1)]
        for line in band:
            centre = sum(span(line)) / 2
            columns[sum(centre > c for c in cuts)].append(line)
        for column in columns:
            ordered.extend(sorted(column, key=top))
        band.clear()

    for line in sorted(split_at_gaps(lines), key=top):
        left, right = span(line)
        if right - left > width * 0.5:
            flush()
            ordered.append(line)
        else:
            band.append(line)
    flush()
    return ordered


class Vision:
    def __init__(self, registry: ModelRegistry) -> None:
        self.registry = registry

    async def run(self, card: str, items: list[Any]) -> list[Any]:
        """The named model over ``items`` (a bad item is the request's fault: 400)."""
        worker = self.registry.get(card)
        if worker is None:
            raise NoModelForLanguage(card, None, [])
        try:
            return await worker.run_strict(items)
        except InvalidItem as exc:
            raise InvalidRequest(str(exc)) from None

    async def _run(self, card: str, pictures: list[Picture]) -> list[Any]:
        return await self.run(card, [p.pixels for p in pictures])

    async def detect_labels(self, picture: Picture, max_labels: int | None, min_confidence: float) -> list[dict[str, Any]]:
        """Image-level labels from the classifier (and faces), boxes from the COCO detector: a box becomes an
        instance when its label is also found otherwise (score >= 0.4), or alone when it is sure (>= 0.7)."""
        jobs = [self._run(LABELS, [picture]), self._run(FACES, [picture])]
        detectors = self.registry.for_task_all("objects")  # a detector a user added comes before NanoDet
        if detectors:
            jobs.append(self._run(detectors[0].card.name, [picture]))
        results = await asyncio.gather(*jobs)
        (top,), (faces,) = results[0], results[1]
        objects = results[2][0] if len(results) > 2 else []
        found = labels_from_classes(top)
        if faces:
            boxes = [self._instance(f, picture) for f in faces]
            best = max(b["Confidence"] for b in boxes)
            found["Face"] = {"confidence": best, "parents": ["Person"], "instances": boxes}
            found["Person"] = {"confidence": best, "parents": []}
        for name, score, (x0, y0, x1, y1) in objects:
            label, parents = coco_label(name)
            if score < (CONFIRMED_SCORE if label in found else ALONE_SCORE):
                continue
            entry = found.setdefault(label, {"confidence": 0.0, "parents": parents})
            entry["confidence"] = max(entry["confidence"], score * 100)
            box = box_geometry((x0, y0, x1, y1), picture.width, picture.height)
            entry.setdefault("instances", []).append({"BoundingBox": box, "Confidence": round(score * 100, 4)})
            for parent in parents:
                found.setdefault(parent, {"confidence": score * 100, "parents": ancestors(parent)})
        labels = [
            {"Name": name, "Confidence": round(e["confidence"], 4), "Instances": e.get("instances", []),
             "Parents": [{"Name": p} for p in e["parents"]], "Aliases": [], "Categories": []}
            for name, e in found.items() if e["confidence"] >= min_confidence
        ]
        labels.sort(key=lambda label: -label["Confidence"])
        return labels[:max_labels] if max_labels else labels

    @staticmethod
    def _instance(face: Face, picture: Picture) -> dict[str, Any]:
        return {"BoundingBox": box_geometry(face.box, picture.width, picture.height), "Confidence": face_confidence(face.score)}

    async def people(self, picture: Picture, min_score: float = CONFIRMED_SCORE) -> list[dict[str, Any]]:
        """Person boxes from the object detector (BoundingBox and Confidence), surest first."""
        detectors = self.registry.for_task_all("objects")
        if not detectors:
            raise NoModelForLanguage("objects", None, [])
        (objects,) = await self._run(detectors[0].card.name, [picture])
        found = [{"BoundingBox": box_geometry(box, picture.width, picture.height), "Confidence": round(score * 100, 4)}
                 for name, score, box in objects if name == "person" and score >= min_score]
        return sorted(found, key=lambda p: -p["Confidence"])

    async def find_faces(self, picture: Picture) -> list[Face]:
        """The faces in the picture, the detector's surest first."""
        (faces,) = await self._run(FACES, [picture])
        return faces

    async def describe_faces(self, picture: Picture, faces: list[Face], attributes: set[str]) -> list[dict[str, Any]]:
        """FaceDetails. ``attributes`` are Rekognition's names: with ALL or EMOTIONS, ``Emotions``; with ALL,
        AGE_RANGE or GENDER, ``AgeRange`` and ``Gender``: each from its model on every face in one batch.
        Attributes no model here estimates (smile, glasses, beard, ...) stay absent, never guessed."""
        details = [face_detail(f, picture) for f in faces]
        if not faces:
            return details

        def wanted(*names: str) -> bool:
            return bool(attributes & {"ALL", *names})

        if wanted("EMOTIONS") and self.registry.get(EMOTION):
            crops = [face_crop(picture.pixels, f.box) for f in faces]
            for detail, probs in zip(details, await self.run(EMOTION, crops), strict=True):
                detail["Emotions"] = sorted(
                    ({"Type": EMOTIONS[name], "Confidence": round(p * 100, 4)} for name, p in probs.items()),
                    key=lambda e: -e["Confidence"],
                )
        if wanted("AGE_RANGE", "GENDER") and self.registry.get(AGE_GENDER):
            found = await self.run(AGE_GENDER, [FaceOnImage(picture.pixels, f) for f in faces])
            for detail, estimate in zip(details, found, strict=True):
                if wanted("AGE_RANGE"):
                    detail["AgeRange"] = {"Low": estimate.age_low, "High": estimate.age_high}
                if wanted("GENDER"):
                    detail["Gender"] = {"Value": estimate.gender.capitalize(),
                                        "Confidence": round(estimate.gender_probability * 100, 4)}
        return details

    async def detect_faces(self, picture: Picture, attributes: set[str] | None = None) -> list[dict[str, Any]]:
        return await self.describe_faces(picture, await self.find_faces(picture), attributes or {"DEFAULT"})

    async def detect_moderation_labels(self, picture: Picture, min_confidence: float) -> list[dict[str, Any]]:
        (score,) = await self._run(MODERATION, [picture])
        return moderation_labels(score, min_confidence)

    async def detect_text(self, picture: Picture, min_confidence: float = 0.0) -> list[dict[str, Any]]:
        (result,) = await self._run(SCENE_TEXT, [picture])
        detections: list[dict[str, Any]] = []
        words: list[dict[str, Any]] = []
        for line in reading_order(result.lines, result.width):
            if line.confidence * 100 < min_confidence:
                continue
            line_id = len(detections)
            detections.append({"DetectedText": line.text, "Type": "LINE", "Id": line_id,
                               "Confidence": round(line.confidence * 100, 4),
                               "Geometry": geometry(line.polygon, result.width, result.height)})
            for word in line.words:
                words.append({"DetectedText": word.text, "Type": "WORD", "ParentId": line_id,
                              "Confidence": round(word.confidence * 100, 4),
                              "Geometry": geometry(word.polygon, result.width, result.height)})
        for n, word in enumerate(words):
            word["Id"] = len(detections) + n
        return detections + words


def moderation_labels(score: float, min_confidence: float) -> list[dict[str, Any]]:
    """Rekognition's ModerationLabels from open_nsfw's probability (Confidence is that probability, 0-100)."""
    if score < SUGGESTIVE_FROM or score * 100 < min_confidence:
        return []
    name = "Explicit Nudity" if score >= EXPLICIT_FROM else "Suggestive"
    return [{"Name": name, "ParentName": "", "TaxonomyLevel": 1, "Confidence": round(score * 100, 4)}]
