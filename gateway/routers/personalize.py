"""Native REST: Personalize (schemas, datasets, imports, solutions, versions, campaigns, recommendations)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from gateway.routers.resources import info, resource_router
from gateway.routers.responses import ERRORS
from services.personalize.service import (
    BATCH,
    CAMPAIGN,
    DATASET,
    GROUP,
    IMPORT,
    RECIPE_PREFIX,
    SCHEMA,
    SOLUTION,
    VERSION,
    PersonalizeService,
)
from services.resource_schemas import (
    BatchInferenceRequest,
    CampaignRequest,
    ImportRequest,
    NameRequest,
    PersonalizeDatasetRequest,
    RankRequest,
    Recommendations,
    RecommendRequest,
    ResourceInfo,
    SchemaRequest,
    ScoredItem,
    SolutionRequest,
    SolutionVersionRequest,
)


def _svc(request: Request) -> PersonalizeService:
    return request.app.state.personalize


router = APIRouter(prefix="/v1/personalize", tags=["personalize"], responses=ERRORS)
resources = resource_router(
    "/v1/personalize", "personalize", (SCHEMA, GROUP, DATASET, IMPORT, SOLUTION, VERSION, CAMPAIGN, BATCH),
    lambda request: _svc(request).store,
)


@router.post("/schemas", status_code=201)
async def create_personalize_schema(body: SchemaRequest, request: Request) -> ResourceInfo:
    return info(_svc(request).create_schema(body.name, body.avro_schema))


@router.post("/dataset-groups", status_code=201)
async def create_personalize_dataset_group(body: NameRequest, request: Request) -> ResourceInfo:
    return info(_svc(request).create_dataset_group(body.name))


@router.post("/datasets", status_code=201)
async def create_personalize_dataset(body: PersonalizeDatasetRequest, request: Request) -> ResourceInfo:
    return info(_svc(request).create_dataset(body.name, body.schema_arn, body.dataset_group_arn, body.dataset_type))


@router.post("/imports", status_code=201)
async def create_personalize_import(body: ImportRequest, request: Request) -> ResourceInfo:
    return info(_svc(request).create_import(body.name, body.dataset_arn, body.s3_uri))


@router.post("/solutions", status_code=201)
async def create_solution(body: SolutionRequest, request: Request) -> ResourceInfo:
    config = {"algorithmHyperParameters": {"algorithm": body.algorithm}}
    return info(_svc(request).create_solution(body.name, body.dataset_group_arn, RECIPE_PREFIX + body.recipe, config))


@router.post("/solution-versions", status_code=201)
async def create_solution_version(body: SolutionVersionRequest, request: Request) -> ResourceInfo:
    """Train (asynchronously); once ACTIVE, state.metrics holds the holdout metrics."""
    return info(_svc(request).create_version(body.solution_arn))


@router.post("/campaigns", status_code=201)
async def create_campaign(body: CampaignRequest, request: Request) -> ResourceInfo:
    return info(_svc(request).create_campaign(body.name, body.solution_version_arn))


@router.post("/batch-inference-jobs", status_code=201)
async def create_batch_inference_job(body: BatchInferenceRequest, request: Request) -> ResourceInfo:
    return info(_svc(request).create_batch(body.name, body.solution_version_arn, body.input_uri, body.output_uri,
                                           body.num_results))


@router.post("/recommend")
async def recommend(body: RecommendRequest, request: Request) -> Recommendations:
    """Items for a user (history excluded; unknown users get popular items, cold_start=true)."""
    r = _svc(request).recommendations(body.campaign_arn, body.user_id, body.item_id, body.num_results)
    return Recommendations(items=[ScoredItem(item_id=i["itemId"], score=i["score"]) for i in r["itemList"]],
                           recommendation_id=r["recommendationId"], cold_start=bool(r.get("coldStart")))


@router.post("/rank")
async def rank(body: RankRequest, request: Request) -> Recommendations:
    """The given items ordered for the user."""
    r = _svc(request).ranking(body.campaign_arn, body.user_id, body.items)
    return Recommendations(items=[ScoredItem(item_id=i["itemId"], score=i["score"]) for i in r["personalizedRanking"]],
                           recommendation_id=r["recommendationId"])
