"""Redacting PII: what Comprehend's ONLY_REDACTION jobs write, and what other services (Transcribe's
redacted transcripts, later) can call on the entities text analysis found."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from services.errors import InvalidRequest

MASK, REPLACE = "MASK", "REPLACE_WITH_PII_ENTITY_TYPE"


def check_redaction(config: dict[str, Any] | None) -> dict[str, Any]:
    """A RedactionConfig made whole (defaults filled), or InvalidRequest naming what is wrong."""
    config = dict(config or {})
    types = config.get("PiiEntityTypes") or []
    if not types:
        raise InvalidRequest("RedactionConfig.PiiEntityTypes must name the types to redact (or ALL)")
    mode = config.get("MaskMode") or MASK
    char = config.get("MaskCharacter") or "*"
    if mode == MASK and len(char) != 1:
        raise InvalidRequest("RedactionConfig.MaskCharacter must be one character")
    return {"PiiEntityTypes": list(types), "MaskMode": mode, "MaskCharacter": char}


def redact(text: str, entities: Iterable[Any], config: dict[str, Any]) -> str:
    """``text`` with each entity of a listed type masked character by character, or replaced by its type
    in brackets (``[SSN]``). Entities carry ``type``, ``begin_offset`` and ``end_offset`` (code points)."""
    types = set(config["PiiEntityTypes"])
    pieces, cursor = [], 0
    for e in sorted(entities, key=lambda e: e.begin_offset):
        if ("ALL" not in types and e.type not in types) or e.begin_offset < cursor:
            continue
        pieces.append(text[cursor:e.begin_offset])
        width = e.end_offset - e.begin_offset
        pieces.append(f"[{e.type}]" if config["MaskMode"] == REPLACE else config["MaskCharacter"] * width)
        cursor = e.end_offset
    pieces.append(text[cursor:])
    return "".join(pieces)


PIECE = 20_000  # characters: under the PII limit (100 KB of UTF-8) whatever the script


def span_finder(text: Any, language: str = "en") -> Callable[[str], Awaitable[list[dict[str, Any]]]]:
    """PII spans in a text of any length (a long transcript), found piece by piece through the text analysis
    service (``TextAnalysis``): ``[{type, begin, end, score}]`` with offsets into the whole text. Pieces are
    cut at a space, so a name or a number is not split."""

    async def find(full: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        start = 0
        while start < len(full):
            end = min(len(full), start + PIECE)
            if end < len(full) and full.rfind(" ", start, end) > start:
                end = full.rfind(" ", start, end)
            (result,), _ = await text.pii([full[start:end]], language, strict=True)
            found += [{"type": e.type, "begin": e.begin_offset + start, "end": e.end_offset + start, "score": e.score}
                      for e in result.entities]
            start = end
        return found

    return find
