"""Asynchronous Textract jobs on the job runner: text detection (StartDocumentTextDetection) and document
analysis (StartDocumentAnalysis, with the job's FeatureTypes and QueriesConfig).

One work item per page: a multi-page PDF's pages are rendered and read in chunks (their pages share the
models' batches), and each page's blocks are recorded durably as it finishes, so a restart resumes at the
next page. A page that cannot be rendered or read fails alone: the job ends PARTIAL_SUCCESS with a
warning naming it. ``Get...`` pages through the recorded blocks (``MaxResults`` / ``NextToken``); with an
``OutputConfig`` the blocks are also written to ``s3://S3Bucket/S3Prefix/{JobId}/1``.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

from services.buckets import Buckets, S3Location, check_key, parse_s3_uri
from services.documents.queries import parse_queries
from services.documents.service import Documents
from services.errors import ServiceError
from services.jobs.runner import WorkItem
from services.jobs.store import ItemResult, Job
from services.vision.images import DocumentTooLarge, Picture, decode_document, is_pdf, pdf_page_count, pdf_pages

TEXT_JOB, ANALYSIS_JOB = "textract.text", "textract.analysis"
MAX_ASYNC_BYTES = 500 * 1024 * 1024  # AWS: 500 MB for PDFs
VERSION_KEYS = {TEXT_JOB: "DetectDocumentTextModelVersion", ANALYSIS_JOB: "AnalyzeDocumentModelVersion"}


class DocumentJobHandler:
    chunk_size = 4

    def __init__(self, kind: str, documents: Documents, buckets: Buckets) -> None:
        self.kind = kind
        self.documents = documents
        self.buckets = buckets

    async def _document(self, job: Job) -> bytes:
        data = await asyncio.to_thread(self.buckets.read, parse_s3_uri(job.params["document_uri"]))
        if len(data) > MAX_ASYNC_BYTES:
            raise DocumentTooLarge(f"the document is {len(data)} bytes; the limit is {MAX_ASYNC_BYTES}")
        return data

    async def items(self, job: Job) -> list[WorkItem]:
        data = await self._document(job)
        pages = await asyncio.to_thread(pdf_page_count, data) if is_pdf(data) else 1
        if not is_pdf(data):
            await asyncio.to_thread(decode_document, data, MAX_ASYNC_BYTES, None)  # a bad image fails the job now
        return [WorkItem(key=f"page-{n}", seq=n, data=n) for n in range(pages)]

    async def _read(self, job: Job, pictures: dict[int, Picture]) -> list[dict[str, Any]]:
        numbers = [n + 1 for n in pictures]
        if self.kind == TEXT_JOB:
            return await self.documents.text(list(pictures.values()), numbers)
        queries = parse_queries(job.params["queries"]) if job.params.get("queries") else None
        return await self.documents.analyze(list(pictures.values()), set(job.params["features"]), queries, numbers,
                                            total_pages=job.items_total)

    async def process(self, job: Job, items: list[WorkItem]) -> list[ItemResult]:
        data = await self._document(job)
        pictures: dict[int, Picture] = {}
        failed: dict[int, str] = {}
        for item in items:
            try:
                if is_pdf(data):
                    (pictures[item.data],) = await asyncio.to_thread(pdf_pages, data, item.data, item.data + 1)
                else:
                    (pictures[item.data],) = await asyncio.to_thread(decode_document, data, MAX_ASYNC_BYTES, None)
            except ServiceError as exc:
                failed[item.data] = str(exc)
        by_page: dict[int, list[dict[str, Any]]] = {}
        try:
            for block in await self._read(job, pictures) if pictures else []:
                by_page.setdefault(block["Page"], []).append(block)
        except ServiceError:
            for number, picture in pictures.items():  # one bad page: find it, keep the others
                try:
                    by_page[number + 1] = await self._read(job, {number: picture})
                except ServiceError as exc:
                    failed[number] = str(exc)
        return [ItemResult(item.key, item.seq, False, {"error": failed[item.data]}) if item.data in failed
                else ItemResult(item.key, item.seq, True, {"blocks": by_page.get(item.data + 1, [])}) for item in items]

    async def finish(self, job: Job, results: Iterator[ItemResult]) -> str:
        output = job.params.get("output")
        if not output:
            return job.params["document_uri"]
        blocks = [b for r in results if r.ok for b in r.payload["blocks"]]
        prefix = (output.get("S3Prefix") or "textract_output").strip("/")
        where = S3Location(output["S3Bucket"], check_key(f"{prefix}/{job.id}/1"))
        body = {"DocumentMetadata": {"Pages": job.items_total or 0}, "JobStatus": "SUCCEEDED",
                "Blocks": blocks, VERSION_KEYS[self.kind]: "1.0"}
        await asyncio.to_thread(self.buckets.write, where, json.dumps(body).encode())
        return where.uri
