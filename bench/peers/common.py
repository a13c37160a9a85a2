"""What the peer servers share: the benchmark's model card, loaded through Cirrus's own backend code so
every server runs the very same model call (only the serving around it differs), and, per task
(BENCH_TASK), how a request becomes the model's input and its output the answer Cirrus gives:

  text        {"texts": [one text]} -> the label and scores (Cirrus's /v1/text/sentiment shape)
  moderation  Rekognition's DetectModerationLabels JSON ({"Image": {"Bytes": base64}}) -> the image decoded
              by Cirrus's own decode_image (same limits, EXIF orientation) -> its pixels -> {"ModerationLabels", ...}
"""

from __future__ import annotations

import base64
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
TASK = os.environ.get("BENCH_TASK", "text")
ROUTE = os.environ.get("BENCH_ROUTE", "/v1/text/sentiment")


def load_backend() -> object:
    """The backend named by BENCH_CARD (a ModelCard as JSON), loaded on the CPU."""
    from models.base import create_backend
    from models.cards import ModelCard

    spec = json.loads(os.environ["BENCH_CARD"])
    card = ModelCard(**{**spec, "languages": tuple(spec.get("languages", ()))})
    backend = create_backend(card)
    backend.load("cpu", "fp32")  # type: ignore[attr-defined]
    return backend


def decode(request: dict[str, Any]) -> Any:
    """One request's model input."""
    if TASK == "moderation":
        from gateway.routers.vision import MAX_IMAGE_BYTES
        from services.vision.images import decode_image

        return decode_image(base64.b64decode(request["Image"]["Bytes"]), MAX_IMAGE_BYTES).pixels
    return request["texts"][0]


def answer(result: object) -> dict[str, object]:
    """The same JSON shape Cirrus answers with."""
    if TASK == "moderation":
        from services.vision.service import MODERATION_VERSION, moderation_labels

        return {"ModerationLabels": moderation_labels(float(result), 50), "ModerationModelVersion": MODERATION_VERSION}
    return {"results": [result if isinstance(result, dict) else {"value": result}], "errors": []}
