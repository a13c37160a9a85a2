"""SSML (the subset Polly's standard voices take) -> a flat list of spoken runs and pauses.

``<speak>``, ``<p>`` and ``<s>`` (sentence and paragraph pauses), ``<break time|strength>``, ``<prosody
rate|pitch|volume>`` (nested: rates and pitches multiply, volumes add), ``<say-as interpret-as=characters|
spell-out|digits|telephone|date|cardinal|number>``, ``<sub alias>``, ``<phoneme alphabet="ipa" ph>``,
``<lang>``, ``<mark name>`` (a ssml speech mark) and ``<w>``/``<emphasis>`` (their text is kept). Any other
tag, or XML that does not parse, is an :class:`InvalidSsml` naming what is wrong.
The XML is parsed by defusedxml (no DTDs, no entities) and may nest at most ``MAX_DEPTH`` elements deep.
Prosody is clamped to Polly's ranges, nested or not, so three ``pitch="+1000%"`` levels cannot make the
audio a thousand times longer.
Each run keeps the character offsets of its text in the original input, for speech marks.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace

from services.errors import ServiceError
from services.formats import safe_xml


class InvalidSsml(ServiceError):
    code = "invalid_ssml"


@dataclass(frozen=True)
class Prosody:
    rate: float = 1.0
    pitch: float = 1.0
    volume_db: float = 0.0


@dataclass(frozen=True)
class Run:
    """Text spoken with one prosody; ``phonemes`` (IPA) when SSML gave them; ``start``/``end`` are offsets of
    the run's source in the input (for speech marks), ``sentence_start`` marks a new sentence."""

    text: str
    prosody: Prosody = Prosody()
    phonemes: str | None = None
    start: int = 0
    end: int = 0
    sentence_start: bool = False


@dataclass(frozen=True)
class Pause:
    seconds: float


@dataclass(frozen=True)
class Mark:
    name: str


Piece = Run | Pause | Mark

STRENGTH = {"none": 0.0, "x-weak": 0.1, "weak": 0.25, "medium": 0.4, "strong": 0.7, "x-strong": 1.2}
RATES = {"x-slow": 0.6, "slow": 0.8, "medium": 1.0, "fast": 1.25, "x-fast": 1.6, "default": 1.0}
PITCHES = {"x-low": 0.8, "low": 0.9, "medium": 1.0, "high": 1.1, "x-high": 1.2, "default": 1.0}
VOLUMES = {"silent": -60.0, "x-soft": -12.0, "soft": -6.0, "medium": 0.0, "loud": 6.0, "x-loud": 12.0, "default": 0.0}
DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
MAX_BREAK_S = 10.0
MAX_DEPTH = 32
RATE_RANGE = (0.2, 2.0)  # Polly: prosody rate 20% .. 200%
PITCH_RANGE = (0.5, 1.5)
VOLUME_RANGE = (-60.0, 12.0)
KNOWN = {"speak", "p", "s", "break", "prosody", "say-as", "sub", "phoneme", "lang", "mark", "w", "emphasis",
         "amazon:effect", "amazon:domain", "amazon:breath", "amazon:auto-breaths"}


def _time(value: str) -> float:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s)\s*", value)
    if not m:
        raise InvalidSsml(f"<break time={value!r}>: use a time such as 500ms or 1.5s")
    seconds = float(m.group(1)) / (1000 if m.group(2) == "ms" else 1)
    if seconds > MAX_BREAK_S:
        raise InvalidSsml(f"<break time={value!r}> is longer than {MAX_BREAK_S:g}s")
    return seconds


def _percent_or(value: str, names: dict[str, float], what: str, relative: bool) -> float:
    value = value.strip()
    if value in names:
        return names[value]
    m = re.fullmatch(r"([+-]?\d+(?:\.\d+)?)%", value)
    if m:
        number = float(m.group(1))
        factor = 1 + number / 100 if relative or value[0] in "+-" else number / 100
        if factor > 0:
            return factor
    raise InvalidSsml(f"prosody {what}={value!r} is not valid; use {', '.join(names)} or a percentage")


