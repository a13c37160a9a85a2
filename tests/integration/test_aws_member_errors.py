"""A missing or wrong-typed request member is each service's own validation exception, not one name for all."""

from __future__ import annotations

import httpx
import pytest


@pytest.mark.parametrize(
    ("target", "body", "aws_type"),
    [
        ("Comprehend_20171127.DetectSentiment", {"LanguageCode": "en"}, "InvalidRequestException"),
        ("Transcribe.StartTranscriptionJob", {"Media": {"MediaFileUri": "s3://b/k.wav"}}, "BadRequestException"),
        ("Transcribe.GetTranscriptionJob", {"TranscriptionJobName": 7}, "BadRequestException"),
        ("RekognitionService.DetectLabels", {}, "InvalidParameterException"),
        ("Textract.GetDocumentTextDetection", {"JobId": ["x"]}, "InvalidParameterException"),
        ("AmazonPersonalize.CreateSchema", {"name": "s"}, "InvalidInputException"),
    ],
)
async def test_member_errors_use_the_service_exception(
    client: httpx.AsyncClient, target: str, body: dict[str, object], aws_type: str
) -> None:
    r = await client.post("/", json=body, headers={"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"})
    assert r.status_code == 400 and r.json()["__type"] == aws_type, r.text
    assert "1 validation error detected" in r.json()["message"]


async def test_polly_member_errors_are_validation_exceptions(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/speech", json={"VoiceId": "Joey", "OutputFormat": "mp3"})
    assert r.status_code == 400 and r.headers["x-amzn-errortype"] == "ValidationException"
    assert "at 'Text'" in r.json()["message"] and "must not be null" in r.json()["message"]
