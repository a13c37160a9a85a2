"""Amazon Translate's batch jobs on the AWS surface: Start/Describe/List/Stop TextTranslationJob."""

from __future__ import annotations

from typing import Any

from gateway.aws.protocol import AwsError, is_token, operation, require
from gateway.aws.translate import PREFIX, names_of, settings_of, translator
from services import ACCOUNT
from services.jobs.store import COMPLETED, Job
from services.translate.jobs import JOB_KIND, translation_job_params

KINDS = (JOB_KIND,)


def aws_status(job: Job) -> str:
    """The runner's state in Translate's words: some documents failed -> COMPLETED_WITH_ERROR; all -> FAILED."""
    if job.state == COMPLETED and job.items_failed:
        return "FAILED" if job.items_failed == job.items_total else "COMPLETED_WITH_ERROR"
    return job.state


def properties(job: Job) -> dict[str, Any]:
    p = job.params
    settings = {k.capitalize(): v for k, v in p["settings"].items() if v}
    out: dict[str, Any] = {
        "JobId": job.id,
        "JobStatus": aws_status(job),
        "JobDetails": {
            "TranslatedDocumentsCount": job.items_done - job.items_failed,
            "DocumentsWithErrorsCount": job.items_failed,
            "InputDocumentsCount": job.items_total or 0,
        },
        "SourceLanguageCode": p["source"],
        "TargetLanguageCodes": p["targets"],
        "TerminologyNames": p["terminology_names"],
        "ParallelDataNames": [],
        "SubmittedTime": job.submitted_at,
        "InputDataConfig": {"S3Uri": p["input_uri"], "ContentType": p["content_type"]},
        "OutputDataConfig": {"S3Uri": p["output_uri"]},
        "DataAccessRoleArn": p.get("role_arn") or f"arn:aws:iam::{ACCOUNT}:role/cirrus",
    }
    if settings:
        out["Settings"] = settings
    if job.name:
        out["JobName"] = job.name
    if job.failure_reason:
        out["Message"] = job.failure_reason
    elif job.items_failed:
        out["Message"] = f"{job.items_failed} document(s) failed; see details/ in the output folder"
    if job.ended_at:
        out["EndTime"] = job.ended_at
    return out


@operation(PREFIX, "StartTextTranslationJob")
async def start(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    role = require(payload, "DataAccessRoleArn", str)
    token = require(payload, "ClientToken", str)
    input_config = require(payload, "InputDataConfig", dict)
    output_config = require(payload, "OutputDataConfig", dict)
    targets = require(payload, "TargetLanguageCodes", list)
    if not all(isinstance(t, str) for t in targets):
        raise AwsError("InvalidRequestException", "TargetLanguageCodes must be a list of language codes")
    if payload.get("ParallelDataNames"):
        raise AwsError("InvalidRequestException", "ParallelDataNames is not supported; use TerminologyNames")
    params = await translation_job_params(
        translator(state), require(input_config, "S3Uri", str), require(output_config, "S3Uri", str),
        require(input_config, "ContentType", str), require(payload, "SourceLanguageCode", str), targets,
        names_of(payload), settings_of(payload),
    )
    params["role_arn"] = role
    job = await state.runner.submit(JOB_KIND, payload.get("JobName"), params, token)
    return {"JobId": job.id, "JobStatus": aws_status(job)}


@operation(PREFIX, "DescribeTextTranslationJob")
async def describe(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    return {"TextTranslationJobProperties": properties(state.runner.get(require(payload, "JobId", str), KINDS))}


@operation(PREFIX, "ListTextTranslationJobs")
async def list_jobs(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    filters = payload.get("Filter") or {}
    if not isinstance(filters, dict):
        raise AwsError("InvalidFilterException", "Filter must be an object")
    limit, token = payload.get("MaxResults") or 100, payload.get("NextToken") or "0"
    if not isinstance(limit, int) or not 1 <= limit <= 500 or not is_token(token):
        raise AwsError("InvalidRequestException", "MaxResults must be 1-500 and NextToken one we returned")
    after, before = filters.get("SubmittedAfterTime"), filters.get("SubmittedBeforeTime")
    wanted = filters.get("JobStatus")
    if not all(isinstance(v, str) for v in (wanted, filters.get("JobName")) if v is not None) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in (after, before) if v is not None
    ):
        raise AwsError("InvalidFilterException", "Filter: JobName and JobStatus are strings, the times are timestamps")
    jobs = [
        j for j in state.runner.store.list(kinds=KINDS, name=filters.get("JobName"), limit=10_000, offset=0)
        if (wanted is None or aws_status(j) == wanted)
        and (after is None or j.submitted_at > after) and (before is None or j.submitted_at < before)
    ]
    offset = int(token)
    out: dict[str, Any] = {"TextTranslationJobPropertiesList": [properties(j) for j in jobs[offset : offset + limit]]}
    if offset + limit < len(jobs):
        out["NextToken"] = str(offset + limit)
    return out


@operation(PREFIX, "StopTextTranslationJob")
async def stop(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    job = await state.runner.stop(require(payload, "JobId", str), KINDS)
    return {"JobId": job.id, "JobStatus": aws_status(job)}
