"""Amazon Forecast's flow through unmodified boto3: dataset → import → auto predictor → forecast → query."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import boto3
import numpy as np
import pandas as pd
import pytest
from botocore.exceptions import ClientError

ROLE = "arn:aws:iam::000000000000:role/cirrus"
HORIZON = 12


def clients(url: str) -> tuple[Any, Any]:
    kw = {"endpoint_url": url, "region_name": "us-east-1", "aws_access_key_id": "x", "aws_secret_access_key": "y"}
    return boto3.client("forecast", **kw), boto3.client("forecastquery", **kw)


def wait(describe: Any, **kw: Any) -> dict[str, Any]:
    for _ in range(1200):
        r = describe(**kw)
        if r["Status"] in ("ACTIVE", "CREATE_FAILED"):
            return r
        time.sleep(0.1)
    raise AssertionError(f"not finished: {r}")


def series() -> tuple[pd.DataFrame, pd.DataFrame]:
    """AirPassengers plus a synthetic seasonal series with trend and noise; the last 12 months held out."""
    from statsforecast.utils import AirPassengersDF

    air = AirPassengersDF.copy()
    months = pd.date_range("1949-01-01", periods=len(air), freq="MS")
    rng = np.random.default_rng(0)
    t = np.arange(len(months))
    shop = 200 + 0.8 * t + 40 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 5, len(t))
    frame = pd.concat([
        pd.DataFrame({"item_id": "air", "timestamp": months, "target_value": air["y"].to_numpy()}),
        pd.DataFrame({"item_id": "shop", "timestamp": months, "target_value": shop.round(2)}),
    ])
    held_out = frame.groupby("item_id").tail(HORIZON)
    return frame.drop(held_out.index.intersection(frame.index)).groupby("item_id").head(len(air) - HORIZON), held_out


def test_forecast_flow(server_with_dir: tuple[str, Path]) -> None:
    url, data_dir = server_with_dir
    train, held_out = series()
    bucket = data_dir / "buckets" / "sales"
    bucket.mkdir(parents=True)
    rows = train.assign(timestamp=train["timestamp"].dt.strftime("%Y-%m-%d"))[["item_id", "timestamp", "target_value"]]
    rows.to_csv(bucket / "history.csv", index=False, header=False)
    fc, query = clients(url)

    schema = {"Attributes": [{"AttributeName": "item_id", "AttributeType": "string"},
                             {"AttributeName": "timestamp", "AttributeType": "timestamp"},
                             {"AttributeName": "target_value", "AttributeType": "float"}]}
    dataset = fc.create_dataset(DatasetName="sales", Domain="CUSTOM", DatasetType="TARGET_TIME_SERIES",
                                DataFrequency="M", Schema=schema)["DatasetArn"]
    group = fc.create_dataset_group(DatasetGroupName="shop", Domain="CUSTOM", DatasetArns=[dataset])["DatasetGroupArn"]
    job = fc.create_dataset_import_job(DatasetImportJobName="first", DatasetArn=dataset,
                                       DataSource={"S3Config": {"Path": "s3://sales/history.csv", "RoleArn": ROLE}})
    assert wait(fc.describe_dataset_import_job, DatasetImportJobArn=job["DatasetImportJobArn"])["Status"] == "ACTIVE"

    predictor = fc.create_auto_predictor(PredictorName="auto", ForecastHorizon=HORIZON, ForecastFrequency="M",
                                         ForecastTypes=["0.1", "0.5", "0.9"], DataConfig={"DatasetGroupArn": group})["PredictorArn"]
    described = wait(fc.describe_auto_predictor, PredictorArn=predictor)
    assert described["Status"] == "ACTIVE", described
    metrics = fc.get_accuracy_metrics(PredictorArn=predictor)["PredictorEvaluationResults"][0]["TestWindows"][0]["Metrics"]
    assert {w["Quantile"] for w in metrics["WeightedQuantileLosses"]} == {0.1, 0.5, 0.9}
    assert set(metrics["ErrorMetrics"][0]) >= {"WAPE", "RMSE", "MASE", "MAPE"}

    forecast = fc.create_forecast(ForecastName="next_year", PredictorArn=predictor)["ForecastArn"]
    assert wait(fc.describe_forecast, ForecastArn=forecast)["Status"] == "ACTIVE"
    for item in ("air", "shop"):
        predictions = query.query_forecast(ForecastArn=forecast, Filters={"item_id": item})["Forecast"]["Predictions"]
        p10, p50, p90 = (np.array([pt["Value"] for pt in predictions[k]]) for k in ("p10", "p50", "p90"))
        assert len(p50) == HORIZON and np.all(p10 <= p50) and np.all(p50 <= p90)
        actual = held_out[held_out["item_id"] == item]["target_value"].to_numpy()
        last_year = train[train["item_id"] == item]["target_value"].to_numpy()[-HORIZON:]  # seasonal naive
        mape = np.mean(np.abs(p50 - actual) / actual)
        naive_mape = np.mean(np.abs(last_year - actual) / actual)
        assert mape < naive_mape, (item, mape, naive_mape)

    export = fc.create_forecast_export_job(ForecastExportJobName="out", ForecastArn=forecast,
                                           Destination={"S3Config": {"Path": "s3://sales/exports/", "RoleArn": ROLE}})
    assert wait(fc.describe_forecast_export_job, ForecastExportJobArn=export["ForecastExportJobArn"])["Status"] == "ACTIVE"
    exported = pd.read_csv(data_dir / "buckets" / "sales" / "exports" / "out_part0.csv")
    assert list(exported.columns) == ["item_id", "date", "p10", "p50", "p90"] and len(exported) == 2 * HORIZON

    with pytest.raises(ClientError) as info:  # in use: the forecast depends on the predictor
        fc.delete_predictor(PredictorArn=predictor)
    assert info.value.response["Error"]["Code"] == "ResourceInUseException"
    with pytest.raises(ClientError) as info:
        fc.create_dataset_group(DatasetGroupName="shop", Domain="CUSTOM")
    assert info.value.response["Error"]["Code"] == "ResourceAlreadyExistsException"
    assert [g["DatasetGroupName"] for g in fc.list_dataset_groups()["DatasetGroups"]] == ["shop"]


def test_bad_inputs(server_with_dir: tuple[str, Path]) -> None:
    url, data_dir = server_with_dir
    fc, query = clients(url)
    bucket = data_dir / "buckets" / "bad"
    bucket.mkdir(parents=True)
    (bucket / "rows.csv").write_text("a,2020-01-01,1\nb,not-a-date,2\nc,2020-01-01\nd,2020-02-01,x\n")
    schema = {"Attributes": [{"AttributeName": n, "AttributeType": t} for n, t in
                             (("item_id", "string"), ("timestamp", "timestamp"), ("target_value", "float"))]}
    dataset = fc.create_dataset(DatasetName="bad", Domain="CUSTOM", DatasetType="TARGET_TIME_SERIES",
                                DataFrequency="D", Schema=schema)["DatasetArn"]
    job = fc.create_dataset_import_job(DatasetImportJobName="bad", DatasetArn=dataset,
                                       DataSource={"S3Config": {"Path": "s3://bad/rows.csv", "RoleArn": ROLE}})
    failed = wait(fc.describe_dataset_import_job, DatasetImportJobArn=job["DatasetImportJobArn"])
    assert failed["Status"] == "CREATE_FAILED"
    assert "line 2" in failed["Message"] and "line 3" in failed["Message"] and "line 4" in failed["Message"]

    group = fc.create_dataset_group(DatasetGroupName="bad", Domain="CUSTOM", DatasetArns=[dataset])["DatasetGroupArn"]
    for kwargs, code in [
        ({"ForecastHorizon": 501}, "InvalidInputException"),  # over the horizon limit
        ({"ForecastHorizon": 5}, "InvalidInputException"),  # no ACTIVE import
    ]:
        with pytest.raises(ClientError) as info:
            fc.create_auto_predictor(PredictorName="p", DataConfig={"DatasetGroupArn": group}, **kwargs)
        assert info.value.response["Error"]["Code"] == code
    with pytest.raises(ClientError) as info:
        fc.create_dataset(DatasetName="nots", Domain="CUSTOM", DatasetType="TARGET_TIME_SERIES",
                          Schema={"Attributes": [{"AttributeName": "item_id", "AttributeType": "string"}]})
    assert info.value.response["Error"]["Code"] == "InvalidInputException" and "timestamp" in info.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as info:
        fc.describe_forecast(ForecastArn="arn:aws:forecast:us-east-1:000000000000:forecast/none")
    assert info.value.response["Error"]["Code"] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as info:
        query.query_forecast(ForecastArn="arn:aws:forecast:us-east-1:000000000000:forecast/none", Filters={"item_id": "a"})
    assert info.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert [d["DatasetName"] for d in fc.list_datasets()["Datasets"]].count("nots") == 0  # nothing half-created
