"""Comprehend on the AWS surface (``Comprehend_20171127.*``), shapes exactly as botocore's service model."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from gateway.aws.protocol import AWS_TYPES, AwsError, operation, require
from services.comprehend.analysis import TextAnalysis
from services.comprehend.schemas import ItemError
from services.comprehend.shapes import (
    entities_shape,
    key_phrases_shape,
    language_shape,
    pii_labels_shape,
    pii_shape,
    sentiment_shape,
    syntax_shape,
)

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


def _single(results: list[Any], errors: list[ItemError]) -> Any:
    """The one result of a single-document call; its item error becomes the call's error."""
    if errors:
        error = errors[0]
        if error.code == "internal_error":
            raise AwsError("InternalServerException", error.message, status=500)
        raise AwsError(AWS_TYPES.get(error.code, "InvalidRequestException"), error.message)
    return results[0]


def _batch(results: list[Any], errors: list[ItemError], shape: Any) -> dict[str, Any]:
    return {
        "ResultList": [{"Index": r.index, **shape(r)} for r in results],
        "ErrorList": [{"Index": e.index, "ErrorCode": e.code.upper(), "ErrorMessage": e.message} for e in errors],
    }


Run = Callable[[TextAnalysis, list[str], dict[str, Any]], Awaitable[tuple[list[Any], list[ItemError]]]]


def _plain_text_only(payload: dict[str, Any]) -> None:
    if payload.get("EndpointArn") or payload.get("Bytes"):
        raise AwsError("InvalidRequestException", "custom entity endpoints and document Bytes are not supported; send Text")


def register_single(name: str, run: Run, shape: Callable[[Any], dict[str, Any]],
                    check: Callable[..., None] | None = None) -> None:
    """Register an operation over one ``Text`` (its one document's error is the call's error)."""

    async def single(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
        if check:
            check(payload)
        text = require(payload, "Text", str)
        return shape(_single(*await run(_text(state), [text], payload)))

    operation(PREFIX, name)(single)


def register_pair(name: str, run: Run, shape: Callable[[Any], dict[str, Any]], check: Callable[..., None] | None = None) -> None:
    """Register ``Detect{name}`` (one ``Text``) and ``BatchDetect{name}`` (a ``TextList``) over one service call."""
    register_single(f"Detect{name}", run, shape, check)

    async def batch(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
        return _batch(*await run(_text(state), _texts(payload), payload), shape)

    operation(PREFIX, f"BatchDetect{name}")(batch)


register_pair("Sentiment", lambda t, texts, p: t.sentiment(texts, _language(p), strict=True), sentiment_shape)
register_pair(
    "Entities", lambda t, texts, p: t.entities(texts, _language(p), strict=True), entities_shape, _plain_text_only
)
register_pair("KeyPhrases", lambda t, texts, p: t.key_phrases(texts, _language(p), strict=True), key_phrases_shape)
register_pair("Syntax", lambda t, texts, p: t.syntax(texts, _language(p), strict=True), syntax_shape)
register_pair("DominantLanguage", lambda t, texts, p: t.dominant_language(texts, strict=True), language_shape)


# Comprehend's PII calls have no batch form.
register_single("DetectPiiEntities", lambda t, texts, p: t.pii(texts, _language(p), strict=True), pii_shape)
register_single("ContainsPiiEntities", lambda t, texts, p: t.pii(texts, _language(p), strict=True), pii_labels_shape)
