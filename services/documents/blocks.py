"""Textract blocks for one page: ids, geometry on the page as sent, relationships; and the page's text as
words and lines (the base every feature type links to)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from models.vision.ocr import OcrLine, OcrWord
from services.documents.page import Box, Frame
from services.vision.service import geometry, reading_order

Block = dict[str, Any]


def box_of(polygon: list[tuple[float, float]]) -> Box:
    xs, ys = [p[0] for p in polygon], [p[1] for p in polygon]
    return int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys))


def union(boxes: list[Box]) -> Box:
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def centre(box: Box) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def contains(outer: Box, point: tuple[float, float], slack: float = 0.0) -> bool:
    return outer[0] - slack <= point[0] <= outer[2] + slack and outer[1] - slack <= point[1] <= outer[3] + slack


def overlap_x(a: Box, b: Box) -> float:
    return max(0, min(a[2], b[2]) - max(a[0], b[0]))


@dataclass
class Word:
    block: Block
    box: Box
    text: str
    confidence: float


@dataclass
class Line:
    block: Block
    box: Box
    text: str
    confidence: float
    words: list[Word]

    @property
    def height(self) -> int:
        return max(1, self.box[3] - self.box[1])


@dataclass
class PageBlocks:
    """The blocks of one page, in the order Textract lists them (PAGE first)."""

    number: int
    frame: Frame
    blocks: list[Block] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)

    def geometry(self, box_or_polygon: Box | list[tuple[float, float]]) -> dict[str, Any]:
        if isinstance(box_or_polygon, tuple):
            x0, y0, x1, y1 = box_or_polygon
            polygon = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        else:
            polygon = box_or_polygon
        return geometry(self.frame.to_sent(polygon), self.frame.width, self.frame.height)

    def add(self, block_type: str, box: Box | list[tuple[float, float]] | None, confidence: float | None = None,
            **fields: Any) -> Block:
        block: Block = {"BlockType": block_type, "Id": str(uuid.uuid4()), "Page": self.number}
        if confidence is not None:
            block["Confidence"] = round(float(confidence), 4)
        block.update(fields)
        if box is not None:
            block["Geometry"] = self.geometry(box)
        self.blocks.append(block)
        return block

    @property
    def page(self) -> Block:
        return self.blocks[0]

    def words(self) -> list[Word]:
        return [w for line in self.lines for w in line.words]


def link(block: Block, kind: str, ids: list[str]) -> None:
    if ids:
        block.setdefault("Relationships", []).append({"Type": kind, "Ids": ids})


def mean_confidence(words: list[Word]) -> float:
    return float(np.mean([w.confidence for w in words])) if words else 0.0


def text_blocks(number: int, frame: Frame, ocr_lines: list[OcrLine], width: int) -> PageBlocks:
    """PAGE -> LINE -> WORD, lines in reading order (``width``: the straightened page's)."""
    page = PageBlocks(number, frame)
    page.add("PAGE", None)
    page.page["Geometry"] = geometry([(0, 0), (frame.width, 0), (frame.width, frame.height), (0, frame.height)],
                                     frame.width, frame.height)
    ordered = reading_order(ocr_lines, width)
    for ocr_line in ordered:
        line_block = page.add("LINE", ocr_line.polygon, ocr_line.confidence * 100, Text=ocr_line.text)
        words = [_word(page, w) for w in ocr_line.words]
        link(line_block, "CHILD", [w.block["Id"] for w in words])
        page.lines.append(Line(line_block, box_of(ocr_line.polygon), ocr_line.text, ocr_line.confidence * 100, words))
    link(page.page, "CHILD", [line.block["Id"] for line in page.lines])
    return page


def _word(page: PageBlocks, word: OcrWord) -> Word:
    block = page.add("WORD", word.polygon, word.confidence * 100, Text=word.text, TextType="PRINTED")
    return Word(block, box_of(word.polygon), word.text, word.confidence * 100)
