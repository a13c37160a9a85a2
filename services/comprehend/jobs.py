"""Comprehend's asynchronous text jobs over buckets (Start*DetectionJob), on the job runner.

Input: every object under ``input_uri``; ``ONE_DOC_PER_FILE`` (a document per object) or
``ONE_DOC_PER_LINE`` (a document per non-empty line). Output, as AWS lays it out:
``{output_uri}/{account}-{TASK}-{job id}/output/output.tar.gz`` holding one file, ``output``, of JSON
lines: ``{"File": ..., ["Line": n,] <result fields>}`` or ``{"File", ["Line"], "ErrorCode", "ErrorMessage"}``.
PII jobs write one ``{file}.out`` per input file under ``{account}-PII-{job id}/output/`` instead: JSON
lines of entities (``ONLY_OFFSETS``) or the file with its PII redacted (``ONLY_REDACTION``).
"""

from __future__ import annotations

import asyncio
import io
import json
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from services import ACCOUNT
from services.buckets import Buckets, S3Location, parse_s3_uri
from services.comprehend.analysis import TextAnalysis
from services.comprehend.pii import check_redaction, redact
from services.comprehend.shapes import entities_shape, key_phrases_shape, language_shape, pii_shape, sentiment_shape
from services.errors import InvalidRequest
from services.jobs.runner import WorkItem
from services.jobs.store import ItemResult, Job

ONE_DOC_PER_FILE, ONE_DOC_PER_LINE = "ONE_DOC_PER_FILE", "ONE_DOC_PER_LINE"


@dataclass(frozen=True)
class TextJobKind:
    kind: str  # the runner's job kind
    task: str  # TextAnalysis method
    model_task: str  # the model registry's task
    label: str  # the TASK part of AWS's output folder name
    shape: Any
    needs_language: bool = True


KINDS = {
    k.kind: k
    for k in (
        TextJobKind("comprehend.sentiment", "sentiment", "sentiment", "SENTIMENT", sentiment_shape),
        TextJobKind("comprehend.entities", "entities", "entities", "NER", entities_shape),
        TextJobKind("comprehend.key_phrases", "key_phrases", "key_phrases", "KP", key_phrases_shape),
        TextJobKind(
            "comprehend.language", "dominant_language", "language", "LANGUAGE", language_shape, needs_language=False
        ),
        TextJobKind("comprehend.pii", "pii", "pii", "PII", pii_shape),
        TextJobKind("comprehend.topics", "topics", "topics", "TOPICS", None, needs_language=False),
        TextJobKind("comprehend.classification", "classify", "embeddings", "CLN", None, needs_language=False),
    )
}
ONLY_OFFSETS, ONLY_REDACTION = "ONLY_OFFSETS", "ONLY_REDACTION"


def pii_job_params(mode: str, redaction: dict[str, Any] | None) -> dict[str, Any]:
    """The PII part of a job request: the mode, and a whole RedactionConfig when it redacts."""
    if mode not in (ONLY_OFFSETS, ONLY_REDACTION):
        raise InvalidRequest(f"Mode must be {ONLY_OFFSETS} or {ONLY_REDACTION}, not {mode!r}")
    if mode == ONLY_OFFSETS:
        return {"mode": mode, "redaction": None}
    return {"mode": mode, "redaction": check_redaction(redaction)}


def text_job_params(
    text: TextAnalysis, kind: str, input_uri: str, output_uri: str, input_format: str | None, language: str | None
) -> dict[str, Any]:
    """Validate a job request up front (bad URIs, formats and languages never make a job)."""
    spec = KINDS[kind]
    parse_s3_uri(input_uri)
    parse_s3_uri(output_uri)
    input_format = input_format or ONE_DOC_PER_FILE
    if input_format not in (ONE_DOC_PER_FILE, ONE_DOC_PER_LINE):
        raise InvalidRequest(f"InputFormat must be {ONE_DOC_PER_FILE} or {ONE_DOC_PER_LINE}, not {input_format!r}")
    if spec.needs_language:
        if not language:
            raise InvalidRequest("LanguageCode is required for this job")
        text.worker(spec.model_task, language)  # UnsupportedLanguage now, not a failed job later
    return {"input_uri": input_uri, "output_uri": output_uri, "input_format": input_format, "language": language}


