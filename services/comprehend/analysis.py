"""Text analysis (what Comprehend's real-time APIs do): sentiment, entities, key phrases, syntax, dominant
language.

Every task runs the same steps: check the batch, find the model for the language (or refuse the
language), check each document, run the valid ones through the model's batcher, and shape the model's
outputs. With ``strict=True`` (the AWS surface) a bad document fails the whole request, as Comprehend
does; otherwise (the native API) it fails only itself and appears in ``errors``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, get_args

from models.errors import InvalidItem, NoModelForLanguage
from models.registry import ModelRegistry
from services.comprehend.schemas import (
    EntitiesResult,
    Entity,
    ItemError,
    KeyPhrase,
    KeyPhrasesResult,
    LanguageResult,
    LanguageScore,
    PartOfSpeech,
    PiiEntity,
    PiiResult,
    SentimentResult,
    SentimentScores,
    SyntaxResult,
    SyntaxToken,
)
from services.errors import BatchSizeLimitExceeded, InvalidRequest, TextSizeLimitExceeded, UnsupportedLanguage

log = logging.getLogger(__name__)

# Model labels (spaCy OntoNotes and CoNLL-style BIO types) -> Comprehend entity types.
ENTITY_TYPES: dict[str, str] = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "ORG": "ORGANIZATION",
    "ORGANIZATION": "ORGANIZATION",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "LOCATION": "LOCATION",
    "FAC": "LOCATION",
    "PRODUCT": "COMMERCIAL_ITEM",
    "EVENT": "EVENT",
    "DATE": "DATE",
    "TIME": "DATE",
    "QUANTITY": "QUANTITY",
    "MONEY": "QUANTITY",
    "PERCENT": "QUANTITY",
    "CARDINAL": "QUANTITY",
    "ORDINAL": "QUANTITY",
    "WORK_OF_ART": "TITLE",
    "TITLE": "TITLE",
}

SENTIMENTS = ("POSITIVE", "NEGATIVE", "NEUTRAL", "MIXED")


class TextLimitsLike(Protocol):
    max_batch_documents: int
    sentiment_max_bytes: int
    entities_max_bytes: int
    key_phrases_max_bytes: int
    syntax_max_bytes: int
    pii_max_bytes: int
    language_max_bytes: int


@dataclass(frozen=True)
class _Task:
    name: str  # the model registry's task name
    limit_attr: str  # which TextLimits field caps a document


SENTIMENT = _Task("sentiment", "sentiment_max_bytes")
ENTITIES = _Task("entities", "entities_max_bytes")
KEY_PHRASES = _Task("key_phrases", "key_phrases_max_bytes")
SYNTAX = _Task("syntax", "syntax_max_bytes")
PII = _Task("pii", "pii_max_bytes")
LANGUAGE = _Task("language", "language_max_bytes")


def sentiment_result(index: int, scores: dict[str, float]) -> SentimentResult:
    """Normalise a model's label scores onto the four sentiments (labels it lacks score 0)."""
    four = {label: float(scores.get(label, 0.0)) for label in SENTIMENTS}
    total = sum(four.values()) or 1.0
    four = {k: v / total for k, v in four.items()}
    best = max(SENTIMENTS, key=lambda label: four[label])
    return SentimentResult(
        index=index,
        sentiment=best,  # type: ignore[arg-type]
        scores=SentimentScores(
            positive=four["POSITIVE"], negative=four["NEGATIVE"], neutral=four["NEUTRAL"], mixed=four["MIXED"]
        ),
    )


def entities_result(index: int, found: list[dict[str, Any]]) -> EntitiesResult:
    return EntitiesResult(
        index=index,
        entities=[
            Entity(
                text=e["text"],
                type=ENTITY_TYPES.get(e["label"], "OTHER"),  # type: ignore[arg-type]
                begin_offset=e["begin"],
                end_offset=e["end"],
                score=e["score"],
            )
            for e in found
        ],
    )


def key_phrases_result(index: int, found: list[dict[str, Any]]) -> KeyPhrasesResult:
    return KeyPhrasesResult(
        index=index,
        key_phrases=[
            KeyPhrase(text=k["text"], begin_offset=k["begin"], end_offset=k["end"], score=k["score"]) for k in found
        ],
    )


# Comprehend's tag set is the universal one; spaCy's X ("other") and anything unknown are Comprehend's O.
PARTS_OF_SPEECH = frozenset(get_args(PartOfSpeech))


def syntax_result(index: int, found: list[dict[str, Any]]) -> SyntaxResult:
    return SyntaxResult(
        index=index,
        tokens=[
            SyntaxToken(token_id=n, text=t["text"], begin_offset=t["begin"], end_offset=t["end"],
                        part_of_speech=t["pos"] if t["pos"] in PARTS_OF_SPEECH else "O", score=t["score"])
            for n, t in enumerate(found, 1)
        ],
    )


