"""Comprehend custom classification: classifiers trained from a bucket's CSV, endpoints, and predictions.

A classifier is a resource (the resource store: it survives restarts and a build interrupted by a crash
is built again). Training reads the CSV (``label,text``; ``MULTI_LABEL`` splits the label column on
``LabelDelimiter``, default ``|``), checks it (a bad line is named; every label needs at least
``MIN_PER_LABEL`` documents), then, in a spawned worker that dies with the server, embeds every text with
multilingual-e5-small and fits scikit-learn's logistic regression (one-vs-rest for multi-label). It is
evaluated on ``TestS3Uri`` or on a seeded, held-out 10 % (as AWS does), and the model is saved under
``DATA_DIR/comprehend/classifiers``. Predictions embed through the batched ``embeddings`` model.
"""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from models.cards import ModelCard
from models.registry import ModelRegistry
from models.text.e5 import load_e5
from services.buckets import Buckets, S3Location, parse_s3_uri
from services.comprehend.jobs import ACCOUNT, TextJobHandler
from services.errors import InvalidRequest, NotFound
from services.jobs.runner import WorkItem
from services.jobs.store import ItemResult, Job
from services.jobs.worker_pool import WorkerPool
from services.resources import ACTIVE, FAILED, IN_PROGRESS, PENDING, STOPPED, Resource, ResourceNotFound, ResourceStore
from services.shared.artifacts import Artifacts

CLASSIFIER, ENDPOINT = "document-classifier", "document-classifier-endpoint"
MULTI_CLASS, MULTI_LABEL = "MULTI_CLASS", "MULTI_LABEL"
LANGUAGES = ("en", "es", "fr", "de", "it", "pt")  # e5 is multilingual; Comprehend's classifier languages
MIN_PER_LABEL = 10  # AWS: at least 10 documents per label
NAME = re.compile(r"^[a-zA-Z0-9](-*[a-zA-Z0-9])*$")
STATUS = {PENDING: "SUBMITTED", IN_PROGRESS: "TRAINING", ACTIVE: "TRAINED", FAILED: "IN_ERROR", STOPPED: "STOPPED"}


def arn(rtype: str, name: str) -> str:
    return f"arn:aws:comprehend:us-east-1:{ACCOUNT}:{rtype}/{name}"


def parse_training(raw: bytes, mode: str, delimiter: str, where: str) -> tuple[list[str], list[list[str]]]:
    """(texts, label lists) from a training CSV, or InvalidRequest naming the first bad line."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidRequest(f"{where} line {line}: the file is not UTF-8 text") from None
    texts, labels = [], []
    for n, row in enumerate(csv.reader(io.StringIO(text)), 1):
        if not row or not "".join(row).strip():
            continue
        if len(row) < 2 or not row[0].strip() or not ",".join(row[1:]).strip():
            raise InvalidRequest(f"{where} line {n}: expected 'label,text' (a label, a comma, then the document)")
        names = [x.strip() for x in row[0].split(delimiter)] if mode == MULTI_LABEL else [row[0].strip()]
        texts.append(",".join(row[1:]).strip())
        labels.append([x for x in names if x])
    return texts, labels


def train_classifier(texts: list[str], labels: list[list[str]], mode: str, test_texts: list[str] | None,
                     test_labels: list[list[str]] | None, target: str, encoder: ModelCard) -> dict[str, Any]:
    """Runs in the training process: embed with the ``encoder`` card's model (the one predictions will use),
    fit, evaluate, save. Returns the classifier's metadata."""
    import joblib
    from sklearn import metrics
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import MultiLabelBinarizer

    e5 = load_e5(encoder)

    def embed(batch: list[str]) -> np.ndarray:
        return np.vstack([e5.query(batch[i:i + 64]) for i in range(0, len(batch), 64)])

    if test_texts is None:
        strata = [x[0] for x in labels] if mode == MULTI_CLASS else None
        held_out = max(round(0.1 * len(texts)), len(set(strata)) if strata else 1)  # a stratified split needs one a class
        texts, test_texts, labels, test_labels = train_test_split(texts, labels, test_size=held_out, random_state=0,
                                                                  stratify=strata)
    binarizer = MultiLabelBinarizer().fit(labels + (test_labels or []))
    x, x_test = embed(texts), embed(test_texts)
    if mode == MULTI_CLASS:
        model = LogisticRegression(max_iter=2000, C=10.0).fit(x, [y[0] for y in labels])
        truth, guess = [y[0] for y in test_labels], model.predict(x_test)
        scores = {"Accuracy": metrics.accuracy_score(truth, guess)}
    else:
        model = OneVsRestClassifier(LogisticRegression(max_iter=2000, C=10.0)).fit(x, binarizer.transform(labels))
        truth, guess = binarizer.transform(test_labels), model.predict(x_test)
        scores = {"Accuracy": metrics.accuracy_score(truth, guess), "HammingLoss": metrics.hamming_loss(truth, guess)}
    for prefix, average in (("", "macro"), ("Micro", "micro")):
        precision, recall, f1, _ = metrics.precision_recall_fscore_support(truth, guess, average=average, zero_division=0)
        scores |= {f"{prefix}Precision": precision, f"{prefix}Recall": recall, f"{prefix}F1Score": f1}
    joblib.dump({"model": model, "mode": mode, "labels": list(binarizer.classes_)}, target)
    return {"model": target, "labels": list(binarizer.classes_), "trained": len(texts), "tested": len(test_texts),
            "metrics": {k: round(float(v), 4) for k, v in scores.items()}}


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> dict[str, Any]:
    import joblib

    return joblib.load(path)


