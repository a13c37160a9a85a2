"""Hole 10: kill -9 the server while Forecast trains. The training worker and the processes it forked die
with it (no orphan keeps burning CPU), and the restarted server trains the predictor again, once."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import numpy as np
import pandas as pd

from tests.e2e.conftest import start_server
from tests.e2e.test_forecast import clients, wait

ROLE = "arn:aws:iam::000000000000:role/cirrus"


def _processes() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, state) for every process."""
    table = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2:].split()
        table[int(stat.parent.name)] = (int(fields[1]), fields[0])
    return table


def _descendants(pid: int) -> set[int]:
    table = _processes()
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, (parent, _) in table.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pids: set[int]) -> set[int]:
    table = _processes()
    return {p for p in pids if p in table and table[p][1] != "Z"}


def _history(bucket: Path) -> None:
    rng = np.random.default_rng(0)
    days = pd.date_range("2022-01-01", periods=400, freq="D")
    t = np.arange(400)
    frames = [pd.DataFrame({"item_id": f"item{i}", "timestamp": days.strftime("%Y-%m-%d"),
                            "target_value": (50 + 10 * np.sin(2 * np.pi * t / 7) + 0.05 * t
                                             + rng.normal(0, 3, 400)).round(2)}) for i in range(4)]
    bucket.mkdir(parents=True)
    pd.concat(frames).to_csv(bucket / "history.csv", index=False, header=False)


def test_kill_9_mid_training_leaves_no_orphans_and_trains_once(
    tmp_path: Path, processes: list[subprocess.Popen[bytes]]
) -> None:
    _history(tmp_path / "buckets" / "daily")
    proc, url = start_server(tmp_path)
    processes.append(proc)
    fc, _ = clients(url)
    schema = {"Attributes": [{"AttributeName": "item_id", "AttributeType": "string"},
                             {"AttributeName": "timestamp", "AttributeType": "timestamp"},
                             {"AttributeName": "target_value", "AttributeType": "float"}]}
    dataset = fc.create_dataset(DatasetName="daily", Domain="CUSTOM", DatasetType="TARGET_TIME_SERIES",
                                DataFrequency="D", Schema=schema)["DatasetArn"]
    group = fc.create_dataset_group(DatasetGroupName="g", Domain="CUSTOM", DatasetArns=[dataset])["DatasetGroupArn"]
    job = fc.create_dataset_import_job(DatasetImportJobName="i", DatasetArn=dataset,
                                       DataSource={"S3Config": {"Path": "s3://daily/history.csv", "RoleArn": ROLE}})
    assert wait(fc.describe_dataset_import_job, DatasetImportJobArn=job["DatasetImportJobArn"])["Status"] == "ACTIVE"
    predictor = fc.create_auto_predictor(PredictorName="daily", ForecastHorizon=14, ForecastFrequency="D",
                                         DataConfig={"DatasetGroupArn": group})["PredictorArn"]
    before = _descendants(proc.pid)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not _descendants(proc.pid) - before:
        time.sleep(0.1)
    time.sleep(3)  # the worker is spawned, has loaded statsforecast, and trains (and forks for n_jobs)
    assert fc.describe_auto_predictor(PredictorArn=predictor)["Status"] == "CREATE_IN_PROGRESS"
    workers = _descendants(proc.pid)
    assert workers, "no training worker was started"

    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(workers):
        time.sleep(0.1)
    assert not _alive(workers), f"orphans still running after the server died: {_alive(workers)}"

    proc, url = start_server(tmp_path)  # same data dir: the predictor resumes
    processes.append(proc)
    fc, _ = clients(url)
    described = wait(fc.describe_auto_predictor, PredictorArn=predictor)
    assert described["Status"] == "ACTIVE", described
    listed = fc.list_predictors()["Predictors"]
    assert [p["PredictorArn"] for p in listed] == [predictor]
