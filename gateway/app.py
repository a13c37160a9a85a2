"""The app factory: settings -> model registry -> services -> routers, in one place."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

import gateway.aws.comprehend
import gateway.aws.comprehend_classifiers
import gateway.aws.comprehend_jobs
import gateway.aws.forecast
import gateway.aws.rekognition
import gateway.aws.rekognition_faces
import gateway.aws.rekognition_video
import gateway.aws.textract
import gateway.aws.transcribe
import gateway.aws.translate
import gateway.aws.translate_jobs  # noqa: F401
from cirrus.settings import Settings, get_settings
from gateway import links
from gateway.auth import AuthMiddleware
from gateway.aws import personalize as aws_personalize
from gateway.aws import polly, protocol
from gateway.errors import install_error_handlers
from gateway.links import LinkSigner
from gateway.middleware import GatewayMiddleware
from gateway.routers import classifiers as classifier_routes
from gateway.routers import console, jobs, speech, system, text, translate, vision
from gateway.routers import documents as documents_routes
from gateway.routers import faces as faces_routes
from gateway.routers import forecast as forecast_routes
from gateway.routers import personalize as personalize_routes
from gateway.speech_stream import StreamLimit
from models import regex_cache
from models.cards import ModelCard
from models.ray.workers import RayCluster
from models.registry import ModelRegistry, build_registry
from services.buckets import build_buckets
from services.comprehend.analysis import TextAnalysis
from services.comprehend.classifiers import ClassificationJobHandler, Classifiers
from services.comprehend.jobs import KINDS, handler_for
from services.comprehend.pii import span_finder
from services.documents.jobs import ANALYSIS_JOB, TEXT_JOB, DocumentJobHandler
from services.documents.service import Documents
from services.forecast.service import ForecastService
from services.jobs.notifications import SnsNotifier
from services.jobs.runner import JobRunner
from services.jobs.store import JobStore
from services.personalize.service import PersonalizeService
from services.resources import ResourceStore
from services.speech.diarization import speaker_embedder
from services.speech.lexicons import Lexicons
from services.speech.synthesis_tasks import JOB_KIND as SYNTHESIS_TASK
from services.speech.synthesis_tasks import SynthesisTaskHandler
from services.speech.transcribe import Transcriber
from services.speech.transcribe_jobs import JOB_KIND as TRANSCRIBE_JOB
from services.speech.transcribe_jobs import TranscriptionJobHandler, Vocabularies
from services.speech.tts import Synthesizer
from services.speech.vocabulary_filters import VocabularyFilters
from services.translate.jobs import JOB_KIND as TRANSLATE_JOB
from services.translate.jobs import TranslationJobHandler
from services.translate.service import Translator
from services.translate.terminology import Terminologies
from services.vision.collections import FaceCollections
from services.vision.identity import FACE_MODEL_VERSION, FaceIdentity
from services.vision.service import Vision
from services.vision.video_jobs import JOB_KIND as VIDEO_JOB
from services.vision.video_jobs import VideoJobHandler

log = logging.getLogger(__name__)


async def _evict_idle_models(registry: ModelRegistry, caps: dict[str, int], every_s: float = 5.0) -> None:
    """Unload idle models (cards with idle_unload_s) and Apertium directions beyond the warm cap."""
    while True:
        await asyncio.sleep(every_s)
        try:
            await registry.evict(caps)
        except Exception:  # the reaper must outlive one bad unload
            log.exception("unloading idle models failed")


def registry_from_settings(settings: Settings) -> ModelRegistry:
    extra = [ModelCard(**{**m.model_dump(), "languages": tuple(m.languages)}) for m in settings.extra_models]
    w = settings.workers
    return build_registry(
        extra_cards=extra,
        overrides={name: o.model_dump(exclude_none=True) for name, o in settings.models.items()},
        disabled=settings.disabled_models,
        device=None if settings.device == "auto" else settings.device,
        batching=settings.batching,
        apertium_modes=settings.translate.apertium_modes_dir,
        model_dir=settings.data_dir / "models",
        cluster=RayCluster(w.ray_address, w.ray_namespace, w.connect_timeout_s) if w.ray_address else None,
        num_gpus=w.num_gpus,
    )


def _operation_id(route: APIRoute) -> str:
    """Clean client method names: the route function's name (detect_sentiment, list_models, ...)."""
    return route.name


