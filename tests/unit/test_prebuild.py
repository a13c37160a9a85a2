"""What a first start derives from the default models is made at install (models/prebuild.py, into the venv):
a start on an empty data folder reads it there and writes nothing of its own."""

from __future__ import annotations

import asyncio
from pathlib import Path

import dlib
import pytest
from skimage import data

from models import sources
from models.registry import build_registry
from models.sources import prebuilt
from models.speech.espeak import TtsItem
from models.vision import faces
from models.worker import ModelState


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


@pytest.mark.skipif(not (sources.PREBUILT / ".made").is_file(), reason="make install has not prebuilt this venv")
def test_a_first_start_on_an_empty_data_folder_derives_nothing(tmp_path: Path) -> None:
    """The cards whose first load derives files (joined weights, changed and optimised voice graphs, spaCy
    French's compiled patterns, dlib's detector) load from the install's copies: the data folder stays empty."""
    from models import regex_cache

    model_dir = tmp_path / "data" / "models"
    names = ["transcribe-whisper-base", "speech-piper-joe", "speech-hibari", "speech-kokoro-ja", "entities-spacy-fr",
             "faces-dlib-hog"]
    registry = build_registry(model_dir=model_dir, device="cpu",
                              disabled=[c for c in build_registry(model_dir=model_dir).workers if c not in names])
    regex_cache.install(model_dir / "regex")

    async def load() -> None:
        try:
            await registry.load_all()
            assert {name: w.state for name, w in registry.workers.items()} == dict.fromkeys(names, ModelState.READY)
            (said,) = await registry.get("speech-hibari").run_strict([TtsItem("Hello there.", "Joanna")])  # it speaks
            assert len(said.samples) > said.rate // 4 and said.word_timing == "model"
        finally:
            await registry.close()
            regex_cache.uninstall()

    asyncio.run(load())
    assert [str(p.relative_to(model_dir)) for p in model_dir.rglob("*") if p.is_file()] == []