MAX_TEXT_BYTES = 10_000  # ClassifyDocument's limit on UTF-8 text, per document


class Classifiers:
    def __init__(self, store: ResourceStore, buckets: Buckets, registry: ModelRegistry, data_dir: Path) -> None:
        self.store, self.buckets, self.registry = store, buckets, registry
        self.dir = data_dir / "comprehend" / "classifiers"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.workers = WorkerPool(self.dir / "training.lock")
        self.artifacts = Artifacts(buckets, data_dir, "comprehend")
        store.builders[CLASSIFIER] = self._build

    def close(self) -> None:
        self.workers.close()

    def create(self, name: str, language: str, params: dict[str, Any]) -> Resource:
        if not NAME.match(name or "") or len(name) > 63:
            raise InvalidRequest(f"DocumentClassifierName {name!r}: letters, digits and hyphens, at most 63")
        if language not in LANGUAGES:
            raise InvalidRequest(f"LanguageCode {language!r} is not supported for custom classification; use one "
                                 f"of {', '.join(LANGUAGES)}")
        if params["mode"] not in (MULTI_CLASS, MULTI_LABEL):
            raise InvalidRequest(f"Mode must be {MULTI_CLASS} or {MULTI_LABEL}")
        parse_s3_uri(params["input_uri"])
        if params.get("test_uri"):
            parse_s3_uri(params["test_uri"])
        return self.store.create(CLASSIFIER, name, arn(CLASSIFIER, name), {**params, "language": language}, [])

    def _read(self, uri: str, mode: str, delimiter: str) -> tuple[list[str], list[list[str]]]:
        where = parse_s3_uri(uri)
        keys = [where.key] if where.key and not where.key.endswith("/") else self.buckets.list(where)
        if not keys:
            raise InvalidRequest(f"there is no training data under {uri}")
        texts: list[str] = []
        labels: list[list[str]] = []
        for key in keys:
            more_texts, more_labels = parse_training(self.buckets.read(S3Location(where.bucket, key)), mode, delimiter,
                                                     f"s3://{where.bucket}/{key}")
            texts += more_texts
            labels += more_labels
        return texts, labels

    def _build(self, classifier: Resource) -> dict[str, Any]:
        p = classifier.params
        texts, labels = self._read(p["input_uri"], p["mode"], p["delimiter"])
        counts: dict[str, int] = {}
        for names in labels:
            for label in names:
                counts[label] = counts.get(label, 0) + 1
        if len(counts) < 2:
            raise InvalidRequest("the training data needs at least two labels")
        few = sorted(label for label, n in counts.items() if n < MIN_PER_LABEL)
        if few:
            raise InvalidRequest(f"each label needs at least {MIN_PER_LABEL} documents; too few for: {', '.join(few)}")
        test = self._read(p["test_uri"], p["mode"], p["delimiter"]) if p.get("test_uri") else (None, None)
        target = self.artifacts.scratch(f"{classifier.name}.joblib")
        encoder = self.registry.for_task("embeddings").card
        state = self.workers.submit(train_classifier, texts, labels, p["mode"], *test, str(target), encoder).result()
        return {**state, "model": self.artifacts.put_file(target.name, target)}

    def get(self, classifier_arn: str) -> Resource:
        try:
            return self.store.get(classifier_arn, CLASSIFIER)
        except ResourceNotFound:
            raise NotFound(f"no document classifier {classifier_arn!r}") from None

    async def classify(self, classifier_arn: str, texts: list[str]) -> list[list[tuple[str, float]]]:
        """Per text, (label, score) best first: one class's probabilities, or each label's for multi-label."""
        classifier = self.get(classifier_arn)
        if classifier.status != ACTIVE:
            raise InvalidRequest(f"classifier {classifier_arn} is {STATUS[classifier.status]}, not TRAINED")
        path = str(self.artifacts.path(classifier.state["model"]))
        saved = _load(path, Path(path).stat().st_mtime)
        vectors = np.vstack(await self.registry.for_task("embeddings").run_strict(texts))
        probabilities = saved["model"].predict_proba(vectors)
        names = list(saved["model"].classes_) if saved["mode"] == MULTI_CLASS else saved["labels"]
        return [sorted(zip(names, map(float, row), strict=True), key=lambda x: -x[1]) for row in probabilities]

    # endpoints: a name for a trained classifier that ClassifyDocument calls ------------------------------

    def create_endpoint(self, name: str, classifier_arn: str, units: int = 1) -> Resource:
        if not NAME.match(name or "") or len(name) > 40:
            raise InvalidRequest(f"EndpointName {name!r}: letters, digits and hyphens, at most 40")
        classifier = self.get(classifier_arn)
        if classifier.status != ACTIVE:
            raise InvalidRequest(f"classifier {classifier_arn} is {STATUS[classifier.status]}; train it first")
        return self.store.create(ENDPOINT, name, arn(ENDPOINT, name), {"classifier": classifier_arn, "units": units},
                                 [classifier_arn], build=False)

    def endpoint(self, endpoint_arn: str) -> Resource:
        try:
            return self.store.get(endpoint_arn, ENDPOINT)
        except ResourceNotFound:
            raise NotFound(f"no endpoint {endpoint_arn!r}") from None


