"""Comprehend custom classification through the AWS surface: train from a bucket CSV (e5 embeddings and a
logistic regression in a spawned worker), evaluation metrics, an endpoint, ClassifyDocument, a
classification job in AWS's output layout, and training data that is refused with the reason."""

from __future__ import annotations

import asyncio
import io
import json
import random
import tarfile
from typing import Any

import httpx

from cirrus.settings import Settings

SUBJECTS = {
    "sport": ["The striker scored a late goal", "Our team won the league match", "The coach praised the players",
              "Fans filled the stadium for the final", "The referee showed a red card", "The season ended with a title"],
    "cooking": ["Bake the dough in a hot oven", "Simmer the garlic sauce slowly", "Whisk the butter and sugar",
                "Chop the onions for the soup", "This recipe needs fresh basil", "Roast the vegetables in the pan"],
    "finance": ["The bank raised its interest rate", "Investors sold their stocks today", "The mortgage payment is due",
                "Inflation hurt household savings", "The company paid a dividend", "Bond yields fell this week"],
}
ENDINGS = ["", " yesterday", " this morning", " again", " last night", " at last", " as expected"]


def documents(rng: random.Random, per_label: int) -> list[tuple[str, str]]:
    return [(label, rng.choice(SUBJECTS[label]) + rng.choice(ENDINGS) + ".")
            for label in SUBJECTS for _ in range(per_label)]


async def _aws(client: httpx.AsyncClient, operation: str, body: dict[str, Any]) -> httpx.Response:
    return await client.post("/", content=json.dumps(body), headers={
        "X-Amz-Target": f"Comprehend_20171127.{operation}", "Content-Type": "application/x-amz-json-1.1"})


async def _trained(client: httpx.AsyncClient, arn: str) -> dict[str, Any]:
    for _ in range(1200):
        props = (await _aws(client, "DescribeDocumentClassifier", {"DocumentClassifierArn": arn})).json()
        props = props["DocumentClassifierProperties"]
        if props["Status"] in ("TRAINED", "IN_ERROR"):
            return props
        await asyncio.sleep(0.1)
    raise AssertionError(f"never trained: {props}")


def _put(settings: Settings, bucket: str, key: str, body: str) -> None:
    path = settings.data_dir / "buckets" / bucket / key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body)


ROLE = "arn:aws:iam::123456789012:role/r"


async def test_train_evaluate_serve_and_run_a_job(client: httpx.AsyncClient, settings: Settings) -> None:
    rng = random.Random(5)
    _put(settings, "cls-train", "train.csv", "".join(f"{label},{text}\n" for label, text in documents(rng, 14)))
    r = await _aws(client, "CreateDocumentClassifier", {
        "DocumentClassifierName": "subjects", "LanguageCode": "en", "DataAccessRoleArn": ROLE,
        "InputDataConfig": {"S3Uri": "s3://cls-train/train.csv"}})
    assert r.status_code == 200, r.text
    arn = r.json()["DocumentClassifierArn"]
    props = await _trained(client, arn)
    assert props["Status"] == "TRAINED", props
    meta = props["ClassifierMetadata"]
    assert meta["NumberOfLabels"] == 3 and meta["NumberOfTrainedDocuments"] + meta["NumberOfTestDocuments"] == 42
    assert meta["EvaluationMetrics"]["Accuracy"] >= 0.75 and 0 < meta["EvaluationMetrics"]["MicroF1Score"] <= 1

    r = await _aws(client, "CreateEndpoint", {"EndpointName": "subjects-ep", "ModelArn": arn,
                                              "DesiredInferenceUnits": 1})
    assert r.status_code == 200, r.text
    endpoint = r.json()["EndpointArn"]
    unseen = {"sport": "The goalkeeper saved a penalty in the cup game.",
              "cooking": "Fry the mushrooms in olive oil with a pinch of salt.",
              "finance": "The central bank cut rates to calm the bond market."}
    for label, text in unseen.items():
        classes = (await _aws(client, "ClassifyDocument", {"Text": text, "EndpointArn": endpoint})).json()["Classes"]
        assert classes[0]["Name"] == label and abs(sum(c["Score"] for c in classes) - 1) < 0.01, (text, classes)
    r = await _aws(client, "DeleteDocumentClassifier", {"DocumentClassifierArn": arn})
    assert r.status_code == 400 and r.json()["__type"] == "ResourceInUseException"  # the endpoint uses it

    _put(settings, "cls-in", "docs.txt", "\n".join(unseen.values()) + "\n")
    r = await _aws(client, "StartDocumentClassificationJob", {
        "DocumentClassifierArn": arn, "DataAccessRoleArn": ROLE, "JobName": "subjects-job",
        "InputDataConfig": {"S3Uri": "s3://cls-in/", "InputFormat": "ONE_DOC_PER_LINE"},
        "OutputDataConfig": {"S3Uri": "s3://cls-out/"}})
    assert r.status_code == 200, r.text
    job_id = r.json()["JobId"]
    for _ in range(600):
        job = (await _aws(client, "DescribeDocumentClassificationJob", {"JobId": job_id})).json()
        job = job["DocumentClassificationJobProperties"]
        if job["JobStatus"] in ("COMPLETED", "FAILED"):
            break
        await asyncio.sleep(0.1)
    assert job["JobStatus"] == "COMPLETED" and job["DocumentClassifierArn"] == arn, job
    uri = job["OutputDataConfig"]["S3Uri"]
    assert uri == f"s3://cls-out/000000000000-CLN-{job_id}/output/output.tar.gz"
    raw = (settings.data_dir / "buckets" / uri.removeprefix("s3://")).read_bytes()
    with tarfile.open(fileobj=io.BytesIO(raw), mode="r:gz") as tar:
        assert tar.getnames() == ["predictions.jsonl"]
        rows = [json.loads(x) for x in tar.extractfile("predictions.jsonl").read().decode().splitlines()]  # type: ignore[union-attr]
    assert [(x["Line"], x["Classes"][0]["Name"]) for x in rows] == list(enumerate(unseen))


