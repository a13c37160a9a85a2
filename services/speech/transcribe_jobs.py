"""Transcription jobs over buckets (Transcribe StartTranscriptionJob) on the job runner, and custom
vocabularies (used as the model's hotwords).

A job reads one media object, transcribes it (VAD chunks batched through the model's worker), and writes
``{job name}.json`` in AWS's transcript format, plus ``.srt`` / ``.vtt`` subtitles when asked, to the
output bucket (default: the ``cirrus-transcribe`` bucket). Bad media ends the job FAILED with a reason.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable, Iterator
from functools import partial
from typing import Any

from models.errors import Overloaded
from services import ACCOUNT
from services.buckets import Buckets, S3Location, check_key, parse_s3_uri
from services.errors import Conflict, InvalidRequest, LimitExceeded, NotFound, ServiceError
from services.jobs.runner import WorkItem
from services.jobs.store import ItemResult, Job, JobStore
from services.resources import ResourceNotFound, ResourceStore
from services.speech.diarization import label_words, speaker_labels, speaker_turns
from services.speech.transcribe import Transcriber, aws_language, aws_transcript, subtitles
from services.speech.transcript_edits import Marks, filter_words, redact

JOB_KIND = "transcribe"
DEFAULT_OUTPUT_BUCKET = "cirrus-transcribe"
NAME = re.compile(r"[0-9a-zA-Z._-]{1,200}")
VOCABULARY = "vocabulary"
OVERLOAD_RETRIES = 600


def check_name(name: str, what: str) -> str:
    if not NAME.fullmatch(name or ""):
        raise InvalidRequest(f"{what} {name!r} must be 1-200 letters, digits, '.', '_' or '-'")
    return name


def check_unique(store: JobStore, name: str) -> None:
    if store.list(kinds=[JOB_KIND], name=name, limit=1):
        raise Conflict(f"The requested job name already exists: {name}; use a different name or delete that job")


def output_location(params: dict[str, Any], extension: str, redacted: bool = False) -> S3Location:
    """Where a job writes its transcript (or subtitles); AWS names a redacted transcript ``redacted-NAME``."""
    bucket = params.get("output_bucket") or DEFAULT_OUTPUT_BUCKET
    key = params.get("output_key") or ""
    if not key or key.endswith("/"):
        key = f"{key}{params['job_name']}.{extension}"
    elif extension != "json":
        key = f"{key.rsplit('.', 1)[0]}.{extension}"
    if redacted:
        folder, _, name = key.rpartition("/")
        key = f"{folder}/redacted-{name}" if folder else f"redacted-{name}"
    return S3Location(bucket, check_key(key))


class Vocabularies:
    def __init__(self, store: ResourceStore, buckets: Buckets) -> None:
        self.store = store
        self.buckets = buckets

    @staticmethod
    def arn(name: str) -> str:
        return f"arn:aws:transcribe:us-east-1:{ACCOUNT}:vocabulary/{name}"

    async def _phrases(self, phrases: list[str], file_uri: str | None) -> list[str]:
        """Phrases inline, or a file (one phrase per line; AWS's table format: its first column), checked."""
        if file_uri:
            raw = await asyncio.to_thread(self.buckets.read, parse_s3_uri(file_uri))
            try:
                lines = raw.decode("utf-8").splitlines()
            except UnicodeDecodeError:
                raise InvalidRequest(f"the vocabulary file {file_uri} is not UTF-8 text") from None
            phrases = [*phrases, *(x.split("\t")[0] for x in lines[1 if lines and lines[0].startswith("Phrase") else 0:])]
        cleaned = [p.replace("-", " ").strip() for p in phrases if p.strip()]
        if not cleaned:
            raise InvalidRequest("a vocabulary needs Phrases (or a VocabularyFileUri with one phrase per line)")
        if any(len(p) > 256 for p in cleaned) or len(cleaned) > 50_000:
            raise LimitExceeded("a vocabulary holds at most 50,000 phrases of at most 256 characters")
        return cleaned

    async def create(self, name: str, language: str, phrases: list[str], file_uri: str | None = None) -> Any:
        check_name(name, "VocabularyName")
        cleaned = await self._phrases(phrases, file_uri)
        try:
            self.store.get(self.arn(name), VOCABULARY)
        except ResourceNotFound:
            return self.store.create(VOCABULARY, name, self.arn(name), {"language": language, "phrases": cleaned}, [],
                                     build=False)
        raise Conflict(f"a vocabulary named {name!r} already exists; delete it or use UpdateVocabulary")

    async def update(self, name: str, language: str, phrases: list[str], file_uri: str | None = None) -> Any:
        """UpdateVocabulary: new phrases (and language) for a vocabulary that exists; jobs started before
        keep the phrases they were started with."""
        current = self.get(name)
        cleaned = await self._phrases(phrases, file_uri)
        self.store.update(current.arn, params={"language": language, "phrases": cleaned})
        return self.get(name)

    def get(self, name: str) -> Any:
        try:
            return self.store.get(self.arn(name), VOCABULARY)
        except ResourceNotFound:
            raise NotFound(f"no vocabulary named {name!r}; create it first (CreateVocabulary)") from None

    def list(self) -> list[Any]:
        return self.store.list(VOCABULARY)

    def delete(self, name: str) -> None:
        self.store.delete(self.get(name).arn, VOCABULARY)


async def job_params(
    transcriber: Transcriber, vocabularies: Vocabularies, *, job_name: str, media_uri: str,
    language: str | None, identify: bool, candidates: list[str], vocabulary: str | None,
    output_bucket: str | None, output_key: str | None, subtitle_formats: list[str], subtitle_start: int,
    media_format: str | None, filter_name: str | None = None, filter_words: list[str] | None = None,
    filter_method: str | None = None, redaction: dict[str, Any] | None = None, max_speakers: int | None = None,
    channels: bool = False, multi: bool = False,
) -> dict[str, Any]:
    """Check a StartTranscriptionJob request whole, before it becomes a job."""
    check_name(job_name, "TranscriptionJobName")
    parse_s3_uri(media_uri)
    if sum((bool(language), bool(identify), bool(multi))) != 1:
        raise InvalidRequest("give exactly one of LanguageCode, IdentifyLanguage=true and IdentifyMultipleLanguages=true")
    if multi and (channels or redaction is not None):
        raise InvalidRequest("IdentifyMultipleLanguages cannot be combined with ChannelIdentification or ContentRedaction")
    for code in [language, *candidates]:
        if code:
            await transcriber.check_language(code)
    hotwords = vocabularies.get(vocabulary).params["phrases"] if vocabulary else []
    for fmt in subtitle_formats:
        if fmt not in ("srt", "vtt"):
            raise InvalidRequest(f"Subtitles Formats: {fmt!r} is not srt or vtt")
    if subtitle_start not in (0, 1):
        raise InvalidRequest("Subtitles OutputStartIndex must be 0 or 1")
    if channels and max_speakers is not None:
        raise InvalidRequest("ChannelIdentification and ShowSpeakerLabels cannot be used together (as on AWS)")
    if max_speakers is not None and not 2 <= max_speakers <= 30:
        raise InvalidRequest(f"MaxSpeakerLabels must be 2 to 30, not {max_speakers}")
    if bool(filter_name) != bool(filter_method):
        raise InvalidRequest("Settings.VocabularyFilterName and VocabularyFilterMethod go together")
    if filter_method not in (None, "remove", "mask", "tag"):
        raise InvalidRequest(f"VocabularyFilterMethod {filter_method!r} is not remove, mask or tag")
    if redaction is not None:
        if redaction.get("RedactionType") != "PII" or redaction.get("RedactionOutput") not in (
                "redacted", "redacted_and_unredacted"):
            raise InvalidRequest("ContentRedaction needs RedactionType PII and RedactionOutput redacted or "
                                 "redacted_and_unredacted")
        if language and not language.lower().startswith("en"):
            raise InvalidRequest(f"ContentRedaction finds PII in English only; {language} is not")
    params = {
        "job_name": job_name, "media_uri": media_uri, "language": language, "identify": identify,
        "candidates": candidates, "vocabulary": vocabulary, "hotwords": hotwords, "output_bucket": output_bucket,
        "output_key": output_key, "subtitle_formats": sorted(set(subtitle_formats)), "subtitle_start": subtitle_start,
        "media_format": media_format, "filter": filter_name, "filter_words": filter_words or [],
        "filter_method": filter_method, "max_speakers": max_speakers, "channels": channels, "multi": multi,
        "redaction": None if redaction is None else {
            "output": redaction["RedactionOutput"], "types": sorted(set(redaction.get("PiiEntityTypes") or ["ALL"]))},
    }
    output_location(params, "json")  # a bad OutputKey is refused now, not after the work
    return params


class TranscriptionJobHandler:
    chunk_size = 1

    def __init__(self, transcriber: Transcriber, buckets: Buckets, max_seconds: float, max_bytes: int,
                 find_pii: Callable[[str], Awaitable[list[dict[str, Any]]]],
                 embed_speakers: Callable[[list[Any]], Awaitable[list[Any]]]) -> None:
        self.transcriber = transcriber
        self.find_pii = find_pii
        self.embed_speakers = embed_speakers
        self.buckets = buckets
        self.max_seconds = max_seconds
        self.max_bytes = max_bytes

    async def items(self, job: Job) -> list[WorkItem]:
        return [WorkItem(key="media", seq=0, data=job.params["media_uri"])]

    async def process(self, job: Job, items: list[WorkItem]) -> list[ItemResult]:
        """A bad medium raises (the runner ends the job FAILED with the reason); the result is written here."""
        p = job.params
        where = parse_s3_uri(p["media_uri"])
        try:
            data = await asyncio.to_thread(self.buckets.read, where)
        except ServiceError as exc:
            raise InvalidRequest(f"the media file {where.uri} could not be read: {exc.message}") from None
        if len(data) > self.max_bytes:
            raise InvalidRequest(f"the media file is {len(data)} bytes; the limit is {self.max_bytes}")
        channel_of: dict[float, str] = {}
        language_of: dict[float, str] = {}
        language_seconds: dict[str, float] = {}
        for attempt in range(OVERLOAD_RETRIES):  # a busy model delays the job (sync traffic first), never fails it
            try:
                args = {"language": p["language"], "hotwords": p["hotwords"], "candidates": p["candidates"],
                        "max_seconds": self.max_seconds, "hint": where.key.rsplit("/", 1)[-1]}
                if p.get("channels"):
                    transcript, channel_of = await self.transcriber.transcribe_channels(data, **args)
                elif p.get("multi"):
                    del args["language"]
                    transcript, language_of, language_seconds = await self.transcriber.transcribe_languages(data, **args)
                else:
                    transcript = await self.transcriber.transcribe(data, **args)
                break
            except Overloaded as exc:
                if attempt == OVERLOAD_RETRIES - 1:
                    raise
                await asyncio.sleep(exc.retry_after)
        code = p["language"] or aws_language(transcript.language)
        segments, marks = transcript.segments, {}
        if p.get("filter_words"):
            segments, marks = filter_words(segments, p["filter_words"], p["filter_method"])
        own = not p.get("output_bucket")  # Cirrus's default bucket: made on first use, in S3 mode too
        turns = None
        if p.get("max_speakers") and transcript.audio is not None:
            turns = await speaker_turns(transcript.audio.samples, self.embed_speakers, p["max_speakers"])

        def body_for(said: list[Any], extra: Marks) -> bytes:
            spoken = label_words(said, turns) if turns is not None else {}
            for segment in said if channel_of or language_of else []:  # a masked or redacted word keeps its start
                for word in segment.words:
                    for label, by_start in (("channel_label", channel_of), ("language_code", language_of)):
                        if word.start in by_start:
                            spoken[id(word)] = {**spoken.get(id(word), {}), label: by_start[word.start]}
            body = aws_transcript(p["job_name"], ACCOUNT, transcript, p["identify"], code, said,
                                  {**extra, **spoken}, speaker_labels(said, spoken) if turns is not None else None)
            if language_seconds:
                body["results"]["language_codes"] = [{"language_code": c, "duration_in_seconds": round(d, 2)}
                                                     for c, d in sorted(language_seconds.items(), key=lambda kv: -kv[1])]
            return json.dumps(body, ensure_ascii=False).encode()

        async def write(loc: S3Location, data: bytes) -> None:
            await asyncio.to_thread(partial(self.buckets.write, create=own), loc, data)

        out, redacted_out = None, None
        redaction = p.get("redaction")
        if not redaction or redaction["output"] == "redacted_and_unredacted":
            out = output_location(p, "json")
            await write(out, body_for(segments, marks))
        if redaction:
            if not code.lower().startswith("en"):
                raise InvalidRequest(f"ContentRedaction finds PII in English only; the audio is {code}")
            segments, found = await redact(segments, self.find_pii, set(redaction["types"]))
            redacted_out = output_location(p, "json", redacted=True)
            await write(redacted_out, body_for(segments, {**marks, **found}))
        subtitle_uris = []
        for fmt in p["subtitle_formats"]:  # subtitles read as the transcript does: filtered, redacted
            loc = output_location(p, fmt)
            await write(loc, subtitles(segments, fmt, p["subtitle_start"]).encode())
            subtitle_uris.append(loc.uri)
        payload = {
            "transcript_uri": out.uri if out else None,
            "redacted_uri": redacted_out.uri if redacted_out else None, "subtitle_uris": subtitle_uris, "language": code,
            "identified_score": transcript.result.language_probability if p["identify"] else None,
            "language_codes": [{"LanguageCode": c, "DurationInSeconds": round(d, 2)} for c, d in language_seconds.items()],
            "sample_rate": transcript.audio.source_rate if transcript.audio else None,
            "media_format": transcript.audio.source_format if transcript.audio else None,
            "seconds": round(transcript.audio.seconds, 3) if transcript.audio else None,
        }
        return [ItemResult(items[0].key, 0, True, payload)]

    async def finish(self, job: Job, results: Iterator[ItemResult]) -> str:
        done = next(iter(results)).payload
        return str(done["transcript_uri"] or done["redacted_uri"])


