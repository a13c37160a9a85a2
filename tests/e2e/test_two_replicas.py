"""Two `cirrus serve` replicas on one Postgres and one S3 store (moto's server), as separate machines
would run them (each its own data dir): both answer the API alike, and a job whose replica is killed
with kill -9 mid-way is finished by the other with exactly one output per input.

(The replicas share a host here, so the survivor sees the dead process and takes the job over at
once; across hosts it waits out the lease, which tests/integration/test_job_leases.py covers.)"""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import tarfile
import time
from collections.abc import Iterator

import boto3
import httpx
import pytest
from moto.server import ThreadedMotoServer

from services.jobs.store import JobStore
from tests.e2e.conftest import start_server
from tests.pg import postgres_cluster

DOCS = 2000


@pytest.fixture(scope="module")
def shared() -> Iterator[dict[str, str]]:
    """One Postgres and one S3 endpoint, and the settings pointing a replica at them."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    moto.start()
    try:
        with postgres_cluster() as pg:
            yield {"CIRRUS_JOBS__DATABASE_URL": pg, "CIRRUS_BUCKETS__S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
                   "CIRRUS_BUCKETS__ACCESS_KEY_ID": "test", "CIRRUS_BUCKETS__SECRET_ACCESS_KEY": "test",
                   "CIRRUS_JOBS__POLL_S": "0.3", "CIRRUS_JOBS__LEASE_S": "5"}
    finally:
        moto.stop()


@pytest.fixture(scope="module")
def replicas(shared: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[tuple[subprocess.Popen[bytes], str]]]:
    started = [start_server(tmp_path_factory.mktemp(f"replica-{n}"), shared) for n in range(2)]
    yield started
    for proc, _ in started:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(15)


def test_both_replicas_answer_alike(replicas: list[tuple[subprocess.Popen[bytes], str]]) -> None:
    texts = ["I love this phone.", "The delivery was late and the box was crushed."]
    answers = [httpx.post(f"{url}/v1/text/sentiment", json={"texts": texts}, timeout=120).json()["results"]
               for _, url in replicas]
    assert answers[0] == answers[1] and [r["sentiment"] for r in answers[0]] == ["POSITIVE", "NEGATIVE"]


def test_a_killed_replicas_job_is_finished_by_the_other_once(shared: dict[str, str],
                                                             replicas: list[tuple[subprocess.Popen[bytes], str]]) -> None:
    s3 = boto3.client("s3", endpoint_url=shared["CIRRUS_BUCKETS__S3_ENDPOINT_URL"], region_name="us-east-1",
                      aws_access_key_id="test", aws_secret_access_key="test")
    s3.create_bucket(Bucket="rep-docs")
    s3.create_bucket(Bucket="rep-out")
    people = ["Angela Merkel visited Paris.", "Jeff Bezos founded Amazon in Seattle.", "Ada Lovelace lived in London."]
    for f in range(4):
        lines = [people[(f * 500 + i) % 3] for i in range(DOCS // 4)]
        s3.put_object(Bucket="rep-docs", Key=f"in/part-{f}.txt", Body="\n".join(lines).encode())
    url_a = replicas[0][1]  # either replica may claim the job: the test kills whichever runs it
    r = httpx.post(f"{url_a}/v1/jobs/text", json={"task": "entities", "input_uri": "s3://rep-docs/in/",
                                                  "output_uri": "s3://rep-out/run", "input_format": "ONE_DOC_PER_LINE",
                                                  "language": "en"}, timeout=30)
    assert r.status_code == 201, r.text
    job_id = r.json()["id"]
    store = JobStore(shared["CIRRUS_JOBS__DATABASE_URL"])
    deadline = time.monotonic() + 180
    while (job := store.get(job_id)).items_done < 200:  # type: ignore[union-attr]
        assert time.monotonic() < deadline and job.state != "FAILED", job
        time.sleep(0.05)
    owner_pid = int(job.owner.split("/")[1])  # type: ignore[union-attr]
    running = next(proc for proc, _ in replicas if proc.pid == owner_pid)
    survivor = next(url for proc, url in replicas if proc.pid != owner_pid)
    os.kill(running.pid, signal.SIGKILL)
    running.wait(10)
    at_kill = store.get(job_id)
    assert at_kill.state == "IN_PROGRESS" and at_kill.items_done < DOCS, at_kill  # killed mid-way  # type: ignore[union-attr]

    while (done := httpx.get(f"{survivor}/v1/jobs/{job_id}", timeout=10).json())["state"] not in ("COMPLETED", "FAILED"):
        assert time.monotonic() < deadline, done
        time.sleep(0.2)
    assert done["state"] == "COMPLETED" and done["items_done"] == DOCS and done["items_failed"] == 0, done
    assert store.get(job_id).owner is None  # type: ignore[union-attr]
    body = s3.get_object(Bucket="rep-out", Key=done["output_uri"].removeprefix("s3://rep-out/"))["Body"].read()
    with tarfile.open(fileobj=io.BytesIO(body), mode="r:gz") as tar:
        lines = [json.loads(x) for x in tar.extractfile("output").read().decode().splitlines()]  # type: ignore[union-attr]
    keys = [(x["File"], x["Line"]) for x in lines]
    assert len(keys) == DOCS and len(set(keys)) == DOCS  # exactly one output per input
    merkel = next(x for x in lines if x["File"] == "part-0.txt" and x["Line"] == 0)
    assert ("Angela Merkel", "PERSON") in {(e["Text"], e["Type"]) for e in merkel["Entities"]}
