"""Speech synthesis tasks (Polly StartSpeechSynthesisTask): long text synthesized on the job runner and
written to a bucket as ``{prefix}{task id}.{extension}``. The request is checked whole before the task is
made (voice, format, rate, SSML, lexicons, length), so a task fails only on what cannot be known before."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

from services.buckets import Buckets, S3Location, check_key
from services.jobs.runner import WorkItem
from services.jobs.store import ItemResult, Job
from services.speech.audio import encode
from services.speech.tts import Synthesizer, check_format, marks_stream

JOB_KIND = "polly.task"
EXTENSIONS = {"mp3": "mp3", "ogg_vorbis": "ogg", "ogg_opus": "ogg", "pcm": "pcm", "json": "marks"}


def task_params(
    tts: Synthesizer, *, text: str, voice_id: str, output_format: str, text_type: str, sample_rate: str | None,
    engine: str | None, language_code: str | None, lexicon_names: list[str], mark_types: list[str], bucket: str,
    prefix: str,
) -> dict[str, Any]:
    rate = check_format(output_format, sample_rate, mark_types, text_type)
    tts.check_marks(tts.voice(voice_id, engine), mark_types)
    _, billed = tts.plan(text, text_type, lexicon_names, limit=tts.max_task_characters)
    S3Location(bucket, prefix + "x")  # a bad bucket or prefix is refused now, not after the work
    return {
        "text": text, "voice_id": voice_id, "output_format": output_format, "text_type": text_type, "rate": rate,
        "engine": engine, "language_code": language_code, "lexicon_names": lexicon_names, "mark_types": mark_types,
        "bucket": bucket, "prefix": prefix, "characters": billed, "output_uri": None,
    }


def output_location(job: Job) -> S3Location:
    p = job.params
    return S3Location(p["bucket"], check_key(f"{p['prefix']}{job.id}.{EXTENSIONS[p['output_format']]}"))


class SynthesisTaskHandler:
    chunk_size = 1

    def __init__(self, tts: Synthesizer, buckets: Buckets) -> None:
        self.tts = tts
        self.buckets = buckets

    async def items(self, job: Job) -> list[WorkItem]:
        return [WorkItem(key="speech", seq=0, data=None)]

    async def process(self, job: Job, items: list[WorkItem]) -> list[ItemResult]:
        p = job.params
        voice = self.tts.voice(p["voice_id"], p["engine"])
        steps, billed = self.tts.plan(p["text"], p["text_type"], p["lexicon_names"], limit=self.tts.max_task_characters)
        speech = await self.tts.synthesize(voice, steps, p["rate"], billed)
        if p["output_format"] == "json":
            data = marks_stream(speech, p["text"], p["mark_types"])
        else:
            data = await asyncio.to_thread(encode, speech.samples, p["rate"], p["output_format"])
        where = output_location(job)
        await asyncio.to_thread(self.buckets.write, where, data)
        return [ItemResult(items[0].key, 0, True, {"output_uri": where.uri, "seconds": len(speech.samples) / p["rate"]})]

    async def finish(self, job: Job, results: Iterator[ItemResult]) -> str:
        return next(iter(results)).payload["output_uri"]
