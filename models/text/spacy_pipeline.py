"""spaCy pipelines: named entities (with beam-search confidences), key phrases (noun chunks) and syntax
(universal part-of-speech tags).

spaCy's greedy NER gives no confidence, so a beam search over the same model scores each entity of the
greedy decode by its marginal probability across the beam (the summed probability of the parses that
contain that span with that label; an entity the beam never proposes scores 0). Key phrases are the parser's noun chunks, scored by the tagger's
probability that every token of the chunk carries the tag it was given. Syntax tokens carry the universal
tag spaCy derives from its fine-grained tag, scored by the tagger's probability of that fine tag.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

from models.cards import ModelCard
from models.errors import ModelNotReady


def load_spacy(card: ModelCard, disable: tuple[str, ...]) -> Any:
    import spacy

    if card.source_kind in ("package", "path"):
        return spacy.load(card.source_ref, exclude=list(disable))
    raise ModelNotReady(card.name, f"spaCy loads an installed package or a local path, not {card.source!r}")


class _SpacyBackend:
    imports = ("spacy",)
    exclude: tuple[str, ...] = ()

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.nlp: Any = None
        self.batch_tokens = int(card.options.get("batch_size", 64))

    def load(self, device: str, precision: str) -> None:
        if device.startswith("cuda"):
            import spacy

            spacy.prefer_gpu()
        self.nlp = load_spacy(self.card, self.exclude)

    def unload(self) -> None:
        self.nlp = None


class SpacyEntities(_SpacyBackend):
    """Returns per text a list of ``{"text", "label", "begin", "end", "score"}`` (spaCy labels).

    The entities are the greedy decode the model was trained for; the beam only scores them.
    """

    exclude = ("lemmatizer",)

    def predict(self, items: list[str]) -> list[list[dict[str, Any]]]:
        ner = self.nlp.get_pipe("ner")
        beam_width = int(self.card.options.get("beam_width", 16))
        docs = list(self.nlp.pipe(items, batch_size=self.batch_tokens))
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
    """Per document, per token: the tagger's probability of the tag it assigned (softmax of its scores)."""
    out = []
    for doc_logits in nlp.get_pipe("tagger").model.predict(docs):
        logits = np.asarray(doc_logits)
        if logits.size == 0:
            out.append(np.zeros(0))
            continue
        shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
        out.append((shifted / shifted.sum(axis=1, keepdims=True)).max(axis=1))
    return out


class SpacyKeyPhrases(_SpacyBackend):
    """Returns per text a list of ``{"text", "begin", "end", "score"}`` noun chunks."""

    exclude = ("ner", "lemmatizer")
    SKIP_POS = frozenset({"PRON", "DET"})

    def predict(self, items: list[str]) -> list[list[dict[str, Any]]]:
        docs = list(self.nlp.pipe(items, batch_size=self.batch_tokens))
        return [self._phrases(doc, conf) for doc, conf in zip(docs, tag_confidence(self.nlp, docs), strict=True)]

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

    exclude = ("ner", "parser", "lemmatizer")

    def predict(self, items: list[str]) -> list[list[dict[str, Any]]]:
        docs = list(self.nlp.pipe(items, batch_size=self.batch_tokens))
        return [
            [{"text": tok.text, "begin": tok.idx, "end": tok.idx + len(tok.text), "pos": tok.pos_,
              "score": float(conf[tok.i])} for tok in doc if not tok.is_space]
            for doc, conf in zip(docs, tag_confidence(self.nlp, docs), strict=True)
        ]
