"""What the peer servers share: the benchmark's model card, loaded through Cirrus's own backend code so
every server runs the very same forward pass (only the serving around it differs)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


def load_backend() -> object:
    """The backend named by BENCH_CARD (a ModelCard as JSON), loaded on the CPU."""
    from models.base import create_backend
    from models.cards import ModelCard

    spec = json.loads(os.environ["BENCH_CARD"])
    card = ModelCard(**{**spec, "languages": tuple(spec["languages"])})
    backend = create_backend(card)
    backend.load("cpu", "fp32")  # type: ignore[attr-defined]
    return backend


def answer(result: object) -> dict[str, object]:
    """The same JSON shape for every server: the label and scores of one text."""
    return {"results": [result if isinstance(result, dict) else {"value": result}], "errors": []}
