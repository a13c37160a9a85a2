"""Native REST schemas for jobs."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from services.jobs.store import Job

JobState = Literal["SUBMITTED", "IN_PROGRESS", "COMPLETED", "FAILED", "STOP_REQUESTED", "STOPPED"]


class PiiRedaction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pii_entity_types: list[str] = Field(["ALL"], min_length=1, description="Comprehend's PII types, or ALL.")
    mask_mode: Literal["MASK", "REPLACE_WITH_PII_ENTITY_TYPE"] = "MASK"
    mask_character: str = Field("*", min_length=1, max_length=1)


class TextJobRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    task: Literal["sentiment", "entities", "key_phrases", "language", "pii", "topics", "classification"]
    input_uri: str = Field(description="s3://BUCKET/PREFIX: every object under it is input.")
    output_uri: str = Field(description="s3://BUCKET/PREFIX where output/output.tar.gz is written.")
    input_format: Literal["ONE_DOC_PER_FILE", "ONE_DOC_PER_LINE"] = "ONE_DOC_PER_FILE"
    language: str | None = Field("en", description="Language of the documents (not used by task=language).")
    name: str | None = Field(None, max_length=256)
    client_token: str | None = Field(None, max_length=64, description="The same token returns the same job.")
    pii_mode: Literal["ONLY_OFFSETS", "ONLY_REDACTION"] = Field(
        "ONLY_OFFSETS", description="task=pii: entity offsets per document, or the documents redacted."
    )
    redaction: PiiRedaction | None = Field(None, description="task=pii with ONLY_REDACTION: what to redact and how.")
    number_of_topics: int = Field(10, ge=1, le=100, description="task=topics: how many topics to find.")
    classifier_arn: str | None = Field(None, description="task=classification: a trained document classifier.")


class JobInfo(BaseModel):
    id: str
    kind: str
    name: str | None
    state: JobState
    items_total: int | None = Field(description="Input items, once listed.")
    items_done: int = Field(description="Items finished (results and per-item errors).")
    items_failed: int
    failure_reason: str | None
    output_uri: str | None
    submitted_at: float
    started_at: float | None
    ended_at: float | None

    @classmethod
    def of(cls, job: Job) -> JobInfo:
        return cls(**{k: getattr(job, k) for k in cls.model_fields})


class JobOutputs(BaseModel):
    objects: list[str] = Field(description="s3:// URIs of what the job wrote, sorted (at most 1,000).")
    truncated: bool


class JobList(BaseModel):
    jobs: list[JobInfo]
