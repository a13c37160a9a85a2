"""Start-up work nothing uses stays out of the process: presidio's optional transformers engines and, with no
GPU driver, torch's CUDA probe (each run in a fresh interpreter, whose modules the test can see)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from models.device import GPU_DEVICE_NODES

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
