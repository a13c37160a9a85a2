"""The translator: which engine serves a direction, and the steps every translation goes through.

Routing: the first model card that serves source -> target directly; otherwise a pivot through one
shared language (en -> fr as en -> es -> fr), reported in the result. Text is split into sentences (HTML
into text nodes, then sentences); every sentence of a request goes to the engine's batcher at once, so
sentences from concurrent requests share batches. Terms of the named terminologies are protected by
placeholders and put back after translation; when an engine loses a placeholder, the text around the
term is translated on its own and the target term joined in, so each term found is always enforced.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from models.errors import InvalidItem
from models.registry import ModelRegistry
from models.worker import ModelWorker
from services.comprehend.analysis import TextAnalysis
from services.errors import (
    DetectedLanguageLowConfidence,
    InvalidRequest,
    LimitExceeded,
    TextSizeLimitExceeded,
    UnsupportedLanguagePair,
    UnsupportedSettings,
)
from services.translate import markup, profanity
from services.translate.terminology import _SLOT, Matcher, Protected, Terminologies, protect, restore

log = logging.getLogger(__name__)

TASK = "translate"
LANGUAGE_NAMES = {
    "af": "Afrikaans", "an": "Aragonese", "be": "Belarusian", "bg": "Bulgarian", "br": "Breton", "ca": "Catalan",
    "da": "Danish", "de": "German", "en": "English", "eo": "Esperanto", "es": "Spanish", "eu": "Basque",
    "fr": "French", "gl": "Galician", "hi": "Hindi", "is": "Icelandic", "it": "Italian", "ja": "Japanese",
    "mk": "Macedonian", "nb": "Norwegian Bokmål", "nl": "Dutch", "nn": "Norwegian Nynorsk", "oc": "Occitan",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sc": "Sardinian", "sl": "Slovenian",
    "sv": "Swedish", "uk": "Ukrainian", "ur": "Urdu", "zh": "Chinese",
}
CONTENT_TYPES = ("text/plain", "text/html")
PIVOT_PREFERENCE = ("en", "es")
SLICE = 128  # sentences one call puts in a model's queue at once


class TranslateLimitsLike(Protocol):
    max_text_bytes: int
    max_document_bytes: int
    min_detection_confidence: float


@dataclass(frozen=True)
class Settings:
    formality: str | None = None
    profanity: str | None = None
    brevity: str | None = None

    def applied(self) -> dict[str, str]:
        named = {"Formality": self.formality, "Profanity": self.profanity, "Brevity": self.brevity}
        return {k: v for k, v in named.items() if v}


@dataclass
class Route:
    languages: list[str]  # [source, (pivot,) target]
    legs: list[ModelWorker]

    @property
    def engines(self) -> list[str]:
        return [w.card.name for w in self.legs]


@dataclass
class Translation:
    text: str
    source: str
    target: str
    route: Route | None
    applied_terminologies: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    characters: int = 0


class Translator:
    def __init__(
        self, registry: ModelRegistry, text: TextAnalysis, terminologies: Terminologies, limits: TranslateLimitsLike
    ) -> None:
        self.registry = registry
        self.text = text
        self.terminologies = terminologies
        self.limits = limits

    # -- what is installed --------------------------------------------------------------------------------
    def directions(self) -> dict[tuple[str, str], ModelWorker]:
        """Every direction an installed engine serves directly (user cards first win)."""
        found: dict[tuple[str, str], ModelWorker] = {}
        for worker in self.registry.for_task_all(TASK):
            for source, target in worker.card.options.get("pairs", []):
                found.setdefault((source, target), worker)
        return found

    def languages(self) -> list[str]:
        return sorted({lang for pair in self.directions() for lang in pair})

    def route(self, source: str, target: str) -> Route:
        direct = self.directions()
        if (source, target) in direct:
            return Route([source, target], [direct[(source, target)]])
        pivots = sorted({t for s, t in direct if s == source and (t, target) in direct},
                        key=lambda p: (p not in PIVOT_PREFERENCE, PIVOT_PREFERENCE.index(p) if p in PIVOT_PREFERENCE else 0, p))
        if pivots:
            p = pivots[0]
            return Route([source, p, target], [direct[(source, p)], direct[(p, target)]])
        installed = ", ".join(f"{s}-{t}" for s, t in sorted(direct)) or "none (install apertium language pairs)"
        raise UnsupportedLanguagePair(
            f"no engine translates {source} to {target}, directly or through one shared language; "
            f"installed directions: {installed}",
            aws_fields={"SourceLanguageCode": source, "TargetLanguageCode": target},
        )

    # -- checks -------------------------------------------------------------------------------------------
    def check_settings(self, settings: Settings, route: Route) -> None:
        last = route.legs[-1].card
        if settings.formality:
            if settings.formality not in ("FORMAL", "INFORMAL"):
                raise InvalidRequest(f"Formality must be FORMAL or INFORMAL, not {settings.formality!r}")
            if settings.formality not in last.options.get("formality_prefix", {}):
                raise UnsupportedSettings(
                    f"Formality is not supported into {route.languages[-1]} by {last.name} ({last.backend}); "
                    "leave it out, or add a model card whose options give formality_prefix"
                )
        if settings.profanity:
            if settings.profanity != "MASK":
                raise InvalidRequest(f"Profanity must be MASK, not {settings.profanity!r}")
            if not profanity.supports(route.languages[-1]):
                raise UnsupportedSettings(f"Profanity masking has no word list for {route.languages[-1]}")
        if settings.brevity:
            raise UnsupportedSettings("Brevity is not supported by any installed engine; leave it out")

    async def detect(self, text: str) -> str:
        results, errors = await self.text.dominant_language([text[:2000]])
        if errors or not results:
            raise InvalidRequest("the text is empty; there is no language to detect")
        best = results[0].languages[0]
        if best.score < self.limits.min_detection_confidence:
            raise DetectedLanguageLowConfidence(
                f"the source language could not be detected with confidence (best guess {best.language_code}, "
                f"score {best.score:.2f}); send more text or name SourceLanguageCode",
                aws_fields={"DetectedLanguageCode": best.language_code},
            )
        return best.language_code

    async def prepare(
        self, sample: str, source: str, target: str, names: list[str], settings: Settings
    ) -> tuple[str, Route | None, list[Matcher]]:
        """Resolve ``auto``, the route, the settings and the terminologies, before anything is translated."""
        if source == "auto":
            source = await self.detect(sample)
        if source == target:
            return source, None, []
        route = self.route(source, target)
        self.check_settings(settings, route)
        return source, route, self.terminologies.matchers(names, source, target)

    # -- translating --------------------------------------------------------------------------------------
    async def translate_text(
        self, text: str, source: str, target: str, names: list[str] | None = None, settings: Settings | None = None
    ) -> Translation:
        if not isinstance(text, str) or not text.strip():
            raise InvalidRequest("Text is empty; send at least one character to translate")
        try:
            size = len(text.encode("utf-8"))
        except UnicodeEncodeError:
            raise InvalidRequest("Text is not valid UTF-8 (it contains an unpaired surrogate)") from None
        if size > self.limits.max_text_bytes:
            raise TextSizeLimitExceeded(
                f"the text is {size} UTF-8 bytes; TranslateText accepts at most {self.limits.max_text_bytes} "
                "(use TranslateDocument or a batch job for longer text)"
            )
        return await self._translate(markup.split_sentences(text), False, text, source, target, names, settings)

    async def translate_document(
        self, content: bytes, content_type: str, source: str, target: str,
        names: list[str] | None = None, settings: Settings | None = None, max_bytes: int | None = None,
    ) -> Translation:
        if content_type not in CONTENT_TYPES:
            raise InvalidRequest(f"ContentType {content_type!r} is not supported; use {' or '.join(CONTENT_TYPES)}")
        limit = max_bytes or self.limits.max_document_bytes
        if len(content) > limit:
            raise LimitExceeded(f"the document is {len(content)} bytes; the limit is {limit}")
        try:
            source_text = content.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidRequest(f"the document is not UTF-8 text (byte {exc.start} is invalid)") from None
        if not source_text.strip():
            raise InvalidRequest("the document is empty")
        is_html = content_type == "text/html"
        pieces = markup.split_html(source_text) if is_html else markup.split_sentences(source_text)
        sample = " ".join(p.text for p in pieces if p.translate) or source_text
        return await self._translate(pieces, is_html, sample, source, target, names, settings)

    async def _translate(
        self, pieces: list[markup.Piece], is_html: bool, sample: str, source: str, target: str,
        names: list[str] | None, settings: Settings | None,
    ) -> Translation:
        settings = settings or Settings()
        source, route, matchers = await self.prepare(sample, source, target, names or [], settings)
        texts = [p.text for p in pieces if p.translate]
        result = Translation("", source, target, route, settings=settings, characters=sum(map(len, texts)))
        if route is None:
            result.text = markup.join(pieces, texts, is_html)
            return result
        translated = await self.translate_sentences(texts, route, matchers, settings, result.applied_terminologies)
        result.text = markup.join(pieces, translated, is_html)
        return result

    async def translate_sentences(
        self, texts: list[str], route: Route, matchers: list[Matcher], settings: Settings,
        applied: dict[str, list[tuple[str, str]]],
    ) -> list[str]:
        protected = [protect(t, matchers) for t in texts]
        out = await self._run(route, [p.text for p in protected], settings.formality)
        for i, (p, translated) in enumerate(zip(protected, out, strict=True)):
            restored = restore(translated, p) if p.slots else translated
            out[i] = restored if restored is not None else await self._around_terms(p, route, settings)
            for name, found, term in p.slots.values():
                if (found, term) not in applied.setdefault(name, []):
                    applied[name].append((found, term))
        if settings.profanity == "MASK":
            out = [profanity.mask(t, route.languages[-1]) for t in out]
        return out

    async def _around_terms(self, p: Protected, route: Route, settings: Settings) -> str:
        """The engine lost a placeholder: translate the text between the terms alone, join the terms in."""
        parts = re.split(f"({_SLOT.pattern})", p.text)
        spans = [s for i, s in enumerate(parts) if i % 2 == 0 and s.strip()]
        done = iter(await self._run(route, spans, settings.formality)) if spans else iter(())
        out = []
        for i, s in enumerate(parts):
            if i % 2:
                out.append(p.slots[s][2])
            elif s.strip():
                out.append(s[: len(s) - len(s.lstrip())] + next(done) + s[len(s.rstrip()) :])
            else:
                out.append(s)
        return "".join(out)

    async def _run(self, route: Route, texts: list[str], formality: str | None) -> list[str]:
        """Through each leg of the route; a long document goes in slices so it never floods a model's queue."""
        out: list[str] = []
        for start in range(0, len(texts), SLICE):
            out += await self._run_slice(route, texts[start : start + SLICE], formality)
        return out

    async def _run_slice(self, route: Route, texts: list[str], formality: str | None) -> list[str]:
        for i, worker in enumerate(route.legs):
            last = i == len(route.legs) - 1
            items = [(t, route.languages[i], route.languages[i + 1], formality if last else None) for t in texts]
            outcomes = await worker.run(items)
            texts = []
            for outcome in outcomes:
                if isinstance(outcome, InvalidItem):
                    raise InvalidRequest(str(outcome))
                if isinstance(outcome, Exception):
                    log.error("%s failed on a sentence: %r", worker.card.name, outcome)
                    raise RuntimeError(f"{worker.card.name} failed") from outcome
                texts.append(outcome)
        return texts


def applied_terminologies(applied: dict[str, list[tuple[str, str]]]) -> list[dict[str, Any]]:
    return [
        {"Name": name, "Terms": [{"SourceText": s, "TargetText": t} for s, t in terms]}
        for name, terms in applied.items() if terms
    ]
