"""OCR backends: lines and words with polygons (pixels) and confidences (0-1).

- ``rapidocr``: PP-OCRv4 detection, direction classifier and recognition (ONNX, in ``rapidocr-onnxruntime``).
  Detection runs per image; the text crops of every image in the batch are classified and recognized
  together, in batches. Word boxes come from the recognizer's per-character boxes; PP-OCR's English model
  often drops spaces, so a space is put back wherever the gap between two characters is wider than a
  third of the line's height.
- ``tesseract``: Debian's ``tesseract`` CLI (a subprocess), TSV output: words with boxes and confidences,
  grouped into lines by its own layout analysis. Clean printed documents come out near perfect. Each
  process runs single-threaded (``OMP_THREAD_LIMIT=1``: its OpenMP threads made a page 5x slower on 2
  cores, 1.0 s against 0.18 s) and the pages of a batch run in parallel, one process per core.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from models.cards import ModelCard
from models.errors import InvalidItem, ModelNotReady

Polygon = list[tuple[float, float]]  # 4 corners, clockwise from top-left, in pixels


@dataclass
class OcrWord:
    text: str
    confidence: float
    polygon: Polygon


@dataclass
class OcrLine:
    text: str
    confidence: float
    polygon: Polygon
    words: list[OcrWord] = field(default_factory=list)


@dataclass
class OcrResult:
    width: int
    height: int
    lines: list[OcrLine]


def _box(x0: float, y0: float, x1: float, y1: float) -> Polygon:
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


class RapidOcr:
    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.engine: Any = None
        self.min_score = float(card.options.get("min_score", 0.5))

    def load(self, device: str, precision: str) -> None:
        from rapidocr_onnxruntime import RapidOCR

        cuda = device.startswith("cuda")
        self.engine = RapidOCR(det_use_cuda=cuda, cls_use_cuda=cuda, rec_use_cuda=cuda)

    def unload(self) -> None:
        self.engine = None

    def predict(self, items: list[np.ndarray]) -> list[Any]:
        e = self.engine
        staged: list[tuple[Any, Any, Any, list[np.ndarray]] | None] = []
        crops: list[np.ndarray] = []
        for image in items:  # detection, one image at a time (sizes differ)
            raw_h, raw_w = image.shape[:2]
            img, ratio_h, ratio_w = e.preprocess(image[:, :, ::-1].copy())  # RapidOCR works in BGR
            record: dict[str, Any] = {"preprocess": {"ratio_h": ratio_h, "ratio_w": ratio_w}}
            img, record = e.maybe_add_letterbox(img, record)
            boxes, _ = e.auto_text_det(img)
            if boxes is None or len(boxes) == 0:
                staged.append(None)
                continue
            pieces = e.get_crop_img_list(img, boxes)
            staged.append((boxes, record, (raw_h, raw_w), pieces))
            crops.extend(pieces)
        recognized: list[Any] = []
        if crops:  # direction and recognition for every crop of every image, batched
            turned, _, _ = e.text_cls(crops)
            recognized, _ = e.text_rec(turned, True)
        out: list[Any] = []
        cursor = 0
        for image, stage in zip(items, staged, strict=True):
            if stage is None:
                out.append(OcrResult(image.shape[1], image.shape[0], []))
                continue
            boxes, record, (raw_h, raw_w), pieces = stage
            mine = [list(r) for r in recognized[cursor:cursor + len(pieces)]]
            cursor += len(pieces)
            mine = e.cal_rec_boxes(pieces, boxes, mine)
            for r in mine:
                if r[2]:
                    r[2] = e._get_origin_points(r[2], record, raw_h, raw_w).tolist()
            origin = e._get_origin_points(boxes, record, raw_h, raw_w)
            out.append(OcrResult(raw_w, raw_h, [
                self._line(box, r) for box, r in zip(origin, mine, strict=True) if float(r[1]) >= self.min_score
            ]))
        return out

    @staticmethod
    def _line(box: np.ndarray, rec: list[Any]) -> OcrLine:
        text, score, char_boxes, chars, char_scores = rec[0], float(rec[1]), rec[2], rec[3], rec[4]
        polygon = [(float(x), float(y)) for x, y in box.tolist()]
        if not char_boxes or len(chars) != len(char_boxes):
            return OcrLine(text, score, polygon, [OcrWord(text, score, polygon)] if text.strip() else [])
        height = max(1.0, polygon[3][1] - polygon[0][1])
        words: list[OcrWord] = []
        current: list[tuple[str, float, Any]] = []

        def close() -> None:
            if current:
                xs = [p[0] for _, _, b in current for p in b]
                ys = [p[1] for _, _, b in current for p in b]
                words.append(OcrWord("".join(c for c, _, _ in current), float(np.mean([s for _, s, _ in current])),
                                     _box(min(xs), min(ys), max(xs), max(ys))))
                current.clear()

        previous_right = None
        for ch, ch_score, ch_box in zip(chars, char_scores, char_boxes, strict=True):
            left = min(p[0] for p in ch_box)
            if ch.isspace() or (previous_right is not None and left - previous_right > height / 3):
                close()
            if not ch.isspace():
                current.append((ch, float(ch_score), ch_box))
                previous_right = max(p[0] for p in ch_box)
        close()
        return OcrLine(" ".join(w.text for w in words), score, polygon, words)


class TesseractOcr:
    """Options: ``languages`` (``eng`` or ``eng+spa``...), ``psm`` (page segmentation mode, default 3: auto)."""

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.languages = str(card.options.get("languages", "eng"))
        self.psm = str(card.options.get("psm", 3))
        self.parallel = int(card.options.get("parallel", 0)) or (os.cpu_count() or 1)
        self.env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def load(self, device: str, precision: str) -> None:
        if shutil.which("tesseract") is None:
            raise ModelNotReady(self.card.name, "tesseract is not installed (apt-get install tesseract-ocr)")

    def unload(self) -> None:
        pass

    def predict(self, items: list[np.ndarray]) -> list[Any]:
        if len(items) == 1:
            return [self._safe(items[0])]
        with ThreadPoolExecutor(min(self.parallel, len(items))) as pool:
            return list(pool.map(self._safe, items))

    def _safe(self, image: np.ndarray) -> Any:
        try:
            return self._one(image)
        except InvalidItem as exc:
            return exc  # fails only this page

    def _one(self, image: np.ndarray) -> OcrResult:
        from PIL import Image

        buf = io.BytesIO()
        Image.fromarray(image).save(buf, format="PNG")
        try:
            done = subprocess.run(
                ["tesseract", "stdin", "stdout", "-l", self.languages, "--psm", self.psm, "tsv"],
                input=buf.getvalue(), capture_output=True, timeout=120, check=False, env=self.env,
            )
        except subprocess.TimeoutExpired:
            raise InvalidItem("tesseract took more than 120 s on this image") from None
        if done.returncode != 0:
            raise InvalidItem(f"tesseract failed: {done.stderr.decode(errors='replace').strip()[:200]}")
        lines: dict[tuple[int, int, int, int], list[OcrWord]] = {}
        for row in done.stdout.decode("utf-8", errors="replace").splitlines()[1:]:
            cells = row.split("\t")
            if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
                continue
            page, block, par, line = (int(c) for c in cells[1:5])
            x, y, w, h = (float(c) for c in cells[6:10])
            lines.setdefault((page, block, par, line), []).append(
                OcrWord(cells[11].strip(), max(0.0, float(cells[10])) / 100, _box(x, y, x + w, y + h))
            )
        out = []
        for words in lines.values():
            xs = [p[0] for w in words for p in w.polygon]
            ys = [p[1] for w in words for p in w.polygon]
            out.append(OcrLine(" ".join(w.text for w in words), float(np.mean([w.confidence for w in words])),
                               _box(min(xs), min(ys), max(xs), max(ys)), words))
        return OcrResult(image.shape[1], image.shape[0], out)
