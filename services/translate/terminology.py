"""Custom terminology: import (CSV, TSV, TMX), durable storage, and enforcement.

A terminology is a table of equivalent terms, one column per language; the first column's language is
the source (``Directionality=UNI``), or any column may be (``MULTI``). Stored as a named resource in the
job store's database, so it survives restarts; a file is parsed whole before anything is stored, and a
malformed one is refused naming the line at fault.

Enforcement: each source term found in a sentence (whole words; a term with capitals matches that exact
case, a lowercase term matches any case and its target takes the case of what was found) is replaced by
a placeholder the engine passes through untouched, and the target term is put back after translation.
"""

from __future__ import annotations

import base64
import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from services import ACCOUNT
from services.errors import InvalidRequest, LimitExceeded, NotFound
from services.formats import safe_xml
from services.resources import ResourceNotFound, ResourceStore

RTYPE = "terminology"
MAX_TERMS = 10_000
MAX_FILE_BYTES = 10 * 1024 * 1024
LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
NAME_RE = re.compile(r"^([A-Za-z0-9-]_?)+$")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class InvalidTerminology(InvalidRequest):
    code = "invalid_parameter"


def arn(name: str) -> str:
    return f"arn:aws:translate:us-east-1:{ACCOUNT}:terminology/{name}/LATEST"


@dataclass
class Parsed:
    languages: list[str]  # column order; the first is the source of a UNI terminology
    rows: list[dict[str, str]]
    skipped: int = 0


def _check_languages(languages: list[str], where: str) -> None:
    for code in languages:
        if not LANG_RE.match(code):
            raise InvalidTerminology(f"{where}: {code!r} is not a language code (use codes such as en, es, fr)")
    if len(set(languages)) != len(languages):
        raise InvalidTerminology(f"{where}: a language appears twice ({', '.join(languages)})")
    if len(languages) < 2:
        raise InvalidTerminology(f"{where}: name at least two languages (a source and one target)")


def parse_delimited(text: str, delimiter: str) -> Parsed:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _parse_rows(reader)
    except csv.Error as exc:
        raise InvalidTerminology(f"line {reader.line_num}: the file is not valid CSV/TSV ({exc})") from None


def _parse_rows(reader: Any) -> Parsed:
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidTerminology("the terminology file is empty; its first line names the languages (en,es)") from None
    languages = [h.strip().lstrip("\ufeff") for h in header]
    _check_languages(languages, "line 1")
    rows, seen, skipped = [], set(), 0
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(languages):
            raise InvalidTerminology(
                f"line {line}: {len(cells)} columns, but the header names {len(languages)} ({','.join(languages)})"
            )
        row = {lang: cell.strip() for lang, cell in zip(languages, cells, strict=True) if cell.strip()}
        if languages[0] not in row:
            raise InvalidTerminology(f"line {line}: the source term ({languages[0]}) is empty")
        if row[languages[0]] in seen:
            skipped += 1  # the first definition of a term wins
            continue
        seen.add(row[languages[0]])
        rows.append(row)
    return Parsed(languages, rows, skipped)


def parse_tmx(data: bytes) -> Parsed:
    root = safe_xml.parse(data, InvalidTerminology, "the TMX file")
    header = root.find("header")
    source = (header.get("srclang") if header is not None else None) or ""
    rows: list[dict[str, str]] = []
    languages = [source] if source and source != "*all*" else []
    for n, tu in enumerate(root.iter("tu"), 1):
        row = {}
        for tuv in tu.iter("tuv"):
            lang = (tuv.get(XML_LANG) or tuv.get("lang") or "").strip()
            seg = tuv.find("seg")
            if not lang or seg is None:
                raise InvalidTerminology(f"translation unit {n}: every <tuv> needs xml:lang and a <seg>")
            row[lang] = "".join(seg.itertext()).strip()
            if lang not in languages:
                languages.append(lang)
        if row:
            rows.append(row)
    _check_languages(languages, "the TMX header and units")
    return Parsed(languages, rows)


def parse(data: bytes, fmt: str) -> Parsed:
    if len(data) > MAX_FILE_BYTES:
        raise LimitExceeded(f"the terminology file is {len(data)} bytes; the limit is {MAX_FILE_BYTES}")
    if fmt == "TMX":
        parsed = parse_tmx(data)
    elif fmt in ("CSV", "TSV"):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InvalidTerminology(f"line {line}: the file is not UTF-8 text") from None
        parsed = parse_delimited(text, "," if fmt == "CSV" else "\t")
    else:
        raise InvalidTerminology(f"Format must be CSV, TSV or TMX, not {fmt!r}")
    if not parsed.rows:
        raise InvalidTerminology("the terminology file has no terms")
    if len(parsed.rows) > MAX_TERMS:
        raise LimitExceeded(f"the terminology has {len(parsed.rows)} terms; the limit is {MAX_TERMS}")
    return parsed


