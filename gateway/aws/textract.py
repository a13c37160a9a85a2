"""Amazon Textract on the AWS surface (``Textract.*``, JSON 1.1): DetectDocumentText (an image or a
one-page PDF), StartDocumentTextDetection / GetDocumentTextDetection (multi-page PDFs from a bucket)."""

from __future__ import annotations

import asyncio
from typing import Any

from gateway.aws.protocol import SERVICE_AWS_TYPES, AwsError, is_token, operation, require
from gateway.aws.rekognition import source_bytes
from services.buckets import S3Location, check_key, require_bucket
from services.jobs.notifications import notification
from services.jobs.store import COMPLETED, FINAL, Job
from services.vision.images import decode_document
from services.vision.textract_jobs import JOB_KIND

PREFIX = "Textract"
KINDS = (JOB_KIND,)
MAX_SYNC_BYTES = 10 * 1024 * 1024

SERVICE_AWS_TYPES[PREFIX] = {
    "invalid_request": "InvalidParameterException",
    "validation_error": "InvalidParameterException",
    "invalid_image_format": "UnsupportedDocumentException",
    "unsupported_document": "UnsupportedDocumentException",
    "image_too_large": "DocumentTooLargeException",
    "document_too_large": "DocumentTooLargeException",
    "bad_document": "BadDocumentException",
    "invalid_s3_object": "InvalidS3ObjectException",
    "not_found": "InvalidS3ObjectException",
    "job_not_found": "InvalidJobIdException",
    "busy": "ThrottlingException",
    "model_not_ready": "InternalServerError",
    "internal_error": "InternalServerError",
}


@operation(PREFIX, "DetectDocumentText")
async def detect_document_text(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    data, limit = await source_bytes(state, payload, "Document", MAX_SYNC_BYTES, MAX_SYNC_BYTES,
                                     "InvalidParameterException")
    pages = await asyncio.to_thread(decode_document, data, limit, 1)
    blocks = await state.vision.document_text(pages)
    return {"DocumentMetadata": {"Pages": len(pages)}, "Blocks": blocks, "DetectDocumentTextModelVersion": "1.0"}


@operation(PREFIX, "StartDocumentTextDetection")
async def start(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    location = require(payload, "DocumentLocation", dict)
    s3 = require(location, "S3Object", dict)
    bucket, name = require(s3, "Bucket", str), require(s3, "Name", str)
    output = payload.get("OutputConfig")
    if output is not None and (not isinstance(output, dict) or not isinstance(output.get("S3Bucket"), str)):
        raise AwsError("InvalidParameterException", "OutputConfig needs an S3Bucket")
    token = payload.get("ClientRequestToken")
    if token is not None and not isinstance(token, str):
        raise AwsError("InvalidParameterException", "ClientRequestToken must be a string")
    where = S3Location(bucket, check_key(name))
    if output is not None:
        S3Location(output["S3Bucket"], output.get("S3Prefix") or "")  # refused now, not when the job ends
        await asyncio.to_thread(require_bucket, state.buckets, output["S3Bucket"], "OutputConfig")
    params = {"document_uri": where.uri, "output": output, "tag": payload.get("JobTag")}
    channel = notification(state.notifier, payload.get("NotificationChannel"), {
        "API": "StartDocumentTextDetection", "JobTag": payload.get("JobTag") or "",
        "DocumentLocation": {"S3ObjectName": name, "S3Bucket": bucket}})
    if channel:
        params["notification"] = channel
    job = await state.runner.submit(JOB_KIND, None, params, token)
    return {"JobId": job.id}


def _status(job: Job) -> str:
    if job.state not in FINAL:
        return "IN_PROGRESS"
    return "SUCCEEDED" if job.state == COMPLETED else "FAILED"


@operation(PREFIX, "GetDocumentTextDetection")
async def get(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    job = state.runner.get(require(payload, "JobId", str), KINDS)
    limit = payload.get("MaxResults", 1000)
    token = payload.get("NextToken") or "0"
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 1000:
        raise AwsError("InvalidParameterException", "MaxResults must be 1-1000")
    if not isinstance(token, str) or not is_token(token):
        raise AwsError("InvalidParameterException", "NextToken must be one we returned")
    out: dict[str, Any] = {"JobStatus": _status(job), "DetectDocumentTextModelVersion": "1.0"}
    if job.failure_reason:
        out["StatusMessage"] = job.failure_reason
    if job.state != COMPLETED:
        return out
    blocks = [b for r in state.runner.store.items(job.id) for b in r.payload["blocks"]]
    offset = int(token)
    out["DocumentMetadata"] = {"Pages": job.items_total or 0}
    out["Blocks"] = blocks[offset:offset + limit]
    if offset + limit < len(blocks):
        out["NextToken"] = str(offset + limit)
    return out
