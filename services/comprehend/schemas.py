"""Request and response schemas of text analysis (the native REST API uses them as they are)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Sentiment = Literal["POSITIVE", "NEGATIVE", "NEUTRAL", "MIXED"]
EntityType = Literal[
    "PERSON", "LOCATION", "ORGANIZATION", "COMMERCIAL_ITEM", "EVENT", "DATE", "QUANTITY", "TITLE", "OTHER"
]
PartOfSpeech = Literal[
    "ADJ", "ADP", "ADV", "AUX", "CONJ", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "O", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TextBatchRequest(_Strict):
    texts: list[str] = Field(
        min_length=1, description="Documents to analyse (at most 25 by default; UTF-8 size limits per task)."
    )
    language: str = Field("en", min_length=2, max_length=10, description="Language code of every document, e.g. en.")


class LanguageRequest(_Strict):
    texts: list[str] = Field(min_length=1, description="Documents whose dominant language to detect.")


class ItemError(BaseModel):
    index: int = Field(description="Position of the document in the request.")
    code: str = Field(description="Why this document failed, e.g. text_size_limit_exceeded.")
    message: str


class SentimentScores(BaseModel):
    positive: float
    negative: float
    neutral: float
    mixed: float


class SentimentResult(BaseModel):
    index: int
    sentiment: Sentiment
    scores: SentimentScores


class Entity(BaseModel):
    text: str
    type: EntityType
    begin_offset: int = Field(description="Offset of the first character, in Unicode code points.")
    end_offset: int = Field(description="Offset one past the last character, in Unicode code points.")
    score: float


class EntitiesResult(BaseModel):
    index: int
    entities: list[Entity]


class KeyPhrase(BaseModel):
    text: str
    begin_offset: int
    end_offset: int
    score: float


class KeyPhrasesResult(BaseModel):
    index: int
    key_phrases: list[KeyPhrase]


class SyntaxToken(BaseModel):
    token_id: int = Field(description="1 for the first token of the document.")
    text: str
    begin_offset: int
    end_offset: int
    part_of_speech: PartOfSpeech = Field(description="Universal part-of-speech tag (Comprehend's tag set).")
    score: float = Field(description="The tagger's probability of the tag.")


class SyntaxResult(BaseModel):
    index: int
    tokens: list[SyntaxToken]


class PiiEntity(BaseModel):
    type: str = Field(description="Comprehend's PII entity type: NAME, EMAIL, PHONE, SSN, CREDIT_DEBIT_NUMBER, ...")
    begin_offset: int
    end_offset: int
    score: float


class PiiResult(BaseModel):
    index: int
    entities: list[PiiEntity]


class LanguageScore(BaseModel):
    language_code: str = Field(description="RFC 5646 code, e.g. fr.")
    score: float


class LanguageResult(BaseModel):
    index: int
    languages: list[LanguageScore] = Field(description="Most likely first.")


class SentimentResponse(BaseModel):
    results: list[SentimentResult]
    errors: list[ItemError]


class EntitiesResponse(BaseModel):
    results: list[EntitiesResult]
    errors: list[ItemError]


class KeyPhrasesResponse(BaseModel):
    results: list[KeyPhrasesResult]
    errors: list[ItemError]


class SyntaxResponse(BaseModel):
    results: list[SyntaxResult]
    errors: list[ItemError]


class PiiResponse(BaseModel):
    results: list[PiiResult]
    errors: list[ItemError]


class LanguageResponse(BaseModel):
    results: list[LanguageResult]
    errors: list[ItemError]
