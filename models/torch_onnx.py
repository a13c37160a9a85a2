"""PyTorch networks served by ONNX Runtime: traced to ONNX once, then run without torch.

EfficientNet-Lite0, the TF.js graphs our interpreter runs (NanoDet, the emotion model) and Resemblyzer's
LSTM are written for PyTorch. On ONNX Runtime the same graphs run 2-4x faster on 2 CPU cores with the same
answers (bench/bench_exported.py), and a restart that finds the saved export never imports torch, which
took ~2 s of a 2-core start-up's interpreter lock.

``make install`` exports the default cards' networks into the venv (:data:`PREBUILT`); otherwise the first
load builds the PyTorch network and exports it (TorchScript exporter, a dynamic batch axis) into the card's
``onnx_dir``, named by what it was made from: the source files (path, size, modification time),
the code that builds the network, torch's version and the input shapes; any change makes a new file.
``options.runtime``: ``auto`` (the default) is ONNX Runtime on the CPU, and on CUDA when onnxruntime has
its CUDA provider, else PyTorch (fp16 on CUDA); ``torch`` or ``onnxruntime`` force one.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import sys
import threading
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from models.cards import ModelCard
from models.device import cpu_threads, onnx_providers
from models.sources import file_stamp, save_whole

log = logging.getLogger(__name__)

RUNTIMES = ("auto", "torch", "onnxruntime")
OPSET = 17
# The default cards' exports, made by `make install` (python -m models.torch_onnx): a first start finds them
# and never imports torch. Looked up before the card's onnx_dir; the server never writes here.
PREBUILT = Path(sys.prefix) / "share" / "cirrus" / "onnx"
_EXPORTING = threading.Lock()  # torch.onnx keeps its state in globals: two exports at once (eager loads) collide


def torch_version() -> str:
    """torch's version, read from its metadata (importing torch takes ~2 s)."""
    from importlib.metadata import version

    return version("torch")


@cache
def code_digest(module: str) -> str:
    """A digest of a module's source: an export made by older code is made again."""
    spec = importlib.util.find_spec(module)
    origin = spec.origin if spec else None
    return hashlib.sha256(Path(origin).read_bytes()).hexdigest()[:16] if origin else module


def cache_key(*parts: Any) -> str:
    return hashlib.sha256(json.dumps([*parts, torch_version(), OPSET], default=str).encode()).hexdigest()[:16]


def choose_runtime(requested: str, device: str) -> str:
    """``auto``: ONNX Runtime wherever it runs on the device asked for (the CPU, or CUDA with its provider)."""
    if requested not in RUNTIMES:
        raise ValueError(f"options.runtime must be one of {RUNTIMES}, not {requested!r}")
    if requested != "auto":
        return requested
    if not device.startswith("cuda"):
        return "onnxruntime"
    return "onnxruntime" if "CUDAExecutionProvider" in onnx_providers(device) else "torch"


def export(module: Any, sample: tuple[Any, ...], path: Path, inputs: Sequence[str], outputs: Sequence[str],
           axes: dict[str, dict[int, str]]) -> None:
    """Trace ``module`` on ``sample`` into an ONNX file at ``path``, written whole (TorchScript exporter)."""
    import torch

    # The tracer warns where Python branches on shapes or turns a size into a constant: every caller's branches
    # take one way for every input, and only the batch axis varies. The exporter's advice (an LSTM exported
    # at batch 2; constant folding) is checked by the tests, which run each export at other batch sizes.
    with _EXPORTING, torch.inference_mode(False), torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore", torch.jit.TracerWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.filterwarnings("ignore", category=UserWarning, module=r"torch\.onnx")
        save_whole(path, lambda scratch: torch.onnx.export(
            module, sample, str(scratch), input_names=list(inputs), output_names=list(outputs), dynamic_axes=axes,
            opset_version=OPSET, dynamo=False))


