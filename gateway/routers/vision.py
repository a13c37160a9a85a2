"""Native REST: labels, faces (and comparing them), moderation and text in images, from an uploaded file. The results have
Rekognition's shapes (the same dicts the AWS surface returns)."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Request, UploadFile
from pydantic import BaseModel

from gateway.routers.responses import ERRORS
from services.vision.images import decode_image_off_loop
from services.vision.service import MODERATION_VERSION

router = APIRouter(prefix="/v1", tags=["vision"], responses=ERRORS)
MAX_IMAGE_BYTES = 15 * 1024 * 1024

Upload = Annotated[UploadFile, File(description="JPEG, PNG, WebP, BMP or TIFF (documents: also a one-page PDF)")]


class LabelsResponse(BaseModel):
    labels: list[dict[str, Any]]


class FacesResponse(BaseModel):
    faces: list[dict[str, Any]]


class CompareResponse(BaseModel):
    source_face: dict[str, Any]
    matches: list[dict[str, Any]]
    unmatched: list[dict[str, Any]]


class ModerationResponse(BaseModel):
    labels: list[dict[str, Any]]
    model_version: str


class TextResponse(BaseModel):
    detections: list[dict[str, Any]]


async def read_upload(file: UploadFile) -> Any:
    return await decode_image_off_loop(await file.read(), MAX_IMAGE_BYTES)


@router.post("/vision/labels")
async def detect_labels(
    request: Request, file: Upload, max_labels: Annotated[int | None, Form(ge=1, le=1000)] = None,
    min_confidence: Annotated[float, Form(ge=0, le=100)] = 55,
) -> LabelsResponse:
    """Image-level labels with parents (Rekognition DetectLabels)."""
    labels = await request.app.state.vision.detect_labels(await read_upload(file), max_labels, min_confidence)
    return LabelsResponse(labels=labels)


@router.post("/vision/faces")
async def detect_faces(
    request: Request, file: Upload, attributes: Annotated[Literal["DEFAULT", "ALL"], Form()] = "DEFAULT"
) -> FacesResponse:
    """Faces with boxes, landmarks, pose and quality (Rekognition DetectFaces); ALL adds emotions, age range
    and gender."""
    picture = await read_upload(file)
    return FacesResponse(faces=await request.app.state.vision.detect_faces(picture, {attributes}))


@router.post("/vision/faces/compare")
async def compare_faces(
    request: Request, source: Upload, target: Upload,
    similarity_threshold: Annotated[float, Form(ge=0, le=100)] = 80,
    quality_filter: Annotated[Literal["NONE", "AUTO", "LOW", "MEDIUM", "HIGH"], Form()] = "NONE",
) -> CompareResponse:
    """The largest face in ``source`` against every face in ``target`` (Rekognition CompareFaces):
    Similarity 0-100, 80 at dlib's same-person distance."""
    first, second = await asyncio.gather(read_upload(source), read_upload(target))
    out = await request.app.state.faces.compare(first, second, similarity_threshold, quality_filter)
    return CompareResponse(source_face=out["SourceImageFace"], matches=out["FaceMatches"],
                           unmatched=out["UnmatchedFaces"])


@router.post("/vision/moderation")
async def detect_moderation_labels(
    request: Request, file: Upload, min_confidence: Annotated[float, Form(ge=0, le=100)] = 50,
) -> ModerationResponse:
    """Explicit Nudity / Suggestive from open_nsfw's score (Rekognition DetectModerationLabels)."""
    labels = await request.app.state.vision.detect_moderation_labels(await read_upload(file), min_confidence)
    return ModerationResponse(labels=labels, model_version=MODERATION_VERSION)


@router.post("/vision/text")
async def detect_text(request: Request, file: Upload) -> TextResponse:
    """Lines and words of text in a photo (Rekognition DetectText)."""
    return TextResponse(detections=await request.app.state.vision.detect_text(await read_upload(file)))
