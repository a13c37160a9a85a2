"""PII precision and recall on bench/pii_labelled.jsonl (160 English texts, 340 labelled spans; see
make_pii_set.py), per Comprehend type, for the default engine (Presidio + Rampart) and for Presidio alone.

A prediction counts when its type matches a labelled span's and the two overlap by at least half of the
longer one ("overlap"); "exact" also needs identical offsets. Prints per-type and micro-averaged figures
and the time per text (the model in-process, batches of 16).

    python bench/bench_pii.py
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from models.cards import ModelCard
from models.registry import SPACY_EN
from models.text.pii import PresidioPii


def _matches(p: dict[str, Any], g: dict[str, Any], exact: bool) -> bool:
    if p["type"] != g["type"]:
        return False
    if exact:
        return p["begin"] == g["begin"] and p["end"] == g["end"]
    overlap = min(p["end"], g["end"]) - max(p["begin"], g["begin"])
    return overlap >= 0.5 * max(p["end"] - p["begin"], g["end"] - g["begin"])


def score(gold: list[list[dict[str, Any]]], predicted: list[list[dict[str, Any]]], exact: bool) -> dict[str, Counter]:
    counts: dict[str, Counter] = {}
    for g_spans, p_spans in zip(gold, predicted, strict=True):
        used: set[int] = set()
        for p in p_spans:
            hit = next((i for i, g in enumerate(g_spans) if i not in used and _matches(p, g, exact)), None)
            c = counts.setdefault(p["type"], Counter())
            if hit is None:
                c["fp"] += 1
            else:
                used.add(hit)
                c["tp"] += 1
        for i, g in enumerate(g_spans):
            if i not in used:
                counts.setdefault(g["type"], Counter())["fn"] += 1
    return counts


def report(name: str, counts: dict[str, Counter]) -> None:
    def prf(c: Counter) -> tuple[float, float, float]:
        p = c["tp"] / max(1, c["tp"] + c["fp"])
        r = c["tp"] / max(1, c["tp"] + c["fn"])
        return p, r, 2 * p * r / max(1e-9, p + r)

    print(f"\n{name}")
    print(f"  {'type':36} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6}")
    total: Counter = Counter()
    for kind in sorted(counts):
        c = counts[kind]
        total.update(c)
        p, r, f = prf(c)
        print(f"  {kind:36} {c['tp'] + c['fn']:5d} {p:6.2f} {r:6.2f} {f:6.2f}")
    p, r, f = prf(total)
    print(f"  {'micro average':36} {total['tp'] + total['fn']:5d} {p:6.2f} {r:6.2f} {f:6.2f}")


def main() -> None:
    records = [json.loads(line) for line in (ROOT / "bench" / "pii_labelled.jsonl").read_text().splitlines()]
    texts, gold = [r["text"] for r in records], [r["entities"] for r in records]
    print(f"{len(texts)} texts, {sum(map(len, gold))} labelled spans")
    model = PresidioPii(ModelCard(name="pii", task="pii", backend="presidio-pii", source=SPACY_EN))
    model.load("cpu", "auto")
    for label, rampart in (("Presidio + Rampart (the default)", model.rampart), ("Presidio alone", None)):
        model.rampart = rampart
        started = time.perf_counter()
        predicted = [found for i in range(0, len(texts), 16) for found in model.predict(texts[i:i + 16])]
        per_text = (time.perf_counter() - started) / len(texts) * 1000
        report(f"{label}: overlap match, {per_text:.1f} ms a text", score(gold, predicted, exact=False))
        report(f"{label}: exact offsets", score(gold, predicted, exact=True))


if __name__ == "__main__":
    main()
