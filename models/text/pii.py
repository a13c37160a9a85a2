"""PII entities by Microsoft Presidio's analyzer on the spaCy model we already install.

Presidio's recognizers do the work a PII detector must not guess at: Luhn-checked card numbers, mod-97
IBANs, SSN rules, phone numbers by Google's libphonenumber, IP addresses, e-mail, URLs, US licence,
passport and bank numbers, and spaCy's NER for names, places and dates; context words ("SSN", "card")
raise a match's score. Nothing is fetched at run time: the spaCy pipeline is handed to Presidio loaded
(its own loader would try to download a model), and e-mail domains are checked against tldextract's
bundled Public Suffix List snapshot (its default fetches the list from the internet).

``predict`` returns per text a list of ``{"type", "begin", "end", "score"}`` in Comprehend's PII types,
overlaps resolved (the higher score wins, then the longer span), offsets in code points.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from models.cards import ModelCard
from models.text.spacy_pipeline import load_spacy

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
}
_URL_TAIL = ".,;:!?)]}'\""
# The small spaCy model calls bare digit runs (card fragments, order numbers) DATE: a date span must have a
# word ("May 3", "today"), a separated date (3/5/1984, 1984-05-03) or be a year on its own.
_DATE_SHAPE = re.compile(r"[^\W\d_]|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|^(1[0-9]|20)\d\d$|\d:\d\d")


def plausible_date(text: str) -> bool:
    return bool(_DATE_SHAPE.search(text.strip()))


def resolve(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Non-overlapping spans, best first (score, then length), returned in text order."""
    kept: list[dict[str, Any]] = []
    for span in sorted(found, key=lambda s: (-s["score"], s["begin"] - s["end"], s["begin"])):
        if all(span["end"] <= k["begin"] or span["begin"] >= k["end"] for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s["begin"])


class PresidioPii:
    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.threshold = float(card.options.get("score_threshold", 0.35))
        self.engine: Any = None

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
        nlp.nlp = {"en": load_spacy(self.card, ("lemmatizer",))}
        registry = RecognizerRegistry(supported_languages=["en"])
        registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp)
        registry.remove_recognizer("EmailRecognizer")
        registry.add_recognizer(OfflineEmail())
        registry.add_recognizer(PatternRecognizer(
            supported_entity="AWS_ACCESS_KEY", context=["aws", "access", "key"],
            patterns=[Pattern("AWS access key id", r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b", 0.6)],
        ))
        self.engine = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])

    def unload(self) -> None:
        self.engine = None

    def predict(self, items: list[str]) -> list[list[dict[str, Any]]]:
        return [self._one(text) for text in items]

    def _one(self, text: str) -> list[dict[str, Any]]:
        found = []
        for r in self.engine.analyze(text=text, language="en", entities=list(PII_TYPES), score_threshold=self.threshold):
            begin, end = r.start, r.end
            if r.entity_type == "URL":
                while end > begin and text[end - 1] in _URL_TAIL:
                    end -= 1
            if r.entity_type == "DATE_TIME" and not plausible_date(text[begin:end]):
                continue
            found.append({"type": PII_TYPES[r.entity_type], "begin": begin, "end": end, "score": float(r.score)})
        return resolve(found)