def _volume(value: str) -> float:
    value = value.strip()
    if value in VOLUMES:
        return VOLUMES[value]
    m = re.fullmatch(r"([+-]\d+(?:\.\d+)?)dB", value)
    if not m:
        raise InvalidSsml(f"prosody volume={value!r} is not valid; use {', '.join(VOLUMES)} or +NdB / -NdB")
    return float(m.group(1))


def say_as(text: str, kind: str, fmt: str | None) -> str:
    """Render ``<say-as>`` as the words to speak."""
    text = text.strip()
    if kind in ("characters", "spell-out"):
        return " ".join(DIGITS[int(c)] if c.isdigit() else c for c in text if not c.isspace())
    if kind in ("digits", "telephone"):
        groups = re.split(r"[\s\-().]+", text) if kind == "telephone" else [text]
        return ", ".join(" ".join(DIGITS[int(c)] for c in g if c.isdigit()) for g in groups if g)
    if kind in ("cardinal", "number", "ordinal", "unit", "expletive", "interjection", "fraction", "time", "address"):
        return text
    if kind == "date":
        return _date(text, fmt or "ymd")
    raise InvalidSsml(f"<say-as interpret-as={kind!r}> is not supported")


def _date(text: str, fmt: str) -> str:
    parts = [p for p in re.split(r"[-/.\s]+", text) if p]
    if not all(p.isdigit() for p in parts) or len(parts) != len(fmt):
        raise InvalidSsml(f"<say-as interpret-as='date' format={fmt!r}> cannot read {text!r}")
    values = dict(zip(fmt, (int(p) for p in parts), strict=True))
    if ("m" in values and not 1 <= values["m"] <= 12) or ("d" in values and not 1 <= values["d"] <= 31):
        raise InvalidSsml(f"<say-as interpret-as='date'>: {text!r} is not a date in format {fmt!r}")
    words = []
    if "m" in values:
        words.append(MONTHS[values["m"] - 1])
    if "d" in values:
        words.append(str(values["d"]))
    if "y" in values:
        words.append(str(values["y"]))
    return " ".join(words)


def plain(text: str) -> list[Piece]:
    """Plain text: one run per sentence (offsets kept)."""
    return list(_sentences(text, 0, Prosody(), True))


_SENTENCE = re.compile(r"[^.!?。！？]*(?:[.!?。！？]+[\"'”’)]*|$)")


def _sentences(text: str, base: int, prosody: Prosody, first: bool):
    for m in _SENTENCE.finditer(text):
        chunk = m.group()
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            yield Run(chunk.strip(), prosody, None, base + m.start() + lead, base + m.start() + len(chunk.rstrip()),
                      sentence_start=True)


def parse_xml(ssml: str) -> ET.Element:
    """The SSML's element tree, parsed without DTDs or entities and checked for depth."""
    return safe_xml.parse(ssml, InvalidSsml, "the SSML", MAX_DEPTH)


def _clamp(value: float, bounds: tuple[float, float]) -> float:
    return min(max(value, bounds[0]), bounds[1])


def parse(ssml: str) -> list[Piece]:
    """Parse SSML into pieces; offsets point into ``ssml`` (as Polly's speech marks do for SSML input)."""
    root = parse_xml(ssml)
    if _tag(root) != "speak":
        raise InvalidSsml("SSML must be wrapped in a <speak> element")
    locator = _Locator(ssml)
    pieces: list[Piece] = []
    _walk(root, Prosody(), pieces, locator)
    return pieces


def _tag(element: ET.Element) -> str:
    tag = element.tag
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return f"amazon:{local}" if "amazon" in ns else local
    return tag


