"""Native REST schemas for jobs."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from services.jobs.store import Job

JobState = Literal["SUBMITTED", "IN_PROGRESS", "COMPLETED", "FAILED", "STOP_REQUESTED", "STOPPED"]


class TextJobRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    task: Literal["sentiment", "entities", "key_phrases", "language"]
    input_uri: str = Field(description="s3://BUCKET/PREFIX: every object under it is input.")
    output_uri: str = Field(description="s3://BUCKET/PREFIX where output/output.tar.gz is written.")
    input_format: Literal["ONE_DOC_PER_FILE", "ONE_DOC_PER_LINE"] = "ONE_DOC_PER_FILE"
    language: str | None = Field("en", description="Language of the documents (not used by task=language).")
    name: str | None = Field(None, max_length=256)
    client_token: str | None = Field(None, max_length=64, description="The same token returns the same job.")


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


class JobList(BaseModel):
    jobs: list[JobInfo]
