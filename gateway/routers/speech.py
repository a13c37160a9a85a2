"""Native REST: speech-to-text (sync upload, jobs, a WebSocket stream) and text-to-speech (streamed)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Request, UploadFile, WebSocket
from fastapi.responses import PlainTextResponse, Response, StreamingResponse

from gateway.routers.jobs import RunnerDep
from gateway.routers.responses import ERRORS
from gateway.speech_stream import serve_stream
from services.buckets import require_bucket
from services.jobs.schemas import JobInfo
from services.speech.audio import CONTENT_TYPES, encode
from services.speech.diarization import label_words, speaker_turns
from services.speech.schemas import (
    SpeechMarks,
    SpeechMarksRequest,
    SpeechRequest,
    TranscriptionJobRequest,
    TranscriptionResponse,
    VoiceInfo,
    VoiceList,
)
from services.speech.transcribe import subtitles
from services.speech.transcribe_jobs import JOB_KIND, check_unique, job_params
from services.speech.tts import check_format, marks_stream

router = APIRouter(tags=["speech"], responses=ERRORS)


@router.post(
    "/v1/transcribe",
    responses={200: {"content": {"application/json": {}, "text/plain": {}, "application/x-subrip": {}, "text/vtt": {}}}},
)
async def transcribe(
    request: Request,
    file: Annotated[UploadFile, File(description="Audio or video: WAV, MP3, FLAC, OGG/Opus, WebM, M4A/MP4, ...")],
    language: Annotated[str | None, Form(description="Language hint (en, en-US, ...); omit to detect.")] = None,
    hotwords: Annotated[str | None, Form(description="Words to favour (names, jargon), comma-separated.")] = None,
    response_format: Annotated[Literal["json", "text", "srt", "vtt"], Form()] = "json",
    max_speakers: Annotated[int | None, Form(ge=2, le=30, description="Label up to this many speakers: each "
                                             "word's speaker (spk_0, spk_1, ...).")] = None,
) -> TranscriptionResponse:
    """Transcribe short audio (the synchronous limit is 5 minutes by default): text, segments, word times
    with probabilities (and speakers, with max_speakers), the detected language; or plain text, SRT or WebVTT."""
    data = await file.read()
    words = [w.strip() for w in (hotwords or "").split(",") if w.strip()]
    t = await request.app.state.transcriber.transcribe(data, language=language, hotwords=words, hint=file.filename or "")
    speakers: dict[int, str] = {}
    if max_speakers and response_format == "json":
        turns = await speaker_turns(t.audio.samples, request.app.state.embed_speakers, max_speakers)
        speakers = {key: mark["speaker_label"] for key, mark in label_words(t.segments, turns).items()}
    if response_format == "text":
        return PlainTextResponse(t.text + "\n")  # type: ignore[return-value]
    if response_format in ("srt", "vtt"):
        media = "application/x-subrip" if response_format == "srt" else "text/vtt"
        return Response(subtitles(t.segments, response_format), media_type=media)  # type: ignore[return-value]
    return TranscriptionResponse.of(t.result, speakers)


@router.post("/v1/transcribe/jobs", status_code=201)
async def start_transcription_job(body: TranscriptionJobRequest, request: Request, runner: RunnerDep) -> JobInfo:
    """Transcribe a bucket object of any length (AWS's limit, 4 hours) into AWS's transcript JSON, with
    StartTranscriptionJob's settings: speaker labels, channels, several languages, a vocabulary filter, PII
    redaction."""
    state = request.app.state
    check_unique(runner.store, body.name)
    if body.output_bucket:
        await asyncio.to_thread(require_bucket, state.buckets, body.output_bucket, "output_bucket")
    words = state.vocabulary_filters.get(body.vocabulary_filter).params["words"] if body.vocabulary_filter else None
    redaction = None if body.redaction is None else {
        "RedactionType": "PII", "RedactionOutput": body.redaction, "PiiEntityTypes": body.pii_entity_types or None}
    params = await job_params(
        state.transcriber, state.vocabularies, job_name=body.name, media_uri=body.media_uri, language=body.language,
        identify=body.identify_language, candidates=body.language_options, vocabulary=body.vocabulary,
        output_bucket=body.output_bucket, output_key=body.output_key, subtitle_formats=list(body.subtitle_formats),
        subtitle_start=1, media_format=None, filter_name=body.vocabulary_filter, filter_words=words,
        filter_method=body.vocabulary_filter_method, redaction=redaction, max_speakers=body.max_speaker_labels,
        channels=body.channel_identification, multi=body.identify_multiple_languages,
    )
    return JobInfo.of(await runner.submit(JOB_KIND, body.name, params, None))


@router.websocket("/v1/transcribe/stream")
async def transcribe_stream(websocket: WebSocket) -> None:
    """Streaming transcription; the protocol is in the README (PCM in, partial and final results out)."""
    await serve_stream(websocket)


@router.post("/v1/tts", responses={200: {"content": {v: {} for v in CONTENT_TYPES.values()}}})
async def synthesize(body: SpeechRequest, request: Request) -> StreamingResponse:
    """Speak text or SSML; the audio streams out as each sentence is synthesized."""
    tts = request.app.state.tts
    rate = check_format(body.format, body.sample_rate, [], body.text_type)
    voice = tts.voice(body.voice, body.engine)
    steps, billed = tts.plan(body.text, body.text_type, body.lexicon_names)
    chunks = tts.stream(voice, steps, rate)
    first = await anext(chunks)  # errors in the first sentence still get a proper 4xx

    async def audio() -> AsyncIterator[bytes]:
        yield encode(first, rate, body.format)
        async for samples in chunks:
            yield encode(samples, rate, body.format)

    headers = {"x-amzn-RequestCharacters": str(billed)}
    return StreamingResponse(audio(), media_type=CONTENT_TYPES[body.format], headers=headers)


@router.get("/v1/tts/voices")
async def list_voices(
    request: Request, language: str | None = None,
    engine: Literal["standard", "neural", "long-form", "generative"] | None = None,
) -> VoiceList:
    """The voices text-to-speech speaks (Polly's DescribeVoices), by language code (en-US, ...) and engine."""
    tts = request.app.state.tts
    timed = set(tts.timed_voices())
    return VoiceList(voices=[
        VoiceInfo(id=v.id, gender=v.gender, language_code=v.language_code, language_name=v.language_name,
                  engines=list(v.engines), visemes=v.id in timed)
        for v in sorted(tts.voices(language, engine), key=lambda v: (v.language_code, v.id))
    ])


@router.post("/v1/tts/marks")
async def speech_marks(body: SpeechMarksRequest, request: Request) -> SpeechMarks:
    """Speech marks for text or SSML, as Polly's OutputFormat json gives them: sentences, words and visemes
    (mouth shapes, for lip sync) with their times."""
    tts = request.app.state.tts
    rate = check_format("json", None, list(body.mark_types), body.text_type)
    voice = tts.voice(body.voice, body.engine)
    tts.check_marks(voice, list(body.mark_types))
    steps, billed = tts.plan(body.text, body.text_type, body.lexicon_names)
    speech = await tts.synthesize(voice, steps, rate, billed)
    return SpeechMarks(marks=[json.loads(line) for line in marks_stream(speech, body.text, list(body.mark_types)).splitlines()])
