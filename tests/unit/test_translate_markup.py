"""Sentence splitting and HTML text-node extraction: what is not translated comes back byte for byte."""

from __future__ import annotations

import re

import pytest

from services.errors import InvalidRequest
from services.translate.markup import join, split_html, split_sentences


def upper(pieces: list, escape: bool = False) -> str:
    return join(pieces, [p.text.upper() for p in pieces if p.translate], escape)


def test_sentences_split_and_whitespace_is_kept() -> None:
    text = "  Hello there. How are you?\n\nFine!  "
    pieces = split_sentences(text)
    assert [p.text for p in pieces if p.translate] == ["Hello there.", "How are you?", "Fine!"]
    assert "".join(p.text for p in pieces) == text
    assert upper(pieces) == "  HELLO THERE. HOW ARE YOU?\n\nFINE!  "


def test_html_markup_is_identical_and_only_text_changes() -> None:
    doc = (
        '<!DOCTYPE html>\n<html><head><title>Tea &amp; cake</title><style>p { color: red }</style></head>\n'
        '<body><!-- note --><p class="intro" data-x="Hello">Hello <b>world</b>. Good day.</p><br/>'
        '<img src="a.png" alt="A cat"><script>var s = "hello";</script></body></html>'
    )
    out = upper(split_html(doc), escape=True)
    tags = re.compile(r"<[^>]+>")
    assert tags.findall(out) == tags.findall(doc)  # every tag and attribute as it was
    assert "TEA &amp; CAKE" in out  # text is re-escaped
    assert "HELLO <b>WORLD</b>. GOOD DAY." in out
    assert 'var s = "hello";' in out and "p { color: red }" in out  # scripts and styles untouched


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ("<div><b>bold</div>", "line 1: </div> found while <b>"),
        ("<p>text</span>", "</span> closes no open <span>"),
        ('<div>\n<a href="x', "line 2: a tag is never closed"),
        ("<div>\n<section>open", "<section> opened on line 2 is never closed"),
    ],
)
def test_broken_html_is_refused_naming_the_line(doc: str, message: str) -> None:
    with pytest.raises(InvalidRequest, match=re.escape(message)):
        split_html(doc)


def test_optional_end_tags_are_fine() -> None:
    pieces = split_html("<ul><li>One<li>Two</ul><p>Para one<p>Para two")
    assert [p.text for p in pieces if p.translate] == ["One", "Two", "Para one", "Para two"]
