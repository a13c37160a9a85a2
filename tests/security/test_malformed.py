"""Hole 3: malformed AWS requests get a 4xx that says what to fix: never a 500, never silent acceptance."""

from __future__ import annotations

import base64
import io
import json

import httpx
import pytest
from PIL import Image

from gateway.aws import shapes


def _aws(target: str, raw: str | bytes) -> dict[str, object]:
    return {"content": raw, "headers": {"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"}}


async def test_deep_nesting_and_huge_numbers(client: httpx.AsyncClient) -> None:
    deep = '{"Text": ' + "[" * 50_000 + "]" * 50_000 + "}"
    huge = '{"Text": "hi", "LanguageCode": "en", "X": ' + "9" * 5000 + "}"
    for raw in (deep, huge):
        r = await client.post("/", **_aws("Comprehend_20171127.DetectSentiment", raw))
        assert r.status_code == 400 and r.json()["__type"] == "SerializationException", r.text[:300]


@pytest.mark.parametrize(("target", "body", "aws_type", "words"), [
    ("Comprehend_20171127.ListSentimentDetectionJobs", {"NextToken": "9" * 20}, "InvalidRequestException", "NextToken"),
    ("Comprehend_20171127.StartSentimentDetectionJob",
     {"InputDataConfig": {"S3Uri": "s3://in-b/x"}, "OutputDataConfig": {"S3Uri": "s3://out-b/"},
      "DataAccessRoleArn": "arn:aws:iam::123456789012:role/r", "LanguageCode": "en", "JobName": ["a", "b"]},
     "InvalidRequestException", "JobName"),
    ("Textract.StartDocumentTextDetection",
     {"DocumentLocation": {"S3Object": {"Bucket": "docs-in", "Name": "a.png"}}, "ClientRequestToken": ["x"]},
     "InvalidParameterException", "ClientRequestToken"),
    ("AmazonForecast.CreateDataset", {"DatasetName": "d", "Domain": "CUSTOM", "DatasetType": "TARGET_TIME_SERIES",
                                      "Schema": {"Attributes": [1]}}, "InvalidInputException", "Attributes"),
    ("AmazonForecast.CreateDatasetGroup", {"DatasetGroupName": "g", "Domain": "CUSTOM", "DatasetArns": [[]]},
     "InvalidInputException", "DatasetArns"),
    ("AmazonPersonalize.DescribeSolution", {"solutionArn": 5}, "InvalidInputException", "solutionArn"),
    ("RekognitionService.DetectLabels", {"Image": {"Bytes": "aGk="}, "MinConfidence": "high"},
     "InvalidParameterException", "MinConfidence"),
    ("RekognitionService.DetectLabels", {"Image": {"Bytes": "aGk="}, "Settings": "str"},
     "InvalidParameterException", "Settings"),
    ("RekognitionService.DetectLabels", {"Image": {"Bytes": "aGk="}, "MaxLabels": 1e400},
     "InvalidParameterException", "MaxLabels"),
    ("Comprehend_20171127.DetectSentiment", {"Text": "hi", "LanguageCode": "en", "Extra": {"Nested": [1, 2]}},
     None, None),  # unknown members are ignored, as AWS does
])
async def test_wrong_members_are_refused_in_the_service_shape(
    client: httpx.AsyncClient, target: str, body: dict[str, object], aws_type: str | None, words: str | None
) -> None:
    raw = json.dumps(body).replace("Infinity", "1e400")
    r = await client.post("/", **_aws(target, raw))
    if aws_type is None:
        assert r.status_code == 200, r.text
        return
    assert r.status_code == 400 and r.json()["__type"] == aws_type, r.text
    assert words in r.json()["message"]


async def test_null_members_count_as_absent(client: httpx.AsyncClient) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 30, 30)).save(buffer, "PNG")
    img = base64.b64encode(buffer.getvalue()).decode()
    r = await client.post("/", **_aws("RekognitionService.DetectLabels",
                                      json.dumps({"Image": {"Bytes": img}, "MinConfidence": None})))
    assert r.status_code == 200 and "Labels" in r.json(), r.text


async def test_rest_json_members_and_queries(client: httpx.AsyncClient) -> None:
    for query in ("NextToken=%C2%B2", "MaxResults=abc", "MaxResults=1000"):
        r = await client.get(f"/v1/synthesisTasks?{query}")
        assert r.status_code == 400, (query, r.text)
    for num in ('"abc"', "1e400", "-5"):
        raw = '{"campaignArn": "arn:aws:personalize:us-east-1:1:campaign/c", "userId": "u", "numResults": ' + num + "}"
        r = await client.post("/recommendations", content=raw)
        assert r.status_code == 400 and r.headers["x-amzn-errortype"] == "InvalidInputException", r.text


async def test_chunked_body_over_the_limit_is_413(client: httpx.AsyncClient, settings) -> None:  # type: ignore[no-untyped-def]
    limit = settings.max_body_bytes

    async def chunks():  # type: ignore[no-untyped-def]
        yield b'{"Text": "'
        for _ in range(limit // 65536 + 1):
            yield b"a" * 65536
        yield b'"}'

    r = await client.post("/v1/speech", content=chunks())
    assert r.status_code == 413, r.text[:200]


def test_every_target_we_serve_has_a_botocore_shape() -> None:
    from gateway.aws.protocol import TARGETS

    missing = [t for t in TARGETS if t not in shapes.targets()]
    assert missing == []
