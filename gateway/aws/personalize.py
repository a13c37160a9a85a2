"""Amazon Personalize: the control plane (``AmazonPersonalize.*``, JSON 1.1) and the runtime
(``personalize-runtime``, REST-JSON: ``POST /recommendations``, ``POST /personalize-ranking``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from gateway.aws.protocol import (
    SERVICE_AWS_TYPES,
    AwsError,
    operation,
    require,
    rest_json_call,
)
from services.personalize.service import (
    BATCH,
    CAMPAIGN,
    DATASET,
    GROUP,
    IMPORT,
    SCHEMA,
    SOLUTION,
    VERSION,
    PersonalizeService,
)
from services.resources import Resource

PREFIX = "AmazonPersonalize"
SERVICE_AWS_TYPES[PREFIX] = {"invalid_request": "InvalidInputException", "validation_error": "InvalidInputException"}


def _svc(state: Any) -> PersonalizeService:
    return state.personalize


def _common(r: Resource) -> dict[str, Any]:
    out = {"status": r.status, "creationDateTime": r.created_at, "lastUpdatedDateTime": r.updated_at}
    if r.message:
        out["failureReason"] = r.message
    return out


def _solution_fields(svc: PersonalizeService, solution_arn: str) -> dict[str, Any]:
    s = svc.store.get(solution_arn)
    return {"solutionArn": s.arn, "recipeArn": s.params["recipe_arn"], "datasetGroupArn": s.params["group"]}


DESCRIBE = {
    SCHEMA: ("schema", "schemaArn", lambda svc, r: {"name": r.name, "schemaArn": r.arn, "schema": r.params["schema"],
                                                     "creationDateTime": r.created_at, "lastUpdatedDateTime": r.updated_at}),
    GROUP: ("datasetGroup", "datasetGroupArn", lambda svc, r: {"name": r.name, "datasetGroupArn": r.arn, **_common(r)}),
    DATASET: ("dataset", "datasetArn", lambda svc, r: {"name": r.name, "datasetArn": r.arn, "datasetType": r.params["type"],
                                                      "schemaArn": r.params["schema"], "datasetGroupArn": r.params["group"],
                                                      **_common(r)}),
    IMPORT: ("datasetImportJob", "datasetImportJobArn", lambda svc, r: {
        "jobName": r.name, "datasetImportJobArn": r.arn, "datasetArn": r.params["dataset"],
        "dataSource": {"dataLocation": r.params["path"]}, **_common(r)}),
    SOLUTION: ("solution", "solutionArn", lambda svc, r: {"name": r.name, **_solution_fields(svc, r.arn), **_common(r)}),
    VERSION: ("solutionVersion", "solutionVersionArn", lambda svc, r: {
        "solutionVersionArn": r.arn, **_solution_fields(svc, r.params["solution"]), **_common(r)}),
    CAMPAIGN: ("campaign", "campaignArn", lambda svc, r: {"name": r.name, "campaignArn": r.arn,
                                                         "solutionVersionArn": r.params["version"], **_common(r)}),
    BATCH: ("batchInferenceJob", "batchInferenceJobArn", lambda svc, r: {
        "jobName": r.name, "batchInferenceJobArn": r.arn, "solutionVersionArn": r.params["version"],
        "numResults": r.params["n"], "jobInput": {"s3DataSource": {"path": r.params["source"]}},
        "jobOutput": {"s3DataDestination": {"path": r.params["destination"]}}, **_common(r)}),
}
NOUNS = {SCHEMA: "Schema", GROUP: "DatasetGroup", DATASET: "Dataset", IMPORT: "DatasetImportJob", SOLUTION: "Solution",
         VERSION: "SolutionVersion", CAMPAIGN: "Campaign", BATCH: "BatchInferenceJob"}
DELETABLE = (SCHEMA, GROUP, DATASET, SOLUTION, CAMPAIGN)


def register(rtype: str) -> None:
    key, arn_field, shape = DESCRIBE[rtype]
    noun = NOUNS[rtype]

    async def describe(state: Any, p: dict[str, Any]) -> dict[str, Any]:
        svc = _svc(state)
        return {key: shape(svc, svc.store.get(require(p, arn_field, str), rtype))}

    async def list_(state: Any, p: dict[str, Any]) -> dict[str, Any]:
        svc = _svc(state)
        return {f"{key}s": [shape(svc, r) for r in svc.store.list(rtype)]}

    operation(PREFIX, f"Describe{noun}")(describe)
    operation(PREFIX, f"List{noun}s")(list_)
    if rtype in DELETABLE:

        async def delete(state: Any, p: dict[str, Any]) -> dict[str, Any]:
            _svc(state).store.delete(require(p, arn_field, str), rtype)
            return {}

        operation(PREFIX, f"Delete{noun}")(delete)


for _rtype in DESCRIBE:
    register(_rtype)


@operation(PREFIX, "CreateSchema")
async def create_schema(state: Any, p: dict[str, Any]) -> dict[str, Any]:
    return {"schemaArn": _svc(state).create_schema(require(p, "name", str), require(p, "schema", str)).arn}


@operation(PREFIX, "CreateDatasetGroup")
async def create_dataset_group(state: Any, p: dict[str, Any]) -> dict[str, Any]:
    return {"datasetGroupArn": _svc(state).create_dataset_group(require(p, "name", str)).arn}


@operation(PREFIX, "CreateDataset")
async def create_dataset(state: Any, p: dict[str, Any]) -> dict[str, Any]:
    dataset = _svc(state).create_dataset(require(p, "name", str), require(p, "schemaArn", str),
                                         require(p, "datasetGroupArn", str), require(p, "datasetType", str))
    return {"datasetArn": dataset.arn}


@operation(PREFIX, "CreateDatasetImportJob")
async def create_dataset_import_job(state: Any, p: dict[str, Any]) -> dict[str, Any]:
    location = require(require(p, "dataSource", dict), "dataLocation", str)
    job = _svc(state).create_import(require(p, "jobName", str), require(p, "datasetArn", str), location)
    return {"datasetImportJobArn": job.arn}


@operation(PREFIX, "CreateSolution")
async def create_solution(state: Any, p: dict[str, Any]) -> dict[str, Any]:
    solution = _svc(state).create_solution(require(p, "name", str), require(p, "datasetGroupArn", str),
                                           p.get("recipeArn"), p.get("solutionConfig") or {})
    return {"solutionArn": solution.arn}


@operation(PREFIX, "CreateSolutionVersion")
async def create_solution_version(state: Any, p: dict[str, Any]) -> dict[str, Any]:
    return {"solutionVersionArn": _svc(state).create_version(require(p, "solutionArn", str)).arn}


@operation(PREFIX, "GetSolutionMetrics")
async def get_solution_metrics(state: Any, p: dict[str, Any]) -> dict[str, Any]:
    version = _svc(state).store.get(require(p, "solutionVersionArn", str), VERSION)
    if version.status != "ACTIVE":
        raise AwsError("ResourceInUseException", f"{version.arn} is {version.status}; metrics exist once it is ACTIVE")
    return {"solutionVersionArn": version.arn, "metrics": version.state["metrics"]}


@operation(PREFIX, "CreateCampaign")
async def create_campaign(state: Any, p: dict[str, Any]) -> dict[str, Any]:
    return {"campaignArn": _svc(state).create_campaign(require(p, "name", str), require(p, "solutionVersionArn", str)).arn}


@operation(PREFIX, "CreateBatchInferenceJob")
async def create_batch_inference_job(state: Any, p: dict[str, Any]) -> dict[str, Any]:
    source = require(require(require(p, "jobInput", dict), "s3DataSource", dict), "path", str)
    destination = require(require(require(p, "jobOutput", dict), "s3DataDestination", dict), "path", str)
    job = _svc(state).create_batch(require(p, "jobName", str), require(p, "solutionVersionArn", str), source,
                                   destination, int(p.get("numResults") or 25))
    return {"batchInferenceJobArn": job.arn}


runtime = APIRouter(include_in_schema=False)


async def _runtime_call(request: Request, call: Any) -> Response:
    async def run(state: Any, payload: dict[str, Any]) -> Any:
        return call(_svc(state), payload)

    return await rest_json_call(request, PREFIX, run)


@runtime.post("/recommendations")
async def get_recommendations(request: Request) -> Response:
    return await _runtime_call(request, lambda svc, p: svc.recommendations(
        require(p, "campaignArn", str), p.get("userId"), p.get("itemId"), int(p.get("numResults") or 25)))


@runtime.post("/personalize-ranking")
async def get_personalized_ranking(request: Request) -> Response:
    return await _runtime_call(request, lambda svc, p: svc.ranking(
        require(p, "campaignArn", str), require(p, "userId", str), require(p, "inputList", list)))