async def test_bad_training_data_ends_in_error_with_the_reason(client: httpx.AsyncClient, settings: Settings) -> None:
    rng = random.Random(6)
    rows = "".join(f"{label},{text}\n" for label, text in documents(rng, 12))
    cases = {"broken-line": (rows + "just one column\n", "line 37: expected 'label,text'"),
             "too-few": (rows + "poetry,Roses are red.\n", "each label needs at least 10 documents; too few for: poetry")}
    for name, (body, reason) in cases.items():
        _put(settings, "cls-bad", f"{name}.csv", body)
        r = await _aws(client, "CreateDocumentClassifier", {
            "DocumentClassifierName": name, "LanguageCode": "en", "DataAccessRoleArn": ROLE,
            "InputDataConfig": {"S3Uri": f"s3://cls-bad/{name}.csv"}})
        props = await _trained(client, r.json()["DocumentClassifierArn"])
        assert props["Status"] == "IN_ERROR" and reason in props["Message"], props
    r = await _aws(client, "CreateDocumentClassifier", {
        "DocumentClassifierName": "xx", "LanguageCode": "ja", "DataAccessRoleArn": ROLE,
        "InputDataConfig": {"S3Uri": "s3://cls-bad/too-few.csv"}})
    assert r.status_code == 400 and "not supported" in r.json()["message"]
    r = await _aws(client, "ClassifyDocument", {"Text": "hello", "EndpointArn":
                                                "arn:aws:comprehend:us-east-1:000000000000:document-classifier-endpoint/none"})
    assert r.status_code == 400 and r.json()["__type"] == "ResourceNotFoundException", r.text


