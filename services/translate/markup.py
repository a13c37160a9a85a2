"""Splitting what is translated from what is kept: sentences of plain text, text nodes of HTML.

Both produce a list of :class:`Piece`: ``translate=True`` pieces are sent to the engine, the others are
copied through byte for byte, so an HTML document comes back with identical markup (tags, attributes,
comments, whitespace) and only its text nodes translated.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from services.errors import InvalidRequest


@dataclass
class Piece:
    text: str
    translate: bool


# A sentence ends at . ! ? … (and their CJK forms) followed by whitespace, or at a line break.
_BOUNDARY = re.compile(r"(\s*\n\s*|(?<=[.!?…。！？])\s+)")


def split_sentences(text: str) -> list[Piece]:
    """Sentences to translate and the whitespace between them (kept as it was)."""
    pieces: list[Piece] = []
    lead = len(text) - len(text.lstrip())
    if lead:
        pieces.append(Piece(text[:lead], False))
    core = text[lead:]
    trail = len(core) - len(core.rstrip())
    body, tail = (core[: len(core) - trail], core[len(core) - trail :]) if trail else (core, "")
    for i, part in enumerate(_BOUNDARY.split(body) if body else []):
        if part:
            pieces.append(Piece(part, i % 2 == 0))
    if tail:
        pieces.append(Piece(tail, False))
    return pieces


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
OPTIONAL_END = {
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rb", "rt", "rp",
    "colgroup", "caption", "html", "head", "body",
}
UNTRANSLATED = {"script", "style", "code", "pre", "kbd", "samp", "var", "textarea"}


class _HtmlSplitter(HTMLParser):
    """Records where each event starts; each event's raw text is the slice up to the next event."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.events: list[tuple[int, str]] = []  # (offset, kind): kind text | keep | markup
        self.stack: list[tuple[str, int]] = []

    def _at(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _mark(self, kind: str) -> None:
        self.events.append((self._at(), kind))

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._mark("markup")
        if tag not in VOID:
            self.stack.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self._mark("markup")

    def handle_endtag(self, tag: str) -> None:
        self._mark("markup")
        line = self.getpos()[0]
        if tag in VOID:
            return
        if all(open_tag != tag for open_tag, _ in self.stack):
            raise InvalidRequest(f"the HTML is not well formed: line {line}: </{tag}> closes no open <{tag}>")
        while self.stack:
            open_tag, opened = self.stack.pop()
            if open_tag == tag:
                return
            if open_tag not in OPTIONAL_END:
                raise InvalidRequest(
                    f"the HTML is not well formed: line {line}: </{tag}> found while <{open_tag}> "
                    f"(opened on line {opened}) is still open"
                )

    def handle_data(self, data: str) -> None:
        inside = {tag for tag, _ in self.stack}
        self._mark("keep" if inside & UNTRANSLATED else "text")

    def handle_comment(self, data: str) -> None:
        self._mark("markup")

    def handle_decl(self, decl: str) -> None:
        self._mark("markup")

    def handle_pi(self, data: str) -> None:
        self._mark("markup")

    def unknown_decl(self, data: str) -> None:
        self._mark("markup")

    def handle_entityref(self, name: str) -> None:  # only reached with convert_charrefs=False
        self._mark("text")

    def handle_charref(self, name: str) -> None:
        self._mark("text")


def split_html(source: str) -> list[Piece]:
    """Text nodes to translate (unescaped) and everything else kept verbatim; broken HTML is refused."""
    parser = _HtmlSplitter(source)
    parser.feed(source)
    leftover = parser.rawdata
    if leftover.lstrip().startswith("<"):
        line = source.count("\n", 0, len(source) - len(leftover)) + 1
        raise InvalidRequest(f"the HTML is not well formed: line {line}: a tag is never closed with '>'")
    parser.close()
    unclosed = [(tag, line) for tag, line in parser.stack if tag not in OPTIONAL_END]
    if unclosed:
        tag, line = unclosed[-1]
        raise InvalidRequest(f"the HTML is not well formed: <{tag}> opened on line {line} is never closed")
    pieces: list[Piece] = []
    bounds = [offset for offset, _ in parser.events] + [len(source)]
    for (start, kind), end in zip(parser.events, bounds[1:], strict=True):
        raw = source[start:end]
        if kind != "text" or not raw.strip():
            pieces.append(Piece(raw, False))
            continue
        for piece in split_sentences(html.unescape(raw)):
            pieces.append(Piece(piece.text, True) if piece.translate else Piece(piece.text, False))
    return pieces


def join(pieces: list[Piece], translated: list[str], escape_html: bool = False) -> str:
    """Put translations back in order (HTML-escaping them when they go back into markup)."""
    out, it = [], iter(translated)
    for piece in pieces:
        if piece.translate:
            text = next(it)
            out.append(html.escape(text, quote=False) if escape_html else text)
        else:
            out.append(piece.text)
    return "".join(out)
