"""Pronunciation lexicons (W3C PLS 1.0, as Polly's PutLexicon takes them), stored on the resource store and
applied to text before synthesis: a lexeme's ``<alias>`` replaces the word, its ``<phoneme>`` (IPA) is
spoken as given by voices that take phonemes. Graphemes match whole words, case-sensitively, as in Polly."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from services import ACCOUNT
from services.errors import NotFound, ServiceError
from services.formats import safe_xml
from services.resources import ResourceNotFound, ResourceStore
from services.speech.ssml import Run

RTYPE = "lexicon"
NS = "{http://www.w3.org/2005/01/pronunciation-lexicon}"
NAME = re.compile(r"[0-9A-Za-z]{1,20}")
MAX_LEXICON_BYTES = 4000  # Polly's limit per lexicon (characters)
MAX_LEXICONS_PER_REQUEST = 5


class InvalidLexicon(ServiceError):
    code = "invalid_lexicon"


class UnsupportedAlphabet(ServiceError):
    code = "unsupported_pls_alphabet"


class LexiconNotFound(NotFound):
    code = "lexicon_not_found"


@dataclass(frozen=True)
class Lexeme:
    graphemes: tuple[str, ...]
    alias: str | None
    phoneme: str | None


def parse_pls(content: str) -> dict[str, Any]:
    """Check a PLS document and return what we store: alphabet, language and lexemes."""
    if len(content) > MAX_LEXICON_BYTES:
        raise InvalidLexicon(f"the lexicon has {len(content)} characters; Polly's limit is {MAX_LEXICON_BYTES}")
    root = safe_xml.parse(content, InvalidLexicon, "the lexicon")
    if root.tag not in (f"{NS}lexicon", "lexicon"):
        raise InvalidLexicon("a PLS lexicon's root element is <lexicon> in the PLS namespace")
    alphabet = root.attrib.get("alphabet", "")
    if alphabet not in ("ipa", "x-sampa"):
        raise UnsupportedAlphabet(f"alphabet {alphabet!r} is not supported; use ipa")
    language = root.attrib.get("{http://www.w3.org/XML/1998/namespace}lang", "")
    if not language:
        raise InvalidLexicon("the <lexicon> element needs an xml:lang attribute (e.g. en-US)")
    lexemes = []
    for n, lexeme in enumerate(root.iter(f"{NS}lexeme"), 1):
        graphemes = [(g.text or "").strip() for g in lexeme.iter(f"{NS}grapheme") if (g.text or "").strip()]
        alias = next(((a.text or "").strip() for a in lexeme.iter(f"{NS}alias")), None)
        phoneme = next(((p.text or "").strip() for p in lexeme.iter(f"{NS}phoneme")), None)
        if not graphemes or not (alias or phoneme):
            raise InvalidLexicon(f"lexeme {n} needs a <grapheme> and an <alias> or a <phoneme>")
        lexemes.append({"graphemes": graphemes, "alias": alias, "phoneme": phoneme if alphabet == "ipa" else None})
    if not lexemes:
        raise InvalidLexicon("the lexicon has no <lexeme>")
    return {"alphabet": alphabet, "language": language, "lexemes": lexemes, "content": content}


def arn(name: str) -> str:
    return f"arn:aws:polly:us-east-1:{ACCOUNT}:lexicon/{name}"


class Lexicons:
    def __init__(self, store: ResourceStore) -> None:
        self.store = store

    def put(self, name: str, content: str) -> None:
        if not NAME.fullmatch(name or ""):
            raise InvalidLexicon(f"{name!r} is not a valid lexicon name (1-20 letters and digits)")
        params = parse_pls(content)
        try:
            self.store.update(self.store.get(arn(name), RTYPE).arn, params=params)
        except ResourceNotFound:
            self.store.create(RTYPE, name, arn(name), params, [], build=False)

    def get(self, name: str) -> Any:
        try:
            return self.store.get(arn(name), RTYPE)
        except ResourceNotFound:
            raise LexiconNotFound(f"no lexicon named {name!r}; store it first (PutLexicon)") from None

    def list(self) -> list[Any]:
        return self.store.list(RTYPE)

    def delete(self, name: str) -> None:
        self.store.delete(self.get(name).arn, RTYPE)

    def lexemes(self, names: list[str]) -> list[Lexeme]:
        if len(names) > MAX_LEXICONS_PER_REQUEST:
            raise InvalidLexicon(f"at most {MAX_LEXICONS_PER_REQUEST} lexicons per request")
        found = []
        for name in names:
            for lx in self.get(name).params["lexemes"]:
                found.append(Lexeme(tuple(lx["graphemes"]), lx["alias"], lx["phoneme"]))
        return found


def apply(runs: list[Any], lexemes: list[Lexeme]) -> list[Any]:
    """Split runs at lexicon words: an alias replaces the word's text, a phoneme becomes the run's phonemes.
    The first lexicon that names a grapheme wins (Polly's order)."""
    if not lexemes:
        return runs
    table: dict[str, Lexeme] = {}
    for lx in lexemes:
        for g in lx.graphemes:
            table.setdefault(g, lx)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(g) for g in sorted(table, key=len, reverse=True)) + r")(?!\w)")
    out: list[Any] = []
    for run in runs:
        if not isinstance(run, Run) or run.phonemes:
            out.append(run)
            continue
        cursor = 0
        for m in pattern.finditer(run.text):
            if m.start() > cursor and run.text[cursor:m.start()].strip():
                out.append(replace(run, text=run.text[cursor:m.start()].strip(), start=run.start + cursor,
                                   end=run.start + m.start()))
            lx = table[m.group()]
            out.append(replace(run, text=lx.alias or m.group(), phonemes=None if lx.alias else lx.phoneme,
                               start=run.start + m.start(), end=run.start + m.end()))
            cursor = m.end()
        if cursor == 0:
            out.append(run)
        elif run.text[cursor:].strip():
            out.append(replace(run, text=run.text[cursor:].strip(), start=run.start + cursor, end=run.end))
    return out
