"""The scale-out topology as processes: a Ray head (model workers on Ray Serve), one Postgres, one S3 store
(moto's server) and two `cirrus serve` replicas on them, as separate machines would run them (each its own
data dir). Through boto3 against both: sentiment, Translate and a Forecast flow answer alike; a Ray replica
killed with kill -9 is replaced and requests recover; a job whose gateway is killed with kill -9 mid-way is
finished by the other with exactly one output per input.

(The replicas share a host here, so the survivor sees the dead process and takes the job over at
once; across hosts it waits out the lease, which tests/integration/test_job_leases.py covers.)"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import tarfile
import threading
import time
from collections.abc import Iterator
from typing import Any

import boto3
import httpx
import pytest

from services.jobs.store import JobStore
from tests.e2e.conftest import start_server, wait_for
from tests.e2e.test_forecast import HORIZON, ROLE, series, wait
from tests.local_services import moto_s3, s3_client
from tests.pg import postgres_cluster
from tests.ray_util import ray_head, replica_pids

DOCS = 2000


@pytest.fixture(scope="module")
def shared() -> Iterator[dict[str, str]]:
    """One Postgres and one S3 endpoint, and the settings pointing a replica at them."""
    with moto_s3() as s3, postgres_cluster() as pg, ray_head() as ray:
        yield {"CIRRUS_JOBS__DATABASE_URL": pg, "CIRRUS_BUCKETS__S3_ENDPOINT_URL": s3,
               "CIRRUS_BUCKETS__ACCESS_KEY_ID": "test", "CIRRUS_BUCKETS__SECRET_ACCESS_KEY": "test",
               "CIRRUS_JOBS__POLL_S": "0.3", "CIRRUS_JOBS__LEASE_S": "5", "CIRRUS_WORKERS__RAY_ADDRESS": ray}


def aws(service: str, url: str) -> Any:
    return boto3.client(service, endpoint_url=url, region_name="us-east-1", aws_access_key_id="x",
                        aws_secret_access_key="y")


@pytest.fixture(scope="module")
def replicas(shared: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[tuple[subprocess.Popen[bytes], str]]]:
    started = [start_server(tmp_path_factory.mktemp(f"replica-{n}"), shared) for n in range(2)]
    yield started
    for proc, _ in started:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(15)


def test_both_replicas_answer_alike_from_one_ray_replica(replicas: list[tuple[subprocess.Popen[bytes], str]]) -> None:
    texts = ["I love this phone.", "The delivery was late and the box was crushed."]
    answers = [[r["Sentiment"] for r in aws("comprehend", url).batch_detect_sentiment(TextList=texts, LanguageCode="en")["ResultList"]]
               for _, url in replicas]
    assert answers == [["POSITIVE", "NEGATIVE"]] * 2
    for _, url in replicas:
        vader = next(m for m in httpx.get(f"{url}/v1/models", timeout=30).json()["models"] if m["name"] == "sentiment-vader-en")
        assert (vader["runs_on"], vader["state"], vader["replicas"]) == ("ray", "ready", 1), vader
    assert len(replica_pids("sentiment-vader-en")) == 1  # deployed once for both gateways


def test_translate_through_either_replica(replicas: list[tuple[subprocess.Popen[bytes], str]]) -> None:
    out = [aws("translate", url).translate_text(Text="The house is big.", SourceLanguageCode="en",
                                                TargetLanguageCode="es")["TranslatedText"] for _, url in replicas]
    assert out[0] == out[1] and "casa" in out[0].lower(), out


def test_a_forecast_built_through_one_replica_answers_on_the_other(
    shared: dict[str, str], replicas: list[tuple[subprocess.Popen[bytes], str]],
) -> None:
    train, _ = series()
    rows = train.assign(timestamp=train["timestamp"].dt.strftime("%Y-%m-%d"))[["item_id", "timestamp", "target_value"]]
    s3 = s3_client(shared["CIRRUS_BUCKETS__S3_ENDPOINT_URL"])
    s3.create_bucket(Bucket="rep-sales")
    s3.put_object(Bucket="rep-sales", Key="history.csv", Body=rows.to_csv(index=False, header=False).encode())
    (_, url_a), (_, url_b) = replicas
    fc = aws("forecast", url_a)
    schema = {"Attributes": [{"AttributeName": "item_id", "AttributeType": "string"},
                             {"AttributeName": "timestamp", "AttributeType": "timestamp"},
                             {"AttributeName": "target_value", "AttributeType": "float"}]}
    dataset = fc.create_dataset(DatasetName="rep_sales", Domain="CUSTOM", DatasetType="TARGET_TIME_SERIES",
                                DataFrequency="M", Schema=schema)["DatasetArn"]
    group = fc.create_dataset_group(DatasetGroupName="rep_shop", Domain="CUSTOM", DatasetArns=[dataset])["DatasetGroupArn"]
    job = fc.create_dataset_import_job(DatasetImportJobName="first", DatasetArn=dataset,
                                       DataSource={"S3Config": {"Path": "s3://rep-sales/history.csv", "RoleArn": ROLE}})
    assert wait(fc.describe_dataset_import_job, DatasetImportJobArn=job["DatasetImportJobArn"])["Status"] == "ACTIVE"
    predictor = fc.create_auto_predictor(PredictorName="auto", ForecastHorizon=HORIZON, ForecastFrequency="M",
                                         DataConfig={"DatasetGroupArn": group})["PredictorArn"]
    assert wait(fc.describe_auto_predictor, PredictorArn=predictor)["Status"] == "ACTIVE"
    forecast = fc.create_forecast(ForecastName="next_year", PredictorArn=predictor)["ForecastArn"]
    assert wait(aws("forecast", url_b).describe_forecast, ForecastArn=forecast)["Status"] == "ACTIVE"
    answers = [aws("forecastquery", url).query_forecast(ForecastArn=forecast, Filters={"item_id": "air"})["Forecast"]["Predictions"]
               for url in (url_a, url_b)]
    assert answers[0] == answers[1] and len(answers[0]["p50"]) == HORIZON


def test_a_killed_ray_replica_is_replaced_and_requests_recover(replicas: list[tuple[subprocess.Popen[bytes], str]]) -> None:
    (old,) = replica_pids("sentiment-vader-en")
    statuses: list[tuple[int, str]] = []
    stop = threading.Event()

    def hammer(url: str) -> None:
        with httpx.Client(timeout=120) as c:
            while not stop.is_set():
                r = c.post(f"{url}/v1/text/sentiment", json={"texts": ["I love it"] * 5})
                code = r.json()["error"]["code"] if r.status_code != 200 else r.json()["results"][0]["sentiment"]
                statuses.append((r.status_code, code))

    threads = [threading.Thread(target=hammer, args=(url,)) for _, url in replicas for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(1)
    os.kill(old, signal.SIGKILL)
    deadline = time.monotonic() + 90
    while not (replica_pids("sentiment-vader-en") and statuses[-4:] and all(s == (200, "POSITIVE") for s in statuses[-4:])
               and len(statuses) > 50):
        assert time.monotonic() < deadline, statuses[-10:]
        time.sleep(0.5)
    stop.set()
    for t in threads:
        t.join(130)
    assert replica_pids("sentiment-vader-en") != [old]  # Ray started another
    assert set(statuses) <= {(200, "POSITIVE"), (503, "model_not_ready")}, set(statuses)  # no 500, no hang
    assert statuses[-1] == (200, "POSITIVE")


def test_a_killed_replicas_job_is_finished_by_the_other_once(shared: dict[str, str],
                                                             replicas: list[tuple[subprocess.Popen[bytes], str]]) -> None:
    s3 = s3_client(shared["CIRRUS_BUCKETS__S3_ENDPOINT_URL"])
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

    done = wait_for(survivor, job_id, timeout=max(1.0, deadline - time.monotonic()))
    assert done["state"] == "COMPLETED" and done["items_done"] == DOCS and done["items_failed"] == 0, done
    assert store.get(job_id).owner is None  # type: ignore[union-attr]
    body = s3.get_object(Bucket="rep-out", Key=done["output_uri"].removeprefix("s3://rep-out/"))["Body"].read()
    with tarfile.open(fileobj=io.BytesIO(body), mode="r:gz") as tar:
        lines = [json.loads(x) for x in tar.extractfile("output").read().decode().splitlines()]  # type: ignore[union-attr]
    keys = [(x["File"], x["Line"]) for x in lines]
    assert len(keys) == DOCS and len(set(keys)) == DOCS  # exactly one output per input
    merkel = next(x for x in lines if x["File"] == "part-0.txt" and x["Line"] == 0)
    assert ("Angela Merkel", "PERSON") in {(e["Text"], e["Type"]) for e in merkel["Entities"]}
