"""Amazon Forecast (``AmazonForecast.*``) and Forecast Query (``AmazonForecastRuntime.QueryForecast``)."""

from __future__ import annotations

from typing import Any

from gateway.aws.protocol import SERVICE_AWS_TYPES, AwsError, operation, require
from services.forecast.service import DATASET, DATASET_GROUP, EXPORT, FORECAST, IMPORT, PREDICTOR, ForecastService
from services.resources import Resource

PREFIX = "AmazonForecast"
SERVICE_AWS_TYPES[PREFIX] = SERVICE_AWS_TYPES["AmazonForecastRuntime"] = {
    "invalid_request": "InvalidInputException",
    "validation_error": "InvalidInputException",
}


def _svc(state: Any) -> ForecastService:
    return state.forecast


def _times(r: Resource) -> dict[str, Any]:
    return {"Status": r.status, "CreationTime": r.created_at, "LastModificationTime": r.updated_at,
            **({"Message": r.message} if r.message else {})}


def _s3_path(payload: dict[str, Any], field: str) -> str:
    config = require(require(payload, field, dict), "S3Config", dict)
    return require(config, "Path", str)


def describe_group(r: Resource) -> dict[str, Any]:
    return {"DatasetGroupName": r.name, "DatasetGroupArn": r.arn, "DatasetArns": r.params["datasets"],
            "Domain": r.params["domain"], **_times(r)}


def describe_dataset(r: Resource) -> dict[str, Any]:
    out = {"DatasetArn": r.arn, "DatasetName": r.name, "Domain": r.params["domain"], "DatasetType": r.params["type"],
           "Schema": {"Attributes": r.params["attributes"]}, **_times(r)}
    if r.params.get("frequency"):
        out["DataFrequency"] = r.params["frequency"]
    return out


def describe_import(r: Resource) -> dict[str, Any]:
    return {"DatasetImportJobName": r.name, "DatasetImportJobArn": r.arn, "DatasetArn": r.params["dataset"],
            "DataSource": {"S3Config": {"Path": r.params["path"], "RoleArn": r.params.get("role", "")}},
            **({"TimestampFormat": r.params["timestamp_format"]} if r.params.get("timestamp_format") else {}),
            **_times(r)}


def describe_predictor(r: Resource) -> dict[str, Any]:
    return {"PredictorArn": r.arn, "PredictorName": r.name, "ForecastHorizon": r.params["horizon"],
            "ForecastTypes": r.params["types"], "ForecastFrequency": r.params["frequency"],
            "DatasetImportJobArns": [r.params["import"]], "DataConfig": {"DatasetGroupArn": r.params["group"]},
            "OptimizationMetric": "AverageWeightedQuantileLoss", **_times(r)}


def describe_forecast(r: Resource, svc: ForecastService) -> dict[str, Any]:
    predictor = svc.store.get(r.params["predictor"])
    return {"ForecastArn": r.arn, "ForecastName": r.name, "ForecastTypes": r.params["types"],
            "PredictorArn": predictor.arn, "DatasetGroupArn": predictor.params["group"], **_times(r)}


def describe_export(r: Resource) -> dict[str, Any]:
    return {"ForecastExportJobArn": r.arn, "ForecastExportJobName": r.name, "ForecastArn": r.params["forecast"],
            "Destination": {"S3Config": {"Path": r.params["path"], "RoleArn": r.params.get("role", "")}}, **_times(r)}


def accuracy(r: Resource) -> dict[str, Any]:
    if r.status != "ACTIVE":
        raise AwsError("ResourceInUseException", f"predictor {r.arn} is {r.status}; metrics exist once it is ACTIVE")
    chosen = r.state["metrics"]["AutoPredictor"]  # the per-item choice, as AWS reports its ensemble
    return {
        "IsAutoPredictor": True,
        "OptimizationMetric": "AverageWeightedQuantileLoss",
        "PredictorEvaluationResults": [{
            "AlgorithmArn": "arn:aws:forecast:::algorithm/AutoPredictor",
            "TestWindows": [{
                "EvaluationType": "SUMMARY", "ItemCount": r.state["items"],
                "Metrics": {
                    "RMSE": chosen["RMSE"],
                    "WeightedQuantileLosses": [{"Quantile": float(q), "LossValue": v}
                                               for q, v in chosen["WeightedQuantileLosses"].items()],
                    "ErrorMetrics": [{"ForecastType": "mean", "WAPE": chosen["WAPE"], "RMSE": chosen["RMSE"],
                                      "MASE": chosen["MASE"], "MAPE": chosen["MAPE"]}],
                    "AverageWeightedQuantileLoss": chosen["AverageWeightedQuantileLoss"],
                },
            }],
        }],
    }


