"""YOLO detectors a user brings as ONNX (``yolo export format=onnx`` of YOLOv8/v11, or any model with the
same head), run with onnxruntime: the path for better boxes than the embedded NanoDet. ultralytics itself
needs torchvision, which has no CPU build that loads against our CPU torch, so the exported graph is the
way in (CUDA through onnxruntime-gpu when present).

Input: RGB letterboxed to the model's square size (grey 114 borders), scaled to [0, 1], NCHW. Output
``[batch, 4 + classes, anchors]``: centre x, centre y, width, height in input pixels, then class scores.
Boxes are mapped back through the letterbox, filtered by ``threshold`` and suppressed per class at IoU
0.5. Options: ``names`` (class names in the model's order; default COCO-80), ``threshold`` (0.25).
A model exported with a dynamic batch runs a batch in one call; a fixed-batch one runs image by image.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from models.cards import ModelCard
from models.errors import ModelNotReady
from models.vision.nanodet import COCO, nms


def letterbox(image: np.ndarray, size: int) -> tuple[np.ndarray, float, float, float]:
    """(square image, scale, left pad, top pad)."""
    from PIL import Image

    h, w = image.shape[:2]
    scale = min(size / w, size / h)
    nw, nh = max(1, round(w * scale)), max(1, round(h * scale))
    canvas = np.full((size, size, 3), 114, np.uint8)
    left, top = (size - nw) // 2, (size - nh) // 2
    canvas[top:top + nh, left:left + nw] = np.asarray(Image.fromarray(image).resize((nw, nh), Image.Resampling.BILINEAR))
    return canvas, scale, float(left), float(top)


class YoloOnnx:
    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.names: list[str] = list(card.options.get("names", COCO))
        self.threshold = float(card.options.get("threshold", 0.25))
        self.session: Any = None
        self.size = 640
        self.dynamic_batch = False

    def load(self, device: str, precision: str) -> None:
        import onnxruntime as ort

        if self.card.source_kind != "path":
            raise ModelNotReady(self.card.name, "a YOLO model loads from path:/model.onnx (export it with ultralytics)")
        path = Path(self.card.source_ref).expanduser()
        if not path.is_file():
            raise ModelNotReady(self.card.name, f"{path} does not exist")
        providers = ["CPUExecutionProvider"]
        if device.startswith("cuda") and "CUDAExecutionProvider" in ort.get_available_providers():
            providers.insert(0, "CUDAExecutionProvider")
        self.session = ort.InferenceSession(str(path), providers=providers)
        shape = self.session.get_inputs()[0].shape
        self.size = shape[2] if isinstance(shape[2], int) else int(self.card.options.get("size", 640))
        self.dynamic_batch = not isinstance(shape[0], int)

    def unload(self) -> None:
        self.session = None

    def predict(self, items: list[np.ndarray]) -> list[Any]:
        boxed = [letterbox(image, self.size) for image in items]
        batch = np.stack([b[0] for b in boxed]).astype(np.float32).transpose(0, 3, 1, 2) / 255.0
        name = self.session.get_inputs()[0].name
        if self.dynamic_batch:
            outputs = self.session.run(None, {name: batch})[0]
        else:
            outputs = np.concatenate([self.session.run(None, {name: batch[i:i + 1]})[0] for i in range(len(items))])
        return [self._decode(outputs[n], *boxed[n][1:], items[n].shape[1], items[n].shape[0])
                for n in range(len(items))]

    def _decode(self, out: np.ndarray, scale: float, left: float, top: float, width: int, height: int) -> list[Any]:
        scores = out[4:].T  # anchors x classes
        best, classes = scores.max(axis=1), scores.argmax(axis=1)
        keep = np.nonzero(best >= self.threshold)[0]
        if not len(keep):
            return []
        cx, cy, w, h = out[:4, keep]
        boxes = np.stack([(cx - w / 2 - left) / scale, (cy - h / 2 - top) / scale,
                          (cx + w / 2 - left) / scale, (cy + h / 2 - top) / scale], axis=1)
        boxes = np.clip(boxes, 0, [width, height, width, height])
        found = []
        for cls in sorted(set(classes[keep].tolist())):
            idx = np.nonzero(classes[keep] == cls)[0]
            for k in nms(boxes[idx], best[keep][idx], 0.5):
                j = idx[k]
                name = self.names[cls] if cls < len(self.names) else f"class {cls}"
                found.append((name, float(best[keep][j]), tuple(float(v) for v in boxes[j])))
        return sorted(found, key=lambda f: -f[1])
