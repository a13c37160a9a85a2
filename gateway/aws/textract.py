"""Amazon Textract on the AWS surface (``Textract.*``, JSON 1.1): DetectDocumentText and AnalyzeDocument
(an image or a one-page PDF), and their asynchronous twins StartDocumentTextDetection /
GetDocumentTextDetection and StartDocumentAnalysis / GetDocumentAnalysis (multi-page PDFs from a bucket)."""

from __future__ import annotations

import asyncio
from typing import Any

from gateway.aws.protocol import SERVICE_AWS_TYPES, AwsError, is_token, operation, require
from gateway.aws.rekognition import source_bytes
from services.buckets import S3Location, check_key, require_bucket
from services.documents.jobs import ANALYSIS_JOB, TEXT_JOB, VERSION_KEYS
from services.documents.queries import parse_queries
from services.documents.service import MODEL_VERSION, parse_feature_types
from services.jobs.notifications import notification
from services.jobs.store import COMPLETED, FINAL, Job
from services.vision.images import decode_document

PREFIX = "Textract"
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


def _analysis_params(payload: dict[str, Any]) -> tuple[set[str], Any]:
    """FeatureTypes and QueriesConfig, checked; AdaptersConfig is refused (no adapter can be trained here)."""
    features = parse_feature_types(payload.get("FeatureTypes"))
    if payload.get("AdaptersConfig") is not None:
        raise AwsError("InvalidParameterException", "AdaptersConfig is not offered: Cirrus trains no Textract adapters")
    config = payload.get("QueriesConfig")
    if "QUERIES" in features:
        parse_queries(config)  # refused now, with what is wrong
    elif config is not None:
        raise AwsError("InvalidParameterException", "QueriesConfig needs QUERIES in FeatureTypes")
    return features, config if "QUERIES" in features else None


async def _page(state: Any, payload: dict[str, Any]) -> list[Any]:
    data, limit = await source_bytes(state, payload, "Document", MAX_SYNC_BYTES, MAX_SYNC_BYTES,
                                     "InvalidParameterException")
    return await asyncio.to_thread(decode_document, data, limit, 1)


@operation(PREFIX, "DetectDocumentText")
async def detect_document_text(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    pages = await _page(state, payload)
    blocks = await state.documents.text(pages)
    return {"DocumentMetadata": {"Pages": len(pages)}, "Blocks": blocks, "DetectDocumentTextModelVersion": MODEL_VERSION}


@operation(PREFIX, "AnalyzeDocument")
async def analyze_document(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    features, config = _analysis_params(payload)
    pages = await _page(state, payload)
    blocks = await state.documents.analyze(pages, features, parse_queries(config) if config else None)
    return {"DocumentMetadata": {"Pages": len(pages)}, "Blocks": blocks, "AnalyzeDocumentModelVersion": MODEL_VERSION}


async def _start(state: Any, payload: dict[str, Any], kind: str, api: str, extra: dict[str, Any]) -> dict[str, Any]:
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
    params = {"document_uri": where.uri, "output": output, "tag": payload.get("JobTag"), **extra}
    channel = notification(state.notifier, payload.get("NotificationChannel"), {
        "API": api, "JobTag": payload.get("JobTag") or "",
        "DocumentLocation": {"S3ObjectName": name, "S3Bucket": bucket}})
    if channel:
        params["notification"] = channel
    job = await state.runner.submit(kind, None, params, token)
    return {"JobId": job.id}


@operation(PREFIX, "StartDocumentTextDetection")
async def start_text(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    return await _start(state, payload, TEXT_JOB, "StartDocumentTextDetection", {})


@operation(PREFIX, "StartDocumentAnalysis")
async def start_analysis(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    features, config = _analysis_params(payload)
    return await _start(state, payload, ANALYSIS_JOB, "StartDocumentAnalysis",
                        {"features": sorted(features), "queries": config})


def _status(job: Job) -> str:
    if job.state not in FINAL:
        return "IN_PROGRESS"
    if job.state != COMPLETED or (job.items_total and job.items_failed >= job.items_total):
        return "FAILED"
    return "PARTIAL_SUCCESS" if job.items_failed else "SUCCEEDED"


async def _get(state: Any, payload: dict[str, Any], kind: str) -> dict[str, Any]:
    job = state.runner.get(require(payload, "JobId", str), (kind,))
    limit = payload.get("MaxResults", 1000)
    token = payload.get("NextToken") or "0"
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 1000:
        raise AwsError("InvalidParameterException", "MaxResults must be 1-1000")
    if not isinstance(token, str) or not is_token(token):
        raise AwsError("InvalidParameterException", "NextToken must be one we returned")
    status = _status(job)
    out: dict[str, Any] = {"JobStatus": status, VERSION_KEYS[kind]: MODEL_VERSION}
    if job.failure_reason:
        out["StatusMessage"] = job.failure_reason
    if job.state != COMPLETED:
        return out
    results = list(state.runner.store.items(job.id))
    failed = [r for r in results if not r.ok]
    if failed:
        out["Warnings"] = [{"ErrorCode": "PAGE_NOT_READ", "Pages": [r.seq + 1 for r in failed]}]
        if status == "FAILED":
            out["StatusMessage"] = f"no page could be read; page 1: {failed[0].payload.get('error', '')}"
    blocks = [b for r in results if r.ok for b in r.payload["blocks"]]
    offset = int(token)
    out["DocumentMetadata"] = {"Pages": job.items_total or 0}
    out["Blocks"] = blocks[offset:offset + limit]
    if offset + limit < len(blocks):
        out["NextToken"] = str(offset + limit)
    return out


@operation(PREFIX, "GetDocumentTextDetection")
async def get_text(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    return await _get(state, payload, TEXT_JOB)


@operation(PREFIX, "GetDocumentAnalysis")
async def get_analysis(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    return await _get(state, payload, ANALYSIS_JOB)
