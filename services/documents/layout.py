"""LAYOUT: the layout model's regions as Textract's ``LAYOUT_*`` blocks, in reading order, each linking
to the lines it holds; every line belongs to exactly one layout block.

The CDLA classes map onto Textract's: title -> TITLE, header -> HEADER, footer -> FOOTER, table -> TABLE,
figure -> FIGURE, and text, captions, references and equations -> TEXT. The model often calls a page's
title a header, so a header region at the top of the page whose text is at least 1.3 times the page's
usual line height is the TITLE; a header or footer that is only a page number (``3``, ``Page 3 of 9``,
``- 3 -``) is a PAGE_NUMBER. A text region of one short line taller than the usual line is a
SECTION_HEADER; one whose lines mostly start with a bullet or a number is a LIST; one made of the form's
key/value pairs is a KEY_VALUE (a run of them is one block). Lines no region holds are grouped into
paragraphs (lines less than a line height apart) and typed the same way.
"""

from __future__ import annotations

import re
import statistics

from models.vision.documents import Region
from services.documents.blocks import Line, PageBlocks, centre, contains, link, union
from services.documents.page import Box

KINDS = {"title": "LAYOUT_TITLE", "header": "LAYOUT_HEADER", "footer": "LAYOUT_FOOTER", "table": "LAYOUT_TABLE",
         "figure": "LAYOUT_FIGURE"}
PAGE_NUMBER = re.compile(r"^(page\s*)?[-–(]?\s*\d{1,4}\s*[-–)]?(\s*(of|/)\s*\d{1,4})?$", re.IGNORECASE)
BULLET = re.compile(r"^([•·▪◦‣*–-]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s")


def add_layout(page: PageBlocks, regions: list[Region], pair_lines: set[int]) -> None:
    """``pair_lines``: ids of the lines that are parts of key/value pairs."""
    if not page.lines:
        return
    usual = statistics.median(line.height for line in page.lines)
    groups: list[tuple[str, float, Box, list[Line]]] = []
    left = list(page.lines)
    for region in sorted(regions, key=lambda r: -r.score):
        inside = [line for line in left if contains(region.box, centre(line.box), slack=4)]
        if not inside and region.kind != "figure":
            continue
        left = [line for line in left if line not in inside]
        box = union([region.box, *[line.box for line in inside]])
        groups.append((_kind(region.kind, inside, box, usual, pair_lines), region.score * 100, box, inside))
    for paragraph in _paragraphs(left):
        box = union([line.box for line in paragraph])
        groups.append((_kind("text", paragraph, box, usual, pair_lines), 80.0, box, paragraph))
    width = max(line.box[2] for line in page.lines)
    merged: list[tuple[str, float, Box, list[Line]]] = []
    for group in sorted(groups, key=lambda g: _order(g[2], width)):
        if merged and group[0] == merged[-1][0] == "LAYOUT_KEY_VALUE":  # one block for a run of fields
            kind, score, box, lines = merged[-1]
            merged[-1] = (kind, min(score, group[1]), union([box, group[2]]), lines + group[3])
        else:
            merged.append(group)
    for kind, score, box, lines in merged:
        block = page.add(kind, box, score)
        link(block, "CHILD", [line.block["Id"] for line in sorted(lines, key=lambda ln: (ln.box[1], ln.box[0]))])


def _order(box: Box, width: int) -> tuple[int, int]:
    """Top to bottom, a left column before a right one that starts at about the same height."""
    column = 0 if box[0] < width * 0.45 or box[2] - box[0] > width * 0.5 else 1
    return box[1] // 40 * 2 + column, box[0]


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    out: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (ln.box[1], ln.box[0])):
        last = out[-1][-1] if out else None
        if (last is not None and 0 <= line.box[1] - last.box[3] < line.height
                and abs(line.box[0] - out[-1][0].box[0]) < 4 * line.height):
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _kind(model_kind: str, lines: list[Line], box: Box, usual: float, pair_lines: set[int]) -> str:
    text = " ".join(line.text for line in lines).strip()
    tall = bool(lines) and max(line.height for line in lines) >= 1.3 * usual
    if model_kind in ("header", "footer") and PAGE_NUMBER.match(text):
        return "LAYOUT_PAGE_NUMBER"
    if model_kind == "header" and tall and len(lines) <= 2:
        return "LAYOUT_TITLE"
    if model_kind in KINDS:
        return KINDS[model_kind]
    if lines and sum(id(line) in pair_lines for line in lines) * 2 >= len(lines):
        return "LAYOUT_KEY_VALUE"
    if len(lines) >= 2 and sum(bool(BULLET.match(line.text)) for line in lines) * 2 >= len(lines):
        return "LAYOUT_LIST"
    if len(lines) == 1 and tall and len(text.split()) <= 12:
        return "LAYOUT_SECTION_HEADER"
    return "LAYOUT_TEXT"