@dataclass
class Matcher:
    """The terms of one terminology for one direction, compiled once."""

    name: str
    exact: dict[str, str] = field(default_factory=dict)  # source term with capitals -> target
    folded: dict[str, str] = field(default_factory=dict)  # lowercase source term -> target
    pattern: re.Pattern[str] | None = None

    def compile(self) -> Matcher:
        terms = sorted([*self.exact, *self.folded], key=len, reverse=True)  # longest first: "cloud computing"
        if terms:
            self.pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in terms) + r")(?!\w)", re.I)
        return self


def adapt_case(found: str, term: str) -> str:
    if found.isupper() and len(found) > 1:
        return term.upper()
    if found[:1].isupper():
        return term[:1].upper() + term[1:]
    return term


@dataclass
class Protected:
    text: str
    slots: dict[str, tuple[str, str, str]]  # placeholder -> (terminology, source found, target to insert)


PLACEHOLDER = "TERMXQZ{}"
_SLOT = re.compile(r"TERMXQZ\d+(?!\d)")


def protect(text: str, matchers: list[Matcher]) -> Protected:
    """Replace each source term found with a placeholder; earlier terminologies win overlaps."""
    slots: dict[str, tuple[str, str, str]] = {}

    for matcher in matchers:
        if matcher.pattern is None:
            continue

        def swap(m: re.Match[str], matcher: Matcher = matcher) -> str:
            found = m[1]
            if found.startswith("TERMXQZ"):
                return found
            if found in matcher.exact:
                target = matcher.exact[found]
            elif found.lower() in matcher.folded:
                target = adapt_case(found, matcher.folded[found.lower()])
            else:
                return found  # a capitalised term met in another case: not a match
            key = PLACEHOLDER.format(len(slots))
            slots[key] = (matcher.name, found, target)
            return key

        text = matcher.pattern.sub(swap, text)
    return Protected(text, slots)


def restore(translated: str, protected: Protected) -> str | None:
    """Put the target terms in; None when the engine lost a placeholder (the caller falls back)."""
    found = _SLOT.findall(translated)
    if sorted(found) != sorted(protected.slots):
        return None
    return _SLOT.sub(lambda m: protected.slots[m[0]][2], translated)


class Terminologies:
    """Named terminologies on the resource store."""

    def __init__(self, store: ResourceStore) -> None:
        self.store = store
        self._cache: dict[tuple[str, float, str, str], Matcher] = {}

    def import_(self, name: str, data: bytes, fmt: str, directionality: str, description: str | None) -> dict[str, Any]:
        if not isinstance(name, str) or not NAME_RE.match(name) or len(name) > 256:
            raise InvalidTerminology(f"{name!r} is not a valid terminology name (letters, digits, '-' and '_')")
        if directionality not in ("UNI", "MULTI"):
            raise InvalidTerminology(f"Directionality must be UNI or MULTI, not {directionality!r}")
        parsed = parse(data, fmt)  # everything is checked before anything is stored
        params = {
            "description": description, "format": fmt, "directionality": directionality,
            "languages": parsed.languages, "rows": parsed.rows, "skipped": parsed.skipped, "size": len(data),
            "file": base64.b64encode(data).decode(),
        }
        try:
            self.store.update(self.store.get(arn(name), RTYPE).arn, params=params)  # MergeStrategy=OVERWRITE
        except ResourceNotFound:
            self.store.create(RTYPE, name, arn(name), params, [], build=False)
        return self.get(name)

    def _resource(self, name: str) -> Any:
        try:
            return self.store.get(arn(name), RTYPE)
        except ResourceNotFound:
            raise NotFound(f"no terminology named {name!r}; import it first (ImportTerminology)") from None

    def get(self, name: str) -> dict[str, Any]:
        r = self._resource(name)
        return {"name": r.name, "arn": r.arn, "created_at": r.created_at, "updated_at": r.updated_at, **r.params}

    def list(self) -> list[dict[str, Any]]:
        return [self.get(r.name) for r in self.store.list(RTYPE)]

    def delete(self, name: str) -> None:
        self.store.delete(self._resource(name).arn, RTYPE)

    def matchers(self, names: list[str], source: str, target: str) -> list[Matcher]:
        """Compiled terms for a direction; unknown names are an error, terminologies for other pairs add nothing."""
        out = []
        for name in names:
            r = self._resource(name)
            key = (name, r.updated_at, source, target)
            if key not in self._cache:
                self._cache[key] = self._compile(name, r.params, source, target)
            out.append(self._cache[key])
        return out

    @staticmethod
    def _compile(name: str, params: dict[str, Any], source: str, target: str) -> Matcher:
        matcher = Matcher(name)
        if params["directionality"] == "UNI" and params["languages"][0] != source:
            return matcher
        for row in params["rows"]:
            if source in row and target in row:
                term = row[source]
                table = matcher.folded if term == term.lower() else matcher.exact
                table.setdefault(term, row[target])
        return matcher.compile()
