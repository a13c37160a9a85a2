"""Text jobs over a bucket folder, through the REST API: AWS output layout, formats, idempotency, errors."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import tarfile
from pathlib import Path
from typing import Any

import httpx
import pytest

from cirrus.settings import Settings


def bucket(settings: Settings, name: str) -> Path:
    path = settings.data_dir / "buckets" / name
    path.mkdir(parents=True, exist_ok=True)
    return path


async def finished(client: httpx.AsyncClient, job_id: str, timeout: float = 60) -> dict[str, Any]:
    for _ in range(int(timeout / 0.05)):
        job = (await client.get(f"/v1/jobs/{job_id}")).json()
        if job["state"] in ("COMPLETED", "FAILED", "STOPPED"):
            return job
        await asyncio.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish: {job}")


def output_lines(settings: Settings, uri: str) -> list[dict[str, Any]]:
    path = settings.data_dir / "buckets" / uri.removeprefix("s3://")
    with tarfile.open(fileobj=io.BytesIO(path.read_bytes()), mode="r:gz") as tar:
        assert tar.getnames() == ["output"]
        data = tar.extractfile("output").read()  # type: ignore[union-attr]
    return [json.loads(line) for line in data.decode().splitlines()]


async def test_sentiment_job_one_doc_per_file(client: httpx.AsyncClient, settings: Settings) -> None:
    docs = bucket(settings, "reviews") / "in"
    docs.mkdir(parents=True, exist_ok=True)
    for i in range(200):
        (docs / f"doc{i:03}.txt").write_text("I love this product, it is great!" if i % 2 else "This is awful. I hate it.")
    r = await client.post("/v1/jobs/text", json={
        "task": "sentiment", "input_uri": "s3://reviews/in/", "output_uri": "s3://reviews/out", "language": "en",
    })
    assert r.status_code == 201
    job = await finished(client, r.json()["id"])
    assert job["state"] == "COMPLETED" and job["items_total"] == 200 and job["items_done"] == 200
    assert job["output_uri"] == f"s3://reviews/out/000000000000-SENTIMENT-{job['id']}/output/output.tar.gz"
    lines = output_lines(settings, job["output_uri"])
    assert [x["File"] for x in lines] == [f"doc{i:03}.txt" for i in range(200)]  # one per input, in order
    assert all(x["Sentiment"] == ("POSITIVE" if i % 2 else "NEGATIVE") for i, x in enumerate(lines))
    assert set(lines[0]["SentimentScore"]) == {"Positive", "Negative", "Neutral", "Mixed"}

    # the outputs, listed and fetched through the API (the console opens them this way), and nothing else
    listed = (await client.get(f"/v1/jobs/{job['id']}/outputs")).json()
    assert listed == {"objects": [job["output_uri"]], "truncated": False}
    got = await client.get(f"/v1/jobs/{job['id']}/outputs/object", params={"uri": job["output_uri"]})
    path = settings.data_dir / "buckets" / job["output_uri"].removeprefix("s3://")
    assert got.status_code == 200 and got.content == path.read_bytes()
    assert got.headers["content-disposition"] == "attachment; filename*=UTF-8''output.tar.gz"
    for outside in ("s3://reviews/in/doc001.txt", "s3://reviews/out/../in/doc001.txt", "s3://other/x"):
        r = await client.get(f"/v1/jobs/{job['id']}/outputs/object", params={"uri": outside})
        assert r.status_code == 400 and b"I love" not in r.content, outside
    assert (await client.get("/v1/jobs/nope/outputs")).status_code == 404


async def test_entities_job_one_doc_per_line_with_bad_lines(client: httpx.AsyncClient, settings: Settings) -> None:
    folder = bucket(settings, "news")
    (folder / "a.txt").write_text("Jeff Bezos founded Amazon.\n\nTim Cook runs Apple.\n" + "x" * 6000 + "\n")
    (folder / "b.txt").write_bytes(b"Paris is in France.\n\xff\xfe broken\n")
    r = await client.post("/v1/jobs/text", json={
        "task": "entities", "input_uri": "s3://news", "output_uri": "s3://news-out/run1",
        "input_format": "ONE_DOC_PER_LINE",
    })
    job = await finished(client, r.json()["id"])
    assert job["state"] == "COMPLETED" and job["items_total"] == 5 and job["items_failed"] == 2
    lines = output_lines(settings, job["output_uri"])
    assert [(x["File"], x["Line"]) for x in lines] == [("a.txt", 0), ("a.txt", 2), ("a.txt", 3), ("b.txt", 0), ("b.txt", 1)]
    assert {e["Text"] for e in lines[0]["Entities"]} == {"Jeff Bezos", "Amazon"}
    assert lines[2]["ErrorCode"] == "TEXT_SIZE_LIMIT_EXCEEDED" and lines[4]["ErrorCode"] == "INVALID_REQUEST"


async def test_same_client_token_same_job(client: httpx.AsyncClient, settings: Settings) -> None:
    (bucket(settings, "tokens") / "a.txt").write_text("Bonjour tout le monde, comment allez-vous ?")
    body = {"task": "language", "input_uri": "s3://tokens", "output_uri": "s3://tokens-out", "client_token": "run-42"}
    first = (await client.post("/v1/jobs/text", json=body)).json()
    second = (await client.post("/v1/jobs/text", json=body)).json()
    assert first["id"] == second["id"]
    job = await finished(client, first["id"])
    assert output_lines(settings, job["output_uri"])[0]["Languages"][0]["LanguageCode"] == "fr"
    other = await client.post("/v1/jobs/text", json={**body, "output_uri": "s3://tokens-elsewhere"})
    assert other.status_code == 400  # the token names a different job


async def test_empty_prefix_fails_with_reason(client: httpx.AsyncClient, settings: Settings) -> None:
    bucket(settings, "empty")
    r = await client.post("/v1/jobs/text", json={"task": "sentiment", "input_uri": "s3://empty/none/", "output_uri": "s3://empty/o"})
    job = await finished(client, r.json()["id"])
    assert job["state"] == "FAILED" and "no objects under s3://empty/none/" in job["failure_reason"]


@pytest.mark.parametrize(
    "change, code",
    [
        ({"input_uri": "s3://reviews/../etc"}, "invalid_s3_object"),
        ({"input_uri": "/etc/passwd"}, "invalid_s3_object"),
        ({"output_uri": "s3://X"}, "invalid_s3_object"),
        ({"language": "nl"}, "unsupported_language"),
    ],
)
async def test_bad_job_requests_make_no_job(client: httpx.AsyncClient, change: dict[str, str], code: str) -> None:
    before = len((await client.get("/v1/jobs")).json()["jobs"])
    body = {"task": "sentiment", "input_uri": "s3://reviews/in/", "output_uri": "s3://reviews/out", **change}
    r = await client.post("/v1/jobs/text", json=body)
    assert r.status_code == 400 and r.json()["error"]["code"] == code
    assert len((await client.get("/v1/jobs")).json()["jobs"]) == before


async def test_unknown_job_is_404(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/jobs/nope")
    assert r.status_code == 404 and r.json()["error"]["code"] == "job_not_found"


async def test_stop_mid_job(client: httpx.AsyncClient, settings: Settings) -> None:
    (bucket(settings, "big") / "lines.txt").write_text("\n".join(f"Tim Cook met Angela Merkel in Berlin {i}." for i in range(3000)))
    r = await client.post("/v1/jobs/text", json={
        "task": "entities", "input_uri": "s3://big", "output_uri": "s3://big-out", "input_format": "ONE_DOC_PER_LINE",
    })
    job_id = r.json()["id"]
    stopped = await client.post(f"/v1/jobs/{job_id}/stop")
    assert stopped.json()["state"] in ("STOPPED", "STOP_REQUESTED")
    job = await finished(client, job_id)
    assert job["state"] == "STOPPED" and job["items_done"] < 3000 and job["output_uri"] is None
    again = await client.post(f"/v1/jobs/{job_id}/stop")
    assert again.status_code == 400  # an ended job cannot be stopped


async def _aws(client: httpx.AsyncClient, operation: str, body: dict[str, Any]) -> httpx.Response:
    return await client.post("/", content=json.dumps(body), headers={
        "X-Amz-Target": f"Comprehend_20171127.{operation}", "Content-Type": "application/x-amz-json-1.1"})


@pytest.mark.parametrize(("mode", "redaction"), [
    ("ONLY_OFFSETS", None),
    ("ONLY_REDACTION", {"PiiEntityTypes": ["SSN", "EMAIL"], "MaskMode": "MASK", "MaskCharacter": "#"}),
    ("ONLY_REDACTION", {"PiiEntityTypes": ["ALL"], "MaskMode": "REPLACE_WITH_PII_ENTITY_TYPE"}),
])
async def test_pii_job_writes_one_out_file_per_input(client: httpx.AsyncClient, settings: Settings, mode: str,
                                                     redaction: dict[str, Any] | None) -> None:
    folder = bucket(settings, f"pii-in-{mode.lower().replace('_', '-')}-{len(str(redaction))}")
    (folder / "letter.txt").write_text("Dear John Doe, your SSN 536-90-4399 is on file. Write to john@example.com.")
    (folder / "log.txt").write_text("call (206) 555-0147 now\n\nnothing here\n")
    body: dict[str, Any] = {
        "InputDataConfig": {"S3Uri": f"s3://{folder.name}/", "InputFormat": "ONE_DOC_PER_LINE"},
        "OutputDataConfig": {"S3Uri": "s3://pii-out/run"}, "Mode": mode, "LanguageCode": "en",
        "DataAccessRoleArn": "arn:aws:iam::123456789012:role/r"}
    if redaction:
        body["RedactionConfig"] = redaction
    r = await _aws(client, "StartPiiEntitiesDetectionJob", body)
    assert r.status_code == 200, r.text
    job = await finished(client, r.json()["JobId"])
    assert job["state"] == "COMPLETED", job
    described = (await _aws(client, "DescribePiiEntitiesDetectionJob", {"JobId": job["id"]})).json()
    props = described["PiiEntitiesDetectionJobProperties"]
    assert props["Mode"] == mode and props["JobStatus"] == "COMPLETED"
    folder_out = f"s3://pii-out/run/000000000000-PII-{job['id']}/output/"
    assert props["OutputDataConfig"]["S3Uri"] == folder_out
    out = settings.data_dir / "buckets" / folder_out.removeprefix("s3://")
    assert sorted(p.name for p in out.iterdir()) == ["letter.txt.out", "log.txt.out"]
    letter, log = (out / "letter.txt.out").read_text(), (out / "log.txt.out").read_text()
    if mode == "ONLY_OFFSETS":
        rows = [json.loads(x) for x in letter.splitlines()]
        assert rows[0]["File"] == "letter.txt" and rows[0]["Line"] == 0
        assert {e["Type"] for e in rows[0]["Entities"]} == {"NAME", "SSN", "EMAIL"}
        assert [json.loads(x)["Line"] for x in log.splitlines()] == [0, 2]
    elif redaction and redaction["MaskMode"] == "MASK":
        assert letter == "Dear John Doe, your SSN ########### is on file. Write to ################.\n"
        assert log == "call (206) 555-0147 now\n\nnothing here\n"  # phones were not asked for
    else:
        assert letter == "Dear [NAME], your SSN [SSN] is on file. Write to [EMAIL].\n"
        assert log == "call [PHONE] now\n\nnothing here\n"


async def test_pii_job_needs_a_redaction_config_to_redact(client: httpx.AsyncClient) -> None:
    r = await _aws(client, "StartPiiEntitiesDetectionJob", {
        "InputDataConfig": {"S3Uri": "s3://pii-none/"}, "OutputDataConfig": {"S3Uri": "s3://pii-out/"},
        "Mode": "ONLY_REDACTION", "LanguageCode": "en", "DataAccessRoleArn": "arn:aws:iam::123456789012:role/r"})
    assert r.status_code == 400 and "PiiEntityTypes" in r.json()["message"], r.text


TOPIC_WORDS = {
    "sport": "match team goal coach players season league score stadium fans referee striker",
    "kitchen": "recipe oven flour butter sugar bake dough sauce garlic onion simmer pan",
    "money": "bank loan interest mortgage savings credit investor stocks bonds dividend inflation budget",
}


async def test_topics_job_finds_the_topics_a_corpus_was_written_from(client: httpx.AsyncClient,
                                                                     settings: Settings) -> None:
    import random

    rng = random.Random(3)
    folder = bucket(settings, "topics-in")
    lines, truth = [], []
    for n in range(90):
        topic = list(TOPIC_WORDS)[n % 3]
        words = TOPIC_WORDS[topic].split()
        lines.append(" ".join(rng.choice(words) for _ in range(25)) + ".")
        truth.append(topic)
    (folder / "corpus.txt").write_text("\n".join(lines) + "\n")
    r = await _aws(client, "StartTopicsDetectionJob", {
        "InputDataConfig": {"S3Uri": "s3://topics-in/", "InputFormat": "ONE_DOC_PER_LINE"},
        "OutputDataConfig": {"S3Uri": "s3://topics-out/"}, "NumberOfTopics": 3,
        "DataAccessRoleArn": "arn:aws:iam::123456789012:role/r", "JobName": "three-topics"})
    assert r.status_code == 200, r.text
    job = await finished(client, r.json()["JobId"], timeout=120)
    assert job["state"] == "COMPLETED", job
    props = (await _aws(client, "DescribeTopicsDetectionJob", {"JobId": job["id"]})).json()["TopicsDetectionJobProperties"]
    assert props["NumberOfTopics"] == 3 and props["JobStatus"] == "COMPLETED"
    uri = props["OutputDataConfig"]["S3Uri"]
    assert uri == f"s3://topics-out/000000000000-TOPICS-{job['id']}/output/output.tar.gz"
    path = settings.data_dir / "buckets" / uri.removeprefix("s3://")
    with tarfile.open(fileobj=io.BytesIO(path.read_bytes()), mode="r:gz") as tar:
        assert sorted(tar.getnames()) == ["doc-topics.csv", "topic-terms.csv"]
        terms = list(csv.DictReader(io.StringIO(tar.extractfile("topic-terms.csv").read().decode())))  # type: ignore[union-attr]
        docs = list(csv.DictReader(io.StringIO(tar.extractfile("doc-topics.csv").read().decode())))  # type: ignore[union-attr]
    top_words = {t: {row["term"] for row in terms if row["topic"] == t} for t in ("000", "001", "002")}
    found = {max(TOPIC_WORDS, key=lambda k: len(words & set(TOPIC_WORDS[k].split()))) for words in top_words.values()}
    assert found == set(TOPIC_WORDS)  # each topic's terms come from one of the three vocabularies
    best = {}
    for row in docs:
        if row["docname"] not in best or float(row["proportion"]) > best[row["docname"]][1]:
            best[row["docname"]] = (row["topic"], float(row["proportion"]))
    assert len(best) == 90 and all(name.startswith("corpus.txt:") for name in best)
    by_truth: dict[str, set[str]] = {}
    for n, topic in enumerate(truth):
        by_truth.setdefault(topic, set()).add(best[f"corpus.txt:{n}"][0])
    assert all(len(topics) == 1 for topics in by_truth.values())  # every document of a kind in one topic
    assert len({t for topics in by_truth.values() for t in topics}) == 3


async def test_native_pii_and_topics_jobs(client: httpx.AsyncClient, settings: Settings) -> None:
    """The same PII and topics jobs through /v1/jobs/text (and the generated client's schema)."""
    (bucket(settings, "native-pii") / "letter.txt").write_text("Dear John Doe, your SSN 536-90-4399 is on file.")
    r = await client.post("/v1/jobs/text", json={
        "task": "pii", "input_uri": "s3://native-pii/", "output_uri": "s3://native-pii-out/run",
        "pii_mode": "ONLY_REDACTION", "redaction": {"pii_entity_types": ["SSN"], "mask_character": "#"}})
    assert r.status_code == 201, r.text
    job = await finished(client, r.json()["id"])
    assert job["state"] == "COMPLETED", job
    out = settings.data_dir / "buckets" / "native-pii-out" / "run" / f"000000000000-PII-{job['id']}" / "output"
    assert (out / "letter.txt.out").read_text() == "Dear John Doe, your SSN ########### is on file."
    topics = bucket(settings, "native-topics")
    (topics / "corpus.txt").write_text("\n".join(
        " ".join(TOPIC_WORDS[t].split()[:10]) for t in list(TOPIC_WORDS) * 10) + "\n")
    r = await client.post("/v1/jobs/text", json={
        "task": "topics", "input_uri": "s3://native-topics/", "output_uri": "s3://native-topics-out/",
        "input_format": "ONE_DOC_PER_LINE", "number_of_topics": 3})
    job = await finished(client, r.json()["id"], timeout=120)
    assert job["state"] == "COMPLETED" and job["output_uri"].endswith("/output/output.tar.gz"), job
    path = settings.data_dir / "buckets" / job["output_uri"].removeprefix("s3://")
    with tarfile.open(fileobj=io.BytesIO(path.read_bytes()), mode="r:gz") as tar:
        terms = list(csv.DictReader(io.StringIO(tar.extractfile("topic-terms.csv").read().decode())))  # type: ignore[union-attr]
    assert {row["topic"] for row in terms} == {"000", "001", "002"}
    bad = await client.post("/v1/jobs/text", json={"task": "topics", "input_uri": "s3://native-topics/",
                                                   "output_uri": "s3://x-out/", "number_of_topics": 101})
    assert bad.status_code == 422
