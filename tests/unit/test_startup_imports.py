"""Start-up work nothing uses stays out of the process: presidio's optional transformers engines, torch in
spaCy's thinc (unless a pipeline runs on it) and, with no GPU driver, torch's CUDA probe (each run in a fresh
interpreter, whose modules the test can see)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from models.cards import ModelCard
from models.device import GPU_DEVICE_NODES
from models.text.spacy_pipeline import needs_torch

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.split()[-1]


def test_presidio_and_spacy_load_without_transformers_which_others_can_still_import() -> None:
    out = _run(
        "import sys, models.text.spacy_pipeline, spacy, presidio_analyzer\n"
        "nlp = spacy.blank('en')\n"  # builds a pipeline: spaCy loads every package's factories, presidio's too
        "before = 'transformers' in sys.modules\n"
        "from presidio_analyzer.nlp_engine.huggingface_token_pipe import is_available\n"
        "import transformers\n"  # a transformers card's import is untouched
        "print(f'{before},{is_available()},{hasattr(transformers, \"AutoTokenizer\")}')")
    assert out == "False,False,True"


@pytest.mark.skipif(any(os.path.exists(n) for n in GPU_DEVICE_NODES), reason="a GPU driver is present")
def test_without_a_gpu_driver_auto_is_the_cpu_without_importing_torch() -> None:
    assert _run("import sys\nfrom models.device import resolve_device\n"
                "print(f\"{resolve_device('auto')},{'torch' in sys.modules}\")") == "cpu,False"


def test_the_gateway_starts_without_pandas_which_a_forecast_imports_when_it_runs() -> None:
    assert _run("import sys, gateway.app\nbefore = 'pandas' in sys.modules\n"
                "from services.forecast.service import load_frame\nimport tempfile, pathlib\n"
                "f = pathlib.Path(tempfile.mkdtemp()) / 'a.csv'\n"
                "f.write_text('unique_id,ds,y\\na,2024-01-01,1\\na,2024-01-03,2\\n')\n"
                "print(before, *load_frame(str(f), 'D')['y'].tolist(), sep=',')") == "False,1,0,2"


def test_spacy_pipelines_load_without_torch_unless_a_card_runs_one_on_it(tmp_path: Path) -> None:
    entities = _run("import sys, pathlib, tempfile\nfrom models.registry import build_registry\n"
                    "from models.text.spacy_pipeline import load_spacy\n"
                    "registry = build_registry(model_dir=pathlib.Path(tempfile.mkdtemp()))\n"
                    "nlp = load_spacy(registry.get('entities-spacy-en').card, ())\n"
                    "doc = nlp('Tim Cook runs Apple from California.')\n"
                    "print(*[e.label_ for e in doc.ents], 'torch' in sys.modules, sep=',')")
    assert entities == "PERSON,ORG,GPE,False"

    trf, cnn = tmp_path / "trf", tmp_path / "cnn"
    for folder, requirements in ((trf, ["spacy-curated-transformers>=0.2.2,<0.3.0"]), (cnn, [])):
        folder.mkdir()
        (folder / "meta.json").write_text(json.dumps({"lang": "en", "requirements": requirements}))
    card = ModelCard(name="entities-trf", task="entities", backend="spacy-ner", source=f"path:{trf}")
    assert needs_torch(card) and not needs_torch(card.with_overrides(source=f"path:{cnn}"))
    assert not needs_torch(card.with_overrides(source=f"path:{tmp_path / 'missing'}"))
    # A card whose pipeline runs on PyTorch: thinc keeps it, though no pipeline has loaded yet
    assert _run("import pathlib, tempfile\nfrom models.cards import ModelCard\n"
                "from models.registry import build_registry\n"
                f"card = ModelCard(name='entities-trf', task='entities', backend='spacy-ner', source='path:{trf}')\n"
                "build_registry(extra_cards=[card], model_dir=pathlib.Path(tempfile.mkdtemp()))\n"
                "import thinc.compat\nprint(thinc.compat.has_torch)") == "True"