class _Locator:
    """Finds each text node's offset in the source by searching forward (text nodes come in order)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.cursor = 0

    def find(self, text: str) -> int:
        where = self.source.find(text, self.cursor)
        if where < 0:  # entities (&amp;) make the source differ; fall back to the cursor
            return self.cursor
        self.cursor = where + len(text)
        return where


def _text(pieces: list[Piece], text: str | None, prosody: Prosody, locator: _Locator, new_sentence: bool) -> None:
    if not text or not text.strip():
        return
    base = locator.find(text)
    runs = list(_sentences(text, base, prosody, new_sentence))
    pieces.extend(runs)


def _walk(element: ET.Element, prosody: Prosody, pieces: list[Piece], locator: _Locator) -> None:
    tag = _tag(element)
    if tag not in KNOWN:
        raise InvalidSsml(f"SSML tag <{tag}> is not supported")
    a = element.attrib
    outer = prosody  # the element's tail is spoken with its parent's prosody
    if tag == "break":
        if "time" in a:
            pieces.append(Pause(_time(a["time"])))
        else:
            strength = a.get("strength", "medium")
            if strength not in STRENGTH:
                raise InvalidSsml(f"<break strength={strength!r}>: use one of {', '.join(STRENGTH)}")
            pieces.append(Pause(STRENGTH[strength]))
        _text(pieces, element.tail, prosody, locator, False)
        return
    if tag == "mark":
        if "name" not in a:
            raise InvalidSsml("<mark> needs a name attribute")
        pieces.append(Mark(a["name"]))
        _text(pieces, element.tail, prosody, locator, False)
        return
    if tag == "prosody":
        prosody = replace(
            prosody,
            rate=_clamp(prosody.rate * (_percent_or(a["rate"], RATES, "rate", False) if "rate" in a else 1.0),
                        RATE_RANGE),
            pitch=_clamp(prosody.pitch * (_percent_or(a["pitch"], PITCHES, "pitch", True) if "pitch" in a else 1.0),
                         PITCH_RANGE),
            volume_db=_clamp(prosody.volume_db + (_volume(a["volume"]) if "volume" in a else 0.0), VOLUME_RANGE),
        )
    if tag in ("say-as", "sub", "phoneme"):
        inner = "".join(element.itertext())
        start = locator.find(inner) if inner else locator.cursor
        if tag == "say-as":
            if "interpret-as" not in a:
                raise InvalidSsml("<say-as> needs an interpret-as attribute")
            spoken, ph = say_as(inner, a["interpret-as"], a.get("format")), None
        elif tag == "sub":
            if "alias" not in a:
                raise InvalidSsml("<sub> needs an alias attribute")
            spoken, ph = a["alias"], None
        else:
            if "ph" not in a:
                raise InvalidSsml("<phoneme> needs a ph attribute")
            if a.get("alphabet", "ipa") not in ("ipa", "x-sampa"):
                raise InvalidSsml(f"<phoneme alphabet={a.get('alphabet')!r}>: use ipa")
            spoken, ph = inner, (a["ph"] if a.get("alphabet", "ipa") == "ipa" else None)
        if spoken.strip():
            pieces.append(Run(spoken, prosody, ph, start, start + len(inner)))
        _text(pieces, element.tail, outer, locator, False)
        return
    if tag in ("p", "s"):
        pieces.append(Pause(STRENGTH["strong"] if tag == "p" else STRENGTH["medium"]))
    _text(pieces, element.text, prosody, locator, tag in ("p", "s", "speak"))
    for child in element:
        _walk(child, prosody, pieces, locator)
    if tag in ("p", "s"):
        pieces.append(Pause(STRENGTH["strong"] if tag == "p" else STRENGTH["medium"]))
    if element.tail is not None:
        _text(pieces, element.tail, outer, locator, False)


def visible_characters(ssml: str) -> int:
    """Polly bills the characters of the text, not of the SSML tags (SSML that does not parse is InvalidSsml)."""
    return len("".join(parse_xml(ssml).itertext()))
