"""The transformers backends on ONNX Runtime: exported once and cached, the same answers as PyTorch in fp32,
close ones with int8 weights, token classification too, and bad options refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
import transformers

from models.cards import ModelCard
from models.text import onnx_runtime
from models.text.transformers_backend import SequenceClassifier, TokenClassifier
from tests.unit.test_transformers_backend import tiny

TEXTS = ["short", "a much longer sentence that needs padding for the others", "mid length text", "Jeff Bezos"]


def card(path: Path, cache: Path, **options: object) -> ModelCard:
    return ModelCard(name="s", task="sentiment", backend="transformers-sequence-classification", source=f"path:{path}",
                     options={"onnx_dir": str(cache), **options})


def test_fp32_answers_as_pytorch_and_the_export_is_made_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tiny(tmp_path / "model", transformers.BertForSequenceClassification, ["neg", "neu", "pos"], None)
    torch.manual_seed(0)
    torch_backend = SequenceClassifier(card(path, tmp_path / "onnx"))
    torch_backend.load("cpu", "fp32")
    expected = torch_backend.predict(TEXTS)

    ort_backend = SequenceClassifier(card(path, tmp_path / "onnx", runtime="onnxruntime"))
    ort_backend.load("cpu", "fp32")
    assert len(list((tmp_path / "onnx").glob("*.onnx"))) == 1
    for got, want in zip(ort_backend.predict(TEXTS), expected, strict=True):
        assert set(got) == set(want) and all(got[k] == pytest.approx(want[k], abs=1e-4) for k in want)
    assert ort_backend.predict(TEXTS[:1])[0] == pytest.approx(ort_backend.predict(TEXTS)[0], abs=1e-5)  # padding

    def no_export(*args: object) -> None:
        raise AssertionError("exported again")

    monkeypatch.setattr(onnx_runtime, "export", no_export)
    again = SequenceClassifier(card(path, tmp_path / "onnx", runtime="onnxruntime"))
    again.load("cpu", "fp32")  # the cached graph, and no PyTorch model loaded for it
    assert again.predict(TEXTS[:2])[1] == pytest.approx(expected[1], abs=1e-4)


def test_int8_weights_stay_close_and_the_winner_holds(tmp_path: Path) -> None:
    path = tiny(tmp_path / "model", transformers.BertForSequenceClassification, ["LABEL_0", "LABEL_1"], bias_label=1)
    backend = SequenceClassifier(card(path, tmp_path / "onnx", runtime="onnxruntime", quantize="int8",
                                      label_map={"LABEL_0": "NEGATIVE", "LABEL_1": "POSITIVE"}))
    backend.load("cpu", "fp32")
    assert {p.name.count(".int8.") for p in (tmp_path / "onnx").glob("*.onnx")} == {0, 1}  # fp32 kept, int8 made
    assert all(scores["POSITIVE"] > 0.99 for scores in backend.predict(TEXTS))


def test_token_classification_runs_on_onnx_runtime(tmp_path: Path) -> None:
    path = tiny(tmp_path / "model", transformers.BertForTokenClassification, ["O", "B-PER", "I-PER"], bias_label=1)
    backend = TokenClassifier(ModelCard(name="t", task="entities", backend="x", source=f"path:{path}",
                                        options={"runtime": "onnxruntime", "onnx_dir": str(tmp_path / "onnx")}))
    backend.load("cpu", "fp32")
    (entities,) = backend.predict(["Jeff Bezos founded Amazonification"])
    assert [e["text"] for e in entities] == ["Jeff", "Bezos", "founded", "Amazonification"]


@pytest.mark.parametrize("options, message", [
    ({"runtime": "tensorrt"}, "options.runtime must be one of"),
    ({"runtime": "onnxruntime", "quantize": "int4"}, "options.quantize must be int8"),
    ({"runtime": "torch", "quantize": "int8"}, "needs options.runtime = onnxruntime"),
])
def test_bad_options_are_refused_by_name(tmp_path: Path, options: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SequenceClassifier(card(tmp_path, tmp_path, **options))