def _with_binary_uploads(app: FastAPI) -> None:
    """Mark file uploads ``format: binary`` as well as OpenAPI 3.1's ``contentMediaType``: client generators
    (openapi-python-client among them) read the former and would otherwise send a file as a text field."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            for component in schema.get("components", {}).get("schemas", {}).values():
                for prop in component.get("properties", {}).values():
                    if prop.get("contentMediaType") == "application/octet-stream":
                        prop["format"] = "binary"
        return app.openapi_schema or build()

    app.openapi = openapi  # type: ignore[method-assign]


def create_app(settings: Settings | None = None, registry: ModelRegistry | None = None) -> FastAPI:
    settings = settings or get_settings()
    registry = registry or registry_from_settings(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if not settings.auth.enabled:
            log.warning("no access keys or API keys configured: every request is accepted unsigned "
                        "(set CIRRUS_AUTH__ACCESS_KEYS / CIRRUS_AUTH__API_KEYS before serving beyond 127.0.0.1)")
        await registry.start()  # Ray mode: connects to the cluster, or stops the server with the reason
        regex_cache.install(settings.data_dir / "models" / "regex")  # big patterns models compile, once
        # eager loading runs in the background: /health answers at once, /ready waits for it
        caps = {"apertium": settings.translate.max_warm_pipelines}
        eager = asyncio.create_task(registry.load_all(caps)) if settings.load_models == "eager" else None
        reaper = asyncio.create_task(_evict_idle_models(registry, caps))
        await runner.start()  # resumes jobs a crash or a restart left unfinished
        await forecast.store.resume()
        await personalize.store.resume()
        await classifiers.store.resume()
        warming = asyncio.create_task(asyncio.to_thread(faces.collections.warm))  # face indexes, in the background
        yield
        for task in (warming, eager, reaper):
            if task is not None and not task.done():
                task.cancel()
        await classifiers.store.shutdown()
        faces.collections.close()
        classifiers.close()
        await personalize.store.shutdown()
        await forecast.store.shutdown()
        forecast.close()
        await runner.shutdown()
        await registry.close()
        regex_cache.uninstall()

    app = FastAPI(
        title="Cirrus",
        version="0.1.0",
        summary="Self-hosted AI services: text, translation, speech, vision, documents, batch jobs, Forecast, Personalize.",
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
    )
    app.state.settings = settings
    app.state.streams = StreamLimit(settings.speech.max_streams)
    app.state.registry = registry
    app.state.text = text_service = TextAnalysis(registry, settings.text)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    b = settings.buckets
    secret = b.secret_access_key.get_secret_value() if b.secret_access_key else None
    app.state.buckets = buckets = build_buckets(
        settings.data_dir / "buckets", b.s3_endpoint_url, b.region, b.access_key_id, secret
    )
    n = settings.notifications
    app.state.notifier = notifier = SnsNotifier(
        n.sns_endpoint_url, n.access_key_id,
        n.secret_access_key.get_secret_value() if n.secret_access_key else None,
    ) if n.sns_endpoint_url else None
    app.state.links = LinkSigner.for_data_dir(
        settings.data_dir, b.link_secret.get_secret_value() if b.link_secret else None, b.link_expires_s
    )
    j = settings.jobs
    app.state.runner = runner = JobRunner(JobStore(settings.jobs_database_url), j.max_concurrent, j.chunks_in_flight,
                                          notifier, lease_s=j.lease_s, poll_s=j.poll_s)
    for kind, spec in KINDS.items():
        handler = handler_for(spec, text_service, buckets)
        if handler is not None:
            runner.register(kind, handler)
    app.state.classifiers = classifiers = Classifiers(
        ResourceStore(runner.store.engine, "comprehend", lease_s=j.lease_s, poll_s=j.poll_s), buckets, registry, settings.data_dir
    )
    runner.register("comprehend.classification", ClassificationJobHandler(KINDS["comprehend.classification"],
                                                                          classifiers, buckets))
    app.state.forecast = forecast = ForecastService(
        ResourceStore(runner.store.engine, "forecast", lease_s=j.lease_s, poll_s=j.poll_s), buckets, settings.data_dir
    )
    app.state.personalize = personalize = PersonalizeService(
        ResourceStore(runner.store.engine, "personalize", lease_s=j.lease_s, poll_s=j.poll_s), buckets, settings.data_dir
    )
    app.state.translate = translator = Translator(
        registry, text_service, Terminologies(ResourceStore(runner.store.engine, "translate")), settings.translate
    )
    runner.register(TRANSLATE_JOB, TranslationJobHandler(translator, buckets, settings.translate.max_job_document_bytes))
    sp = settings.speech
    app.state.transcriber = transcriber = Transcriber(registry, sp.max_sync_seconds)
    app.state.vocabularies = Vocabularies(ResourceStore(runner.store.engine, "transcribe"), buckets)
    app.state.vocabulary_filters = VocabularyFilters(ResourceStore(runner.store.engine, "transcribe"), buckets)
    app.state.embed_speakers = speaker_embedder(registry)
    runner.register(TRANSCRIBE_JOB, TranscriptionJobHandler(transcriber, buckets, sp.max_job_seconds, sp.max_media_bytes,
                                                            span_finder(text_service), app.state.embed_speakers))
    app.state.tts = tts = Synthesizer(
        registry, Lexicons(ResourceStore(runner.store.engine, "polly")), sp.max_tts_characters,
        sp.max_tts_total_characters, sp.max_task_characters, sp.max_tts_audio_seconds,
    )
    runner.register(SYNTHESIS_TASK, SynthesisTaskHandler(tts, buckets))
    app.state.vision = vision_service = Vision(registry)
    app.state.faces = faces = FaceIdentity(
        vision_service, FaceCollections(runner.store.engine, FACE_MODEL_VERSION, settings.data_dir / "face-indexes"), settings.vision.celebrity_collection,
        settings.vision.celebrity_urls,
    )
    app.state.documents = documents = Documents(vision_service)
    for kind in (TEXT_JOB, ANALYSIS_JOB):
        runner.register(kind, DocumentJobHandler(kind, documents, buckets))
    runner.register(VIDEO_JOB, VideoJobHandler(vision_service, faces, buckets, settings.vision.video_frames_per_second,
                                               settings.vision.max_video_bytes))
    install_error_handlers(app)
    aws_routes = [*protocol.router.routes, *polly.router.routes, *aws_personalize.runtime.routes]
    app.add_middleware(AuthMiddleware, settings=settings, aws_routes=aws_routes)  # inside the body cap
    app.add_middleware(GatewayMiddleware, max_body_bytes=settings.max_body_bytes,
                       body_timeout_s=settings.http.body_timeout_s, body_deadline_s=settings.http.body_deadline_s)
    # The AWS JSON protocols' one route (POST /, every Comprehend, Rekognition, Textract... call) comes first:
    # FastAPI tries routes in order at ~5 us each, and last of ~250 it cost each AWS call 1-2 ms of the event
    # loop's time, as much as the rest of a DetectModerationLabels request's handling there.
    app.include_router(protocol.router)
    app.include_router(system.router)
    app.include_router(system.models_router)
    app.include_router(text.router)
    app.include_router(translate.router)
    app.include_router(jobs.router)
    app.include_router(speech.router)
    app.include_router(vision.router)
    app.include_router(faces_routes.router)
    app.include_router(documents_routes.router)
    app.include_router(polly.router)
    for module in (forecast_routes, personalize_routes, classifier_routes):
        app.include_router(module.router)
        app.include_router(module.resources)
    app.include_router(links.router)
    app.include_router(console.router)
    app.include_router(aws_personalize.runtime)
    _with_binary_uploads(app)
    return app
