"""Amazon Rekognition on the AWS surface (``RekognitionService.*``, JSON 1.1): DetectLabels, DetectFaces,
DetectText, on images sent as bytes or named as a bucket object, in botocore's shapes. Face identity
(CompareFaces, collections, users, celebrities) is in :mod:`gateway.aws.rekognition_faces`."""

from __future__ import annotations

import asyncio
import binascii
from typing import Any

from gateway.aws.protocol import SERVICE_AWS_TYPES, AwsError, decode_base64, operation, require
from services.buckets import S3Location
from services.vision.images import decode_image_off_loop
from services.vision.service import MODERATION_VERSION

PREFIX = "RekognitionService"
MAX_IMAGE_BYTES = 5 * 1024 * 1024  # as bytes in the request; AWS allows 15 MB from S3
MAX_S3_IMAGE_BYTES = 15 * 1024 * 1024

SERVICE_AWS_TYPES[PREFIX] = {
    "invalid_request": "InvalidParameterException",
    "validation_error": "InvalidParameterException",
    "invalid_image_format": "InvalidImageFormatException",
    "image_too_large": "ImageTooLargeException",
    "invalid_s3_object": "InvalidS3ObjectException",
    "not_found": "InvalidS3ObjectException",
    "resource_not_found": "ResourceNotFoundException",
    "resource_already_exists": "ResourceAlreadyExistsException",
    "conflict": "ConflictException",
    "limit_exceeded": "ServiceQuotaExceededException",
    "invalid_pagination_token": "InvalidPaginationTokenException",
    "job_not_found": "ResourceNotFoundException",
    "video_too_large": "VideoTooLargeException",
    "busy": "ThrottlingException",
    "model_not_ready": "InternalServerError",
    "internal_error": "InternalServerError",
}


async def source_bytes(state: Any, payload: dict[str, Any], field: str, bytes_limit: int, s3_limit: int,
                       error: str) -> tuple[bytes, int]:
    """The ``Image`` / ``Document`` member: base64 ``Bytes`` or an ``S3Object`` read through the buckets."""
    source = require(payload, field, dict)
    if ("Bytes" in source) == ("S3Object" in source):
        raise AwsError(error, f"{field} needs exactly one of Bytes and S3Object")
    if "Bytes" in source:
        if not isinstance(source["Bytes"], str):
            raise AwsError(error, f"{field}.Bytes must be base64 data")
        try:
            return await decode_base64(source["Bytes"]), bytes_limit
        except (binascii.Error, ValueError):
            raise AwsError(error, f"{field}.Bytes is not valid base64") from None
    s3 = source["S3Object"]
    if not isinstance(s3, dict) or not isinstance(s3.get("Bucket"), str) or not isinstance(s3.get("Name"), str):
        raise AwsError("InvalidS3ObjectException", f"{field}.S3Object needs a Bucket and a Name")
    data = await asyncio.to_thread(state.buckets.read, S3Location(s3["Bucket"], s3["Name"]))
    return data, s3_limit


async def read_image(state: Any, payload: dict[str, Any], field: str = "Image") -> Any:
    data, limit = await source_bytes(state, payload, field, MAX_IMAGE_BYTES, MAX_S3_IMAGE_BYTES,
                                     "InvalidImageFormatException")
    return await decode_image_off_loop(data, limit)


def _number(payload: dict[str, Any], field: str, low: float, high: float, default: float | None) -> Any:
    value = payload.get(field, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise AwsError("InvalidParameterException", f"{field} must be a number from {low:g} to {high:g}")
    return value


@operation(PREFIX, "DetectLabels")
async def detect_labels(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    max_labels = _number(payload, "MaxLabels", 0, 1000, None)
    min_confidence = _number(payload, "MinConfidence", 0, 100, 55)
    picture = await read_image(state, payload)
    labels = await state.vision.detect_labels(picture, int(max_labels) if max_labels else None, float(min_confidence))
    return {"Labels": labels, "LabelModelVersion": "3.0"}


def attributes(payload: dict[str, Any], field: str) -> set[str]:
    """``Attributes`` / ``DetectionAttributes``: DEFAULT, ALL or single attribute names (botocore checked the
    names); those no model here estimates are accepted and left out of the answer, as AWS leaves out
    what it was not asked."""
    return set(payload.get(field) or ["DEFAULT"])


@operation(PREFIX, "DetectFaces")
async def detect_faces(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    picture = await read_image(state, payload)
    return {"FaceDetails": await state.vision.detect_faces(picture, attributes(payload, "Attributes"))}


@operation(PREFIX, "DetectText")
async def detect_text(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    filters = payload.get("Filters") or {}
    if not isinstance(filters, dict):
        raise AwsError("InvalidParameterException", "Filters must be an object")
    word_filter = filters.get("WordFilter") or {}
    if not isinstance(word_filter, dict):
        raise AwsError("InvalidParameterException", "Filters.WordFilter must be an object")
    min_confidence = _number(word_filter, "MinConfidence", 0, 100, 0)
    picture = await read_image(state, payload)
    return {"TextDetections": await state.vision.detect_text(picture, float(min_confidence)), "TextModelVersion": "3.0"}


@operation(PREFIX, "DetectModerationLabels")
async def detect_moderation_labels(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    if payload.get("HumanLoopConfig") or payload.get("ProjectVersion"):
        raise AwsError("InvalidParameterException", "HumanLoopConfig and ProjectVersion (custom adapters) are not "
                                                    "supported: leave them out")
    min_confidence = _number(payload, "MinConfidence", 0, 100, 50)
    image = await read_image(state, payload)
    labels = await state.vision.detect_moderation_labels(image, float(min_confidence))
    return {"ModerationLabels": labels, "ModerationModelVersion": MODERATION_VERSION}
