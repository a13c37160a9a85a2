"""A small interpreter for TensorFlow.js graph models (``model.json`` + weight shards), on PyTorch, and
through it an export of the graph to ONNX (:func:`network`), which the backends run on ONNX Runtime.

It runs the op set that converted detectors such as NanoDet use (Conv2D, MaxPool, Pad, ResizeBilinear,
ConcatV2, SplitV, Reshape, Transpose, activations, ...), so those models load without TensorFlow. Weights
are dequantized as the manifest says (float16, uint8/uint16 with min and scale). A graph exported at
batch 1 is opened up to any batch: a Reshape's leading 1 becomes the batch size.
Ops outside the set raise ``NotImplementedError`` naming the op, at load, not at the first request.
"""

from __future__ import annotations

import base64
import json
import operator
from pathlib import Path
from typing import Any

import numpy as np

from models.torch_onnx import Network

DTYPES = {"float32": np.float32, "int32": np.int32, "bool": np.bool_, "int64": np.int64}


def load_weights(folder: Path, manifest: list[dict[str, Any]]) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for group in manifest:
        raw = b"".join((folder / p).read_bytes() for p in group["paths"])
        offset = 0
        for w in group["weights"]:
            count = int(np.prod(w["shape"])) if w["shape"] else 1
            q = w.get("quantization")
            if q is None:
                dtype = np.dtype(DTYPES[w["dtype"]])
                values = np.frombuffer(raw, dtype, count, offset)
            elif q["dtype"] == "float16":
                dtype = np.dtype(np.float16)
                values = np.frombuffer(raw, dtype, count, offset).astype(np.float32)
            else:
                dtype = np.dtype(np.uint8 if q["dtype"] == "uint8" else np.uint16)
                values = np.frombuffer(raw, dtype, count, offset).astype(np.float32) * q["scale"] + q["min"]
            offset += count * dtype.itemsize
            out[w["name"]] = values.reshape(w["shape"]).copy()
    return out


SUPPORTED = frozenset({"Const", "Placeholder", "Identity", "Pad", "PadV2", "Transpose", "Conv2D", "DepthwiseConv2dNative",
                 "Add", "AddV2", "Sub", "Mul", "LeakyRelu", "Relu", "Relu6", "Sigmoid", "MaxPool", "ConcatV2",
                 "ResizeBilinear", "SplitV", "Split", "Reshape", "SparseToDense", "Softmax", "_FusedConv2D",
                 "_FusedMatMul", "MatMul", "Mean", "Max", "Min", "Maximum", "Minimum"})