def prediction(mode: str, ranked: list[tuple[str, float]]) -> dict[str, Any]:
    """Comprehend's shape: every class with its probability, or the labels a multi-label model assigns
    (probability at least 0.5; the best one when none is)."""
    if mode == MULTI_CLASS:
        return {"Classes": [{"Name": n, "Score": round(s, 4)} for n, s in ranked]}
    chosen = [(n, s) for n, s in ranked if s >= 0.5] or ranked[:1]
    return {"Labels": [{"Name": n, "Score": round(s, 4)} for n, s in chosen]}


class ClassificationJobHandler(TextJobHandler):
    """StartDocumentClassificationJob: ``predictions.jsonl`` in AWS's output archive."""

    member = "predictions.jsonl"

    def __init__(self, spec: Any, classifiers: Classifiers, buckets: Buckets) -> None:
        super().__init__(spec, None, buckets)  # type: ignore[arg-type]
        self.classifiers = classifiers

    async def process(self, job: Job, items: list[WorkItem]) -> list[ItemResult]:
        out, decoded = [], []
        for item in items:
            try:
                text = item.data[2].decode("utf-8").strip()
            except UnicodeDecodeError:
                out.append(self._error(item, "INVALID_REQUEST", "the document is not UTF-8 text"))
                continue
            if text:
                decoded.append((item, text))
            else:
                out.append(self._error(item, "INVALID_REQUEST", "the document is empty"))
        if decoded:
            mode = self.classifiers.get(job.params["classifier"]).params["mode"]
            ranked = await self.classifiers.classify(job.params["classifier"], [t for _, t in decoded])
            out += [ItemResult(item.key, item.seq, True, {**self._where(item), **prediction(mode, r)})
                    for (item, _), r in zip(decoded, ranked, strict=True)]
        return out
