"""Cirrus settings: one class, environment variables ``CIRRUS_*`` (nested with ``__``) and an optional
TOML file (``CIRRUS_CONFIG_FILE`` or ``--config``). Precedence: arguments > environment > file > defaults.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource


class ModelOverride(BaseModel):
    """Changes to one model card, by card name (see ``GET /v1/models``)."""

    source: str | None = Field(None, description="Where the weights come from: package:NAME, path:/dir or hub:org/name.")
    max_batch_size: int | None = Field(None, ge=1, le=4096, description="Most items in one batched call.")
    max_wait_ms: float | None = Field(None, ge=0, le=10_000, description="Longest wait for a batch to fill.")
    max_queue: int | None = Field(None, ge=1, description="Most queued items before requests get 429.")
    max_queue_wait_s: float | None = Field(
        None, gt=0, description="Longest an item waits in the queue before its request gets 429 (default 30)."
    )
    device: str | None = Field(None, description="auto, cpu, cuda or cuda:N.")
    precision: str | None = Field(None, description="auto, fp32 or fp16.")
    idle_unload_s: float | None = Field(
        None, ge=1, description="Unload the model after this many seconds unused; the next request loads it again."
    )
    isolate: bool | None = Field(
        None, description="Run the model in a process of its own: its Python code no longer shares the interpreter "
        "lock with the gateway's (faster under load for Python-heavy backends), at the memory of a second interpreter.",
    )
    parallel: int | None = Field(
        None, ge=1, le=64, description="Batches run side by side, each on its share of the cores (a lone batch gets "
        "all of them). Default: 2 for the PyTorch text models (transformers) on the CPU, 1 for the others (vision's "
        "measured better one at a time).",
    )
    replicas: int | None = Field(None, ge=1, le=1024, description="Ray mode: Serve replicas of this model (default 1).")
    max_replicas: int | None = Field(
        None, ge=1, le=1024, description="Ray mode: autoscale between `replicas` and this many, on requests in flight."
    )
    num_cpus: float | None = Field(
        None, gt=0, description="Ray mode: CPUs each replica reserves (default 0.1); its math threads follow it (at least 1)."
    )
    num_gpus: float | None = Field(
        None, ge=0, description="Ray mode: GPUs each replica reserves (default 0); fractions share a GPU."
    )


class ExtraModel(BaseModel):
    """A model card a user adds (it is tried before the defaults for the languages it names)."""

    name: str
    task: Literal[
        "sentiment", "entities", "key_phrases", "syntax", "pii", "language", "translate", "transcribe", "speech", "labels", "objects",
        "faces", "scene_text", "document_text", "face_emotion",
    ]
    backend: str = Field(description="A registered backend, e.g. transformers-sequence-classification.")
    source: str = Field(description="package:NAME, path:/dir or hub:org/name.")
    languages: list[str] = Field(default_factory=lambda: ["*"])
    max_batch_size: int = Field(32, ge=1, le=4096)
    max_wait_ms: float = Field(5.0, ge=0, le=10_000)
    max_queue: int = Field(1024, ge=1)
    max_queue_wait_s: float = Field(30.0, gt=0)
    device: str = "auto"
    precision: str = "auto"
    isolate: bool = False
    parallel: int = Field(0, ge=0, le=64, description="Batches side by side (0: the backend's default).")
    options: dict[str, Any] = Field(default_factory=dict)


class AuthSettings(BaseModel):
    access_keys: dict[str, SecretStr] = Field(
        default_factory=dict,
        description="AWS access key id -> secret key. When set, SigV4 signatures are verified on the AWS surface "
        "and unknown or bad ones are refused (403). Empty (the embedded default): any signature is accepted.",
    )
    max_clock_skew_s: int = Field(900, ge=1, description="Most a signed request's X-Amz-Date may differ from now.")
    api_keys: dict[str, SecretStr] = Field(
        default_factory=dict,
        description="Key name -> bearer API key for the native /v1 API (`Authorization: Bearer KEY`), for plain "
        "HTTP clients and the console. With access keys or API keys set, every route but /health needs one "
        "of them (SigV4 also works on /v1).",
    )
    regions: list[str] = Field(
        default_factory=list,
        description="Regions a SigV4 credential scope may name. Empty: any region AWS has (from botocore's data).",
    )
    open_metrics: bool = Field(False, description="Serve /metrics without credentials even when keys are set.")
    open_docs: bool = Field(
        False, description="Serve /docs, /redoc and /openapi.json without credentials even when keys are set."
    )

    @property
    def enabled(self) -> bool:
        return bool(self.access_keys or self.api_keys)


class HttpSettings(BaseModel):
    keep_alive_s: float = Field(5, gt=0, description="An idle connection is closed after this long (before its "
                                "first request too).")
    header_timeout_s: float = Field(10, gt=0, description="The request line and headers must arrive within this "
                                    "long of their first byte (408 and a close).")
    body_timeout_s: float = Field(30, gt=0, description="Longest gap between two pieces of a request body (408).")
    body_deadline_s: float = Field(600, gt=0, description="Longest a whole request body may take to arrive (408).")
    max_connections: int = Field(1000, ge=1, description="Concurrent connections and requests; 503 beyond.")


class TextLimits(BaseModel):
    max_batch_documents: int = Field(25, ge=1, le=1000, description="Most documents in one batch request.")
    sentiment_max_bytes: int = Field(5_000, ge=1, description="UTF-8 bytes per document for sentiment.")
    entities_max_bytes: int = Field(5_000, ge=1, description="UTF-8 bytes per document for entities.")
    key_phrases_max_bytes: int = Field(100_000, ge=1, description="UTF-8 bytes per document for key phrases.")
    syntax_max_bytes: int = Field(5_000, ge=1, description="UTF-8 bytes per document for syntax (AWS: 5,000).")
    pii_max_bytes: int = Field(100_000, ge=1, description="UTF-8 bytes per document for PII (AWS: 100 KB).")
    language_max_bytes: int = Field(100_000, ge=1, description="UTF-8 bytes per document for language detection.")


class TranslateSettings(BaseModel):
    max_text_bytes: int = Field(10_000, ge=1, description="UTF-8 bytes per TranslateText request (AWS: 10,000).")
    max_document_bytes: int = Field(102_400, ge=1, description="Bytes per TranslateDocument request (AWS: 100 KB).")
    max_job_document_bytes: int = Field(
        20 * 1024 * 1024, ge=1, description="Bytes per input document of a batch translation job."
    )
    min_detection_confidence: float = Field(
        0.5, ge=0, le=1, description="Below this score SourceLanguageCode=auto is refused (low confidence)."
    )
    apertium_modes_dir: Path = Field(
        Path("/usr/share/apertium/modes"), description="Where installed Apertium pairs' .mode files are."
    )
    max_warm_pipelines: int = Field(
        3, ge=1, description="Apertium directions kept running at once (each is a dozen processes, ~150 MB); past it the "
        "least recently used stops, and starts again on its next request. Each also stops after 10 idle minutes."
    )


class SpeechSettings(BaseModel):
    max_sync_seconds: float = Field(
        300, gt=0, description="Longest audio the synchronous transcription paths accept (longer: use a job)."
    )
    max_job_seconds: float = Field(4 * 3600, gt=0, description="Longest audio a transcription job accepts (AWS: 4 h).")
    max_media_bytes: int = Field(
        2 * 1024 * 1024 * 1024, ge=1, description="Largest media file a transcription job reads (AWS: 2 GB)."
    )
    max_tts_characters: int = Field(3_000, ge=1, description="Billed characters per SynthesizeSpeech (AWS: 3,000).")
    max_tts_total_characters: int = Field(6_000, ge=1, description="All characters, SSML tags included (AWS: 6,000).")
    max_task_characters: int = Field(
        200_000, ge=1, description="Billed characters per speech synthesis task (AWS: 200,000)."
    )
    max_tts_audio_seconds: float = Field(
        4 * 3600, gt=0, description="Longest speech one synthesis request or task may make, estimated before any "
        "audio is rendered (200,000 characters read plainly fit; the samples are held in memory, about 320 MB an "
        "hour at 22,050 Hz).",
    )
    stream_partial_interval_s: float = Field(
        1.0, gt=0, description="Streaming transcription: seconds of new audio between partial results."
    )
    max_streams: int = Field(32, ge=1, description="Streaming transcription sockets open at once (1013 beyond).")
    stream_idle_timeout_s: float = Field(
        20, gt=0, description="A stream that sends nothing for this long is closed (1008)."
    )
    stream_endpoint_silence_s: float = Field(
        0.6, gt=0, description="Streaming transcription: trailing silence that ends an utterance (a final result)."
    )


class JobSettings(BaseModel):
    database_url: str | None = Field(
        None, description="SQLAlchemy URL of the job store; default sqlite:///DATA_DIR/jobs.db. "
        "Postgres: postgresql+psycopg://user:pass@host/db."
    )
    max_concurrent: int = Field(2, ge=1, le=64, description="Jobs running at once.")
    chunks_in_flight: int = Field(
        4, ge=1, le=64, description="Chunks (of 25 items) one job keeps in a model's queue: throughput vs fair share."
    )
    lease_s: float = Field(
        30.0, ge=1, le=3600, description="How long a server's claim on a running job lasts without a heartbeat: "
        "after a server dies, another one resumes its jobs this long after its last heartbeat."
    )
    poll_s: float = Field(2.0, gt=0, le=60, description="How often a server looks for jobs no live server holds.")


class WorkerSettings(BaseModel):
    ray_address: str | None = Field(
        None, description="Run every model card on Ray Serve in this cluster: any address ray.init accepts (auto, "
        "host:6379, ray://host:10001). Unset (the default): models run inside this process.",
    )
    ray_namespace: str = Field("cirrus", description="Ray namespace for Cirrus's helper actors.")
    num_gpus: float = Field(
        0, ge=0, description="GPUs each model replica reserves on Ray unless its card sets num_gpus (0.25: four "
        "models share a GPU). 0: replicas run on CPU nodes.",
    )
    connect_timeout_s: float = Field(
        30, gt=0, le=600, description="Longest `cirrus serve` waits for the Ray cluster at start before it stops with an error."
    )


class BucketSettings(BaseModel):
    s3_endpoint_url: str | None = Field(
        None, description="An S3-compatible endpoint (MinIO, AWS, moto). Unset: buckets are folders in DATA_DIR/buckets."
    )
    region: str = "us-east-1"
    access_key_id: str | None = None
    secret_access_key: SecretStr | None = None
    link_secret: SecretStr | None = Field(
        None, description="Key that signs download links to folder-store objects; unset: a random key kept in "
        "DATA_DIR/link-signing.key."
    )
    link_expires_s: int = Field(900, ge=60, le=7 * 86400, description="How long a download link (presigned or "
                                "signed) stays valid.")


class NotificationSettings(BaseModel):
    sns_endpoint_url: str | None = Field(
        None, description="An SNS endpoint (AWS, LocalStack, moto) where jobs started with a NotificationChannel "
        "publish their completion (signed for the topic ARN's region). Unset: a request with a channel is refused (400).",
    )
    access_key_id: str | None = None
    secret_access_key: SecretStr | None = None


class VisionSettings(BaseModel):
    celebrity_collection: str = Field(
        "celebrities", pattern=r"^[a-zA-Z0-9_.\-]{1,255}$",
        description="The face collection RecognizeCelebrities searches: index each person's photos into it with "
        "IndexFaces, ExternalImageId = their name (underscores for spaces). Absent: every face is unrecognized.",
    )
    celebrity_urls: dict[str, list[str]] = Field(
        default_factory=dict, description="Optional links per gallery name (as written with spaces), returned as Urls."
    )
    video_frames_per_second: float = Field(2.0, gt=0, le=30, description="Frames a video job analyses per second of video.")
    max_video_bytes: int = Field(1024**3, ge=1024, description="Largest stored video a job reads (AWS allows 10 GB).")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CIRRUS_", env_nested_delimiter="__", extra="forbid")

    host: str = Field("127.0.0.1", description="Address `cirrus serve` binds.")
    port: int = Field(8080, ge=1, le=65535, description="Port `cirrus serve` binds.")
    public_url: str | None = Field(
        None, description="The URL clients reach this gateway at (behind a proxy), used in download links; "
        "unset: the host each request named."
    )
    data_dir: Path = Field(Path("./data"), description="Where the job store and bucket folders live.")
    device: Literal["auto", "cpu", "cuda"] = Field("auto", description="Device for every model whose card says auto.")
    load_models: Literal["lazy", "eager"] = Field(
        "lazy", description="lazy: load a model on its first request; eager: load all at start, in the background "
        "(/health answers at once; /ready says not_ready until every model has loaded)."
    )
    batching: bool = Field(True, description="false forces max_batch_size=1 everywhere (to measure batching).")
    max_body_bytes: int = Field(20 * 1024 * 1024, ge=1024, description="Largest request body accepted (413 above).")
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    models: dict[str, ModelOverride] = Field(default_factory=dict, description="Per-card overrides by card name.")
    extra_models: list[ExtraModel] = Field(default_factory=list, description="Model cards to add.")
    disabled_models: list[str] = Field(default_factory=list, description="Default cards to leave out.")
    auth: AuthSettings = Field(default_factory=AuthSettings)
    http: HttpSettings = Field(default_factory=HttpSettings)
    text: TextLimits = Field(default_factory=TextLimits)
    translate: TranslateSettings = Field(default_factory=TranslateSettings)
    speech: SpeechSettings = Field(default_factory=SpeechSettings)
    jobs: JobSettings = Field(default_factory=JobSettings)
    workers: WorkerSettings = Field(default_factory=WorkerSettings)
    buckets: BucketSettings = Field(default_factory=BucketSettings)
    vision: VisionSettings = Field(default_factory=VisionSettings)
    notifications: NotificationSettings = Field(default_factory=NotificationSettings)

    @property
    def jobs_database_url(self) -> str:
        return self.jobs.database_url or f"sqlite:///{(self.data_dir / 'jobs.db').resolve()}"

    @field_validator("data_dir")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        config_file = os.environ.get("CIRRUS_CONFIG_FILE")
        if config_file:
            if not Path(config_file).is_file():
                raise ValueError(f"CIRRUS_CONFIG_FILE={config_file!r} is not a file")
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=config_file))
        return tuple(sources)


@lru_cache
def get_settings() -> Settings:
    return Settings()
