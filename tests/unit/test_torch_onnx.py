"""PyTorch networks exported once to ONNX and run on ONNX Runtime (models/torch_onnx.py): the same answers
as on PyTorch for the four default cards that use it, one export per source, and a restart that finds the
exports loads and runs them without importing torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch

from models import torch_onnx
from models.base import create_backend
from models.cards import ModelCard
from models.registry import default_cards
from models.torch_onnx import Network, choose_runtime, open_network

ROOT = Path(__file__).resolve().parents[2]
CARDS = ("labels-efficientnet-lite0", "objects-nanodet", "faces-emotion", "speakers-resemblyzer")


def test_auto_is_onnx_runtime_where_it_runs_on_the_device_and_a_bad_runtime_is_refused() -> None:
    import onnxruntime as ort

    assert choose_runtime("auto", "cpu") == "onnxruntime"
    assert choose_runtime("torch", "cpu") == "torch"
    if "CUDAExecutionProvider" not in ort.get_available_providers():  # this CPU build: CUDA stays on PyTorch
        assert choose_runtime("auto", "cuda") == "torch"
    with pytest.raises(ValueError, match=r"options\.runtime"):
        choose_runtime("tensorflow", "cpu")


class Tiny(torch.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        torch.manual_seed(0)
        self.conv = torch.nn.Conv2d(3, 4, 3)
        self.head = torch.nn.Linear(4, 2)

    def forward(self, x: Any) -> tuple[Any, Any]:
        pooled = torch.relu(self.conv(x)).mean(dim=(2, 3))
        return self.head(pooled), pooled


def test_a_network_is_exported_once_per_source_and_runs_at_any_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch_onnx, "PREBUILT", tmp_path / "none")
    weights = tmp_path / "weights.bin"
    weights.write_bytes(b"v1")
    built: list[str] = []

    def build(device: str, dtype: Any) -> Any:
        built.append(device)
        return Tiny().to(device, dtype).eval()

    card = ModelCard(name="tiny", task="t", backend="tiny", options={"onnx_dir": str(tmp_path / "onnx")})
    network_args = ({"x": (2, 3, 8, 8)}, [weights], [__name__], ["logits", "pooled"])
    network = Network(build, *network_args)
    runner = open_network(card, "cpu", "fp32", network)
    x = np.random.default_rng(0).normal(size=(5, 3, 8, 8)).astype(np.float32)
    with torch.inference_mode():
        logits, pooled = Tiny()(torch.from_numpy(x))
    out = runner(x)
    assert runner.runtime == "onnxruntime" and out["logits"].shape == (5, 2)  # exported at batch 2, run at 5
    assert np.allclose(out["logits"], logits.numpy(), atol=1e-5) and np.allclose(out["pooled"], pooled.numpy(), atol=1e-5)
    assert np.allclose(runner(x[:1])["logits"], out["logits"][:1], atol=1e-6)

    assert open_network(card, "cpu", "fp32", network)(x)["logits"].tolist() == out["logits"].tolist()
    assert built == ["cpu"] and len(list((tmp_path / "onnx").iterdir())) == 1  # the second open found the file

    weights.write_bytes(b"version 2")  # new weights: a new export beside the old one
    open_network(card, "cpu", "fp32", network)
    assert len(built) == 2 and len(list((tmp_path / "onnx").iterdir())) == 2

    def unbuildable(device: str, dtype: Any) -> Any:
        raise AssertionError("an export `make install` made is used as it is")

    prebuilt = tmp_path / "prebuilt"
    prebuilt.mkdir()
    saved = max((tmp_path / "onnx").glob("tiny-*.onnx"), key=lambda p: p.stat().st_mtime_ns)  # the current
    # weights' export, as if `make install` had made it
    saved.rename(prebuilt / saved.name)
    monkeypatch.setattr(torch_onnx, "PREBUILT", prebuilt)
    assert open_network(card, "cpu", "fp32", Network(unbuildable, *network_args))(x)["logits"].shape == (5, 2)
    assert not list((tmp_path / "onnx").glob(saved.name))

    torch_runner = open_network(card.with_overrides(options={**card.options, "runtime": "torch"}), "cpu", "fp32", network)
    assert torch_runner.runtime == "torch" and np.allclose(torch_runner(x)["logits"], out["logits"], atol=1e-5)


def _inputs() -> dict[str, list[Any]]:
    from skimage import data

    from services.speech.audio import decode
    from tests.speech_util import espeak_wav

    face = (data.lfw_subset()[0] * 255).astype(np.uint8)
    return {"labels-efficientnet-lite0": [data.astronaut(), data.coffee()],
            "objects-nanodet": [data.astronaut(), data.chelsea()],
            "faces-emotion": [np.stack([face] * 3, -1)],
            "speakers-resemblyzer": [decode(espeak_wav("My parcel never arrived at my house.")).samples]}


RESTART = """
import json, sys, importlib.abc
class NoTorch(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "torch" or name.startswith("torch."):
            raise ModuleNotFoundError(f"{name} is blocked", name=name)
sys.meta_path.insert(0, NoTorch())
import numpy as np
from models.base import create_backend
from models.registry import default_cards
saved = np.load(sys.argv[2])
out = {}
for card in default_cards():
    items = [saved[k] for k in sorted(saved.files, key=lambda k: int(k.rsplit("/", 1)[1])) if k.startswith(card.name + "/")]
    if items:
        backend = create_backend(card.with_overrides(options={**card.options, "onnx_dir": sys.argv[1]}))
        backend.load("cpu", "fp32")
        out[card.name] = [a.tolist() if hasattr(a, "tolist") else a for a in backend.predict(items)]
print(json.dumps(out), "torch" in sys.modules)
"""


def test_the_default_exported_networks_answer_as_pytorch_does_and_a_restart_runs_them_without_torch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch_onnx, "PREBUILT", tmp_path / "none")  # export here, not `make install`'s files
    inputs = _inputs()
    cards = {c.name: c for c in default_cards() if c.name in CARDS}
    answers: dict[str, dict[str, Any]] = {}
    for name, card in cards.items():
        for runtime in ("torch", "onnxruntime"):
            backend = create_backend(card.with_overrides(options={**card.options, "runtime": runtime,
                                                                  "onnx_dir": str(tmp_path)}))
            backend.load("cpu", "fp32")
            answers.setdefault(name, {})[runtime] = backend.predict(inputs[name])
    assert len(list(tmp_path.glob("*.onnx"))) == len(CARDS)

    labels = answers["labels-efficientnet-lite0"]
    for on_torch, on_ort in zip(labels["torch"], labels["onnxruntime"], strict=True):
        assert [i for i, _ in on_torch[:5]] == [i for i, _ in on_ort[:5]]
        assert np.allclose([p for _, p in on_torch], [p for _, p in on_ort], atol=1e-4)
    objects = answers["objects-nanodet"]
    assert "person" in [d[0] for d in objects["onnxruntime"][0]] and "cat" in [d[0] for d in objects["onnxruntime"][1]]
    for on_torch, on_ort in zip(objects["torch"], objects["onnxruntime"], strict=True):
        assert [d[0] for d in on_torch] == [d[0] for d in on_ort]
        assert np.allclose([d[1] for d in on_torch], [d[1] for d in on_ort], atol=1e-4)
        assert np.allclose([d[2] for d in on_torch], [d[2] for d in on_ort], atol=0.05)  # pixels
    emotion = answers["faces-emotion"]
    assert np.allclose(list(emotion["torch"][0].values()), list(emotion["onnxruntime"][0].values()), atol=1e-4)
    voice = answers["speakers-resemblyzer"]
    assert float(np.dot(voice["torch"][0], voice["onnxruntime"][0])) > 0.9999

    # A restart: the saved exports load and run in a fresh process where torch cannot be imported
    np.savez(tmp_path / "inputs.npz", **{f"{k}/{n}": item for k, v in inputs.items() for n, item in enumerate(v)})
    done = subprocess.run([sys.executable, "-c", RESTART, str(tmp_path), str(tmp_path / "inputs.npz")], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert done.returncode == 0, done.stderr[-3000:]
    printed, torch_loaded = done.stdout.splitlines()[-1].rsplit(" ", 1)
    restarted = json.loads(printed)
    assert set(restarted) == set(CARDS) and torch_loaded == "False"
    for before, after in zip(labels["onnxruntime"], restarted["labels-efficientnet-lite0"], strict=True):
        assert [i for i, _ in before] == [i for i, _ in after] and np.allclose([p for _, p in before], [p for _, p in after])
    assert [d[0] for d in restarted["objects-nanodet"][1]] == [d[0] for d in objects["onnxruntime"][1]]
    assert np.allclose(list(restarted["faces-emotion"][0].values()), list(emotion["onnxruntime"][0].values()), atol=1e-6)
    assert np.allclose(voice["onnxruntime"][0], restarted["speakers-resemblyzer"][0], atol=1e-6)


def test_two_networks_export_at_once_as_eager_loads_do(tmp_path: Path) -> None:
    """torch.onnx keeps its state in globals: two exports in two threads (two cards loading) once failed."""
    from concurrent.futures import ThreadPoolExecutor

    card = ModelCard(name="tiny", task="t", backend="tiny", options={"onnx_dir": str(tmp_path / "onnx")})
    model, networks = Tiny().eval(), []
    for n in range(4):
        (tmp_path / f"w{n}").write_bytes(b"x" * n)
        networks.append(Network(lambda device, dtype: model, {"x": (2, 3, 8, 8)}, [tmp_path / f"w{n}"],
                                [__name__], outputs=["logits", "pooled"]))
    with ThreadPoolExecutor(4) as pool:
        runners = list(pool.map(lambda network: open_network(card, "cpu", "fp32", network), networks))
    x = np.ones((1, 3, 8, 8), np.float32)
    assert len(list((tmp_path / "onnx").iterdir())) == 4
    assert all(np.allclose(r(x)["logits"], runners[0](x)["logits"]) for r in runners)


def test_make_install_deletes_the_exports_no_default_card_uses_and_keeps_the_rest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An export is named by the code and weights it was made from, so each change leaves the old file behind
    (1-19 MB); prebuild keeps what the default cards open now."""
    import models.registry

    emotion = next(c for c in default_cards() if c.name == "faces-emotion")  # the smallest network (0.8 MB)
    monkeypatch.setattr(models.registry, "default_cards", lambda: [emotion])
    monkeypatch.setattr(torch_onnx, "PREBUILT", tmp_path)
    stale = tmp_path / "tfjs-emotion-0123456789abcdef.onnx"  # as older code left it
    stale.write_bytes(b"old export")
    assert torch_onnx.prebuild() == ["faces-emotion"]
    (current,) = tmp_path.glob("*.onnx")
    assert current != stale and not stale.exists()
    made = current.stat().st_mtime_ns
    assert torch_onnx.prebuild() == []  # all present: nothing made, nothing deleted
    assert list(tmp_path.glob("*.onnx")) == [current] and current.stat().st_mtime_ns == made
