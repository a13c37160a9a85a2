"""Topic modeling (Comprehend's StartTopicsDetectionJob): latent Dirichlet allocation over a bucket's
documents, by scikit-learn, with the output AWS documents.

The whole corpus is one model, so a job is one work item: read every document (``ONE_DOC_PER_FILE`` or
``ONE_DOC_PER_LINE``, as the other text jobs), count words (English stop words out, words of two letters
or fewer out), fit LDA with ``NumberOfTopics`` components (seeded: a resumed job writes the same output),
and write ``{output}/{account}-TOPICS-{job id}/output/output.tar.gz`` holding

- ``topic-terms.csv``: ``topic,term,weight``, the top terms of each topic, weights normalised per topic;
- ``doc-topics.csv``: ``docname,topic,proportion``, each document's topics above 1 %, largest first
  (``docname`` is the file name, or ``file:line`` for one document per line).

Topics are numbered ``000``, ``001``, ... as AWS numbers them.
"""

from __future__ import annotations

import asyncio
import csv
import io
import tarfile
from collections.abc import Iterator

import numpy as np

from services.comprehend.jobs import TextJobHandler, output_location
from services.errors import InvalidRequest
from services.jobs.runner import WorkItem
from services.jobs.store import ItemResult, Job

TERMS_PER_TOPIC = 10
MIN_PROPORTION = 0.01
MAX_DOCUMENTS = 1_000_000  # AWS's limit for one job


def model_topics(names: list[str], texts: list[str], topics: int, seed: int = 0) -> tuple[str, str]:
    """(topic-terms.csv, doc-topics.csv) for the documents."""
    from sklearn.decomposition import LatentDirichletAllocation
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(stop_words="english", token_pattern=r"(?u)\b[^\W\d_]{3,}\b", lowercase=True,
                                 max_df=0.95 if len(texts) > 20 else 1.0)
    try:
        counts = vectorizer.fit_transform(texts)
    except ValueError:  # every word was a stop word, or there were none
        raise InvalidRequest("the documents hold no words to model (only stop words, numbers or symbols)") from None
    lda = LatentDirichletAllocation(n_components=topics, learning_method="batch", max_iter=50, random_state=seed)
    mixture = lda.fit_transform(counts)
    vocabulary = vectorizer.get_feature_names_out()
    weights = lda.components_ / lda.components_.sum(axis=1, keepdims=True)

    terms = io.StringIO()
    writer = csv.writer(terms, lineterminator="\n")
    writer.writerow(["topic", "term", "weight"])
    for t, row in enumerate(weights):
        for i in np.argsort(row)[::-1][:TERMS_PER_TOPIC]:
            writer.writerow([f"{t:03d}", vocabulary[i], f"{row[i]:.6f}"])
    docs = io.StringIO()
    writer = csv.writer(docs, lineterminator="\n")
    writer.writerow(["docname", "topic", "proportion"])
    for name, row in zip(names, mixture, strict=True):
        for t in np.argsort(row)[::-1]:
            if row[t] >= MIN_PROPORTION:
                writer.writerow([name, f"{t:03d}", f"{row[t]:.6f}"])
    return terms.getvalue(), docs.getvalue()


class TopicsJobHandler(TextJobHandler):
    chunk_size = 1

    async def items(self, job: Job) -> list[WorkItem]:
        documents = await asyncio.to_thread(self._items, job)  # an empty prefix fails the job now
        if len(documents) > MAX_DOCUMENTS:
            raise InvalidRequest(f"{len(documents)} documents; a topics job takes at most {MAX_DOCUMENTS}")
        return [WorkItem(key="model", seq=0, data=None)]

    async def process(self, job: Job, items: list[WorkItem]) -> list[ItemResult]:
        documents = await asyncio.to_thread(self._items, job)
        names, texts = [], []
        for doc in documents:
            name, line, raw = doc.data
            names.append(name if line is None else f"{name}:{line}")
            texts.append(raw.decode("utf-8", errors="replace"))
        terms, doc_topics = await asyncio.to_thread(model_topics, names, texts, job.params["topics"])
        archive = io.BytesIO()
        with tarfile.open(fileobj=archive, mode="w:gz") as tar:
            for name, body in (("topic-terms.csv", terms), ("doc-topics.csv", doc_topics)):
                data = body.encode("utf-8")
                info = tarfile.TarInfo(name)
                info.size, info.mtime = len(data), int(job.submitted_at)
                tar.addfile(info, io.BytesIO(data))
        target = output_location(job, self.spec)
        await asyncio.to_thread(self.buckets.write, target, archive.getvalue())
        return [ItemResult(items[0].key, 0, True, {"output_uri": target.uri, "documents": len(names)})]

    async def finish(self, job: Job, results: Iterator[ItemResult]) -> str:
        return next(iter(results)).payload["output_uri"]