class GraphModel:
    def __init__(self, model_json: Path, device: str = "cpu", dtype: Any = None) -> None:
        import torch

        spec = json.loads(model_json.read_text())
        self.nodes = spec["modelTopology"]["node"]
        unknown = sorted({n["op"] for n in self.nodes} - SUPPORTED)
        if unknown:
            raise NotImplementedError(f"{model_json.name}: TF.js ops not supported: {', '.join(unknown)}")
        signature = spec.get("signature") or spec.get("userDefinedMetadata", {}).get("signature", {})
        self.outputs = sorted(signature.get("outputs", {}))
        self.device, self.dtype = device, dtype or torch.float32
        weights = load_weights(model_json.parent, spec["weightsManifest"])
        reshaped = {n["input"][1] for n in self.nodes if n["op"] == "Reshape"}
        self.consts: dict[str, Any] = {}
        for name, value in weights.items():
            if value.dtype == np.float32:
                self.consts[name] = torch.from_numpy(value).to(device, self.dtype)
            else:
                self.consts[name] = value
        self.batch_free = reshaped  # shape tensors computed from these get a free leading dimension

    def __call__(self, inputs: Any) -> dict[str, Any]:
        import torch
        import torch.nn.functional as F

        values: dict[str, Any] = dict(self.consts)

        def get(ref: str) -> Any:
            name, _, index = ref.partition(":")
            value = values[name.lstrip("^")]
            return value[int(index or 0)] if isinstance(value, tuple) else value

        def nchw(x: torch.Tensor) -> torch.Tensor:
            return x.permute(0, 3, 1, 2)

        def nhwc(x: torch.Tensor) -> torch.Tensor:
            return x.permute(0, 2, 3, 1)

        for node in self.nodes:
            op, name, ins, attr = node["op"], node["name"], node.get("input", []), node.get("attr", {})
            if op == "Const":
                continue
            if op == "Placeholder":
                values[name] = inputs.to(self.device, self.dtype)
                continue
            a = [get(i) for i in ins if not i.startswith("^")]
            if op == "Identity":
                out = a[0]
            elif op in ("Pad", "PadV2"):
                pads = [int(v) for pair in np.asarray(a[1])[::-1] for v in pair]
                fill = float(np.asarray(a[2]).reshape(-1)[0]) if op == "PadV2" else 0.0
                out = F.pad(a[0], pads, value=fill)
            elif op == "Transpose":
                out = a[0].permute(*[int(v) for v in np.asarray(a[1])])
            elif op in ("Conv2D", "DepthwiseConv2dNative", "_FusedConv2D"):
                strides = [int(v) for v in attr["strides"]["list"]["i"]][1:3]
                dilations = [int(v) for v in attr.get("dilations", {}).get("list", {}).get("i", ["1"] * 4)][1:3]
                weight = a[1].permute(3, 2, 0, 1)  # HWIO -> OIHW
                channels = a[0].shape[3]
                if op == "DepthwiseConv2dNative":  # HW, in, multiplier -> (in*mult), 1, H, W
                    weight = a[1].permute(2, 3, 0, 1).reshape(-1, 1, a[1].shape[0], a[1].shape[1])
                groups = channels // weight.shape[1]
                x = nchw(a[0])
                if _text(attr.get("padding")) == "SAME":
                    x = _same(x, list(weight.shape[2:]), strides, 0.0)
                out = nhwc(F.conv2d(x, weight, stride=strides, dilation=dilations, groups=groups))
                if op == "_FusedConv2D":
                    out = _fused(out, a[2:], attr)
            elif op in ("MatMul", "_FusedMatMul"):
                left = a[0].transpose(0, 1) if attr.get("transpose_a", {}).get("b") else a[0]
                right = a[1].transpose(0, 1) if attr.get("transpose_b", {}).get("b") else a[1]
                out = left @ right
                if op == "_FusedMatMul":
                    out = _fused(out, a[2:], attr)
            elif op in ("Mean", "Max", "Min"):
                axes = [int(v) for v in np.asarray(a[1]).reshape(-1)]
                keep = bool(attr.get("keep_dims", {}).get("b", False))
                if op == "Mean":
                    out = a[0].mean(dim=axes, keepdim=keep)
                else:
                    out = a[0].amax(dim=axes, keepdim=keep) if op == "Max" else a[0].amin(dim=axes, keepdim=keep)
            elif op in ("Maximum", "Minimum"):
                other = a[1] if not isinstance(a[1], np.ndarray) else torch.as_tensor(a[1], dtype=a[0].dtype)
                out = torch.maximum(a[0], other) if op == "Maximum" else torch.minimum(a[0], other)
            elif op in ("Add", "AddV2"):
                out = _binary(a[0], a[1], operator.add)
            elif op == "Sub":
                out = _binary(a[0], a[1], operator.sub)
            elif op == "Mul":
                out = _binary(a[0], a[1], operator.mul)
            elif op == "LeakyRelu":
                out = F.leaky_relu(a[0], float(attr["alpha"]["f"]))
            elif op == "Relu":
                out = F.relu(a[0])
            elif op == "Relu6":
                out = F.relu6(a[0])
            elif op == "Sigmoid":
                out = torch.sigmoid(a[0])
            elif op == "Softmax":
                out = torch.softmax(a[0], dim=-1)
            elif op == "MaxPool":
                k = [int(v) for v in attr["ksize"]["list"]["i"]][1:3]
                s = [int(v) for v in attr["strides"]["list"]["i"]][1:3]
                x = nchw(a[0])
                if _text(attr.get("padding")) == "SAME":
                    x = _same(x, k, s, float("-inf"))
                out = nhwc(F.max_pool2d(x, k, s))
            elif op == "ConcatV2":
                axis = int(np.asarray(a[-1]))
                out = torch.cat(a[:-1], dim=axis)
            elif op == "ResizeBilinear":
                size = [int(v) for v in np.asarray(a[1])]
                align = bool(attr.get("align_corners", {}).get("b", False))
                out = nhwc(F.interpolate(nchw(a[0]), size=size, mode="bilinear", align_corners=align))
            elif op == "SplitV":
                sizes = [int(v) for v in np.asarray(a[1])]
                out = tuple(torch.split(a[0], sizes, dim=int(np.asarray(a[2]))))
            elif op == "Split":
                out = tuple(torch.chunk(a[1], int(attr["num_split"]["i"]), dim=int(np.asarray(a[0]))))
            elif op == "Reshape":
                shape = [int(v) for v in np.asarray(a[1])]
                if ins[1] in self.batch_free and shape and shape[0] == 1:
                    shape[0] = a[0].shape[0]  # the graph was exported at batch 1; the batch passes through
                out = a[0].reshape(shape)
            elif op == "SparseToDense":
                dense = np.zeros([int(v) for v in np.asarray(a[1]).reshape(-1)], dtype=np.asarray(a[3]).dtype)
                dense.flat[np.asarray(a[0], dtype=np.int64).reshape(-1)] = np.asarray(a[2]).reshape(-1)
                out = dense
            else:  # pragma: no cover - filtered at load
                raise NotImplementedError(op)
            values[name] = out
        return {o: values[o.split(":")[0]] for o in self.outputs}


