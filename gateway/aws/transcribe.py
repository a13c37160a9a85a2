"""Amazon Transcribe on the AWS surface (``Transcribe.*``, JSON 1.1): transcription jobs over buckets and
custom vocabularies, in botocore's shapes."""

from __future__ import annotations

import asyncio
from typing import Any

from gateway.aws.protocol import SERVICE_AWS_TYPES, AwsError, is_token, operation, optional, require, strings
from gateway.links import fetchable
from services.buckets import require_bucket
from services.jobs.store import COMPLETED, FINAL, SUBMITTED, Job
from services.speech.transcribe_jobs import JOB_KIND, check_unique, job_params

PREFIX = "Transcribe"
KINDS = (JOB_KIND,)

SERVICE_AWS_TYPES[PREFIX] = {
    "invalid_request": "BadRequestException",
    "validation_error": "BadRequestException",
    "invalid_s3_object": "BadRequestException",
    "unsupported_language": "BadRequestException",
    "invalid_media": "BadRequestException",
    "media_too_long": "BadRequestException",
    "not_found": "NotFoundException",
    "job_not_found": "NotFoundException",
    "conflict": "ConflictException",
    "limit_exceeded": "LimitExceededException",
    "busy": "LimitExceededException",
    "model_not_ready": "InternalFailureException",
    "internal_error": "InternalFailureException",
}


def _status(job: Job) -> str:
    """The runner's states in Transcribe's words (a stopped job reads as FAILED: Transcribe has no STOPPED)."""
    if job.state == SUBMITTED:
        return "QUEUED"
    if job.state in FINAL:
        return "COMPLETED" if job.state == COMPLETED else "FAILED"
    return "IN_PROGRESS"


def _job_by_name(state: Any, name: str) -> Job:
    found = state.runner.store.list(kinds=KINDS, name=name, limit=1)
    if not found:
        raise AwsError("NotFoundException", f"The requested job couldn't be found: {name}", 400)
    return found[0]


def _job(job: Job) -> dict[str, Any]:
    p = job.params
    out: dict[str, Any] = {
        "TranscriptionJobName": p["job_name"],
        "TranscriptionJobStatus": _status(job),
        "CreationTime": job.submitted_at,
    }
    if job.started_at:
        out["StartTime"] = job.started_at
    if job.ended_at:
        out["CompletionTime"] = job.ended_at
    if job.failure_reason:
        out["FailureReason"] = job.failure_reason
    if p["identify"]:
        out["IdentifyLanguage"] = True
    if p.get("multi"):
        out["IdentifyMultipleLanguages"] = True
    return out


def _details(state: Any, job: Job) -> dict[str, Any]:
    p = job.params
    out = _job(job)
    out["Media"] = {"MediaFileUri": p["media_uri"]}
    if p.get("media_format"):
        out["MediaFormat"] = p["media_format"]
    done = next(iter(state.runner.store.items(job.id)), None)
    if p["language"]:
        out["LanguageCode"] = p["language"]
    if done is not None and done.ok:
        r = done.payload
        out["Transcript"] = {}
        if r["transcript_uri"]:
            out["Transcript"]["TranscriptFileUri"] = fetchable(state, r["transcript_uri"])
        if r.get("redacted_uri"):
            out["Transcript"]["RedactedTranscriptFileUri"] = fetchable(state, r["redacted_uri"])
        out["LanguageCode"] = r["language"]
        if r.get("sample_rate"):
            out["MediaSampleRateHertz"] = r["sample_rate"]
        if p["identify"] and r.get("identified_score") is not None:
            out["IdentifiedLanguageScore"] = r["identified_score"]
        if p.get("multi"):
            out["LanguageCodes"] = r.get("language_codes", [])
        if p["subtitle_formats"]:
            out["Subtitles"] = {"Formats": p["subtitle_formats"],
                                "SubtitleFileUris": [fetchable(state, u) for u in r["subtitle_uris"]],
                                "OutputStartIndex": p["subtitle_start"]}
    if p["candidates"]:
        out["LanguageOptions"] = p["candidates"]
    settings: dict[str, Any] = {"ChannelIdentification": bool(p.get("channels")), "ShowAlternatives": False}
    if p["vocabulary"]:
        settings["VocabularyName"] = p["vocabulary"]
    if p.get("filter"):
        settings["VocabularyFilterName"], settings["VocabularyFilterMethod"] = p["filter"], p["filter_method"]
    if p.get("max_speakers"):
        settings["ShowSpeakerLabels"], settings["MaxSpeakerLabels"] = True, p["max_speakers"]
    out["Settings"] = settings
    if p.get("redaction"):
        out["ContentRedaction"] = {"RedactionType": "PII", "RedactionOutput": p["redaction"]["output"],
                                   "PiiEntityTypes": p["redaction"]["types"]}
    return out


