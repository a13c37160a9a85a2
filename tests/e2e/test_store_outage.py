"""The job store's Postgres goes away and comes back under a running gateway: requests that need it get 503
with the reason, the rest keep answering, nothing recorded is lost, and jobs run again once it is back."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import start_server, wait_for
from tests.local_services import free_port, moto_s3, s3_client
from tests.pg import PostgresCluster, running_postgres


@pytest.fixture(scope="module")
def pg() -> Iterator[PostgresCluster]:
    with running_postgres() as cluster:
        yield cluster


@pytest.fixture(scope="module")
def gateway(pg: PostgresCluster, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    data = tmp_path_factory.mktemp("outage")
    proc, url = start_server(data, {"CIRRUS_JOBS__DATABASE_URL": pg.url, "CIRRUS_JOBS__POLL_S": "0.3"})
    yield url, data
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()


def run_job(url: str, data: Path, name: str) -> dict[str, object]:
    folder = data / "buckets" / "outage" / name
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("I love this phone.\nThe box arrived crushed and late.")
    r = httpx.post(f"{url}/v1/jobs/text", json={"task": "sentiment", "input_uri": f"s3://outage/{name}/",
                                                "output_uri": f"s3://outage/out-{name}", "language": "en",
                                                "input_format": "ONE_DOC_PER_LINE"}, timeout=30)
    assert r.status_code == 201, r.text
    return wait_for(url, r.json()["id"])


def test_a_store_outage_is_503_with_the_reason_and_loses_nothing(pg: PostgresCluster, gateway: tuple[str, Path]) -> None:
    url, data = gateway
    before = run_job(url, data, "before")
    assert before["state"] == "COMPLETED" and before["items_done"] == 2, before

    pg.stop()
    r = httpx.get(f"{url}/v1/jobs/{before['id']}", timeout=30)
    assert r.status_code == 503, r.text
    error = r.json()["error"]
    assert error["code"] == "storage_fault" and "database" in error["message"] and r.headers["Retry-After"], error
    r = httpx.post(f"{url}/v1/jobs/text", json={"task": "sentiment", "input_uri": "s3://outage/before/",
                                                "output_uri": "s3://outage/never", "language": "en"}, timeout=30)
    assert r.status_code == 503 and r.json()["error"]["code"] == "storage_fault", r.text
    # what needs no store keeps working
    assert httpx.get(f"{url}/health", timeout=10).status_code == 200
    r = httpx.post(f"{url}/v1/text/sentiment", json={"texts": ["I love it"]}, timeout=60)
    assert r.status_code == 200 and r.json()["results"][0]["sentiment"] == "POSITIVE"
    time.sleep(1)  # the poller and heartbeat meet the outage too

    pg.start()
    again = httpx.get(f"{url}/v1/jobs/{before['id']}", timeout=30)
    assert again.status_code == 200 and again.json()["state"] == "COMPLETED" and again.json()["items_done"] == 2
    after = run_job(url, data, "after")  # the runner claims new jobs again
    assert after["state"] == "COMPLETED" and after["items_done"] == 2, after


@pytest.fixture
def own_pg() -> Iterator[PostgresCluster]:
    """A job store of its own: the other test's gateway (folder buckets) must not claim these jobs."""
    with running_postgres() as cluster:
        yield cluster


def test_an_s3_outage_pauses_jobs_and_is_503_for_requests_that_read_it(
    own_pg: PostgresCluster, tmp_path_factory: pytest.TempPathFactory,
) -> None:
    port = free_port()
    job = {"task": "sentiment", "input_uri": "s3://away/in/", "output_uri": "s3://away/out", "language": "en",
           "input_format": "ONE_DOC_PER_LINE"}
    proc = None
    try:
        with moto_s3(port) as endpoint:
            s3 = s3_client(endpoint)
            s3.create_bucket(Bucket="away")
            s3.put_object(Bucket="away", Key="in/a.txt", Body=b"I love this phone.\nThe box arrived crushed and late.")
            proc, url = start_server(tmp_path_factory.mktemp("s3-outage"), {
                "CIRRUS_JOBS__DATABASE_URL": own_pg.url, "CIRRUS_BUCKETS__S3_ENDPOINT_URL": endpoint,
                "CIRRUS_BUCKETS__ACCESS_KEY_ID": "test", "CIRRUS_BUCKETS__SECRET_ACCESS_KEY": "test",
                "CIRRUS_JOBS__POLL_S": "0.3", "CIRRUS_JOBS__LEASE_S": "3"})
            first = httpx.post(f"{url}/v1/jobs/text", json=job, timeout=60).json()
            assert wait_for(url, first["id"])["state"] == "COMPLETED"
        # the S3 store has stopped
        r = httpx.get(f"{url}/v1/jobs/{first['id']}/outputs", timeout=60)  # lists the S3 store
        assert r.status_code == 503, r.text
        assert r.json()["error"]["code"] == "storage_fault" and "S3 store is unreachable" in r.json()["error"]["message"]
        assert httpx.post(f"{url}/v1/text/sentiment", json={"texts": ["I love it"]}, timeout=60).status_code == 200

        r = httpx.post(f"{url}/v1/jobs/text", json=job, timeout=60)  # accepted: its input is read when it runs
        assert r.status_code == 201, r.text
        time.sleep(8)  # it meets the outage, more than once
        waiting = httpx.get(f"{url}/v1/jobs/{r.json()['id']}", timeout=10).json()
        assert waiting["state"] in ("SUBMITTED", "IN_PROGRESS"), waiting  # paused, not failed

        with moto_s3(port):  # the same store again: moto keeps its state in this process
            done = wait_for(url, r.json()["id"])
        assert done["state"] == "COMPLETED" and done["items_done"] == 2 and done["items_failed"] == 0, done
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(15)