def network(model_json: Path, sample: tuple[int, ...]) -> Network:
    """The graph as a network to export (models/torch_onnx.py): a module that runs this interpreter, one
    input of the sample shape (batch first), the graph's outputs by name; made from the JSON and its shards."""
    spec = json.loads(model_json.read_text())
    shards = [model_json.parent / p for group in spec["weightsManifest"] for p in group["paths"]]

    def build(device: str, dtype: Any) -> Any:
        import torch

        graph = GraphModel(model_json, device, dtype)

        class Graph(torch.nn.Module):
            output_names = graph.outputs

            def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, ...]:
                values = graph(x)
                return tuple(values[name] for name in graph.outputs)

        return Graph()

    return Network(build, {"input": sample}, [model_json, *shards], [__name__])


def _same(x: Any, kernel: list[int], strides: list[int], value: float) -> Any:
    """TensorFlow's SAME padding (the odd pixel goes after), for any stride."""
    import torch.nn.functional as F

    pads = []
    for size, k, s in zip(reversed(x.shape[2:]), reversed(kernel), reversed(strides), strict=True):
        size = int(size)  # a constant in an export: ONNX's integer Div truncates where // floors (-(-29 // 2))
        total = max((-(-size // s) - 1) * s + k - size, 0)
        pads += [total // 2, total - total // 2]
    return F.pad(x, pads, value=value)


def _fused(x: Any, args: list[Any], attr: dict[str, Any]) -> Any:
    """The ops grappler fused into a conv or a matmul: BiasAdd, then an activation."""
    import torch
    import torch.nn.functional as F

    ops = [base64.b64decode(o).decode() for o in attr.get("fused_ops", {}).get("list", {}).get("s", [])]
    for op in ops:
        if op == "BiasAdd":
            x = x + args[0]
        elif op == "Relu":
            x = F.relu(x)
        elif op == "Relu6":
            x = F.relu6(x)
        elif op == "LeakyRelu":
            x = F.leaky_relu(x, float(attr.get("leakyrelu_alpha", {}).get("f", 0.2)))
        elif op == "Elu":
            x = F.elu(x)
        elif op == "Sigmoid":
            x = torch.sigmoid(x)
        elif op == "Prelu":
            x = torch.where(x >= 0, x, x * args[1])
        else:
            raise NotImplementedError(f"fused op {op}")
    return x


def _text(attr: dict[str, Any] | None) -> str:
    return base64.b64decode(attr["s"]).decode() if attr and "s" in attr else ""


def _binary(x: Any, y: Any, fn: Any) -> Any:
    """Tensors broadcast in torch; integer shape arithmetic (both numpy) stays in numpy."""
    import torch

    if isinstance(x, np.ndarray) and not isinstance(y, np.ndarray):
        x = torch.as_tensor(x, dtype=y.dtype, device=y.device)
    elif isinstance(y, np.ndarray) and not isinstance(x, np.ndarray):
        y = torch.as_tensor(y, dtype=x.dtype, device=x.device)
    return fn(x, y)
