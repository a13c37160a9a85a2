"""Comprehend's wire shapes for text results, used by the AWS surface and by the job output files."""

from __future__ import annotations

from typing import Any

from services.comprehend.schemas import (
    EntitiesResult,
    KeyPhrasesResult,
    LanguageResult,
    PiiResult,
    SentimentResult,
    SyntaxResult,
)


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


def syntax_shape(r: SyntaxResult) -> dict[str, Any]:
    return {
        "SyntaxTokens": [
            {"TokenId": t.token_id, "Text": t.text, "BeginOffset": t.begin_offset, "EndOffset": t.end_offset,
             "PartOfSpeech": {"Tag": t.part_of_speech, "Score": t.score}}
            for t in r.tokens
        ]
    }


def pii_shape(r: PiiResult) -> dict[str, Any]:
    return {
        "Entities": [
            {"Score": e.score, "Type": e.type, "BeginOffset": e.begin_offset, "EndOffset": e.end_offset}
            for e in r.entities
        ]
    }


def pii_labels_shape(r: PiiResult) -> dict[str, Any]:
    """ContainsPiiEntities: each type found, with its best score."""
    best: dict[str, float] = {}
    for e in r.entities:
        best[e.type] = max(best.get(e.type, 0.0), e.score)
    return {"Labels": [{"Name": name, "Score": score} for name, score in sorted(best.items(), key=lambda x: -x[1])]}


def language_shape(r: LanguageResult) -> dict[str, Any]:
    return {"Languages": [{"LanguageCode": lang.language_code, "Score": lang.score} for lang in r.languages]}
