"""Rekognition stored video on the AWS surface: Start*/Get* for labels, faces, content moderation, face search,
text, person tracking and celebrities, as durable jobs (:mod:`services.vision.video_jobs`), with
``NotificationChannel`` published to SNS when the job ends."""

from __future__ import annotations

import asyncio
from typing import Any

from gateway.aws.protocol import AwsError, is_token, operation, require
from gateway.aws.rekognition import PREFIX
from gateway.aws.rekognition_faces import name
from services.buckets import S3Location, check_key, parse_s3_uri
from services.jobs.notifications import notification
from services.jobs.store import COMPLETED, FINAL, Job
from services.vision.service import MODERATION_VERSION
from services.vision.video_jobs import JOB_KIND, entries, recorded

# task -> (operation suffix, list key in Get*, model version key and value)
TASKS = {
    "labels": ("LabelDetection", "Labels", ("LabelModelVersion", "3.0")),
    "faces": ("FaceDetection", "Faces", None),
    "moderation": ("ContentModeration", "ModerationLabels", ("ModerationModelVersion", MODERATION_VERSION)),
    "face_search": ("FaceSearch", "Persons", None),
    "text": ("TextDetection", "TextDetections", ("TextModelVersion", "3.0")),
    "persons": ("PersonTracking", "Persons", None),
    "celebrities": ("CelebrityRecognition", "Celebrities", None),
}
MAX_RESULTS = 1000


def _options(task: str, payload: dict[str, Any]) -> dict[str, Any]:
    if task in ("labels", "moderation"):
        return {"min_confidence": float(payload.get("MinConfidence", 50))}
    if task == "faces":
        return {"attributes": payload.get("FaceAttributes") or "DEFAULT"}
    if task == "text":
        word = (payload.get("Filters") or {}).get("WordFilter") or {}
        return {"min_confidence": float(word.get("MinConfidence", 0))}
    if task == "face_search":
        return {"collection": name(payload, "CollectionId"), "threshold": float(payload.get("FaceMatchThreshold", 80))}
    return {}


async def start(task: str, state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    s3 = require(require(payload, "Video", dict), "S3Object", dict)
    bucket, key = require(s3, "Bucket", str), require(s3, "Name", str)
    where = S3Location(bucket, check_key(key))
    options = _options(task, payload)
    if task == "face_search":
        await asyncio.to_thread(state.faces.collections.exists, options["collection"])
    op = f"Start{TASKS[task][0]}"
    params: dict[str, Any] = {"task": task, "video_uri": where.uri, "options": options,
                              "fps": state.settings.vision.video_frames_per_second, "tag": payload.get("JobTag")}
    channel = notification(state.notifier, payload.get("NotificationChannel"), {
        "API": op, "JobTag": payload.get("JobTag") or "", "Video": {"S3ObjectName": key, "S3Bucket": bucket}})
    if channel:
        params["notification"] = channel
    job = await state.runner.submit(JOB_KIND, None, params, payload.get("ClientRequestToken"))
    return {"JobId": job.id}


def _status(job: Job) -> str:
    if job.state not in FINAL:
        return "IN_PROGRESS"
    return "SUCCEEDED" if job.state == COMPLETED else "FAILED"


async def get(task: str, state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    job = state.runner.get(require(payload, "JobId", str), (JOB_KIND,))
    if job.params["task"] != task:
        raise AwsError("InvalidParameterException", f"job {job.id} is a {TASKS[job.params['task']][0]} job, "
                                                    f"not {TASKS[task][0]}")
    limit = min(int(payload.get("MaxResults") or MAX_RESULTS), MAX_RESULTS)
    token = payload.get("NextToken")
    if token is not None and not is_token(token):
        raise AwsError("InvalidPaginationTokenException", "NextToken is not one this service handed out")
    _, list_key, version = TASKS[task]
    video = parse_s3_uri(job.params["video_uri"])
    out: dict[str, Any] = {"JobStatus": _status(job), "JobId": job.id, list_key: [],
                           "Video": {"S3Object": {"Bucket": video.bucket, "Name": video.key}}}
    if job.params.get("tag"):
        out["JobTag"] = job.params["tag"]
    if version:
        out[version[0]] = version[1]
    sort_by = payload.get("SortBy") or "TIMESTAMP"
    aggregate_by = payload.get("AggregateBy") or "TIMESTAMPS"
    if task in ("labels", "moderation"):
        out["GetRequestMetadata"] = {"SortBy": sort_by, "AggregateBy": aggregate_by}
    if job.state in FINAL and job.state != COMPLETED:
        out["StatusMessage"] = job.failure_reason or "the job was stopped"
    if job.state != COMPLETED:
        return out
    metadata, found = recorded(state.runner.store.items(job.id))
    if metadata:
        out["VideoMetadata"] = metadata
    listed = entries(task, found, sort_by, aggregate_by, 1000 / job.params["fps"])
    offset = int(token or 0)
    out[list_key] = listed[offset:offset + limit]
    if offset + limit < len(listed):
        out["NextToken"] = str(offset + limit)
    return out


def _register(task: str) -> None:
    suffix = TASKS[task][0]

    async def start_op(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
        return await start(task, state, payload)

    async def get_op(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
        return await get(task, state, payload)

    operation(PREFIX, f"Start{suffix}")(start_op)
    operation(PREFIX, f"Get{suffix}")(get_op)


for _task in TASKS:
    _register(_task)
