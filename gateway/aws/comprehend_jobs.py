"""Comprehend's asynchronous jobs on the AWS surface: Start/Describe/List/Stop for sentiment, entities,
key phrases, dominant language and PII entities, in botocore's shapes."""

from __future__ import annotations

from typing import Any

from gateway.aws.comprehend import PREFIX
from gateway.aws.protocol import AwsError, is_token, operation, require
from gateway.aws.shapes import targets
from services.comprehend.jobs import ACCOUNT, KINDS, pii_job_params, text_job_params
from services.jobs.runner import JobRunner
from services.jobs.store import Job

# AWS operation noun -> (job kind, ARN resource type)
JOB_TYPES = {
    "Sentiment": ("comprehend.sentiment", "sentiment-detection-job"),
    "Entities": ("comprehend.entities", "entities-detection-job"),
    "KeyPhrases": ("comprehend.key_phrases", "key-phrases-detection-job"),
    "DominantLanguage": ("comprehend.language", "dominant-language-detection-job"),
    "PiiEntities": ("comprehend.pii", "pii-entities-detection-job"),
    "Topics": ("comprehend.topics", "topics-detection-job"),
}
# Jobs whose operations are named ...Job, not ...DetectionJob.
OTHER_JOBS = {"DocumentClassification": ("comprehend.classification", "document-classification-job")}


def properties(job: Job, arn_type: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "JobId": job.id,
        "JobArn": f"arn:aws:comprehend:us-east-1:{ACCOUNT}:{arn_type}/{job.id}",
        "JobStatus": job.state,
        "SubmitTime": job.submitted_at,
        "InputDataConfig": {"S3Uri": job.params["input_uri"], "InputFormat": job.params["input_format"]},
        "OutputDataConfig": {"S3Uri": job.output_uri or job.params["output_uri"]},
        "DataAccessRoleArn": job.params.get("role_arn") or f"arn:aws:iam::{ACCOUNT}:role/cirrus",
    }
    if job.name:
        out["JobName"] = job.name
    if job.params.get("language"):
        out["LanguageCode"] = job.params["language"]
    if job.failure_reason:
        out["Message"] = job.failure_reason
    if job.ended_at:
        out["EndTime"] = job.ended_at
    if "classifier" in job.params:
        out["DocumentClassifierArn"] = job.params["classifier"]
    if "topics" in job.params:
        out["NumberOfTopics"] = job.params["topics"]
    if "mode" in job.params:  # a PII job
        out["Mode"] = job.params["mode"]
        if job.params["redaction"]:
            out["RedactionConfig"] = job.params["redaction"]
    return out


def _s3uri(payload: dict[str, Any], field: str) -> str:
    config = require(payload, field, dict)
    return require(config, "S3Uri", str)


def register_job_operations(noun: str, kind: str, arn_type: str, word: str = "DetectionJob") -> None:
    props = f"{noun}{word}Properties"
    needs_language = KINDS[kind].needs_language

    async def start(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
        runner: JobRunner = state.runner
        require(payload, "DataAccessRoleArn", str)
        input_config = require(payload, "InputDataConfig", dict)
        language = require(payload, "LanguageCode", str) if needs_language else None
        params = text_job_params(
            state.text, kind, _s3uri(payload, "InputDataConfig"), _s3uri(payload, "OutputDataConfig"),
            input_config.get("InputFormat"), language,
        )
        params["role_arn"] = payload["DataAccessRoleArn"]
        if kind == "comprehend.pii":
            params |= pii_job_params(require(payload, "Mode", str), payload.get("RedactionConfig"))
        if kind == "comprehend.classification":
            classifier = require(payload, "DocumentClassifierArn", str)
            if state.classifiers.get(classifier).status != "ACTIVE":
                raise AwsError("ResourceUnavailableException", f"classifier {classifier} is not TRAINED yet")
            params["classifier"] = classifier
        if kind == "comprehend.topics":
            params["topics"] = payload.get("NumberOfTopics") or 10  # botocore's shape bounds it to 1-100
        job = await runner.submit(kind, payload.get("JobName"), params, payload.get("ClientRequestToken"))
        return {"JobId": job.id, "JobArn": properties(job, arn_type)["JobArn"], "JobStatus": job.state}

    async def describe(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
        return {props: properties(state.runner.get(require(payload, "JobId", str), (kind,)), arn_type)}

    async def list_jobs(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
        filters = payload.get("Filter") or {}
        if not isinstance(filters, dict):
            raise AwsError("InvalidRequestException", "Filter must be an object")
        limit = payload.get("MaxResults") or 100
        token = payload.get("NextToken") or "0"
        if not isinstance(limit, int) or not 1 <= limit <= 500 or not is_token(token):
            raise AwsError("InvalidRequestException", "MaxResults must be 1-500 and NextToken one we returned")
        offset = int(token)
        jobs = state.runner.store.list(
            kinds=(kind,), state=filters.get("JobStatus"), name=filters.get("JobName"), limit=limit + 1, offset=offset
        )
        after, before = filters.get("SubmitTimeAfter"), filters.get("SubmitTimeBefore")
        page = [j for j in jobs[:limit] if (after is None or j.submitted_at > after) and (before is None or j.submitted_at < before)]
        out: dict[str, Any] = {f"{props}List": [properties(j, arn_type) for j in page]}
        if len(jobs) > limit:
            out["NextToken"] = str(offset + limit)
        return out

    async def stop(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
        job = await state.runner.stop(require(payload, "JobId", str), (kind,))
        return {"JobId": job.id, "JobStatus": job.state}

    operation(PREFIX, f"Start{noun}{word}")(start)
    operation(PREFIX, f"Describe{noun}{word}")(describe)
    operation(PREFIX, f"List{noun}{word}s")(list_jobs)
    if f"{PREFIX}.Stop{noun}{word}" in targets():  # Comprehend cannot stop topic or classification jobs
        operation(PREFIX, f"Stop{noun}{word}")(stop)


for _noun, (_kind, _arn_type) in JOB_TYPES.items():
    register_job_operations(_noun, _kind, _arn_type)
for _noun, (_kind, _arn_type) in OTHER_JOBS.items():
    register_job_operations(_noun, _kind, _arn_type, word="Job")
