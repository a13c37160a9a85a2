"""Native REST: jobs over buckets (text jobs today; every async service joins the same routes)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from gateway.deps import TextDep
from gateway.routers.responses import ERRORS
from services.comprehend.jobs import pii_job_params, text_job_params
from services.errors import InvalidRequest
from services.jobs.runner import JobRunner
from services.jobs.schemas import JobInfo, JobList, JobState, PiiRedaction, TextJobRequest
from services.resources import ACTIVE


async def get_runner(request: Request) -> JobRunner:
    return request.app.state.runner


RunnerDep = Annotated[JobRunner, Depends(get_runner)]
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