async def test_stop_training_leaves_a_stopped_classifier(client: httpx.AsyncClient, settings: Settings) -> None:
    rng = random.Random(7)
    _put(settings, "cls-stop", "train.csv", "".join(f"{label},{text}\n" for label, text in documents(rng, 60)))
    r = await _aws(client, "CreateDocumentClassifier", {
        "DocumentClassifierName": "stopped", "LanguageCode": "en", "DataAccessRoleArn": ROLE,
        "InputDataConfig": {"S3Uri": "s3://cls-stop/train.csv"}})
    arn = r.json()["DocumentClassifierArn"]
    stop = await _aws(client, "StopTrainingDocumentClassifier", {"DocumentClassifierArn": arn})
    assert stop.status_code == 200, stop.text
    props = (await _aws(client, "DescribeDocumentClassifier", {"DocumentClassifierArn": arn})).json()
    assert props["DocumentClassifierProperties"]["Status"] == "STOPPED"
    await asyncio.sleep(1.0)  # the training thread, if it ran on, does not bring it back
    props = (await _aws(client, "DescribeDocumentClassifier", {"DocumentClassifierArn": arn})).json()
    assert props["DocumentClassifierProperties"]["Status"] == "STOPPED"
    refused = await _aws(client, "CreateEndpoint", {"EndpointName": "stopped-ep", "ModelArn": arn,
                                                    "DesiredInferenceUnits": 1})
    assert refused.status_code == 400
    native = await client.post("/v1/comprehend/classifiers/stop", params={"arn": arn})  # the native twin, a no-op now
    assert native.status_code == 200 and native.json()["status"] == "CREATE_STOPPED", native.text
    again = await _aws(client, "StopTrainingDocumentClassifier", {"DocumentClassifierArn": arn})
    assert again.status_code == 200  # nothing left to stop: a no-op, as AWS
    assert (await _aws(client, "DeleteDocumentClassifier", {"DocumentClassifierArn": arn})).status_code == 200


async def test_native_routes_train_serve_classify_and_run_a_job(client: httpx.AsyncClient, settings: Settings) -> None:
    rng = random.Random(8)
    _put(settings, "native-train", "train.csv", "".join(f"{label},{text}\n" for label, text in documents(rng, 14)))
    r = await client.post("/v1/comprehend/classifiers", json={"name": "native-subjects", "input_uri": "s3://native-train/train.csv"})
    assert r.status_code == 201, r.text
    arn = r.json()["arn"]
    for _ in range(1200):
        found = (await client.get("/v1/comprehend/resource", params={"arn": arn})).json()
        if found["status"] in ("ACTIVE", "CREATE_FAILED"):
            break
        await asyncio.sleep(0.1)
    assert found["status"] == "ACTIVE" and found["state"]["metrics"]["Accuracy"] >= 0.75, found
    listed = (await client.get("/v1/comprehend/resources", params={"type": "document-classifier"})).json()
    assert arn in [x["arn"] for x in listed["resources"]]

    texts = ["The goalkeeper saved a penalty in the cup game.", "Fry the mushrooms in olive oil with a pinch of salt."]
    direct = (await client.post("/v1/comprehend/classify", json={"texts": texts, "classifier_arn": arn})).json()
    assert [x["Classes"][0]["Name"] for x in direct["results"]] == ["sport", "cooking"]
    endpoint = (await client.post("/v1/comprehend/endpoints", json={"name": "native-ep", "classifier_arn": arn})).json()
    via = (await client.post("/v1/comprehend/classify", json={"texts": texts, "endpoint_arn": endpoint["arn"]})).json()
    assert via == direct
    both = await client.post("/v1/comprehend/classify", json={"texts": texts, "classifier_arn": arn,
                                                               "endpoint_arn": endpoint["arn"]})
    assert both.status_code == 400
    unknown = await client.post("/v1/comprehend/classify", json={"texts": texts, "endpoint_arn": arn + "-nope"})
    assert unknown.status_code == 404

    _put(settings, "native-in", "docs.txt", "\n".join(texts) + "\n")
    r = await client.post("/v1/jobs/text", json={"task": "classification", "classifier_arn": arn, "input_uri": "s3://native-in/",
                                                 "output_uri": "s3://native-out/", "input_format": "ONE_DOC_PER_LINE"})
    assert r.status_code == 201, r.text
    for _ in range(600):
        job = (await client.get(f"/v1/jobs/{r.json()['id']}")).json()
        if job["state"] in ("COMPLETED", "FAILED"):
            break
        await asyncio.sleep(0.1)
    assert job["state"] == "COMPLETED", job
    raw = (settings.data_dir / "buckets" / job["output_uri"].removeprefix("s3://")).read_bytes()
    with tarfile.open(fileobj=io.BytesIO(raw), mode="r:gz") as tar:
        rows = [json.loads(x) for x in tar.extractfile("predictions.jsonl").read().decode().splitlines()]  # type: ignore[union-attr]
    assert [x["Classes"][0]["Name"] for x in rows] == ["sport", "cooking"]
    missing = await client.post("/v1/jobs/text", json={"task": "classification", "input_uri": "s3://native-in/",
                                                       "output_uri": "s3://native-out/"})
    assert missing.status_code == 400