def session(path: Path, device: str) -> Any:
    """An onnxruntime session with every graph optimisation, one thread per core this process may use."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = cpu_threads()
    return ort.InferenceSession(str(path), options, providers=onnx_providers(device))


@dataclass(frozen=True)
class Network:
    """How a backend builds its PyTorch network, and what it is made from.

    ``build(device, dtype)`` returns a module whose ``forward`` takes one tensor per input (batch first) and
    returns a tensor or a tuple, one per output; ``outputs`` names them (empty: the module's
    ``output_names``). ``inputs`` gives each input a sample shape, batch first."""

    build: Callable[[str, Any], Any]
    inputs: dict[str, tuple[int, ...]]
    sources: Sequence[Path]
    code: Sequence[str]
    outputs: Sequence[str] = field(default=())


class OrtRunner:
    runtime = "onnxruntime"

    def __init__(self, path: Path, device: str) -> None:
        self.path = path
        self.session = session(path, device)
        self.inputs = [i.name for i in self.session.get_inputs()]
        self.outputs = [o.name for o in self.session.get_outputs()]

    def __call__(self, *arrays: np.ndarray) -> dict[str, np.ndarray]:
        feed = {name: np.ascontiguousarray(a, np.float32) for name, a in zip(self.inputs, arrays, strict=True)}
        return dict(zip(self.outputs, self.session.run(self.outputs, feed), strict=True))


class TorchRunner:
    runtime = "torch"

    def __init__(self, module: Any, outputs: Sequence[str], device: str, dtype: Any) -> None:
        self.module, self.outputs, self.device, self.dtype = module, list(outputs), device, dtype

    def __call__(self, *arrays: np.ndarray) -> dict[str, np.ndarray]:
        import torch

        tensors = [torch.from_numpy(np.ascontiguousarray(a, np.float32)).to(self.device, self.dtype) for a in arrays]
        with torch.inference_mode():
            out = self.module(*tensors)
        out = out if isinstance(out, tuple | list) else (out,)
        return {name: o.float().cpu().numpy() for name, o in zip(self.outputs, out, strict=True)}


def open_network(card: ModelCard, device: str, precision: str, network: Network) -> OrtRunner | TorchRunner:
    """The card's network on the runtime it asks for (``options.runtime``), exported first if need be."""
    runtime = choose_runtime(str(card.options.get("runtime", "auto")), device)
    if runtime == "torch":
        import torch

        dtype = torch.float16 if precision == "fp16" else torch.float32
        module = network.build(device, dtype)
        return TorchRunner(module, network.outputs or module.output_names, device, dtype)
    key = cache_key(card.backend, network.inputs, list(network.outputs), [file_stamp(p) for p in network.sources],
                    [code_digest(m) for m in network.code])
    name = f"{card.backend}-{key}.onnx"
    path = PREBUILT / name
    if not path.is_file():
        path = Path(card.options.get("onnx_dir", "data/models/onnx")) / name
    if not path.is_file():
        import torch

        log.info("exporting %s to ONNX (%s), once", card.name, path)
        module = network.build("cpu", torch.float32)
        outputs = list(network.outputs or module.output_names)
        sample = tuple(torch.zeros(shape) for shape in network.inputs.values())
        axes = {name: {0: "batch"} for name in [*network.inputs, *outputs]}
        export(module, sample, path, list(network.inputs), outputs, axes)
    return OrtRunner(path, device)


def prebuild() -> list[str]:
    """Export the default cards' networks into :data:`PREBUILT` (``make install``), readable by every user;
    the names of the cards exported now. Exports there that no default card uses any more (made from older
    code or weights: each change of either makes a new one, 1-19 MB) are deleted; only this writes there."""
    from models.base import create_backend
    from models.registry import default_cards

    made, used = [], set()
    for card in default_cards():
        card = card.with_overrides(options={**card.options, "onnx_dir": str(PREBUILT), "runtime": "onnxruntime"})
        backend = create_backend(card)
        if getattr(backend, "exports_onnx", False):
            before = set(PREBUILT.glob("*.onnx"))
            backend.load("cpu", "fp32")
            used.add(getattr(getattr(backend, "network", None), "path", None))
            for path in set(PREBUILT.glob("*.onnx")) - before:
                path.chmod(0o644)
                made.append(card.name)
    if None not in used:  # every default's export is known: the rest are stale
        for path in set(PREBUILT.glob("*.onnx")) - used:
            log.info("deleting %s: no default card uses it now", path.name)
            path.unlink()
    return made


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    print(f"ONNX exports in {PREBUILT}: made {', '.join(prebuild()) or 'none (all present)'}")
