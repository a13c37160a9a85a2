"""A changed ONNX graph is written once under onnx_dir and later sessions load the saved file unchanged."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper

from models import onnx_edit


def _model(path: Path) -> Path:
    """y = (x + x) * x, with the inner sum named "inner"."""
    graph = helper.make_graph(
        [helper.make_node("Add", ["x", "x"], ["inner"]), helper.make_node("Mul", ["inner", "x"], ["y"])],
        "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(path))
    return path


def _session(source: Path, cache: Path | None, calls: list[int]) -> ort.InferenceSession:
    def edit(graph, onnx_module, name):
        calls.append(1)
        onnx_edit.with_output(graph, onnx_module, name=name, dtype="FLOAT")

    return onnx_edit.session(source, partial(edit, name="inner"), "+inner", str(cache) if cache else None,
                             ort.SessionOptions(), ["CPUExecutionProvider"])


def test_the_changed_graph_is_saved_once_and_reused(tmp_path: Path) -> None:
    source, cache, calls = _model(tmp_path / "m.onnx"), tmp_path / "onnx", []
    first = _session(source, cache, calls)
    y, inner = first.run(None, {"x": np.array([1.0, 3.0], np.float32)})
    assert inner.tolist() == [2.0, 6.0] and y.tolist() == [2.0, 18.0]  # the inner tensor is an output now
    saved = list(cache.glob("m-*.onnx"))
    assert len(saved) == 1 and not list(cache.glob("*.partial"))

    second = _session(source, cache, calls)
    assert calls == [1]  # the second load read the saved graph: no edit, no onnx parse
    assert [o.name for o in second.get_outputs()] == ["y", "inner"]


def test_a_changed_source_is_edited_again(tmp_path: Path) -> None:
    source, cache, calls = _model(tmp_path / "m.onnx"), tmp_path / "onnx", []
    _session(source, cache, calls)
    source.write_bytes(source.read_bytes())  # same bytes, new modification time: the key changes
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 10**9))
    _session(source, cache, calls)
    assert calls == [1, 1] and len(list(cache.glob("m-*.onnx"))) == 2


def test_without_a_cache_dir_the_change_is_made_in_memory(tmp_path: Path) -> None:
    source, calls = _model(tmp_path / "m.onnx"), []
    session = _session(source, None, calls)
    assert [o.name for o in session.get_outputs()] == ["y", "inner"]
    assert calls == [1] and sorted(p.name for p in tmp_path.iterdir()) == ["m.onnx"]