# type: (noun for operations, ARN field, describe fn, summary list key)
RESOURCES: dict[str, tuple[str, str, Any, str]] = {
    DATASET_GROUP: ("DatasetGroup", "DatasetGroupArn", describe_group, "DatasetGroups"),
    DATASET: ("Dataset", "DatasetArn", describe_dataset, "Datasets"),
    IMPORT: ("DatasetImportJob", "DatasetImportJobArn", describe_import, "DatasetImportJobs"),
    PREDICTOR: ("AutoPredictor", "PredictorArn", describe_predictor, "Predictors"),
    FORECAST: ("Forecast", "ForecastArn", None, "Forecasts"),
    EXPORT: ("ForecastExportJob", "ForecastExportJobArn", describe_export, "ForecastExportJobs"),
}


def _describe(rtype: str, r: Resource, svc: ForecastService) -> dict[str, Any]:
    return describe_forecast(r, svc) if rtype == FORECAST else RESOURCES[rtype][2](r)


def register_resource(rtype: str, noun: str, arn_field: str, list_key: str) -> None:
    async def describe(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
        return _describe(rtype, _svc(state).store.get(require(payload, arn_field, str), rtype), _svc(state))

    async def list_(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
        svc = _svc(state)
        return {list_key: [_describe(rtype, r, svc) for r in svc.store.list(rtype)]}

    async def delete(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
        _svc(state).store.delete(require(payload, arn_field, str), rtype)
        return {}

    list_noun = "Predictor" if noun == "AutoPredictor" else noun
    operation(PREFIX, f"Describe{noun}")(describe)
    operation(PREFIX, f"List{list_noun}s")(list_)
    operation(PREFIX, f"Delete{list_noun}")(delete)


for _rtype, (_noun, _field, _, _key) in RESOURCES.items():
    register_resource(_rtype, _noun, _field, _key)


@operation(PREFIX, "CreateDatasetGroup")
async def create_dataset_group(state: Any, p: dict[str, Any]) -> dict[str, Any]:
    group = _svc(state).create_dataset_group(require(p, "DatasetGroupName", str), require(p, "Domain", str),
                                             p.get("DatasetArns") or [])
    return {"DatasetGroupArn": group.arn}


@operation(PREFIX, "UpdateDatasetGroup")
async def update_dataset_group(state: Any, p: dict[str, Any]) -> dict[str, Any]:
    _svc(state).update_dataset_group(require(p, "DatasetGroupArn", str), require(p, "DatasetArns", list))
    return {}


@operation(PREFIX, "CreateDataset")
async def create_dataset(state: Any, p: dict[str, Any]) -> dict[str, Any]:
    schema = require(p, "Schema", dict)
    dataset = _svc(state).create_dataset(require(p, "DatasetName", str), require(p, "Domain", str),
                                         require(p, "DatasetType", str), p.get("DataFrequency"),
                                         require(schema, "Attributes", list))
    return {"DatasetArn": dataset.arn}


@operation(PREFIX, "CreateDatasetImportJob")
async def create_dataset_import_job(state: Any, p: dict[str, Any]) -> dict[str, Any]:
    job = _svc(state).create_import(require(p, "DatasetImportJobName", str), require(p, "DatasetArn", str),
                                    _s3_path(p, "DataSource"), p.get("TimestampFormat"))
    return {"DatasetImportJobArn": job.arn}


@operation(PREFIX, "CreateAutoPredictor")
async def create_auto_predictor(state: Any, p: dict[str, Any]) -> dict[str, Any]:
    config = require(p, "DataConfig", dict)
    predictor = _svc(state).create_auto_predictor(
        require(p, "PredictorName", str), require(config, "DatasetGroupArn", str), require(p, "ForecastHorizon", int),
        p.get("ForecastTypes") or [], p.get("ForecastFrequency"),
    )
    return {"PredictorArn": predictor.arn}


@operation(PREFIX, "GetAccuracyMetrics")
async def get_accuracy_metrics(state: Any, p: dict[str, Any]) -> dict[str, Any]:
    return accuracy(_svc(state).store.get(require(p, "PredictorArn", str), PREDICTOR))


@operation(PREFIX, "CreateForecast")
async def create_forecast(state: Any, p: dict[str, Any]) -> dict[str, Any]:
    fc = _svc(state).create_forecast(require(p, "ForecastName", str), require(p, "PredictorArn", str),
                                     p.get("ForecastTypes"))
    return {"ForecastArn": fc.arn}


@operation(PREFIX, "CreateForecastExportJob")
async def create_forecast_export_job(state: Any, p: dict[str, Any]) -> dict[str, Any]:
    job = _svc(state).create_export(require(p, "ForecastExportJobName", str), require(p, "ForecastArn", str),
                                    _s3_path(p, "Destination"))
    return {"ForecastExportJobArn": job.arn}


@operation("AmazonForecastRuntime", "QueryForecast")
async def query_forecast(state: Any, p: dict[str, Any]) -> dict[str, Any]:
    predictions = _svc(state).query(require(p, "ForecastArn", str), require(p, "Filters", dict),
                                    p.get("StartDate"), p.get("EndDate"))
    return {"Forecast": {"Predictions": predictions}}
