"""A small interpreter for TensorFlow.js graph models (``model.json`` + weight shards), on PyTorch.

It runs the op set that converted detectors such as NanoDet use (Conv2D, MaxPool, Pad, ResizeBilinear,
ConcatV2, SplitV, Reshape, Transpose, activations, ...), so those models load without TensorFlow. Weights
are dequantized as the manifest says (float16, uint8/uint16 with min and scale). A graph exported at
batch 1 is opened up to any batch: a Reshape's leading 1 becomes the batch size.
Ops outside the set raise ``NotImplementedError`` naming the op, at load, not at the first request.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

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
                 "ResizeBilinear", "SplitV", "Split", "Reshape", "SparseToDense", "Softmax"})


class GraphModel:
    def __init__(self, model_json: Path, device: str = "cpu", dtype: Any = None) -> None:
        import torch

        spec = json.loads(model_json.read_text())
        self.nodes = spec["modelTopology"]["node"]
        unknown = sorted({n["op"] for n in self.nodes} - SUPPORTED)
        if unknown:
            raise NotImplementedError(f"{model_json.name}: TF.js ops not supported: {', '.join(unknown)}")
        self.outputs = sorted(spec.get("signature", {}).get("outputs", {}))
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
            elif op in ("Conv2D", "DepthwiseConv2dNative"):
                strides = [int(v) for v in attr["strides"]["list"]["i"]][1:3]
                dilations = [int(v) for v in attr.get("dilations", {}).get("list", {}).get("i", ["1"] * 4)][1:3]
                weight = a[1].permute(3, 2, 0, 1)  # HWIO -> OIHW
                channels = a[0].shape[3]
                if op == "DepthwiseConv2dNative":  # HW, in, multiplier -> (in*mult), 1, H, W
                    weight = a[1].permute(2, 3, 0, 1).reshape(-1, 1, a[1].shape[0], a[1].shape[1])
                groups = channels // weight.shape[1]
                padding = "same" if _text(attr.get("padding")) == "SAME" else 0
                if padding == "same" and max(strides) > 1:
                    raise NotImplementedError("SAME padding with stride > 1")
                out = nhwc(F.conv2d(nchw(a[0]), weight, stride=strides, padding=padding, dilation=dilations,
                                    groups=groups))
            elif op in ("Add", "AddV2"):
                out = _binary(a[0], a[1], np.add)
            elif op == "Sub":
                out = _binary(a[0], a[1], np.subtract)
            elif op == "Mul":
                out = _binary(a[0], a[1], np.multiply)
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
                out = nhwc(F.max_pool2d(nchw(a[0]), k, s))
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


def _text(attr: dict[str, Any] | None) -> str:
    import base64

    return base64.b64decode(attr["s"]).decode() if attr and "s" in attr else ""


def _binary(x: Any, y: Any, fn: Any) -> Any:
    """Tensors broadcast in torch; integer shape arithmetic (both numpy) stays in numpy."""
    if isinstance(x, np.ndarray) and isinstance(y, np.ndarray):
        return fn(x, y)
    import torch

    if isinstance(x, np.ndarray):
        x = torch.as_tensor(x, dtype=y.dtype, device=y.device)
    if isinstance(y, np.ndarray):
        y = torch.as_tensor(y, dtype=x.dtype, device=x.device)
    if fn is np.add:
        return x + y
    return x - y if fn is np.subtract else x * y
