"""The TF.js graph interpreter on a small graph written here: exact against PyTorch, any batch, clear
errors for ops it does not run."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from models.vision.tfjs import GraphModel


def _graph(tmp_path: Path, extra_op: str | None = None) -> tuple[Path, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    kernel = rng.normal(size=(3, 3, 2, 4)).astype(np.float32)  # HWIO
    bias = rng.normal(size=(4,)).astype(np.float32)
    shape = np.array([1, -1, 4], np.int32)
    nodes = [
        {"name": "x", "op": "Placeholder", "attr": {}},
        {"name": "k", "op": "Const"}, {"name": "b", "op": "Const"}, {"name": "s", "op": "Const"},
        {"name": "conv", "op": "Conv2D", "input": ["x", "k"], "attr": {
            "strides": {"list": {"i": ["1", "1", "1", "1"]}}, "padding": {"s": base64.b64encode(b"VALID").decode()}}},
        {"name": "add", "op": "Add", "input": ["conv", "b"]},
        {"name": "act", "op": "LeakyRelu", "input": ["add"], "attr": {"alpha": {"f": 0.1}}},
        {"name": "out", "op": "Reshape", "input": ["act", "s"]},
    ]
    if extra_op:
        nodes.append({"name": "odd", "op": extra_op, "input": ["out"]})
    weights = [{"name": "k", "shape": [3, 3, 2, 4], "dtype": "float32", "quantization": {"dtype": "float16"}},
               {"name": "b", "shape": [4], "dtype": "float32"}, {"name": "s", "shape": [3], "dtype": "int32"}]
    (tmp_path / "w.bin").write_bytes(kernel.astype(np.float16).tobytes() + bias.tobytes() + shape.tobytes())
    spec = {"format": "graph-model", "modelTopology": {"node": nodes},
            "signature": {"outputs": {"out:0": {}}}, "weightsManifest": [{"paths": ["w.bin"], "weights": weights}]}
    (tmp_path / "model.json").write_text(json.dumps(spec))
    return tmp_path / "model.json", kernel.astype(np.float16).astype(np.float32), bias


def test_runs_the_graph_exactly_and_at_any_batch(tmp_path: Path) -> None:
    path, kernel, bias = _graph(tmp_path)
    model = GraphModel(path)
    x = torch.from_numpy(np.random.default_rng(1).normal(size=(3, 6, 6, 2)).astype(np.float32))  # NHWC
    out = model(x)["out:0"]
    expected = torch.nn.functional.leaky_relu(
        torch.nn.functional.conv2d(x.permute(0, 3, 1, 2), torch.from_numpy(kernel).permute(3, 2, 0, 1))
        + torch.from_numpy(bias)[None, :, None, None], 0.1).permute(0, 2, 3, 1).reshape(3, -1, 4)
    assert out.shape == (3, 16, 4)  # exported at batch 1 ([1, -1, 4]); a batch of 3 passes through
    assert torch.allclose(out, expected, atol=1e-5)
    assert torch.allclose(model(x[:1])["out:0"][0], out[0], atol=1e-6)


def test_an_op_it_does_not_run_is_named_at_load(tmp_path: Path) -> None:
    path, _, _ = _graph(tmp_path, extra_op="NonMaxSuppressionV5")
    with pytest.raises(NotImplementedError, match="NonMaxSuppressionV5"):
        GraphModel(path)


def test_fused_conv_same_padding_pools_and_means(tmp_path: Path) -> None:
    """TensorFlow's SAME padding at stride 2 puts the odd pixel after; grappler's fused conv adds bias + ReLU."""
    rng = np.random.default_rng(2)
    kernel = rng.normal(size=(3, 3, 1, 2)).astype(np.float32)
    bias = rng.normal(size=(2,)).astype(np.float32)
    axes = np.array([1, 2], np.int32)
    same = base64.b64encode(b"SAME").decode()
    fused = {"list": {"s": [base64.b64encode(b"BiasAdd").decode(), base64.b64encode(b"Relu").decode()]}}
    nodes = [
        {"name": "x", "op": "Placeholder"}, {"name": "k", "op": "Const"}, {"name": "b", "op": "Const"},
        {"name": "ax", "op": "Const"},
        {"name": "conv", "op": "_FusedConv2D", "input": ["x", "k", "b"], "attr": {
            "strides": {"list": {"i": ["1", "2", "2", "1"]}}, "padding": {"s": same}, "fused_ops": fused}},
        {"name": "pool", "op": "MaxPool", "input": ["conv"], "attr": {
            "ksize": {"list": {"i": ["1", "3", "3", "1"]}}, "strides": {"list": {"i": ["1", "2", "2", "1"]}},
            "padding": {"s": same}}},
        {"name": "out", "op": "Mean", "input": ["pool", "ax"], "attr": {"keep_dims": {"b": False}}},
    ]
    weights = [{"name": "k", "shape": [3, 3, 1, 2], "dtype": "float32"}, {"name": "b", "shape": [2], "dtype": "float32"},
               {"name": "ax", "shape": [2], "dtype": "int32"}]
    (tmp_path / "w.bin").write_bytes(kernel.tobytes() + bias.tobytes() + axes.tobytes())
    spec = {"modelTopology": {"node": nodes}, "userDefinedMetadata": {"signature": {"outputs": {"out:0": {}}}},
            "weightsManifest": [{"paths": ["w.bin"], "weights": weights}]}
    (tmp_path / "model.json").write_text(json.dumps(spec))
    x = torch.from_numpy(rng.normal(size=(2, 7, 7, 1)).astype(np.float32))
    F = torch.nn.functional
    # TF SAME, 7 wide, k3 s2: 1 pixel of padding on each side; pool k3 s2 on 4: 0 before, 1 after
    conv = F.relu(F.conv2d(F.pad(x.permute(0, 3, 1, 2), [1, 1, 1, 1]), torch.from_numpy(kernel).permute(3, 2, 0, 1),
                           stride=2) + torch.from_numpy(bias)[None, :, None, None])
    pooled = F.max_pool2d(F.pad(conv, [0, 1, 0, 1], value=float("-inf")), 3, 2)
    out = GraphModel(tmp_path / "model.json")(x)["out:0"]
    assert out.shape == (2, 2) and torch.allclose(out, pooled.mean(dim=(2, 3)), atol=1e-5)
