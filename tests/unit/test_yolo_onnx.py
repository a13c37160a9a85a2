"""The YOLO-ONNX backend's plumbing (letterbox, decoding, thresholds, per-class NMS, the way back to image
pixels) on an ONNX graph built here whose head answers three fixed anchors; and a user's detector taking
precedence over the embedded NanoDet in DetectLabels."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper

from models.cards import ModelCard
from models.vision.yolo import YoloOnnx


def fixed_head_model(path: Path) -> Path:
    """[B, 3, 640, 640] in -> [B, 84, 3] out: the same three anchors for every image."""
    head = np.zeros((1, 84, 3), np.float32)
    head[0, :4, 0], head[0, 4, 0] = [320, 320, 100, 100], 0.9  # a person in the middle
    head[0, :4, 1], head[0, 4, 1] = [322, 321, 100, 100], 0.8  # the same person again: suppressed
    head[0, :4, 2], head[0, 4 + 41, 2] = [100, 200, 50, 50], 0.2  # a cup under the threshold
    nodes = [
        helper.make_node("Shape", ["images"], ["shape"]),
        helper.make_node("Slice", ["shape", "zero", "one"], ["batch"]),
        helper.make_node("Concat", ["batch", "tail"], ["target"], axis=0),
        helper.make_node("Expand", ["head", "target"], ["output0"]),
    ]
    inits = [helper.make_tensor("zero", TensorProto.INT64, [1], [0]), helper.make_tensor("one", TensorProto.INT64, [1], [1]),
             helper.make_tensor("tail", TensorProto.INT64, [2], [84, 3]),
             helper.make_tensor("head", TensorProto.FLOAT, [1, 84, 3], head.reshape(-1).tolist())]
    graph = helper.make_graph(
        nodes, "yolo-head", [helper.make_tensor_value_info("images", TensorProto.FLOAT, ["batch", 3, 640, 640])],
        [helper.make_tensor_value_info("output0", TensorProto.FLOAT, ["batch", 84, 3])], inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, path)
    return path


def test_decodes_through_the_letterbox_with_nms_and_threshold(tmp_path: Path) -> None:
    yolo = YoloOnnx(ModelCard(name="y", task="objects", backend="yolo-onnx", source=f"path:{fixed_head_model(tmp_path / 'y.onnx')}"))
    yolo.load("cpu", "fp32")
    assert yolo.size == 640 and yolo.dynamic_batch
    wide, square = np.zeros((720, 1280, 3), np.uint8), np.zeros((640, 640, 3), np.uint8)
    (first,), (second,) = yolo.predict([wide, square])
    # 1280x720 -> scale 0.5, 140 px of border above: (270..370, 270..370) maps to (540..740, 260..460)
    assert first[0] == "person" and first[1] == pytest.approx(0.9)
    assert first[2] == pytest.approx((540, 260, 740, 460))
    assert second[2] == pytest.approx((270, 270, 370, 370))


async def test_a_user_detector_comes_before_nanodet(tmp_path: Path) -> None:
    import httpx
    from skimage import data

    from cirrus.settings import Settings
    from gateway.app import create_app
    from tests.vision_util import png

    card = {"name": "my-yolo", "task": "objects", "backend": "yolo-onnx",
            "source": f"path:{fixed_head_model(tmp_path / 'y.onnx')}", "options": {"threshold": 0.5}}
    app = create_app(Settings(data_dir=tmp_path, extra_models=[card]))  # type: ignore[list-item]
    async with app.router.lifespan_context(app), httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"  # type: ignore[arg-type]
    ) as client:
        r = await client.post("/v1/vision/labels", files={"file": ("c.png", png(data.coffee()))})
    labels = {label["Name"]: label for label in r.json()["labels"]}
    (person,) = labels["Person"]["Instances"]  # the fixed head's person (0.9), not NanoDet's cup box
    assert person["Confidence"] == pytest.approx(90, abs=0.01) and labels["Cup"]["Instances"] == []
