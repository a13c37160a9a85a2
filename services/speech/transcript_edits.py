"""Edits Transcribe makes to a transcript before writing it: vocabulary filters (``remove``, ``mask`` with
``***``, ``tag``) and PII redaction (``[PII]``). Both work on the timed words, so the transcript text, the
items, the audio segments and the subtitles all agree. What an item must carry in the AWS file (a filter
match, a redaction's type and confidence) is returned as marks keyed by the word object.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from models.speech.whisper import AsrSegment, AsrWord

_PUNCT = re.compile(r"^(\W*?)(\w.*?)?([^\w']*)$", re.S)
MASK = "***"
REDACTED = "[PII]"
Marks = dict[int, dict[str, Any]]  # id(word) -> what its AWS item carries


def split(word: AsrWord) -> tuple[str, str, str]:
    """(leading punctuation, the word, trailing punctuation); [PII] and *** are words here."""
    text = word.text.strip()
    for token in (REDACTED, MASK):
        at = text.find(token)
        if at >= 0:
            return text[:at], token, text[at + len(token):]
    lead, core, trail = _PUNCT.match(text).groups()  # type: ignore[union-attr]
    return lead, core or "", trail


def _with_words(segment: AsrSegment, words: list[AsrWord]) -> AsrSegment:
    return replace(segment, words=words, text="".join(w.text for w in words))


def filter_words(segments: list[AsrSegment], words: list[str], method: str) -> tuple[list[AsrSegment], Marks]:
    """A vocabulary filter: ``remove`` drops each listed word, ``mask`` writes it as ***, ``tag`` keeps it
    and marks its item ``vocabulary_filter_match``. Case does not matter."""
    banned = {w.lower() for w in words}
    marks: Marks = {}
    out = []
    for segment in segments:
        kept = []
        for word in segment.words:
            lead, core, trail = split(word)
            if core.lower() not in banned:
                kept.append(word)
            elif method == "mask":
                kept.append(replace(word, text=f" {lead}{MASK}{trail}"))
            elif method == "tag":
                kept.append(word)
                marks[id(word)] = {"vocabulary_filter_match": True}
        out.append(_with_words(segment, kept))
    return out, marks


def transcript_text(segments: list[AsrSegment]) -> tuple[str, list[tuple[int, int, AsrWord]]]:
    """The words joined as the transcript reads, and where each word's core sits in that text."""
    text, spans = "", []
    for segment in segments:
        for word in segment.words:
            lead, core, trail = split(word)
            text += (" " if text else "") + lead
            spans.append((len(text), len(text) + len(core), word))
            text += core + trail
    return text, spans


async def redact(segments: list[AsrSegment], find: Callable[[str], Awaitable[list[dict[str, Any]]]],
                 wanted: set[str]) -> tuple[list[AsrSegment], Marks]:
    """PII replaced by [PII]: each entity's words become one item timed from its first word to its last,
    carrying the entity's type and confidence. ``wanted``: Transcribe's PII types, which are Comprehend's
    (the PII service's) names too; ALL: every one."""
    text, spans = transcript_text(segments)
    first: dict[int, tuple[AsrWord, dict[str, Any]]] = {}  # id(first word) -> (merged word, entity)
    dropped: set[int] = set()
    for entity in sorted(await find(text), key=lambda e: e["begin"]):
        if "ALL" not in wanted and entity["type"] not in wanted:
            continue
        hit = [w for begin, end, w in spans if begin < entity["end"] and end > entity["begin"]
               and id(w) not in dropped and id(w) not in first]
        if not hit:
            continue
        lead, _, _ = split(hit[0])
        _, _, trail = split(hit[-1])
        merged = replace(hit[0], text=f" {lead}{REDACTED}{trail}", end=hit[-1].end)
        first[id(hit[0])] = (merged, entity)
        dropped.update(id(w) for w in hit[1:])
    marks: Marks = {}
    out = []
    for segment in segments:
        kept = []
        for word in segment.words:
            if id(word) in dropped:
                continue
            if id(word) in first:
                merged, entity = first[id(word)]
                marks[id(merged)] = {"redactions": [{"confidence": f"{entity['score']:.4f}",
                                                     "type": entity["type"], "category": "PII"}]}
                word = merged
            kept.append(word)
        out.append(_with_words(segment, kept))
    return out, marks
