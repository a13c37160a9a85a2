"""spaCy pipelines: named entities (with beam-search confidences), key phrases (noun chunks) and syntax
(universal part-of-speech tags), in every language with a spaCy package installed.

spaCy's greedy NER gives no confidence, so a beam search over the same model scores each entity of the
greedy decode by its marginal probability across the beam (the summed probability of the parses that
contain that span with that label; an entity the beam never proposes scores 0). Key phrases are the parser's noun chunks, scored by the tagger's
probability that every token of the chunk carries the tag it was given. Syntax tokens carry the universal
tag spaCy derives from its fine-grained tag (English) or its morphologizer's label (French and most other
languages), scored by that component's probability of the label it chose.

The cards of one language share one loaded pipeline (``SharedPipeline``): the entities, key-phrase, syntax
and PII cards name the same package, and each copy would cost 30-50 MB and ~2 s of a start-up's interpreter
lock. Each card runs only the components it needs (``nlp.pipe(disable=...)``), one card at a time, under
the pipeline's lock. A card's ``options.exclude`` names components never loaded (default: the lemmatizer,
which no task here reads but PII's context words; French's lookup tables are 140 MB).
"""

from __future__ import annotations

import json
import re
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from models.cards import ModelCard
from models.errors import ModelNotReady
from models.imports import skip_optional_import
from models.sources import local_path

# spaCy imports every package's spaCy factories when it builds a pipeline, presidio's among them, which would
# import transformers for engines nothing here uses (models/imports.py), and torch to pick those engines' device
skip_optional_import("transformers", package="presidio_analyzer")
skip_optional_import("torch", package="presidio_analyzer")

BACKENDS = ("spacy-ner", "spacy-noun-chunks", "spacy-syntax", "presidio-pii")  # the cards that load a pipeline
TORCH_PLUGINS = ("spacy-transformers", "spacy-curated-transformers")  # what a pipeline on PyTorch requires


def needs_torch(card: ModelCard) -> bool:
    """Whether a card's pipeline runs on PyTorch: its package's ``meta.json`` requires a transformer plugin."""
    try:
        meta = json.loads((local_path(card) / "meta.json").read_text())
    except (ModelNotReady, OSError, ValueError):
        return False  # the load says what is wrong with the source
    names = (re.split(r"[^A-Za-z0-9._-]", str(r), maxsplit=1)[0] for r in meta.get("requirements") or [])
    return any(name.lower().replace("_", "-") in TORCH_PLUGINS for name in names)


def keep_torch_from_thinc(cards: Iterable[ModelCard]) -> None:
    """thinc imports torch on its own import whenever it is installed (~2 s of a 2-core start-up's
    interpreter lock, every other load waiting) for pipelines that run on it; spaCy's own CNN pipelines never
    do. Unless a card's pipeline does, thinc takes its ``except ImportError`` branch while torch is not
    loaded (models/imports.py). Decided once for all the cards, before any pipeline loads: a thinc imported
    without torch cannot take it up later."""
    if not any(needs_torch(card) for card in cards if card.backend in BACKENDS):
        skip_optional_import("torch", package="thinc")


def load_spacy(card: ModelCard, disable: tuple[str, ...]) -> Any:
    import spacy

    if card.source_kind in ("package", "path"):
        return spacy.load(card.source_ref, exclude=list(disable))
    raise ModelNotReady(card.name, f"spaCy loads an installed package or a local path, not {card.source!r}")


@dataclass
class SharedPipeline:
    """One loaded pipeline, used by every card that names its source; freed when the last one unloads."""

    nlp: Any
    lock: threading.Lock = field(default_factory=threading.Lock)
    users: int = 0


_SHARED: dict[tuple[str, tuple[str, ...]], SharedPipeline] = {}
_SHARED_LOCK = threading.Lock()


def spacy_exclude(card: ModelCard, default: tuple[str, ...] = ("lemmatizer",)) -> tuple[str, ...]:
    """The components a card's pipeline leaves out (``options.exclude``, else the backend's default): the key,
    with the source, under which cards share one pipeline."""
    return tuple(sorted(card.options.get("exclude", default)))


def acquire_spacy(card: ModelCard, exclude: tuple[str, ...]) -> SharedPipeline:
    key = (card.source, exclude)
    with _SHARED_LOCK:  # two cards loading at once load once
        shared = _SHARED.get(key)
        if shared is None:
            shared = _SHARED[key] = SharedPipeline(load_spacy(card, exclude))
        shared.users += 1
        return shared


def release_spacy(card: ModelCard, exclude: tuple[str, ...]) -> None:
    key = (card.source, exclude)
    with _SHARED_LOCK:
        shared = _SHARED.get(key)
        if shared is not None:
            shared.users -= 1
            if shared.users <= 0:
                del _SHARED[key]


