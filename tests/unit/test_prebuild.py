"""What a first start derives from the default models is made at install (models/prebuild.py, into the venv):
a start on an empty data folder reads it there and writes nothing of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dlib
import pytest
from skimage import data

from models import sources
from models.sources import prebuilt
from models.vision import faces

ROOT = Path(__file__).resolve().parents[2]


def test_a_derived_path_is_found_by_its_part_below_the_data_folders_models(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "PREBUILT", tmp_path / "venv" / "models")
    twin = tmp_path / "venv" / "models" / "onnx" / "voice-0123.onnx"
    twin.parent.mkdir(parents=True)
    twin.write_bytes(b"graph")
    assert prebuilt(Path("/srv/models/cirrus/models/onnx/voice-0123.onnx")) == twin  # the data folder's models/
    assert prebuilt(Path("data/models/onnx/voice-4567.onnx")) is None  # made from something else: another name
    assert prebuilt(Path("/elsewhere/onnx/voice-0123.onnx")) is None  # not under a models/ folder
    assert prebuilt(Path("data/models")) is None


def test_the_installs_detector_is_read_and_the_data_folder_gets_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "PREBUILT", tmp_path / "venv")
    made = faces.frontal_face_detector(str(tmp_path / "venv" / "cache"))  # what the install step saves
    image = data.astronaut()
    expected = [str(r) for r in made(image, 1)]
    assert expected  # her face

    def parse_again() -> None:
        raise AssertionError("parsed dlib's text again instead of reading the install's copy")

    monkeypatch.setattr(dlib, "get_frontal_face_detector", parse_again)
    own = tmp_path / "data" / "models" / "cache"
    assert [str(r) for r in faces.frontal_face_detector(str(own))(image, 1)] == expected
    assert not own.exists()


FIRST_START = """
import asyncio, pathlib, sys
from models import regex_cache
from models.registry import build_registry
from models.speech.espeak import TtsItem

model_dir = pathlib.Path(sys.argv[1]) / "models"
names = sys.argv[2:]
registry = build_registry(model_dir=model_dir, device="cpu",
                          disabled=[c for c in build_registry(model_dir=model_dir).workers if c not in names])
regex_cache.install(model_dir / "regex")  # as the gateway's start does


async def start() -> None:
    try:
        await registry.load_all()
        print(*sorted(f"{name}={w.state.value}" for name, w in registry.workers.items()))
        (said,) = await registry.get("speech-hibari").run_strict([TtsItem("Hello there.", "Joanna")])
        print(len(said.samples) > said.rate // 4, said.word_timing)
    finally:
        await registry.close()


asyncio.run(start())
"""


@pytest.mark.skipif(not (sources.PREBUILT / ".made").is_file(), reason="make install has not prebuilt this venv")
def test_a_first_start_on_an_empty_data_folder_derives_nothing(tmp_path: Path) -> None:
    """The cards whose first load derives files (joined weights, changed and optimised voice graphs, spaCy
    French's compiled patterns, dlib's detector) load from the install's copies: the data folder stays empty.
    In a fresh interpreter, as a start is (one that compiled spaCy's patterns earlier would not again)."""
    names = ["transcribe-whisper-base", "speech-piper-joe", "speech-hibari", "speech-kokoro-ja", "entities-spacy-fr",
             "faces-dlib-hog"]
    done = subprocess.run([sys.executable, "-c", FIRST_START, str(tmp_path / "data"), *names], cwd=ROOT,
                          capture_output=True, text=True, timeout=240, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    states, spoke = done.stdout.strip().splitlines()[-2:]
    assert states.split() == sorted(f"{name}=ready" for name in names)
    assert spoke == "True model"  # the copies work: hibari speaks, timed by the model's own durations
    model_dir = tmp_path / "data" / "models"
    assert [str(p.relative_to(model_dir)) for p in model_dir.rglob("*") if p.is_file()] == []
