"""Comprehend's custom models through unmodified boto3 against a started server: a topics job, and a
classifier trained, served by an endpoint and called with ClassifyDocument."""

from __future__ import annotations

import io
import random
import tarfile
import time
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from tests.integration.test_classifiers import ROLE, SUBJECTS, documents


def _client(url: str) -> Any:
    return boto3.client("comprehend", endpoint_url=url, region_name="us-east-1", aws_access_key_id="x",
                        aws_secret_access_key="y")


def _until(call: Any, path: tuple[str, str], done: set[str], timeout: float = 240) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        props = call()[path[0]]
        if props[path[1]] in done:
            return props
        time.sleep(0.5)
    raise AssertionError(f"not done: {props}")


def test_classifier_endpoint_and_topics_with_boto3(server_with_dir: tuple[str, Path]) -> None:
    url, data_dir = server_with_dir
    comprehend = _client(url)
    folder = data_dir / "buckets" / "custom-train"
    folder.mkdir(parents=True)
    rows = documents(random.Random(8), 14)
    (folder / "train.csv").write_text("".join(f"{label},{text}\n" for label, text in rows))
    arn = comprehend.create_document_classifier(
        DocumentClassifierName="boto-subjects", LanguageCode="en", DataAccessRoleArn=ROLE,
        InputDataConfig={"S3Uri": "s3://custom-train/train.csv"})["DocumentClassifierArn"]
    props = _until(lambda: comprehend.describe_document_classifier(DocumentClassifierArn=arn),
                   ("DocumentClassifierProperties", "Status"), {"TRAINED", "IN_ERROR"})
    assert props["Status"] == "TRAINED" and props["ClassifierMetadata"]["NumberOfLabels"] == len(SUBJECTS)
    listed = comprehend.list_document_classifiers()["DocumentClassifierPropertiesList"]
    assert [c["DocumentClassifierArn"] for c in listed] == [arn]
    endpoint = comprehend.create_endpoint(EndpointName="boto-ep", ModelArn=arn, DesiredInferenceUnits=1)["EndpointArn"]
    assert comprehend.describe_endpoint(EndpointArn=endpoint)["EndpointProperties"]["Status"] == "IN_SERVICE"
    classes = comprehend.classify_document(Text="Whisk two eggs into the flour and bake the cake.",
                                           EndpointArn=endpoint)["Classes"]
    assert classes[0]["Name"] == "cooking", classes
    comprehend.delete_endpoint(EndpointArn=endpoint)
    comprehend.delete_document_classifier(DocumentClassifierArn=arn)
    with pytest.raises(ClientError) as info:
        comprehend.describe_document_classifier(DocumentClassifierArn=arn)
    assert info.value.response["Error"]["Code"] == "ResourceNotFoundException"

    corpus = data_dir / "buckets" / "custom-topics"
    corpus.mkdir(parents=True)
    (corpus / "a.txt").write_text("\n".join(text for _, text in documents(random.Random(9), 20)) + "\n")
    job_id = comprehend.start_topics_detection_job(
        InputDataConfig={"S3Uri": "s3://custom-topics/", "InputFormat": "ONE_DOC_PER_LINE"},
        OutputDataConfig={"S3Uri": "s3://custom-topics-out/"}, DataAccessRoleArn=ROLE, NumberOfTopics=3)["JobId"]
    job = _until(lambda: comprehend.describe_topics_detection_job(JobId=job_id),
                 ("TopicsDetectionJobProperties", "JobStatus"), {"COMPLETED", "FAILED"})
    assert job["JobStatus"] == "COMPLETED" and job["NumberOfTopics"] == 3, job
    raw = (data_dir / "buckets" / job["OutputDataConfig"]["S3Uri"].removeprefix("s3://")).read_bytes()
    with tarfile.open(fileobj=io.BytesIO(raw), mode="r:gz") as tar:
        header = tar.extractfile("doc-topics.csv").read().decode().splitlines()[0]  # type: ignore[union-attr]
    assert header == "docname,topic,proportion"
