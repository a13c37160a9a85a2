"""A changed ONNX graph is written once under onnx_dir and later sessions load the saved file unchanged."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
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


def _conv(path: Path) -> Path:
    """y = relu(conv(x)): ONNX Runtime fuses the pair (and lays out the convolution for this CPU)."""
    weight = helper.make_tensor("w", TensorProto.FLOAT, [8, 3, 3, 3],
                                np.random.default_rng(0).normal(size=(8, 3, 3, 3)).astype(np.float32).ravel().tolist())
    graph = helper.make_graph(
        [helper.make_node("Conv", ["x", "w"], ["c"], pads=[1, 1, 1, 1]), helper.make_node("Relu", ["c"], ["y"])],
        "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 16, 16])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 8, 16, 16])], initializer=[weight])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(path))
    return path


def test_the_optimised_graph_is_saved_once_and_opened_without_optimising_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, cache = _conv(tmp_path / "c.onnx"), tmp_path / "onnx"
    x = np.random.default_rng(1).normal(size=(1, 3, 16, 16)).astype(np.float32)
    first = onnx_edit.optimized_session(source, ort.SessionOptions(), ["CPUExecutionProvider"], str(cache))
    (saved,) = cache.glob("c-*.onnx")
    assert {n.op_type for n in onnx.load(str(saved)).graph.node} != {"Conv", "Relu"}  # ONNX Runtime's graph, fused

    options = ort.SessionOptions()
    second = onnx_edit.optimized_session(source, options, ["CPUExecutionProvider"], str(cache))
    assert options.graph_optimization_level == ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    assert np.array_equal(second.run(None, {"x": x})[0], first.run(None, {"x": x})[0])
    plain = ort.InferenceSession(str(source), providers=["CPUExecutionProvider"]).run(None, {"x": x})[0]
    assert np.allclose(second.run(None, {"x": x})[0], plain, atol=1e-5) and list(cache.iterdir()) == [saved]

    monkeypatch.setattr(onnx_edit, "_cpu", lambda: "another processor")  # a data folder moved to another machine
    onnx_edit.optimized_session(source, ort.SessionOptions(), ["CPUExecutionProvider"], str(cache))
    assert len(list(cache.glob("c-*.onnx"))) == 2