def pii_result(index: int, found: list[dict[str, Any]]) -> PiiResult:
    return PiiResult(index=index, entities=[
        PiiEntity(type=e["type"], begin_offset=e["begin"], end_offset=e["end"], score=e["score"]) for e in found
    ])


MIN_LANGUAGE_SCORE = 0.01  # candidates below this are noise; the best one is always kept


def language_result(index: int, found: list[tuple[str, float]]) -> LanguageResult:
    kept = [(c, s) for i, (c, s) in enumerate(found) if i == 0 or s >= MIN_LANGUAGE_SCORE]
    return LanguageResult(index=index, languages=[LanguageScore(language_code=c, score=s) for c, s in kept])


class TextAnalysis:
    def __init__(self, registry: ModelRegistry, limits: TextLimitsLike) -> None:
        self.registry = registry
        self.limits = limits

    async def sentiment(
        self, texts: Sequence[str], language: str, *, strict: bool = False
    ) -> tuple[list[SentimentResult], list[ItemError]]:
        return await self._analyse(SENTIMENT, texts, language, sentiment_result, strict)

    async def entities(
        self, texts: Sequence[str], language: str, *, strict: bool = False
    ) -> tuple[list[EntitiesResult], list[ItemError]]:
        return await self._analyse(ENTITIES, texts, language, entities_result, strict)

    async def key_phrases(
        self, texts: Sequence[str], language: str, *, strict: bool = False
    ) -> tuple[list[KeyPhrasesResult], list[ItemError]]:
        return await self._analyse(KEY_PHRASES, texts, language, key_phrases_result, strict)

    async def syntax(
        self, texts: Sequence[str], language: str, *, strict: bool = False
    ) -> tuple[list[SyntaxResult], list[ItemError]]:
        return await self._analyse(SYNTAX, texts, language, syntax_result, strict)

    async def pii(
        self, texts: Sequence[str], language: str, *, strict: bool = False
    ) -> tuple[list[PiiResult], list[ItemError]]:
        return await self._analyse(PII, texts, language, pii_result, strict)

    async def dominant_language(
        self, texts: Sequence[str], *, strict: bool = False
    ) -> tuple[list[LanguageResult], list[ItemError]]:
        return await self._analyse(LANGUAGE, texts, None, language_result, strict)

    def languages(self, task: str) -> list[str]:
        return self.registry.languages(task)

    def worker(self, task: str, language: str | None) -> Any:
        """The model worker for a task in a language, or UnsupportedLanguage naming what is available."""
        try:
            return self.registry.for_task(task, language)
        except NoModelForLanguage as exc:
            raise UnsupportedLanguage(
                f"{task} is not available for language {language!r}; "
                f"the loaded models support: {', '.join(exc.supported) or 'none'}",
                supported=exc.supported,
            ) from exc

    def document_problem(self, text: str, task: _Task) -> tuple[str, str] | None:
        """Why a document cannot be analysed, as (code, message), or None."""
        if not isinstance(text, str) or not text:
            return "invalid_request", "the document is empty; send at least one character"
        try:
            size = len(text.encode("utf-8"))
        except UnicodeEncodeError:
            return "invalid_request", "the document is not valid UTF-8 text (it contains an unpaired surrogate)"
        limit = getattr(self.limits, task.limit_attr)
        if size > limit:
            return (
                "text_size_limit_exceeded",
                f"the document is {size} UTF-8 bytes; {task.name} accepts at most {limit} bytes per document",
            )
        return None

    async def _analyse(
        self,
        task: _Task,
        texts: Sequence[str],
        language: str | None,
        shape: Callable[[int, Any], Any],
        strict: bool,
    ) -> tuple[list[Any], list[ItemError]]:
        if not texts:
            raise InvalidRequest("send at least one document")
        if len(texts) > self.limits.max_batch_documents:
            raise BatchSizeLimitExceeded(
                f"{len(texts)} documents sent; at most {self.limits.max_batch_documents} per request",
                limit=self.limits.max_batch_documents,
            )
        worker = self.worker(task.name, language)

        errors: list[ItemError] = []
        valid: list[int] = []
        for i, text in enumerate(texts):
            problem = self.document_problem(text, task)
            if problem is None:
                valid.append(i)
                continue
            code, message = problem
            if strict:
                error = TextSizeLimitExceeded if code == "text_size_limit_exceeded" else InvalidRequest
                raise error(f"document {i}: {message}", index=i)
            errors.append(ItemError(index=i, code=code, message=message))

        outcomes = await worker.run([texts[i] for i in valid]) if valid else []
        results = []
        for i, outcome in zip(valid, outcomes, strict=True):
            if isinstance(outcome, InvalidItem):
                errors.append(ItemError(index=i, code="invalid_request", message=str(outcome)))
            elif isinstance(outcome, Exception):
                log.error("%s failed on document %d: %r", worker.card.name, i, outcome)
                errors.append(ItemError(index=i, code="internal_error", message="the model failed on this document"))
            else:
                results.append(shape(i, outcome))
        errors.sort(key=lambda e: e.index)
        return results, errors
