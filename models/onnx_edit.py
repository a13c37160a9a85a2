"""ONNX graphs a backend changes before it runs them (an extra output for durations the model computes inside,
seeds on its random nodes), saved once under the card's ``onnx_dir``, and the graph ONNX Runtime optimises
from them, saved once too.

Changing a graph needs the ``onnx`` package (0.7 s to import), a parse of the file and a serialisation of
the result (about 1 s for Piper's 63 MB voice), all under the interpreter lock that every other model's
load waits on at start-up. The changed graph is written once, keyed by the source file (path, size,
modification time) and the change's own key, and later loads hand its path straight to onnxruntime.
Without an ``onnx_dir`` the change is made in memory each time, as before. For the default voices both
files are made by ``make install`` (models/prebuild.py) and read from there (``prebuilt``).

Opening a session then spends most of its time optimising the graph (Piper's voice: 0.73 s with every
optimisation, 0.20 s with none). :func:`optimized_session` has ONNX Runtime write the graph it optimised on
the first load and opens that file with optimisation off afterwards: the same graph, so the same answers.
ONNX Runtime says an optimised graph may hold kernels chosen for this CPU, so the file is keyed by its
source, onnxruntime's version, the providers and this machine's CPU flags.
"""

from __future__ import annotations

import hashlib
import platform
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from models.sources import file_stamp, prebuilt, save_whole


def session(source: Path, edit: Callable[[Any, Any], None], key: str, cache_dir: str | None,
            options: Any, providers: list[str]) -> Any:
    """An onnxruntime session on ``source`` changed by ``edit(graph, onnx)``; ``key`` names the change (it
    must differ whenever the change would). On the CPU one file is saved, the changed graph as ONNX Runtime
    optimised it; on other providers the changed graph."""
    import onnxruntime as ort

    if cache_dir and providers == ["CPUExecutionProvider"]:
        return optimized_session(source, options, providers, cache_dir, key, lambda: _changed(source, edit))
    return ort.InferenceSession(_edited(source, edit, key, cache_dir), options, providers=providers)


def optimized_session(source: Path, options: Any, providers: list[str], cache_dir: str, key: str = "",
                      load: Callable[[], bytes] | None = None) -> Any:
    """A CPU session on ``source`` (or on what ``load()`` makes of it, named by ``key``) as ``options`` would
    optimise it: the optimised graph is saved under ``cache_dir`` on the first load and opened with
    optimisation off afterwards."""
    import onnxruntime as ort

    parts = [*file_stamp(source), key, int(options.graph_optimization_level), ort.__version__, providers, _cpu()]
    target = Path(cache_dir) / f"{source.stem}-{hashlib.sha256(repr(parts).encode()).hexdigest()[:16]}.onnx"
    found = prebuilt(target) or target
    if found.is_file():
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
        return ort.InferenceSession(str(found), options, providers=providers)
    model = load() if load else str(source)
    made = []

    def optimize(scratch: Path) -> None:
        options.optimized_model_filepath = str(scratch)  # written while the session is built
        severity, options.log_severity_level = options.log_severity_level, 3  # its warning is what the key is for
        made.append(ort.InferenceSession(model, options, providers=providers))
        options.optimized_model_filepath, options.log_severity_level = "", severity

    save_whole(target, optimize)
    return made[0]


@cache
def _cpu() -> str:
    """This machine's processor and instruction-set flags (Linux; elsewhere what platform knows)."""
    try:
        flags = next(line for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("flags"))
    except (OSError, StopIteration):
        flags = platform.processor()
    return f"{platform.machine()} {hashlib.sha256(flags.encode()).hexdigest()[:16]}"


def with_output(graph: Any, onnx: Any, name: str, dtype: str) -> None:
    """Expose an inner tensor as one more output (of element type ``dtype``: FLOAT, INT64, ...)."""
    graph.graph.output.append(onnx.helper.make_tensor_value_info(name, getattr(onnx.TensorProto, dtype), None))


def _changed(source: Path, edit: Callable[[Any, Any], None]) -> bytes:
    import onnx

    graph = onnx.load(str(source))
    edit(graph, onnx)
    return graph.SerializeToString()


def _edited(source: Path, edit: Callable[[Any, Any], None], key: str, cache_dir: str | None) -> str | bytes:
    target = None
    if cache_dir:
        digest = hashlib.sha256(repr([*file_stamp(source), key]).encode()).hexdigest()
        target = Path(cache_dir) / f"{source.stem}-{digest[:16]}.onnx"
        found = prebuilt(target) or target
        if found.is_file():
            return str(found)
    data = _changed(source, edit)
    if target is None:
        return data
    save_whole(target, lambda scratch: scratch.write_bytes(data))
    return str(target)
