"""Native REST schemas of translation."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TranslationSettingsBody(_Strict):
    formality: Literal["FORMAL", "INFORMAL"] | None = Field(None, description="Only engines that support it.")
    profanity: Literal["MASK"] | None = Field(None, description="MASK replaces profane words with ?$#@$.")


class TranslateTextRequest(_Strict):
    text: str = Field(min_length=1, description="Up to 10,000 UTF-8 bytes by default.")
    source_language: str = Field("auto", min_length=2, max_length=10, description="A code such as en, or auto.")
    target_language: str = Field(min_length=2, max_length=10)
    terminology_names: list[str] = Field(default_factory=list, max_length=1)
    settings: TranslationSettingsBody = Field(default_factory=TranslationSettingsBody)


class TranslateDocumentRequest(TranslateTextRequest):
    content_type: Literal["text/plain", "text/html"] = "text/plain"


class AppliedTerm(BaseModel):
    source_text: str
    target_text: str


class AppliedTerminology(BaseModel):
    name: str
    terms: list[AppliedTerm]


class TranslationRoute(BaseModel):
    languages: list[str] = Field(description="Source, any pivot language, target (en, es, fr: en->fr through es).")
    engines: list[str] = Field(description="The model card that translated each leg.")


class TranslateTextResponse(BaseModel):
    translated_text: str
    source_language: str = Field(description="The source language, detected when auto was sent.")
    target_language: str
    applied_terminologies: list[AppliedTerminology]
    applied_settings: TranslationSettingsBody
    route: TranslationRoute | None = Field(description="How it was translated; null when source equals target.")


class LanguageInfo(BaseModel):
    code: str
    name: str


class Direction(BaseModel):
    source: str
    target: str
    engine: str


class LanguagesResponse(BaseModel):
    languages: list[LanguageInfo]
    directions: list[Direction] = Field(description="Directions an engine serves directly; others pivot.")


class TerminologyImport(_Strict):
    format: Literal["CSV", "TSV", "TMX"] = "CSV"
    directionality: Literal["UNI", "MULTI"] = "UNI"
    description: str | None = Field(None, max_length=256)
    file: str = Field(min_length=1, description="The file's text: CSV/TSV with a header of language codes, or TMX.")


class TerminologyInfo(BaseModel):
    name: str
    arn: str
    description: str | None
    format: str
    directionality: str
    source_language: str
    target_languages: list[str]
    term_count: int
    skipped_term_count: int
    size_bytes: int
    created_at: float
    updated_at: float


class TerminologyList(BaseModel):
    terminologies: list[TerminologyInfo]


class TranslationJobRequest(_Strict):
    input_uri: str = Field(description="s3://BUCKET/PREFIX: every object under it is translated.")
    output_uri: str = Field(description="s3://BUCKET/PREFIX; outputs go under {account}-TranslateText-{job id}/.")
    content_type: Literal["text/plain", "text/html"] = "text/plain"
    source_language: str = "auto"
    target_languages: list[str] = Field(min_length=1, max_length=10)
    terminology_names: list[str] = Field(default_factory=list, max_length=1)
    settings: TranslationSettingsBody = Field(default_factory=TranslationSettingsBody)
    name: str | None = Field(None, max_length=256)
    client_token: str | None = Field(None, max_length=64, description="The same token returns the same job.")