class _SpacyBackend:
    imports = ("spacy",)
    needs: tuple[str, ...] = ()  # the components the task reads beyond tokens and tags

    OPTIONAL = ("ner", "parser", "lemmatizer")

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.shared: SharedPipeline | None = None
        self.batch_tokens = int(card.options.get("batch_size", 64))
        self.exclude = spacy_exclude(card)

    @property
    def nlp(self) -> Any:
        if self.shared is None:
            raise ModelNotReady(self.card.name, "not loaded")
        return self.shared.nlp

    def load(self, device: str, precision: str) -> None:
        if device.startswith("cuda"):
            import spacy

            spacy.prefer_gpu()
        if self.shared is None:
            self.shared = acquire_spacy(self.card, self.exclude)
        missing = [name for name in self.needs if name not in self.shared.nlp.pipe_names]
        if missing:
            self.unload()
            raise ModelNotReady(self.card.name, f"the spaCy pipeline {self.card.source_ref!r} has no {', '.join(missing)}")

    def unload(self) -> None:
        if self.shared is not None:
            self.shared = None
            release_spacy(self.card, self.exclude)

    def predict(self, items: list[str]) -> list[Any]:
        shared = self.shared
        if shared is None:
            raise ModelNotReady(self.card.name, "not loaded")
        skip = [name for name in self.OPTIONAL if name not in self.needs and name in shared.nlp.pipe_names]
        with shared.lock:  # spaCy does not promise that one pipeline may run in two threads at once
            docs = list(shared.nlp.pipe(items, batch_size=self.batch_tokens, disable=skip))
            return self.shape(shared.nlp, docs)

    def shape(self, nlp: Any, docs: list[Any]) -> list[Any]:
        raise NotImplementedError


class SpacyEntities(_SpacyBackend):
    """Returns per text a list of ``{"text", "label", "begin", "end", "score"}`` (spaCy labels).

    The entities are the greedy decode the model was trained for; the beam only scores them.
    """

    needs = ("ner",)

    def shape(self, nlp: Any, docs: list[Any]) -> list[list[dict[str, Any]]]:
        ner = nlp.get_pipe("ner")
        beam_width = int(self.card.options.get("beam_width", 16))
        beams = ner.beam_parse(docs, beam_width=beam_width, beam_density=0.0001)
        return [self._entities(doc, ner.moves.get_beam_parses(beam)) for doc, beam in zip(docs, beams, strict=True)]

    @staticmethod
    def _entities(doc: Any, parses: list[tuple[float, list[tuple[int, int, str]]]]) -> list[dict[str, Any]]:
        marginals: dict[tuple[int, int, str], float] = defaultdict(float)
        for prob, ents in parses:
            for start, end, label in ents:
                marginals[(start, end, label)] += prob
        return [
            {
                "text": ent.text,
                "label": ent.label_,
                "begin": ent.start_char,
                "end": ent.end_char,
                "score": min(1.0, marginals[(ent.start, ent.end, ent.label_)]),
            }
            for ent in doc.ents
        ]


def tag_confidence(nlp: Any, docs: list[Any]) -> list[np.ndarray]:
    """Per document, per token: the probability of the tag it was given (softmax of the scores of the
    component that chose it: the tagger where there is one, else the morphologizer, whose label carries the
    universal tag with the morphology)."""
    tagger = "tagger" if "tagger" in nlp.pipe_names else "morphologizer"
    out = []
    for doc_logits in nlp.get_pipe(tagger).model.predict(docs):
        logits = np.asarray(doc_logits)
        if logits.size == 0:
            out.append(np.zeros(0))
            continue
        shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
        out.append((shifted / shifted.sum(axis=1, keepdims=True)).max(axis=1))
    return out


class SpacyKeyPhrases(_SpacyBackend):
    """Returns per text a list of ``{"text", "begin", "end", "score"}`` noun chunks."""

    needs = ("parser",)
    SKIP_POS = frozenset({"PRON", "DET"})

    def shape(self, nlp: Any, docs: list[Any]) -> list[list[dict[str, Any]]]:
        return [self._phrases(doc, conf) for doc, conf in zip(docs, tag_confidence(nlp, docs), strict=True)]

    def _phrases(self, doc: Any, token_conf: np.ndarray) -> list[dict[str, Any]]:
        if len(doc) == 0:
            return []
        out = []
        for chunk in doc.noun_chunks:
            if all(tok.pos_ in self.SKIP_POS for tok in chunk):
                continue  # "it", "this": not a key phrase
            out.append(
                {
                    "text": chunk.text,
                    "begin": chunk.start_char,
                    "end": chunk.end_char,
                    "score": float(np.prod(token_conf[chunk.start : chunk.end])),
                }
            )
        return out


class SpacySyntax(_SpacyBackend):
    """Returns per text a list of ``{"text", "begin", "end", "pos", "score"}`` tokens (universal POS tags;
    whitespace tokens are left out, as Comprehend does)."""

    def shape(self, nlp: Any, docs: list[Any]) -> list[list[dict[str, Any]]]:
        return [
            [{"text": tok.text, "begin": tok.idx, "end": tok.idx + len(tok.text), "pos": tok.pos_,
              "score": float(conf[tok.i])} for tok in doc if not tok.is_space]
            for doc, conf in zip(docs, tag_confidence(nlp, docs), strict=True)
        ]
