"""Amazon Polly on the AWS surface. Polly speaks REST-JSON on fixed paths: ``POST /v1/speech``
(SynthesizeSpeech: the audio is the body), ``GET /v1/voices``, ``PUT/GET/DELETE /v1/lexicons/{Name}``,
``GET /v1/lexicons``, ``POST/GET /v1/synthesisTasks[/{TaskId}]``. Errors carry ``x-amzn-ErrorType``."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from gateway.aws.protocol import SERVICE_AWS_TYPES, AwsError, is_token, optional, require, rest_json_call, strings
from gateway.links import object_url
from services.buckets import require_bucket
from services.jobs.store import COMPLETED, FAILED, SUBMITTED, Job
from services.speech.audio import CONTENT_TYPES, encode
from services.speech.synthesis_tasks import JOB_KIND, output_location, task_params
from services.speech.tts import check_format, marks_stream

PREFIX = "Polly"
KINDS = (JOB_KIND,)

SERVICE_AWS_TYPES[PREFIX] = {
    "invalid_request": "ValidationException",
    "validation_error": "ValidationException",
    "invalid_voice": "ValidationException",
    "invalid_ssml": "InvalidSsmlException",
    "text_length_exceeded": "TextLengthExceededException",
    "invalid_sample_rate": "InvalidSampleRateException",
    "marks_not_supported_for_format": "MarksNotSupportedForFormatException",
    "ssml_marks_not_supported_for_text_type": "SsmlMarksNotSupportedForTextTypeException",
    "engine_not_supported": "EngineNotSupportedException",
    "unsupported_language": "LanguageNotSupportedException",
    "lexicon_not_found": "LexiconNotFoundException",
    "not_found": "LexiconNotFoundException",
    "invalid_lexicon": "InvalidLexiconException",
    "unsupported_pls_alphabet": "UnsupportedPlsAlphabetException",
    "job_not_found": "SynthesisTaskNotFoundException",
    "invalid_s3_object": "InvalidS3BucketException",
    "busy": "ThrottlingException",
    "model_not_ready": "ServiceFailureException",
    "internal_error": "ServiceFailureException",
}

router = APIRouter(include_in_schema=False)
Call = Callable[[Any, dict[str, Any]], Awaitable[Response | dict[str, Any]]]


async def _call(request: Request, call: Call) -> Response:
    return await rest_json_call(request, PREFIX, call)


def speech_request(payload: dict[str, Any]) -> dict[str, Any]:
    """The members SynthesizeSpeech and StartSpeechSynthesisTask share, type-checked."""
    return {
        "text": require(payload, "Text", str), "voice_id": require(payload, "VoiceId", str),
        "output_format": require(payload, "OutputFormat", str), "text_type": optional(payload, "TextType", str, "text"),
        "sample_rate": optional(payload, "SampleRate", str), "engine": optional(payload, "Engine", str),
        "language_code": optional(payload, "LanguageCode", str), "lexicon_names": strings(payload, "LexiconNames"),
        "mark_types": strings(payload, "SpeechMarkTypes"),
    }


async def _synthesize(state: Any, payload: dict[str, Any]) -> Response:
    r = speech_request(payload)
    rate = check_format(r["output_format"], r["sample_rate"], r["mark_types"], r["text_type"])
    tts = state.tts
    voice = tts.voice(r["voice_id"], r["engine"])
    tts.check_marks(voice, r["mark_types"])
    steps, billed = tts.plan(r["text"], r["text_type"], r["lexicon_names"])
    speech = await tts.synthesize(voice, steps, rate, billed)
    headers = {"x-amzn-RequestCharacters": str(billed)}
    if r["output_format"] == "json":
        body = marks_stream(speech, r["text"], r["mark_types"])
        return Response(body, media_type="application/x-json-stream", headers=headers)
    audio = encode(speech.samples, rate, r["output_format"])
    return Response(audio, media_type=CONTENT_TYPES[r["output_format"]], headers=headers)


@router.post("/v1/speech")
async def synthesize_speech(request: Request) -> Response:
    return await _call(request, _synthesize)


def _voice(v: Any) -> dict[str, Any]:
    return {"Gender": v.gender, "Id": v.id, "LanguageCode": v.language_code, "LanguageName": v.language_name,
            "Name": v.id, "SupportedEngines": list(v.engines)}


@router.get("/v1/voices")
async def describe_voices(request: Request) -> Response:
    q = request.query_params

    async def call(state: Any, _: dict[str, Any]) -> dict[str, Any]:
        engine = q.get("Engine")
        if engine is not None and engine not in ("standard", "neural", "long-form", "generative"):
            raise AwsError("ValidationException", f"Engine {engine!r} is not one of standard, neural, long-form, generative")
        return {"Voices": [_voice(v) for v in state.tts.voices(q.get("LanguageCode"), engine)]}

    return await _call(request, call)


def _lexicon_attributes(r: Any) -> dict[str, Any]:
    p = r.params
    return {"Alphabet": p["alphabet"], "LanguageCode": p["language"], "LastModified": r.updated_at,
            "LexiconArn": r.arn, "LexemesCount": len(p["lexemes"]), "Size": len(p["content"].encode())}


@router.put("/v1/lexicons/{name}")
async def put_lexicon(request: Request, name: str) -> Response:
    async def call(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
        state.tts.lexicons.put(name, require(payload, "Content", str))
        return {}

    return await _call(request, call)


@router.get("/v1/lexicons/{name}")
async def get_lexicon(request: Request, name: str) -> Response:
    async def call(state: Any, _: dict[str, Any]) -> dict[str, Any]:
        r = state.tts.lexicons.get(name)
        return {"Lexicon": {"Content": r.params["content"], "Name": r.name},
                "LexiconAttributes": _lexicon_attributes(r)}

    return await _call(request, call)


@router.delete("/v1/lexicons/{name}")
async def delete_lexicon(request: Request, name: str) -> Response:
    async def call(state: Any, _: dict[str, Any]) -> dict[str, Any]:
        state.tts.lexicons.delete(name)
        return {}

    return await _call(request, call)


@router.get("/v1/lexicons")
async def list_lexicons(request: Request) -> Response:
    async def call(state: Any, _: dict[str, Any]) -> dict[str, Any]:
        return {"Lexicons": [{"Name": r.name, "Attributes": _lexicon_attributes(r)} for r in state.tts.lexicons.list()]}

    return await _call(request, call)


def _task(state: Any, job: Job) -> dict[str, Any]:
    p = job.params
    status = {SUBMITTED: "scheduled", COMPLETED: "completed", FAILED: "failed"}.get(job.state, "inProgress")
    out: dict[str, Any] = {
        "Engine": p["engine"] or "standard", "TaskId": job.id, "TaskStatus": status, "CreationTime": job.submitted_at,
        "RequestCharacters": p["characters"], "LexiconNames": p["lexicon_names"], "OutputFormat": p["output_format"],
        "SampleRate": str(p["rate"]), "SpeechMarkTypes": p["mark_types"], "TextType": p["text_type"],
        "VoiceId": p["voice_id"], "OutputUri": object_url(state, output_location(job).uri),
    }
    if job.failure_reason:
        out["TaskStatusReason"] = job.failure_reason
    if p.get("language_code"):
        out["LanguageCode"] = p["language_code"]
    return out


@router.post("/v1/synthesisTasks")
async def start_speech_synthesis_task(request: Request) -> Response:
    async def call(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
        params = task_params(
            state.tts, **speech_request(payload), bucket=require(payload, "OutputS3BucketName", str),
            prefix=optional(payload, "OutputS3KeyPrefix", str, ""),
        )
        await asyncio.to_thread(require_bucket, state.buckets, params["bucket"], "OutputS3BucketName")
        job = await state.runner.submit(JOB_KIND, None, params, None)
        return {"SynthesisTask": _task(state, job)}

    return await _call(request, call)


@router.get("/v1/synthesisTasks/{task_id}")
async def get_speech_synthesis_task(request: Request, task_id: str) -> Response:
    async def call(state: Any, _: dict[str, Any]) -> dict[str, Any]:
        return {"SynthesisTask": _task(state, state.runner.get(task_id, KINDS))}

    return await _call(request, call)


@router.get("/v1/synthesisTasks")
async def list_speech_synthesis_tasks(request: Request) -> Response:
    q = request.query_params

    async def call(state: Any, _: dict[str, Any]) -> dict[str, Any]:
        wanted = q.get("Status")
        limit, token = q.get("MaxResults", "100"), q.get("NextToken", "0")
        if not is_token(limit) or not 1 <= int(limit) <= 100 or not is_token(token):
            raise AwsError("InvalidNextTokenException", "MaxResults must be 1-100 and NextToken one we returned")
        tasks = [_task(state, j) for j in state.runner.store.list(kinds=KINDS, limit=10_000)]
        tasks = [t for t in tasks if wanted is None or t["TaskStatus"] == wanted]
        offset, size = int(token), int(limit)
        out: dict[str, Any] = {"SynthesisTasks": tasks[offset:offset + size]}
        if offset + size < len(tasks):
            out["NextToken"] = str(offset + size)
        return out

    return await _call(request, call)