@operation(PREFIX, "StartTranscriptionJob")
async def start(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    name = require(payload, "TranscriptionJobName", str)
    media = require(payload, "Media", dict)
    settings = optional(payload, "Settings", dict, {})
    subtitles = optional(payload, "Subtitles", dict, {})
    if bool(settings.get("ShowSpeakerLabels")) != ("MaxSpeakerLabels" in settings):
        raise AwsError("BadRequestException", "Settings.ShowSpeakerLabels=true and MaxSpeakerLabels (2-30) go together")
    check_unique(state.runner.store, name)
    filter_name = optional(settings, "VocabularyFilterName", str)
    filter_words = state.vocabulary_filters.get(filter_name).params["words"] if filter_name else None
    if payload.get("OutputBucketName"):
        await asyncio.to_thread(require_bucket, state.buckets, require(payload, "OutputBucketName", str), "output")
    params = await job_params(
        state.transcriber, state.vocabularies, job_name=name, media_uri=require(media, "MediaFileUri", str),
        language=optional(payload, "LanguageCode", str), identify=bool(optional(payload, "IdentifyLanguage", bool)),
        candidates=strings(payload, "LanguageOptions"), vocabulary=optional(settings, "VocabularyName", str),
        output_bucket=optional(payload, "OutputBucketName", str), output_key=optional(payload, "OutputKey", str),
        subtitle_formats=strings(subtitles, "Formats"),
        subtitle_start=optional(subtitles, "OutputStartIndex", int, 0),
        media_format=optional(payload, "MediaFormat", str), filter_name=filter_name, filter_words=filter_words,
        filter_method=optional(settings, "VocabularyFilterMethod", str),
        redaction=optional(payload, "ContentRedaction", dict),
        max_speakers=optional(settings, "MaxSpeakerLabels", int) if settings.get("ShowSpeakerLabels") else None,
        channels=bool(optional(settings, "ChannelIdentification", bool)),
        multi=bool(optional(payload, "IdentifyMultipleLanguages", bool)),
    )
    job = await state.runner.submit(JOB_KIND, name, params, None)
    return {"TranscriptionJob": _details(state, job)}


@operation(PREFIX, "GetTranscriptionJob")
async def get(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    return {"TranscriptionJob": _details(state, _job_by_name(state, require(payload, "TranscriptionJobName", str)))}


@operation(PREFIX, "ListTranscriptionJobs")
async def list_jobs(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    wanted = optional(payload, "Status", str)
    contains = optional(payload, "JobNameContains", str)
    limit, token = optional(payload, "MaxResults", int, 5), optional(payload, "NextToken", str, "0")
    if not 1 <= limit <= 100 or not is_token(token):
        raise AwsError("BadRequestException", "MaxResults must be 1-100 and NextToken one we returned")
    jobs = [
        j for j in state.runner.store.list(kinds=KINDS, limit=10_000)
        if (wanted is None or _status(j) == wanted) and (not contains or contains.lower() in (j.name or "").lower())
    ]
    offset = int(token)
    out: dict[str, Any] = {"TranscriptionJobSummaries": [
        {**_job(j), "LanguageCode": j.params["language"] or "", "OutputLocationType": "CUSTOMER_BUCKET"
         if j.params["output_bucket"] else "SERVICE_BUCKET"} for j in jobs[offset:offset + limit]
    ]}
    for summary in out["TranscriptionJobSummaries"]:
        if not summary["LanguageCode"]:
            del summary["LanguageCode"]
    if wanted:
        out["Status"] = wanted
    if offset + limit < len(jobs):
        out["NextToken"] = str(offset + limit)
    return out


@operation(PREFIX, "DeleteTranscriptionJob")
async def delete(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    job = _job_by_name(state, require(payload, "TranscriptionJobName", str))
    if job.state not in FINAL:
        await state.runner.stop(job.id, KINDS)
    state.runner.store.delete(job.id)
    return {}


def _vocabulary(v: Any) -> dict[str, Any]:
    return {"VocabularyName": v.name, "LanguageCode": v.params["language"], "VocabularyState": "READY",
            "LastModifiedTime": v.updated_at}


@operation(PREFIX, "CreateVocabulary")
async def create_vocabulary(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    name = require(payload, "VocabularyName", str)
    language = require(payload, "LanguageCode", str)
    phrases = strings(payload, "Phrases")
    uri = optional(payload, "VocabularyFileUri", str)
    await state.transcriber.check_language(language)
    return _vocabulary(await state.vocabularies.create(name, language, phrases, uri))


@operation(PREFIX, "UpdateVocabulary")
async def update_vocabulary(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    language = require(payload, "LanguageCode", str)
    await state.transcriber.check_language(language)
    vocabulary = await state.vocabularies.update(require(payload, "VocabularyName", str), language,
                                                 strings(payload, "Phrases"), optional(payload, "VocabularyFileUri", str))
    return _vocabulary(vocabulary)


@operation(PREFIX, "GetVocabulary")
async def get_vocabulary(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    v = state.vocabularies.get(require(payload, "VocabularyName", str))
    return {**_vocabulary(v), "DownloadUri": state.links.link("vocabulary", v.name)}


@operation(PREFIX, "ListVocabularies")
async def list_vocabularies(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    contains = optional(payload, "NameContains", str)
    wanted = optional(payload, "StateEquals", str)
    found = [_vocabulary(v) for v in state.vocabularies.list() if not contains or contains in v.name]
    if wanted and wanted != "READY":
        found = []
    return {"Vocabularies": found, **({"Status": wanted} if wanted else {})}


@operation(PREFIX, "DeleteVocabulary")
async def delete_vocabulary(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    state.vocabularies.delete(require(payload, "VocabularyName", str))
    return {}


def _filter(f: Any) -> dict[str, Any]:
    return {"VocabularyFilterName": f.name, "LanguageCode": f.params["language"], "LastModifiedTime": f.updated_at}


@operation(PREFIX, "CreateVocabularyFilter")
async def create_vocabulary_filter(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    language = require(payload, "LanguageCode", str)
    await state.transcriber.check_language(language)
    return _filter(await state.vocabulary_filters.create(
        require(payload, "VocabularyFilterName", str), language, strings(payload, "Words"),
        optional(payload, "VocabularyFilterFileUri", str)))


@operation(PREFIX, "UpdateVocabularyFilter")
async def update_vocabulary_filter(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    return _filter(await state.vocabulary_filters.update(
        require(payload, "VocabularyFilterName", str), strings(payload, "Words"),
        optional(payload, "VocabularyFilterFileUri", str)))


@operation(PREFIX, "GetVocabularyFilter")
async def get_vocabulary_filter(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    f = state.vocabulary_filters.get(require(payload, "VocabularyFilterName", str))
    return {**_filter(f), "DownloadUri": state.links.link("vocabulary-filter", f.name)}


@operation(PREFIX, "ListVocabularyFilters")
async def list_vocabulary_filters(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    contains = optional(payload, "NameContains", str)
    return {"VocabularyFilters": [_filter(f) for f in state.vocabulary_filters.list() if not contains or contains in f.name]}


@operation(PREFIX, "DeleteVocabularyFilter")
async def delete_vocabulary_filter(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    state.vocabulary_filters.delete(require(payload, "VocabularyFilterName", str))
    return {}
