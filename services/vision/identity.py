"""Face identity (Rekognition's CompareFaces, IndexFaces, SearchFaces*, users and celebrities): dlib's
128-d descriptors compared by Euclidean distance, faces kept in :mod:`services.vision.collections`.

Similarity (0-100) is ``100 * exp(-(d / s)**2)`` of the descriptor distance ``d``, with ``s`` chosen so
that dlib's own same-person rule (``d = 0.6``) sits at 80, Rekognition's default threshold: 0.19
(one face, mirrored) is 97.8, 0.73 is 71.9, 0.93 is 58.5. It is monotone, so a threshold on similarity
is a threshold on distance.
"""

from __future__ import annotations

import asyncio
import hashlib
import math
import uuid
from dataclasses import dataclass
from typing import Any

import numpy as np

from models.vision.faces import Face, FaceOnImage
from services.errors import InvalidRequest
from services.vision.collections import CollectionNotFound, FaceCollections, NewFace, StoredFace
from services.vision.images import Picture
from services.vision.service import Vision

DESCRIPTOR = "faces-dlib-resnet"
FACE_MODEL_VERSION = "dlib-resnet-v1"
SAME_PERSON_DISTANCE = 0.6
SCALE = SAME_PERSON_DISTANCE / math.sqrt(math.log(100 / 80))
MAX_CELEBRITIES = 64  # AWS recognizes up to 64 faces an image


def similarity(distance: float) -> float:
    return round(100 * math.exp(-((distance / SCALE) ** 2)), 4)


@dataclass(frozen=True)
class QualityBar:
    confidence: float  # the detector's confidence, 0-100
    side: float  # the face box's shorter side, pixels
    sharpness: float  # Quality.Sharpness, 0-100
    brightness: float  # Quality.Brightness, 0-100
    pose: float  # largest |yaw| or |pitch|, degrees


# What QualityFilter LOW / MEDIUM / HIGH ask of a face (AUTO is MEDIUM; NONE asks nothing).
QUALITY = {
    "LOW": QualityBar(confidence=50, side=20, sharpness=2, brightness=5, pose=75),
    "MEDIUM": QualityBar(confidence=60, side=32, sharpness=5, brightness=10, pose=60),
    "HIGH": QualityBar(confidence=75, side=48, sharpness=10, brightness=15, pose=45),
}


def quality_reasons(face: Face, detail: dict[str, Any], level: str) -> list[str]:
    """Why a face falls below the QualityFilter ``level`` (empty: it passes)."""
    bar = QUALITY.get("MEDIUM" if level == "AUTO" else level)
    if bar is None:
        return []
    reasons = []
    if detail["Confidence"] < bar.confidence:
        reasons.append("LOW_CONFIDENCE")
    left, top, right, bottom = face.box
    if min(right - left, bottom - top) < bar.side:
        reasons.append("SMALL_BOUNDING_BOX")
    if detail["Quality"]["Sharpness"] < bar.sharpness:
        reasons.append("LOW_SHARPNESS")
    if detail["Quality"]["Brightness"] < bar.brightness:
        reasons.append("LOW_BRIGHTNESS")
    if max(abs(detail["Pose"]["Yaw"]), abs(detail["Pose"]["Pitch"])) > bar.pose:
        reasons.append("EXTREME_POSE")
    return reasons


def _area(face: Face) -> float:
    left, top, right, bottom = face.box
    return (right - left) * (bottom - top)


def stored_face(face: StoredFace) -> dict[str, Any]:
    """A collection face as Rekognition's ``Face``."""
    out = {"FaceId": face.face_id, "BoundingBox": face.box, "ImageId": face.image_id, "Confidence": face.confidence,
           "IndexFacesModelVersion": FACE_MODEL_VERSION}
    if face.external_image_id is not None:
        out["ExternalImageId"] = face.external_image_id
    if face.user_id is not None:
        out["UserId"] = face.user_id
    return out


