"""Native REST: text analysis. Each route takes a batch (1..25 documents) and answers per document."""

from __future__ import annotations

from fastapi import APIRouter

from gateway.deps import TextDep
from gateway.routers.responses import ERRORS
from services.comprehend.schemas import (
    EntitiesResponse,
    KeyPhrasesResponse,
    LanguageRequest,
    LanguageResponse,
    PiiResponse,
    SentimentResponse,
    SyntaxResponse,
    TextBatchRequest,
)

router = APIRouter(prefix="/v1/text", tags=["text"], responses=ERRORS)


@router.post("/sentiment", response_model=SentimentResponse)
async def detect_sentiment(body: TextBatchRequest, text: TextDep) -> SentimentResponse:
    """POSITIVE, NEGATIVE, NEUTRAL or MIXED per document, with the four scores (they sum to 1)."""
    results, errors = await text.sentiment(body.texts, body.language)
    return SentimentResponse(results=results, errors=errors)


@router.post("/entities", response_model=EntitiesResponse)
async def detect_entities(body: TextBatchRequest, text: TextDep) -> EntitiesResponse:
    """Named entities with their type, score and exact character offsets."""
    results, errors = await text.entities(body.texts, body.language)
    return EntitiesResponse(results=results, errors=errors)


@router.post("/key-phrases", response_model=KeyPhrasesResponse)
async def detect_key_phrases(body: TextBatchRequest, text: TextDep) -> KeyPhrasesResponse:
    """Key noun phrases with scores and character offsets."""
    results, errors = await text.key_phrases(body.texts, body.language)
    return KeyPhrasesResponse(results=results, errors=errors)


@router.post("/syntax", response_model=SyntaxResponse)
async def detect_syntax(body: TextBatchRequest, text: TextDep) -> SyntaxResponse:
    """Tokens with their part of speech (universal tags, Comprehend's set), score and character offsets."""
    results, errors = await text.syntax(body.texts, body.language)
    return SyntaxResponse(results=results, errors=errors)


@router.post("/pii", response_model=PiiResponse)
async def detect_pii(body: TextBatchRequest, text: TextDep) -> PiiResponse:
    """Personal data (Comprehend's PII types: NAME, EMAIL, PHONE, SSN, CREDIT_DEBIT_NUMBER, ...) with offsets."""
    results, errors = await text.pii(body.texts, body.language)
    return PiiResponse(results=results, errors=errors)


@router.post("/language", response_model=LanguageResponse)
async def detect_language(body: LanguageRequest, text: TextDep) -> LanguageResponse:
    """The dominant language of each document: candidates with scores, most likely first."""
    results, errors = await text.dominant_language(body.texts)
    return LanguageResponse(results=results, errors=errors)
