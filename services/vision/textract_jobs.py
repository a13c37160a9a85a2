"""Asynchronous document text detection (Textract StartDocumentTextDetection) on the job runner.

One work item per page: a multi-page PDF's pages are rendered and read in chunks through the OCR worker,
and each page's blocks are recorded durably as it finishes, so a restart resumes at the next page.
``GetDocumentTextDetection`` pages through the recorded blocks (``MaxResults`` / ``NextToken``); with an
``OutputConfig`` the blocks are also written to ``s3://S3Bucket/S3Prefix/{JobId}/1``.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

from services.buckets import Buckets, S3Location, check_key, parse_s3_uri
from services.jobs.runner import WorkItem
from services.jobs.store import ItemResult, Job
from services.vision.images import DocumentTooLarge, decode_document, is_pdf, pdf_page_count, pdf_pages
from services.vision.service import Vision

JOB_KIND = "textract.text"
MAX_ASYNC_BYTES = 500 * 1024 * 1024  # AWS: 500 MB for PDFs


class TextDetectionJobHandler:
    chunk_size = 4

    def __init__(self, vision: Vision, buckets: Buckets) -> None:
        self.vision = vision
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

    async def process(self, job: Job, items: list[WorkItem]) -> list[ItemResult]:
        data = await self._document(job)
        first, last = items[0].data, items[-1].data + 1
        if is_pdf(data):
            pictures = await asyncio.to_thread(pdf_pages, data, first, last)
        else:
            pictures = await asyncio.to_thread(decode_document, data, MAX_ASYNC_BYTES, None)
        blocks = await self.vision.document_text(pictures, first_page=first + 1)
        by_page: dict[int, list[dict[str, Any]]] = {}
        for block in blocks:
            by_page.setdefault(block["Page"], []).append(block)
        return [ItemResult(item.key, item.seq, True, {"blocks": by_page.get(item.data + 1, [])}) for item in items]

    async def finish(self, job: Job, results: Iterator[ItemResult]) -> str:
        output = job.params.get("output")
        if not output:
            return job.params["document_uri"]
        blocks = [b for r in results for b in r.payload["blocks"]]
        prefix = (output.get("S3Prefix") or "textract_output").strip("/")
        where = S3Location(output["S3Bucket"], check_key(f"{prefix}/{job.id}/1"))
        body = {"DocumentMetadata": {"Pages": max((b["Page"] for b in blocks), default=0)}, "JobStatus": "SUCCEEDED",
                "Blocks": blocks, "DetectDocumentTextModelVersion": "1.0"}
        await asyncio.to_thread(self.buckets.write, where, json.dumps(body).encode())
        return where.uri