class TextJobHandler:
    chunk_size = 25
    member = "output"  # the file inside output.tar.gz

    def __init__(self, spec: TextJobKind, text: TextAnalysis, buckets: Buckets) -> None:
        self.spec = spec
        self.text = text
        self.buckets = buckets

    async def items(self, job: Job) -> list[WorkItem]:
        return await asyncio.to_thread(self._items, job)  # listing and reading the bucket stay off the event loop

    def _items(self, job: Job) -> list[WorkItem]:
        where = parse_s3_uri(job.params["input_uri"])
        keys = self.buckets.list(where)
        if not keys:
            raise InvalidRequest(f"there are no objects under {where.uri}; put the documents there first")
        items: list[WorkItem] = []
        prefix = where.key.rstrip("/") + "/" if where.key else ""
        for key in keys:
            name = key[len(prefix) :] if key.startswith(prefix) else key
            raw = self.buckets.read(S3Location(where.bucket, key))
            if job.params["input_format"] == ONE_DOC_PER_FILE:
                items.append(WorkItem(key=name, seq=len(items), data=(name, None, raw)))
                continue
            for line_no, line in enumerate(raw.split(b"\n")):
                if line.strip():
                    items.append(WorkItem(key=f"{name}\n{line_no}", seq=len(items), data=(name, line_no, line)))
        return items

    async def process(self, job: Job, items: list[WorkItem]) -> list[ItemResult]:
        out: list[ItemResult] = []
        decoded: list[tuple[WorkItem, str]] = []
        for item in items:
            try:
                decoded.append((item, item.data[2].decode("utf-8")))
            except UnicodeDecodeError:
                out.append(self._error(item, "INVALID_REQUEST", "the document is not UTF-8 text"))
        if not decoded:
            return out
        analyse = getattr(self.text, self.spec.task)
        texts = [text for _, text in decoded]
        args = (texts, job.params["language"]) if self.spec.needs_language else (texts,)
        results, errors = await analyse(*args)
        for r in results:
            item, text = decoded[r.index]
            out.append(ItemResult(item.key, item.seq, True, {**self._where(item), **self._payload(job, text, r)}))
        out += [self._error(decoded[e.index][0], e.code.upper(), e.message) for e in errors]
        return out

    def _payload(self, job: Job, text: str, result: Any) -> dict[str, Any]:
        return self.spec.shape(result)

    def _error(self, item: WorkItem, code: str, message: str) -> ItemResult:
        return ItemResult(item.key, item.seq, False, {**self._where(item), "ErrorCode": code, "ErrorMessage": message})

    @staticmethod
    def _where(item: WorkItem) -> dict[str, Any]:
        name, line, _ = item.data
        return {"File": name} if line is None else {"File": name, "Line": line}

    async def finish(self, job: Job, results: Iterator[ItemResult]) -> str:
        lines = b"".join(json.dumps(r.payload, ensure_ascii=False).encode() + b"\n" for r in results)
        archive = io.BytesIO()
        with tarfile.open(fileobj=archive, mode="w:gz") as tar:
            info = tarfile.TarInfo(self.member)
            info.size = len(lines)
            info.mtime = int(job.submitted_at)
            tar.addfile(info, io.BytesIO(lines))
        target = output_location(job, self.spec)
        await asyncio.to_thread(self.buckets.write, target, archive.getvalue())
        return target.uri


def output_location(job: Job, spec: TextJobKind) -> S3Location:
    base = parse_s3_uri(job.params["output_uri"])
    return base.child(f"{ACCOUNT}-{spec.label}-{job.id}/output/output.tar.gz")


class PiiJobHandler(TextJobHandler):
    """StartPiiEntitiesDetectionJob: one ``{file}.out`` per input file, offsets or the redacted text."""

    def _payload(self, job: Job, text: str, result: Any) -> dict[str, Any]:
        if job.params["mode"] == ONLY_REDACTION:
            return {"Redacted": redact(text, result.entities, job.params["redaction"])}
        return self.spec.shape(result)

    async def finish(self, job: Job, results: Iterator[ItemResult]) -> str:
        by_file: dict[str, list[ItemResult]] = {}
        for r in results:
            by_file.setdefault(r.payload["File"], []).append(r)
        folder = parse_s3_uri(job.params["output_uri"]).child(f"{ACCOUNT}-{self.spec.label}-{job.id}/output")
        for name, rows in by_file.items():
            body = (self._redacted(rows) if job.params["mode"] == ONLY_REDACTION else
                    "".join(json.dumps(r.payload, ensure_ascii=False) + "\n" for r in rows))
            await asyncio.to_thread(self.buckets.write, folder.child(f"{name}.out"), body.encode("utf-8"))
        return folder.uri + "/"

    @staticmethod
    def _redacted(rows: list[ItemResult]) -> str:
        """The file again, each document redacted; a document that failed is withheld, never written raw."""
        if "Line" not in rows[0].payload:
            return rows[0].payload.get("Redacted", "")
        lines: dict[int, str] = {r.payload["Line"]: r.payload.get("Redacted", "") for r in rows}
        return "\n".join(lines.get(n, "") for n in range(max(lines) + 1)) + "\n"


def handler_for(spec: TextJobKind, text: TextAnalysis, buckets: Buckets) -> TextJobHandler | None:
    """The runner's handler for a kind; None for classification (it needs the classifiers: app.py makes it)."""
    if spec.task == "classify":
        return None
    if spec.task == "topics":
        from services.comprehend.topics import TopicsJobHandler  # it builds on this module

        return TopicsJobHandler(spec, text, buckets)
    return (PiiJobHandler if spec.task == "pii" else TextJobHandler)(spec, text, buckets)
