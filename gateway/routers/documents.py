"""Native REST for documents (Textract's synchronous operations): text, and analysis with tables, forms,
layout and queries, from an uploaded image or one-page PDF. The blocks have Textract's shapes (the same
dicts the AWS surface returns)."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Request
from pydantic import BaseModel

from gateway.routers.responses import ERRORS
from gateway.routers.vision import Upload
from services.documents.queries import parse_queries
from services.documents.service import MODEL_VERSION, parse_feature_types
from services.vision.images import Picture, decode_document

router = APIRouter(prefix="/v1/documents", tags=["documents"], responses=ERRORS)
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
Feature = Literal["TABLES", "FORMS", "QUERIES", "LAYOUT", "SIGNATURES"]


class DocumentResponse(BaseModel):
    pages: int
    blocks: list[dict[str, Any]]
    model_version: str = MODEL_VERSION


async def _pages(upload: Any) -> list[Picture]:
    return await asyncio.to_thread(decode_document, await upload.read(), MAX_DOCUMENT_BYTES, 1)


@router.post("/text")
async def detect_document_text(request: Request, file: Upload) -> DocumentResponse:
    """PAGE, LINE and WORD blocks in reading order (Textract DetectDocumentText); a sideways or skewed page
    is turned upright before it is read, and the geometry stays that of the page as sent."""
    pages = await _pages(file)
    return DocumentResponse(pages=len(pages), blocks=await request.app.state.documents.text(pages))


@router.post("/analyze")
async def analyze_document(
    request: Request,
    file: Upload,
    feature_types: Annotated[list[Feature], Form(description="What to find besides text (SIGNATURES is refused).")],
    queries: Annotated[list[str], Form(description="Questions for QUERIES, at most 200 characters each.")] = [],  # noqa: B006
) -> DocumentResponse:
    """Textract AnalyzeDocument: TABLE/CELL/MERGED_CELL, KEY_VALUE_SET and SELECTION_ELEMENT, LAYOUT_* and
    QUERY/QUERY_RESULT blocks on top of the page's LINE and WORD blocks."""
    features = parse_feature_types(list(feature_types))
    parsed = parse_queries({"Queries": [{"Text": q} for q in queries]}) if "QUERIES" in features else None
    pages = await _pages(file)
    blocks = await request.app.state.documents.analyze(pages, features, parsed)
    return DocumentResponse(pages=len(pages), blocks=blocks)
