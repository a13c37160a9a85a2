"""Comprehend on the AWS surface (``Comprehend_20171127.*``), shapes exactly as botocore's service model."""

from __future__ import annotations

from typing import Any

from gateway.aws.protocol import AwsError, operation, require
from services.text import TextAnalysis
from services.text_schemas import EntitiesResult, ItemError, KeyPhrasesResult, LanguageResult, SentimentResult

PREFIX = "Comprehend_20171127"


def _text(state: Any) -> TextAnalysis:
    return state.text


def _texts(payload: dict[str, Any]) -> list[str]:
    texts = require(payload, "TextList", list)
    if not texts:
        raise AwsError("InvalidRequestException", "1 validation error detected: TextList must have at least 1 member")
    if not all(isinstance(t, str) for t in texts):
        raise AwsError("InvalidRequestException", "1 validation error detected: every TextList member must be a string")
    return texts


def _language(payload: dict[str, Any]) -> str:
    return require(payload, "LanguageCode", str)


def sentiment_shape(r: SentimentResult) -> dict[str, Any]:
    s = r.scores
    return {
        "Sentiment": r.sentiment,
        "SentimentScore": {"Positive": s.positive, "Negative": s.negative, "Neutral": s.neutral, "Mixed": s.mixed},
    }


def entities_shape(r: EntitiesResult) -> dict[str, Any]:
    return {
        "Entities": [
            {"Score": e.score, "Type": e.type, "Text": e.text, "BeginOffset": e.begin_offset, "EndOffset": e.end_offset}
            for e in r.entities
        ]
    }


def key_phrases_shape(r: KeyPhrasesResult) -> dict[str, Any]:
    return {
        "KeyPhrases": [
            {"Score": k.score, "Text": k.text, "BeginOffset": k.begin_offset, "EndOffset": k.end_offset}
            for k in r.key_phrases
        ]
    }


def language_shape(r: LanguageResult) -> dict[str, Any]:
    return {"Languages": [{"LanguageCode": lang.language_code, "Score": lang.score} for lang in r.languages]}


def _single(results: list[Any], errors: list[ItemError]) -> Any:
    if errors:
        raise AwsError("InternalServerException", errors[0].message, status=500)
    return results[0]


def _batch(results: list[Any], errors: list[ItemError], shape: Any) -> dict[str, Any]:
    return {
        "ResultList": [{"Index": r.index, **shape(r)} for r in results],
        "ErrorList": [{"Index": e.index, "ErrorCode": e.code.upper(), "ErrorMessage": e.message} for e in errors],
    }


@operation(PREFIX, "DetectSentiment")
async def detect_sentiment(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    text = require(payload, "Text", str)
    return sentiment_shape(_single(*await _text(state).sentiment([text], _language(payload), strict=True)))


@operation(PREFIX, "BatchDetectSentiment")
async def batch_detect_sentiment(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    texts, language = _texts(payload), _language(payload)
    return _batch(*await _text(state).sentiment(texts, language, strict=True), sentiment_shape)


@operation(PREFIX, "DetectEntities")
async def detect_entities(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    if payload.get("EndpointArn") or payload.get("Bytes"):
        raise AwsError("InvalidRequestException", "custom entity endpoints and document Bytes are not supported; send Text")
    text = require(payload, "Text", str)
    return entities_shape(_single(*await _text(state).entities([text], _language(payload), strict=True)))


@operation(PREFIX, "BatchDetectEntities")
async def batch_detect_entities(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    texts, language = _texts(payload), _language(payload)
    return _batch(*await _text(state).entities(texts, language, strict=True), entities_shape)


@operation(PREFIX, "DetectKeyPhrases")
async def detect_key_phrases(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    text = require(payload, "Text", str)
    return key_phrases_shape(_single(*await _text(state).key_phrases([text], _language(payload), strict=True)))


@operation(PREFIX, "BatchDetectKeyPhrases")
async def batch_detect_key_phrases(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    texts, language = _texts(payload), _language(payload)
    return _batch(*await _text(state).key_phrases(texts, language, strict=True), key_phrases_shape)


@operation(PREFIX, "DetectDominantLanguage")
async def detect_dominant_language(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    text = require(payload, "Text", str)
    return language_shape(_single(*await _text(state).dominant_language([text], strict=True)))


@operation(PREFIX, "BatchDetectDominantLanguage")
async def batch_detect_dominant_language(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    return _batch(*await _text(state).dominant_language(_texts(payload), strict=True), language_shape)
