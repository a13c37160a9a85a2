"""Buckets on a real S3-compatible server (moto's server mode): a text job reads and writes S3."""

from __future__ import annotations

import asyncio
import io
import json
import tarfile
from collections.abc import Iterator
from pathlib import Path

import boto3
import httpx
import pytest

from cirrus.settings import Settings
from gateway.app import create_app
from services.buckets import InvalidS3Object, S3Buckets, S3Location
from tests.local_services import moto_s3


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    with moto_s3() as endpoint:
        yield endpoint


def s3(endpoint: str) -> object:
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="test", aws_secret_access_key="test")


async def test_text_job_over_s3(s3_endpoint: str, tmp_path: Path) -> None:
    client = s3(s3_endpoint)
    client.create_bucket(Bucket="s3-docs")  # type: ignore[attr-defined]
    client.create_bucket(Bucket="s3-out")  # type: ignore[attr-defined]
    for i in range(12):
        client.put_object(Bucket="s3-docs", Key=f"in/{i:02}.txt", Body=b"I love it" if i % 2 else b"I hate it")  # type: ignore[attr-defined]
    settings = Settings(data_dir=tmp_path, buckets={
        "s3_endpoint_url": s3_endpoint, "access_key_id": "test", "secret_access_key": "test",
    })
    app = create_app(settings)
    async with app.router.lifespan_context(app), httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"
    ) as http:
        r = await http.post("/v1/jobs/text", json={"task": "sentiment", "input_uri": "s3://s3-docs/in/", "output_uri": "s3://s3-out/run"})
        for _ in range(400):
            job = (await http.get(f"/v1/jobs/{r.json()['id']}")).json()
            if job["state"] in ("COMPLETED", "FAILED"):
                break
            await asyncio.sleep(0.05)
    assert job["state"] == "COMPLETED", job
    key = job["output_uri"].removeprefix("s3://s3-out/")
    raw = client.get_object(Bucket="s3-out", Key=key)["Body"].read()  # type: ignore[attr-defined]
    with tarfile.open(fileobj=io.BytesIO(raw), mode="r:gz") as tar:
        lines = [json.loads(x) for x in tar.extractfile("output").read().decode().splitlines()]  # type: ignore[union-attr]
    assert [(x["File"], x["Sentiment"]) for x in lines] == [
        (f"{i:02}.txt", "POSITIVE" if i % 2 else "NEGATIVE") for i in range(12)
    ]


def test_s3_keys_that_escape_are_refused_before_any_request() -> None:
    nowhere = S3Buckets("http://127.0.0.1:9", "us-east-1", "test", "test")  # any request would fail to connect
    for bad in ("../other-bucket/secret", "a/../../b", "/abs", "a\\b"):
        with pytest.raises(InvalidS3Object):
            nowhere.read(S3Location("s3-docs", bad))
        with pytest.raises(InvalidS3Object):
            nowhere.write(S3Location("s3-docs", bad), b"x")


def test_missing_s3_key_is_a_clear_error(s3_endpoint: str) -> None:
    buckets = S3Buckets(s3_endpoint, "us-east-1", "test", "test")
    with pytest.raises(InvalidS3Object, match=r"NoSuchKey|NoSuchBucket"):
        buckets.read(S3Location("s3-docs", "in/missing.txt"))


def test_only_cirrus_own_buckets_are_made_on_write(s3_endpoint: str) -> None:
    """A user's missing bucket is an error, as on AWS; a service default (Transcribe's cirrus-transcribe)
    is made on first use, so a job without OutputBucketName works in S3 mode as it does with folders."""
    buckets = S3Buckets(s3_endpoint, "us-east-1", "test", "test")
    with pytest.raises(InvalidS3Object, match="does not exist"):
        buckets.write(S3Location("users-missing-bucket", "a.json"), b"{}")
    buckets.write(S3Location("cirrus-owned-default", "job.json"), b"{}", create=True)
    assert buckets.read(S3Location("cirrus-owned-default", "job.json")) == b"{}"


async def test_s3_outputs_are_presigned_and_missing_output_buckets_refused_at_start(s3_endpoint: str,
                                                                                    tmp_path: Path) -> None:
    """Polly's OutputUri is the object's plain URL in the S3 store, as AWS writes it (AWS's polly_wrapper.py
    reads the key from its last segment); a job naming an output bucket that does not exist is refused
    when it is started, in each service's own error."""
    s3(s3_endpoint).create_bucket(Bucket="s3-speech")  # type: ignore[attr-defined]
    settings = Settings(data_dir=tmp_path, buckets={
        "s3_endpoint_url": s3_endpoint, "access_key_id": "test", "secret_access_key": "test",
    })
    app = create_app(settings)
    async with app.router.lifespan_context(app), httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"
    ) as http:
        task = {"Text": "Hello from a task.", "VoiceId": "Joey", "OutputFormat": "mp3", "OutputS3BucketName": "s3-speech"}
        started = (await http.post("/v1/synthesisTasks", json=task)).json()["SynthesisTask"]
        for _ in range(400):
            done = (await http.get(f"/v1/synthesisTasks/{started['TaskId']}")).json()["SynthesisTask"]
            if done["TaskStatus"] in ("completed", "failed"):
                break
            await asyncio.sleep(0.05)
        refused = await http.post("/v1/synthesisTasks", json={**task, "OutputS3BucketName": "no-such-bucket"})
        transcribe = await http.post("/", headers={"X-Amz-Target": "Transcribe.StartTranscriptionJob",
                                                   "Content-Type": "application/x-amz-json-1.1"},
                                     json={"TranscriptionJobName": "j", "LanguageCode": "en-US",
                                           "Media": {"MediaFileUri": "s3://s3-speech/a.wav"},
                                           "OutputBucketName": "no-such-bucket"})
    assert done["TaskStatus"] == "completed", done
    assert done["OutputUri"] == f"{s3_endpoint}/s3-speech/{started['TaskId']}.mp3"
    audio = s3(s3_endpoint).get_object(Bucket="s3-speech", Key=done["OutputUri"].split("/")[-1])["Body"].read()  # type: ignore[attr-defined]
    assert audio[:3] in (b"ID3", b"\xff\xfb", b"\xff\xf3")
    assert refused.status_code == 400 and refused.headers["x-amzn-ErrorType"].startswith("InvalidS3BucketException")
    assert "no-such-bucket" in refused.json()["message"]
    assert transcribe.status_code == 400 and transcribe.json()["__type"] == "BadRequestException"
    assert "no-such-bucket" in transcribe.json()["message"]
