"""Documents: Textract's text detection and document analysis over pages (RGB pictures).

Every page is first made ready to read (:mod:`services.documents.page`: turned upright by the orientation
model, deskewed, rules and checkboxes painted out), then read by the document OCR card; the feature types
asked for add their blocks on top of the page's LINE and WORD blocks:

- TABLES: img2table's grids (:mod:`services.documents.tables`);
- FORMS: key/value pairs and checkboxes (:mod:`services.documents.forms`);
- LAYOUT: the layout model's regions (:mod:`services.documents.layout`);
- QUERIES: questions answered from the key/value pairs (:mod:`services.documents.queries`).

Models run through their batching workers, so the pages of one request (or of several) share batches.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

import numpy as np

from services.documents.blocks import Block, PageBlocks, text_blocks
from services.documents.forms import add_forms, find_pairs
from services.documents.layout import add_layout
from services.documents.page import PreparedPage, prepare
from services.documents.queries import Query, add_queries
from services.documents.tables import add_tables
from services.errors import InvalidRequest
from services.vision.images import Picture
from services.vision.service import DOCUMENT_TEXT, Vision

ORIENTATION, LAYOUT, TABLES, EMBEDDINGS = "orientation-rapid", "layout-picodet-cdla", "tables-img2table", "embeddings-e5"
FEATURE_TYPES = ("TABLES", "FORMS", "QUERIES", "SIGNATURES", "LAYOUT")
MODEL_VERSION = "1.0"


def parse_feature_types(value: Any) -> set[str]:
    if not isinstance(value, list) or not value:
        raise InvalidRequest(f"FeatureTypes must list one or more of {', '.join(FEATURE_TYPES)}")
    unknown = [v for v in value if v not in FEATURE_TYPES]
    if unknown:
        raise InvalidRequest(f"unknown FeatureTypes {unknown}; use {', '.join(FEATURE_TYPES)}")
    if "SIGNATURES" in value:
        raise InvalidRequest("SIGNATURES is not offered: no signature model is installed; ask for TABLES, FORMS, "
                             "QUERIES or LAYOUT")
    return set(value)


class Documents:
    def __init__(self, vision: Vision) -> None:
        self.vision = vision

    async def _turns(self, pictures: list[Picture]) -> list[int]:
        if self.vision.registry.get(ORIENTATION) is None:  # the operator turned it off: pages are upright
            return [0] * len(pictures)
        return list(await self.vision.run(ORIENTATION, [p.pixels for p in pictures]))

    async def read(self, pictures: list[Picture], numbers: Sequence[int] | None = None,
                   ) -> list[tuple[PageBlocks, PreparedPage]]:
        """Each page upright, straightened and read: its PAGE, LINE and WORD blocks. ``numbers``: the pages'
        numbers in the document (1, 2, ... by default)."""
        numbers = list(numbers or range(1, len(pictures) + 1))
        turns = await self._turns(pictures)
        prepared = await asyncio.to_thread(lambda: [prepare(p.pixels, t) for p, t in zip(pictures, turns, strict=True)])
        results = await self.vision.run(DOCUMENT_TEXT, [p.clean for p in prepared])
        return [(text_blocks(number, ready.frame, result.lines, ready.clean.shape[1]), ready)
                for number, ready, result in zip(numbers, prepared, results, strict=True)]

    async def text(self, pictures: list[Picture], numbers: Sequence[int] | None = None) -> list[Block]:
        return [b for page, _ in await self.read(pictures, numbers) for b in page.blocks]

    async def analyze(self, pictures: list[Picture], features: set[str], queries: list[Query] | None = None,
                      numbers: Sequence[int] | None = None, total_pages: int | None = None) -> list[Block]:
        read = await self.read(pictures, numbers)
        straight = [ready.pixels for _, ready in read]
        none: list[list[Any]] = [[] for _ in read]

        async def run_if(card: str, wanted: bool) -> list[Any]:
            return await self.vision.run(card, straight) if wanted else none

        # tables are found for FORMS and QUERIES too, so that their cells are not read as fields
        grids, regions = await asyncio.gather(run_if(TABLES, bool(features & {"TABLES", "FORMS", "QUERIES"})),
                                              run_if(LAYOUT, "LAYOUT" in features))
        embed = None
        if "QUERIES" in features and self.vision.registry.get(EMBEDDINGS) is not None:
            async def embed(texts: list[str]) -> list[np.ndarray]:
                return await self.vision.run(EMBEDDINGS, texts)  # the card adds e5's "query: " prefix
        blocks: list[Block] = []
        for (page, ready), page_grids, page_regions in zip(read, grids, regions, strict=True):
            tables = add_tables(page, page_grids, emit="TABLES" in features)
            pairs = find_pairs(page, ready.rules, ready.checkboxes, tables)
            if "FORMS" in features:
                add_forms(page, pairs, ready.checkboxes)
            if "LAYOUT" in features:
                in_pairs = {id(w) for p in pairs for w in p.key + p.value}
                add_layout(page, page_regions, {id(ln) for ln in page.lines if any(id(w) in in_pairs for w in ln.words)})
            if "QUERIES" in features and queries:
                await add_queries(page, total_pages or len(read), queries, pairs, embed)
            blocks += page.blocks
        return blocks
