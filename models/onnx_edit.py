"""ONNX graphs a backend changes before it runs them (an extra output for durations the model computes inside,
seeds on its random nodes), saved once under the card's ``onnx_dir``.

Changing a graph needs the ``onnx`` package (0.7 s to import), a parse of the file and a serialisation of
the result (about 1 s for Piper's 63 MB voice), all under the interpreter lock that every other model's
load waits on at start-up. The changed graph is written once, keyed by the source file (path, size,
modification time) and the change's own key, and later loads hand its path straight to onnxruntime.
Without an ``onnx_dir`` the change is made in memory each time, as before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from models.sources import save_whole


def session(source: Path, edit: Callable[[Any, Any], None], key: str, cache_dir: str | None,
            options: Any, providers: list[str]) -> Any:
    """An onnxruntime session on ``source`` changed by ``edit(graph, onnx)``; ``key`` names the change (it
    must differ whenever the change would)."""
    import onnxruntime as ort

    return ort.InferenceSession(_edited(source, edit, key, cache_dir), options, providers=providers)


def with_output(graph: Any, onnx: Any, name: str, dtype: str) -> None:
    """Expose an inner tensor as one more output (of element type ``dtype``: FLOAT, INT64, ...)."""
    graph.graph.output.append(onnx.helper.make_tensor_value_info(name, getattr(onnx.TensorProto, dtype), None))


def _edited(source: Path, edit: Callable[[Any, Any], None], key: str, cache_dir: str | None) -> str | bytes:
    target = None
    if cache_dir:
        stat = source.stat()
        digest = hashlib.sha256(f"{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{key}".encode()).hexdigest()
        target = Path(cache_dir) / f"{source.stem}-{digest[:16]}.onnx"
        if target.is_file():
            return str(target)
    import onnx

    graph = onnx.load(str(source))
    edit(graph, onnx)
    data = graph.SerializeToString()
    if target is None:
        return data
    save_whole(target, lambda scratch: scratch.write_bytes(data))
    return str(target)
