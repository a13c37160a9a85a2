"""ONNX Runtime for the transformers backends: the loaded PyTorch model is exported to ONNX once (cached by
what it was made from), optionally quantized to int8 weights (dynamic quantization), and run by an
onnxruntime session instead of torch: by default on the CPU (``runtime = "auto"``), where fp32 gives the same
answers; ``quantize = "int8"`` is opted into per card. bench/bench_onnx.py measures each against PyTorch, speed
and agreement side by side; a path that moves answers (int8) is never the default.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

import numpy as np

from models.sources import save_whole
from models.torch_onnx import export as export_graph
from models.torch_onnx import session, torch_version

log = logging.getLogger(__name__)

RUNTIMES = ("auto", "torch", "onnxruntime")
QUANTIZE = (None, "int8")


def check_options(runtime: str, quantize: str | None) -> None:
    if runtime not in RUNTIMES:
        raise ValueError(f"options.runtime must be one of {RUNTIMES}, not {runtime!r}")
    if quantize not in QUANTIZE:
        raise ValueError(f"options.quantize must be int8 or absent, not {quantize!r}")
    if quantize and runtime not in ("onnxruntime", "auto"):
        raise ValueError("options.quantize needs options.runtime = onnxruntime (or auto)")


def cache_key(where: str, kind: str, quantize: str | None) -> str:
    """What an exported file was made from: the weights' folder (and its files' sizes and times), the head
    kind, the quantization and the exporter's version; any change makes a new file."""
    parts: list[Any] = [kind, quantize, torch_version()]
    folder = Path(where)
    if folder.is_dir():
        parts += sorted((p.name, p.stat().st_size, int(p.stat().st_mtime)) for p in folder.iterdir() if p.is_file())
    parts.append(str(folder.resolve()) if folder.exists() else where)
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:16]


def export(model: Any, input_names: list[str], path: Path, per_token: bool) -> None:
    """The model's logits as an ONNX graph with dynamic batch and sequence axes (TorchScript exporter)."""
    import torch

    class Logits(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
            return self.inner(**dict(zip(input_names, inputs, strict=True))).logits

    sample = tuple(torch.ones((2, 8), dtype=torch.long) for _ in input_names)
    axes = {name: {0: "batch", 1: "sequence"} for name in input_names}
    axes["logits"] = {0: "batch", 1: "sequence"} if per_token else {0: "batch"}
    # With an attention mask always given, an encoder's shape branches (padding, causality) take one way for
    # every shape, and tests compare answers across lengths
    export_graph(Logits(model.float().cpu().eval()), sample, path, input_names, ["logits"], axes)


def quantize_int8(source: Path, target: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    save_whole(target, lambda scratch: quantize_dynamic(str(source), str(scratch), weight_type=QuantType.QInt8))


class OrtModel:
    """An onnxruntime session over the exported graph: numpy inputs in, logits out."""

    def __init__(self, path: Path, input_names: list[str], device: str) -> None:
        self.session = session(path, device)
        self.input_names = input_names

    def __call__(self, inputs: dict[str, np.ndarray]) -> np.ndarray:
        feed = {name: inputs[name].astype(np.int64) for name in self.input_names}
        (logits,) = self.session.run(["logits"], feed)
        return logits


def load_ort(make_model: Any, tokenizer: Any, where: str, cache_dir: Path, quantize: str | None, device: str,
             per_token: bool) -> OrtModel:
    """Open the session over the cached graph, exporting it first (``make_model()`` loads the PyTorch model
    only then) and quantizing it if asked. The files live in ``cache_dir``, named by :func:`cache_key`."""
    names = [n for n in tokenizer.model_input_names if n in ("input_ids", "attention_mask", "token_type_ids")]
    kind = "token" if per_token else "sequence"
    cache_dir.mkdir(parents=True, exist_ok=True)
    fp32 = cache_dir / f"{cache_key(where, kind, None)}.onnx"
    path = fp32 if quantize is None else cache_dir / f"{cache_key(where, kind, quantize)}.{quantize}.onnx"
    if not path.is_file():
        if not fp32.is_file():
            log.info("exporting %s to ONNX (%s), once", where, fp32)
            export(make_model(), names, fp32, per_token)
        if quantize == "int8":
            log.info("quantizing %s to int8 weights (%s), once", fp32.name, path)
            quantize_int8(fp32, path)
    return OrtModel(path, names, device)