def celebrity_id(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()[:16]


def compared_face(detail: dict[str, Any]) -> dict[str, Any]:
    keys = ("BoundingBox", "Confidence", "Landmarks", "Pose", "Quality", "Emotions")
    return {k: detail[k] for k in keys if k in detail}


class FaceIdentity:
    def __init__(self, vision: Vision, collections: FaceCollections, celebrity_collection: str,
                 celebrity_urls: dict[str, list[str]] | None = None) -> None:
        self.vision = vision
        self.collections = collections
        self.celebrity_collection = celebrity_collection
        self.celebrity_urls = celebrity_urls or {}

    async def _descriptors(self, picture: Picture, faces: list[Face]) -> list[np.ndarray]:
        if not faces:
            return []
        return await self.vision.run(DESCRIPTOR, [FaceOnImage(picture.pixels, f) for f in faces])

    async def _faces(self, picture: Picture, attributes: set[str] | None = None) -> tuple[list[Face], list[dict[str, Any]]]:
        """The faces largest first, with their details."""
        faces = sorted(await self.vision.find_faces(picture), key=lambda f: -_area(f))
        return faces, await self.vision.describe_faces(picture, faces, attributes or {"DEFAULT"})

    async def _largest(self, picture: Picture, quality: str,
                       what: str) -> tuple[dict[str, Any], np.ndarray, list[tuple[Face, dict[str, Any]]]]:
        """The largest face passing ``quality`` (InvalidRequest when there is none), its descriptor, and
        the other faces."""
        faces, details = await self._faces(picture)
        passing = [(f, d) for f, d in zip(faces, details, strict=True) if not quality_reasons(f, d, quality)]
        if not passing:
            found = f"{len(faces)} face(s), none passing QualityFilter {quality}" if faces else "no face"
            raise InvalidRequest(f"the {what} has {found}; send an image with a clear, frontal face")
        face, detail = passing[0]
        (vector,) = await self._descriptors(picture, [face])
        others = [(f, d) for f, d in zip(faces, details, strict=True) if f is not face]
        return detail, vector, others

    async def compare(self, source: Picture, target: Picture, threshold: float, quality: str) -> dict[str, Any]:
        detail, vector, _ = await self._largest(source, quality, "source image")
        faces, details = await self._faces(target)
        kept = [(f, d) for f, d in zip(faces, details, strict=True) if not quality_reasons(f, d, quality)]
        vectors = await self._descriptors(target, [f for f, _ in kept])
        matches, unmatched = [], []
        for (_, d), other in zip(kept, vectors, strict=True):
            score = similarity(float(np.linalg.norm(vector - other)))
            if score >= threshold:
                matches.append({"Similarity": score, "Face": compared_face(d)})
            else:
                unmatched.append(compared_face(d))
        matches.sort(key=lambda m: -m["Similarity"])
        return {"SourceImageFace": {"BoundingBox": detail["BoundingBox"], "Confidence": detail["Confidence"]},
                "FaceMatches": matches, "UnmatchedFaces": unmatched}

    async def index(self, collection_id: str, picture: Picture, external_id: str | None, max_faces: int | None,
                    quality: str, attributes: set[str]) -> dict[str, Any]:
        await asyncio.to_thread(self.collections.exists, collection_id)
        faces, details = await self._faces(picture, attributes)
        chosen: list[tuple[Face, dict[str, Any]]] = []
        unindexed = []
        for face, detail in zip(faces, details, strict=True):
            reasons = quality_reasons(face, detail, quality)
            if not reasons and max_faces is not None and len(chosen) >= max_faces:
                reasons = ["EXCEEDS_MAX_FACES"]
            if reasons:
                unindexed.append({"Reasons": reasons, "FaceDetail": detail})
            else:
                chosen.append((face, detail))
        vectors = await self._descriptors(picture, [f for f, _ in chosen])
        new = [NewFace(d["BoundingBox"], d["Confidence"], v) for (_, d), v in zip(chosen, vectors, strict=True)]
        image_id = str(uuid.uuid4())
        ids = await asyncio.to_thread(self.collections.add_faces, collection_id, image_id, external_id, new)
        records = []
        for face_id, (_, detail) in zip(ids, chosen, strict=True):
            face = {"FaceId": face_id, "BoundingBox": detail["BoundingBox"], "ImageId": image_id,
                    "Confidence": detail["Confidence"], "IndexFacesModelVersion": FACE_MODEL_VERSION}
            if external_id is not None:
                face["ExternalImageId"] = external_id
            records.append({"Face": face, "FaceDetail": detail})
        return {"FaceRecords": records, "UnindexedFaces": unindexed, "FaceModelVersion": FACE_MODEL_VERSION}

    async def _nearest(self, collection_id: str, vector: np.ndarray, count: int, threshold: float,
                       skip: str | None = None) -> list[tuple[StoredFace, float]]:
        found = await asyncio.to_thread(self.collections.search, collection_id, vector, count + (skip is not None))
        scored = [(face, similarity(d)) for face, d in found if face.face_id != skip]
        return [(face, score) for face, score in scored if score >= threshold][:count]

    async def search_by_image(self, collection_id: str, picture: Picture, threshold: float, max_faces: int,
                              quality: str) -> dict[str, Any]:
        await asyncio.to_thread(self.collections.exists, collection_id)
        detail, vector, _ = await self._largest(picture, quality, "image")
        found = await self._nearest(collection_id, vector, max_faces, threshold)
        return {"SearchedFaceBoundingBox": detail["BoundingBox"], "SearchedFaceConfidence": detail["Confidence"],
                "FaceMatches": [{"Similarity": s, "Face": stored_face(f)} for f, s in found],
                "FaceModelVersion": FACE_MODEL_VERSION}

    async def match_faces(self, collection_id: str, picture: Picture, threshold: float,
                          max_faces: int) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
        """Every face in the picture with its matches in the collection (video face search)."""
        faces, details = await self._faces(picture)
        vectors = await self._descriptors(picture, faces)
        out = []
        for detail, vector in zip(details, vectors, strict=True):
            found = await self._nearest(collection_id, vector, max_faces, threshold)
            out.append((detail, [{"Similarity": s, "Face": stored_face(f)} for f, s in found]))
        return out

    async def _stored(self, collection_id: str, face_id: str) -> StoredFace:
        face = await asyncio.to_thread(self.collections.get_face, collection_id, face_id)
        if face is None:
            raise CollectionNotFound(f"no face {face_id!r} in the collection {collection_id!r}")
        return face

    async def search(self, collection_id: str, face_id: str, threshold: float, max_faces: int) -> dict[str, Any]:
        face = await self._stored(collection_id, face_id)
        found = await self._nearest(collection_id, face.descriptor, max_faces, threshold, skip=face_id)
        return {"SearchedFaceId": face_id, "FaceMatches": [{"Similarity": s, "Face": stored_face(f)} for f, s in found],
                "FaceModelVersion": FACE_MODEL_VERSION}

    # users

    async def _user_matches(self, collection_id: str, vectors: list[np.ndarray], threshold: float, max_users: int,
                            skip_user: str | None = None) -> list[dict[str, Any]]:
        """Users whose faces are nearest any of ``vectors``; a user's similarity is its best face's."""
        best: dict[str, float] = {}
        count = min(4096, await asyncio.to_thread(self.collections.size, collection_id))
        for vector in vectors:
            for face, score in await self._nearest(collection_id, vector, count, threshold):
                if face.user_id is not None and face.user_id != skip_user:
                    best[face.user_id] = max(best.get(face.user_id, 0.0), score)
        ranked = sorted(best.items(), key=lambda kv: -kv[1])[:max_users]
        return [{"Similarity": s, "User": {"UserId": u, "UserStatus": "ACTIVE"}} for u, s in ranked]

    async def search_users(self, collection_id: str, user_id: str | None, face_id: str | None, threshold: float,
                           max_users: int) -> dict[str, Any]:
        if (user_id is None) == (face_id is None):
            raise InvalidRequest("SearchUsers needs exactly one of UserId and FaceId")
        out: dict[str, Any] = {"FaceModelVersion": FACE_MODEL_VERSION}
        if face_id is not None:
            vectors = [(await self._stored(collection_id, face_id)).descriptor]
            out["SearchedFace"] = {"FaceId": face_id}
        else:
            await asyncio.to_thread(self.collections.require_user, collection_id, user_id)  # type: ignore[arg-type]
            faces = await asyncio.to_thread(self.collections.user_faces, collection_id, user_id)  # type: ignore[arg-type]
            vectors = [f.descriptor for f in faces]
            out["SearchedUser"] = {"UserId": user_id}
        out["UserMatches"] = await self._user_matches(collection_id, vectors, threshold, max_users, skip_user=user_id)
        return out

    async def search_users_by_image(self, collection_id: str, picture: Picture, threshold: float, max_users: int,
                                    quality: str) -> dict[str, Any]:
        await asyncio.to_thread(self.collections.exists, collection_id)
        detail, vector, others = await self._largest(picture, quality, "image")
        unsearched = [{"FaceDetails": d, "Reasons": ["FACE_NOT_LARGEST", *quality_reasons(f, d, quality)]}
                      for f, d in others]
        return {"UserMatches": await self._user_matches(collection_id, [vector], threshold, max_users),
                "FaceModelVersion": FACE_MODEL_VERSION, "SearchedFace": {"FaceDetail": detail},
                "UnsearchedFaces": unsearched}

    async def associate(self, collection_id: str, user_id: str, face_ids: list[str], threshold: float) -> dict[str, Any]:
        await asyncio.to_thread(self.collections.require_user, collection_id, user_id)
        mine = await asyncio.to_thread(self.collections.user_faces, collection_id, user_id)
        found, _ = await asyncio.to_thread(self.collections.faces, collection_id, len(face_ids) + 1, None, None, face_ids)
        by_id = {f.face_id: f for f in found}
        done, refused, todo = [], [], []
        for face_id in dict.fromkeys(face_ids):
            face = by_id.get(face_id)
            if face is None:
                refused.append({"FaceId": face_id, "Reasons": ["FACE_NOT_FOUND"]})
            elif face.user_id == user_id:
                done.append({"FaceId": face_id})
            elif face.user_id is not None:
                refused.append({"FaceId": face_id, "UserId": face.user_id, "Reasons": ["ASSOCIATED_TO_A_DIFFERENT_USER"]})
            else:
                score = max((similarity(float(np.linalg.norm(face.descriptor - m.descriptor))) for m in mine), default=100.0)
                if score < threshold:
                    refused.append({"FaceId": face_id, "UserId": user_id, "Confidence": score,
                                    "Reasons": ["LOW_MATCH_CONFIDENCE"]})
                else:
                    todo.append(face_id)
        if todo:
            await asyncio.to_thread(self.collections.set_user, collection_id, user_id, todo, True)
        done += [{"FaceId": f} for f in todo]
        return {"AssociatedFaces": done, "UnsuccessfulFaceAssociations": refused,
                "UserStatus": "ACTIVE" if done or mine else "CREATED"}

    async def disassociate(self, collection_id: str, user_id: str, face_ids: list[str]) -> dict[str, Any]:
        await asyncio.to_thread(self.collections.require_user, collection_id, user_id)
        found, _ = await asyncio.to_thread(self.collections.faces, collection_id, len(face_ids) + 1, None, None, face_ids)
        by_id = {f.face_id: f for f in found}
        done, refused = [], []
        for face_id in dict.fromkeys(face_ids):
            face = by_id.get(face_id)
            if face is None:
                refused.append({"FaceId": face_id, "UserId": user_id, "Reasons": ["FACE_NOT_FOUND"]})
            elif face.user_id != user_id:
                refused.append({"FaceId": face_id, "UserId": user_id, "Reasons": ["ASSOCIATED_TO_A_DIFFERENT_USER"]})
            else:
                done.append(face_id)
        if done:
            await asyncio.to_thread(self.collections.set_user, collection_id, user_id, done, False)
        left = await asyncio.to_thread(self.collections.user_faces, collection_id, user_id)
        return {"DisassociatedFaces": [{"FaceId": f} for f in done], "UnsuccessfulFaceDisassociations": refused,
                "UserStatus": "ACTIVE" if left else "CREATED"}

    # celebrities: a gallery collection the operator fills, one person's name per face (ExternalImageId)

    async def recognize_celebrities(self, picture: Picture) -> dict[str, Any]:
        faces, details = await self._faces(picture)
        faces, details = faces[:MAX_CELEBRITIES], details[:MAX_CELEBRITIES]
        try:
            await asyncio.to_thread(self.collections.exists, self.celebrity_collection)
            vectors = await self._descriptors(picture, faces)
        except CollectionNotFound:  # no gallery: nobody is known
            vectors = []
        known, unknown = [], []
        for n, detail in enumerate(details):
            match = await self._nearest(self.celebrity_collection, vectors[n], 1, 80.0) if vectors else []
            name = (match[0][0].external_image_id or "") if match else ""
            if not name:
                unknown.append(compared_face(detail))
                continue
            name = name.replace("_", " ")
            known.append({"Urls": self.celebrity_urls.get(name, []), "Name": name, "Id": celebrity_id(name),
                          "Face": compared_face(detail), "MatchConfidence": match[0][1]})
        return {"CelebrityFaces": known, "UnrecognizedFaces": unknown}

    async def celebrity_info(self, celebrity: str) -> dict[str, Any]:
        names = await asyncio.to_thread(self.gallery_names)
        for name in names:
            if celebrity_id(name) == celebrity:
                return {"Urls": self.celebrity_urls.get(name, []), "Name": name}
        raise CollectionNotFound(f"no celebrity with Id {celebrity!r} in the gallery {self.celebrity_collection!r}")

    def gallery_names(self) -> set[str]:
        names: set[str] = set()
        token = None
        while True:
            try:
                faces, token = self.collections.faces(self.celebrity_collection, 1000, token)
            except CollectionNotFound:
                return names
            names.update(f.external_image_id.replace("_", " ") for f in faces if f.external_image_id)
            if token is None:
                return names
