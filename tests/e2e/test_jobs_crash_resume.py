"""kill -9 the server mid-job, restart it on the same data dir: the job finishes with exactly one output
per input, no loss and no duplicates. Also boto3's Comprehend job operations against a started server."""

from __future__ import annotations

import io
import json
import signal
import subprocess
import tarfile
import time
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest
from botocore.exceptions import ClientError

from tests.e2e.conftest import start_server, wait_for

N_DOCS = 3000


def read_output(data_dir: Path, uri: str) -> list[dict[str, Any]]:
    raw = (data_dir / "buckets" / uri.removeprefix("s3://")).read_bytes()
    with tarfile.open(fileobj=io.BytesIO(raw), mode="r:gz") as tar:
        return [json.loads(x) for x in tar.extractfile("output").read().decode().splitlines()]  # type: ignore[union-attr]


def test_kill_9_mid_job_then_resume(tmp_path: Path, processes: list[subprocess.Popen[bytes]]) -> None:
    folder = tmp_path / "buckets" / "corpus"
    folder.mkdir(parents=True)
    names = ["Angela Merkel", "Tim Cook", "Jeff Bezos", "Marie Curie"]
    lines = [f"{names[i % 4]} visited Paris on day {i} with a team from Google." for i in range(N_DOCS)]
    (folder / "docs.txt").write_text("\n".join(lines) + "\n")

    proc, url = start_server(tmp_path)
    processes.append(proc)
    r = httpx.post(f"{url}/v1/jobs/text", json={
        "task": "entities", "input_uri": "s3://corpus/docs.txt", "output_uri": "s3://corpus-out",
        "input_format": "ONE_DOC_PER_LINE",
    }, timeout=30)
    job_id = r.json()["id"]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # kill once some, but not all, items are recorded
        job = httpx.get(f"{url}/v1/jobs/{job_id}", timeout=10).json()
        if 0 < job["items_done"] < N_DOCS * 0.8:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    done_at_kill = job["items_done"]
    assert 0 < done_at_kill < N_DOCS, job

    proc, url = start_server(tmp_path)  # same data dir: the job store and the buckets survive
    processes.append(proc)
    job = wait_for(url, job_id, ("COMPLETED", "FAILED"))
    assert job["state"] == "COMPLETED", job
    assert job["items_total"] == N_DOCS and job["items_done"] == N_DOCS and job["items_failed"] == 0
    out = read_output(tmp_path, job["output_uri"])
    assert [x["Line"] for x in out] == list(range(N_DOCS))  # exactly one per input, in order
    assert all(any(e["Type"] == "PERSON" for e in x["Entities"]) for x in out)


@pytest.fixture(scope="module")
def comprehend(server_url: str) -> Any:
    return boto3.client("comprehend", endpoint_url=server_url, region_name="us-east-1",
                        aws_access_key_id="x", aws_secret_access_key="y")


def test_boto3_job_errors_idempotency_and_listing(comprehend: Any, server_url: str) -> None:
    role = "arn:aws:iam::000000000000:role/cirrus"
    with pytest.raises(ClientError) as info:
        comprehend.describe_sentiment_detection_job(JobId="nope")
    assert info.value.response["Error"]["Code"] == "JobNotFoundException"
    r = comprehend.start_sentiment_detection_job(
        InputDataConfig={"S3Uri": "s3://missing-bucket/in/", "InputFormat": "ONE_DOC_PER_FILE"},
        OutputDataConfig={"S3Uri": "s3://missing-bucket/out/"}, DataAccessRoleArn=role, LanguageCode="en",
        JobName="empty", ClientRequestToken="tok-1",
    )
    assert r["JobStatus"] == "SUBMITTED" and r["JobArn"].endswith(r["JobId"])
    again = comprehend.start_sentiment_detection_job(
        InputDataConfig={"S3Uri": "s3://missing-bucket/in/", "InputFormat": "ONE_DOC_PER_FILE"},
        OutputDataConfig={"S3Uri": "s3://missing-bucket/out/"}, DataAccessRoleArn=role, LanguageCode="en",
        JobName="empty", ClientRequestToken="tok-1",
    )
    assert again["JobId"] == r["JobId"]
    job = wait_for(server_url, r["JobId"], ("FAILED", "COMPLETED"))
    props = comprehend.describe_sentiment_detection_job(JobId=r["JobId"])["SentimentDetectionJobProperties"]
    assert props["JobStatus"] == "FAILED" == job["state"] and "missing-bucket" in props["Message"]
    assert props["JobName"] == "empty" and props["LanguageCode"] == "en"
    listed = comprehend.list_sentiment_detection_jobs(Filter={"JobStatus": "FAILED"})
    assert r["JobId"] in [j["JobId"] for j in listed["SentimentDetectionJobPropertiesList"]]
    with pytest.raises(ClientError) as info:
        comprehend.start_sentiment_detection_job(
            InputDataConfig={"S3Uri": "s3://bucket/in/"}, OutputDataConfig={"S3Uri": "s3://bucket/out/"},
            DataAccessRoleArn=role, LanguageCode="ja",
        )
    assert info.value.response["Error"]["Code"] == "UnsupportedLanguageException"


def test_boto3_job_over_a_bucket_folder(tmp_path: Path) -> None:
    """boto3 start → describe → COMPLETED, with the AWS-layout output in the bucket folder."""
    folder = tmp_path / "buckets" / "docs"
    folder.mkdir(parents=True)
    for i in range(20):
        (folder / f"{i:02}.txt").write_text("I love it!" if i % 2 else "I hate it.")
    proc, url = start_server(tmp_path)
    try:
        client = boto3.client("comprehend", endpoint_url=url, region_name="us-east-1",
                              aws_access_key_id="x", aws_secret_access_key="y")
        r = client.start_sentiment_detection_job(
            InputDataConfig={"S3Uri": "s3://docs/", "InputFormat": "ONE_DOC_PER_FILE"},
            OutputDataConfig={"S3Uri": "s3://docs-out/run"}, LanguageCode="en",
            DataAccessRoleArn="arn:aws:iam::000000000000:role/cirrus",
        )
        wait_for(url, r["JobId"], ("COMPLETED",))
        props = client.describe_sentiment_detection_job(JobId=r["JobId"])["SentimentDetectionJobProperties"]
        assert props["OutputDataConfig"]["S3Uri"].endswith(f"-SENTIMENT-{r['JobId']}/output/output.tar.gz")
        out = read_output(tmp_path, props["OutputDataConfig"]["S3Uri"])
        assert [(x["File"], x["Sentiment"]) for x in out] == [
            (f"{i:02}.txt", "POSITIVE" if i % 2 else "NEGATIVE") for i in range(20)
        ]
    finally:
        proc.terminate()
        proc.wait(10)
