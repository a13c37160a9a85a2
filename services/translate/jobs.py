"""Batch translation over buckets (StartTextTranslationJob), on the job runner.

One work item per (input document, target language). Each output is written as soon as it is done, to
``{output}/{account}-TranslateText-{job id}/{target}.{file name}`` (keeping sub-folders), as Amazon
Translate lays it out; writes are idempotent, so a job resumed after a crash ends with exactly one output
per input and target. At the end, ``details/{target}.auxiliary-translation-details.json`` lists what was
translated and which documents failed (and why) for each target language.
"""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from models.errors import Overloaded
from services import ACCOUNT
from services.buckets import Buckets, S3Location, parse_s3_uri
from services.errors import InvalidRequest, ServiceError
from services.jobs.runner import WorkItem
from services.jobs.store import ItemResult, Job
from services.translate.service import CONTENT_TYPES, Settings, Translator

JOB_KIND = "translate.text"
OVERLOAD_RETRIES = 120


def job_folder(job: Job) -> S3Location:
    return parse_s3_uri(job.params["output_uri"]).child(f"{ACCOUNT}-TranslateText-{job.id}")


def output_name(name: str, target: str) -> str:
    folder, _, base = name.rpartition("/")
    return f"{folder}/{target}.{base}" if folder else f"{target}.{base}"


async def translation_job_params(
    translator: Translator, input_uri: str, output_uri: str, content_type: str, source: str,
    targets: list[str], terminology_names: list[str], settings: Settings,
) -> dict[str, Any]:
    """Check a job request whole before it becomes a job: URIs, content type, directions, terms, settings."""
    parse_s3_uri(input_uri)
    parse_s3_uri(output_uri)
    if content_type not in CONTENT_TYPES:
        raise InvalidRequest(f"ContentType {content_type!r} is not supported; use {' or '.join(CONTENT_TYPES)}")
    if not targets or len(set(targets)) != len(targets) or len(targets) > 10:
        raise InvalidRequest("TargetLanguageCodes must name 1 to 10 distinct languages")
    for target in targets:
        if source != "auto" and source != target:
            route = translator.route(source, target)
            translator.check_settings(settings, route)
            translator.terminologies.matchers(terminology_names, source, target)
    for name in terminology_names:
        translator.terminologies.get(name)  # ResourceNotFound now, not a failed job later
    return {
        "input_uri": input_uri, "output_uri": output_uri, "content_type": content_type, "source": source,
        "targets": targets, "terminology_names": terminology_names,
        "settings": {"formality": settings.formality, "profanity": settings.profanity, "brevity": settings.brevity},
    }


class TranslationJobHandler:
    chunk_size = 4  # documents are long; a few per chunk keep the translator's batches full

    def __init__(self, translator: Translator, buckets: Buckets, max_document_bytes: int) -> None:
        self.translator = translator
        self.buckets = buckets
        self.max_document_bytes = max_document_bytes

    async def items(self, job: Job) -> list[WorkItem]:
        where = parse_s3_uri(job.params["input_uri"])
        keys = await asyncio.to_thread(self.buckets.list, where)
        if not keys:
            raise InvalidRequest(f"there are no objects under {where.uri}; put the documents there first")
        prefix = where.key.rstrip("/") + "/" if where.key and not where.key.endswith("/") else where.key
        items = []
        for key in keys:
            name = key[len(prefix) :] if prefix and key.startswith(prefix) else key
            for target in job.params["targets"]:
                items.append(WorkItem(key=f"{target}\n{key}", seq=len(items), data=(where.bucket, key, name, target)))
        return items

    async def process(self, job: Job, items: list[WorkItem]) -> list[ItemResult]:
        return list(await asyncio.gather(*(self._one(job, item) for item in items)))

    async def _one(self, job: Job, item: WorkItem) -> ItemResult:
        bucket, key, name, target = item.data
        params = job.params
        where = {"sourceFile": name, "targetLanguageCode": target}
        try:
            content = await asyncio.to_thread(self.buckets.read, S3Location(bucket, key))
            for attempt in range(OVERLOAD_RETRIES):  # a busy model (sync traffic first) delays the job, never fails it
                try:
                    result = await self.translator.translate_document(
                        content, params["content_type"], params["source"], target, params["terminology_names"],
                        Settings(**params["settings"]), max_bytes=self.max_document_bytes,
                    )
                    break
                except Overloaded as exc:
                    if attempt == OVERLOAD_RETRIES - 1:
                        raise
                    await asyncio.sleep(exc.retry_after)
            out = job_folder(job).child(output_name(name, target))
            await asyncio.to_thread(self.buckets.write, out, result.text.encode("utf-8"))
        except ServiceError as exc:
            return ItemResult(item.key, item.seq, False, {**where, "errorCode": exc.code, "errorMessage": exc.message})
        payload = {**where, "targetFile": output_name(name, target), "sourceLanguageCode": result.source,
                   "charactersTranslated": result.characters}
        return ItemResult(item.key, item.seq, True, payload)

    async def finish(self, job: Job, results: Iterator[ItemResult]) -> str:
        folder = job_folder(job)
        by_target: dict[str, list[ItemResult]] = defaultdict(list)
        for r in results:
            by_target[r.payload["targetLanguageCode"]].append(r)
        for target, rs in by_target.items():
            details = {
                "sourceLanguageCode": job.params["source"],
                "targetLanguageCode": target,
                "charactersTranslated": sum(r.payload.get("charactersTranslated", 0) for r in rs),
                "documentCountWithCustomerError": sum(not r.ok for r in rs),
                "documentCountWithServerError": 0,
                "inputDataPrefix": job.params["input_uri"],
                "outputDataPrefix": folder.uri + "/",
                "details": [r.payload for r in rs],
            }
            data = json.dumps(details, ensure_ascii=False, indent=2).encode()
            await asyncio.to_thread(
                self.buckets.write, folder.child(f"details/{target}.auxiliary-translation-details.json"), data
            )
        return folder.uri + "/"
