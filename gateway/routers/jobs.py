"""Native REST: jobs over buckets (text jobs today; every async service joins the same routes)."""

from __future__ import annotations

import asyncio
import mimetypes
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from gateway.deps import TextDep
from gateway.routers.responses import ERRORS
from services.buckets import S3Location, parse_s3_uri
from services.comprehend.jobs import pii_job_params, text_job_params
from services.errors import InvalidRequest, ServiceError
from services.jobs.runner import JobRunner
from services.jobs.schemas import JobInfo, JobList, JobOutputs, JobState, PiiRedaction, TextJobRequest
from services.resources import ACTIVE


async def get_runner(request: Request) -> JobRunner:
    return request.app.state.runner


RunnerDep = Annotated[JobRunner, Depends(get_runner)]
MAX_LISTED = 1000
MAX_OUTPUT_BYTES = 64 * 1024 * 1024  # what one GET hands back; bigger outputs are read from the bucket


class OutputTooLarge(ServiceError):
    code = "payload_too_large"
router = APIRouter(prefix="/v1/jobs", tags=["jobs"], responses={**ERRORS, 404: ERRORS[400] | {"description": "No such job"}})


@router.post("/text", status_code=201)
async def start_text_job(body: TextJobRequest, request: Request, runner: RunnerDep, text: TextDep) -> JobInfo:
    """Run a text task over every object under input_uri; results go to output_uri in AWS's layout (pii:
    offsets or redacted documents; topics: topic-terms.csv and doc-topics.csv; classification: predictions.jsonl
    from a trained custom classifier, as Comprehend writes them)."""
    kind = f"comprehend.{body.task}"
    params = text_job_params(text, kind, body.input_uri, body.output_uri, body.input_format, body.language)
    if body.task == "pii":
        r = body.redaction or PiiRedaction()
        params |= pii_job_params(body.pii_mode, {"PiiEntityTypes": r.pii_entity_types, "MaskMode": r.mask_mode,
                                                 "MaskCharacter": r.mask_character})
    if body.task == "topics":
        params["topics"] = body.number_of_topics
    if body.task == "classification":
        if body.classifier_arn is None:
            raise InvalidRequest("task=classification needs classifier_arn")
        if request.app.state.classifiers.get(body.classifier_arn).status != ACTIVE:
            raise InvalidRequest(f"classifier {body.classifier_arn} is not trained yet")
        params["classifier"] = body.classifier_arn
    return JobInfo.of(await runner.submit(kind, body.name, params, body.client_token))


@router.get("")
async def list_jobs(
    runner: RunnerDep, state: JobState | None = None, limit: Annotated[int, Query(ge=1, le=1000)] = 100
) -> JobList:
    """Jobs, newest first."""
    return JobList(jobs=[JobInfo.of(j) for j in runner.store.list(state=state, limit=limit)])


@router.get("/{job_id}")
async def get_job(job_id: str, runner: RunnerDep) -> JobInfo:
    """A job's state, progress (items done of total), failure reason and output location."""
    return JobInfo.of(runner.get(job_id))


@router.post("/{job_id}/stop")
async def stop_job(job_id: str, runner: RunnerDep) -> JobInfo:
    """Stop a job: a queued one at once, a running one after the chunk in hand (STOP_REQUESTED → STOPPED)."""
    return JobInfo.of(await runner.stop(job_id))


def _output_prefix(runner: JobRunner, job_id: str) -> S3Location:
    job = runner.get(job_id)
    if not job.output_uri:
        raise InvalidRequest(f"job {job_id} writes no output to a bucket")
    return parse_s3_uri(job.output_uri)


@router.get("/{job_id}/outputs")
async def list_job_outputs(job_id: str, request: Request, runner: RunnerDep) -> JobOutputs:
    """The objects the job has written so far under its output location."""
    prefix = _output_prefix(runner, job_id)
    keys = await asyncio.to_thread(request.app.state.buckets.list, prefix)
    return JobOutputs(objects=[S3Location(prefix.bucket, k).uri for k in keys[:MAX_LISTED]],
                      truncated=len(keys) > MAX_LISTED)


@router.get("/{job_id}/outputs/object", response_class=Response,
            responses={200: {"content": {"application/octet-stream": {}}}, 413: ERRORS[400]})
async def get_job_output(job_id: str, uri: str, request: Request, runner: RunnerDep) -> Response:
    """One of the job's output objects (by the s3:// URI its listing gives), up to 64 MiB; nothing outside
    the job's output location."""
    prefix, wanted = _output_prefix(runner, job_id), parse_s3_uri(uri)
    if wanted.bucket != prefix.bucket or not wanted.key.startswith(prefix.key):
        raise InvalidRequest(f"{uri} is not an output of job {job_id}; its outputs are under {prefix.uri}")
    data = await asyncio.to_thread(request.app.state.buckets.read, wanted)
    if len(data) > MAX_OUTPUT_BYTES:
        raise OutputTooLarge(f"{uri} is {len(data)} bytes, more than the {MAX_OUTPUT_BYTES} this route returns; "
                             "read it from the bucket")
    name = wanted.key.rsplit("/", 1)[-1]
    media = mimetypes.guess_type(name)[0] or ("application/x-ndjson" if name.endswith((".jsonl", ".out")) else "application/octet-stream")
    return Response(data, media_type=media, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})
