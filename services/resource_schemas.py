"""Native REST schemas for resource-flow services (Forecast, Personalize)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from services.resources import Resource


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ResourceInfo(BaseModel):
    arn: str
    type: str
    name: str
    status: Literal["CREATE_PENDING", "CREATE_IN_PROGRESS", "ACTIVE", "CREATE_FAILED", "CREATE_STOPPED"]
    message: str | None = Field(description="Why creation failed, when it did.")
    params: dict[str, Any]
    state: dict[str, Any] = Field(description="What building produced: metrics, counts, the chosen models.")
    created_at: float
    updated_at: float

    @classmethod
    def of(cls, r: Resource) -> ResourceInfo:
        hidden = {"file", "model"}  # where artifacts live is not the client's business
        return cls(arn=r.arn, type=r.type, name=r.name, status=r.status, message=r.message, params=r.params,  # type: ignore[arg-type]
                   state={k: v for k, v in r.state.items() if k not in hidden}, created_at=r.created_at,
                   updated_at=r.updated_at)


class ResourceList(BaseModel):
    resources: list[ResourceInfo]


class ForecastDatasetRequest(_Strict):
    name: str
    frequency: str = Field(description="min, 5min, 10min, 15min, 30min, H, D, W, M, Q or Y.")
    attributes: list[str] = Field(["item_id", "timestamp", "target_value"], description="CSV column order.")


class ForecastGroupRequest(_Strict):
    name: str
    dataset_arns: list[str] = []


class ImportRequest(_Strict):
    name: str
    dataset_arn: str
    s3_uri: str = Field(description="s3://BUCKET/KEY of a CSV file, or a prefix of several.")


class PredictorRequest(_Strict):
    name: str
    dataset_group_arn: str
    horizon: int = Field(ge=1, le=500)
    quantiles: list[str] = ["0.1", "0.5", "0.9"]
    frequency: str | None = None


class ForecastCreateRequest(_Strict):
    name: str
    predictor_arn: str


class ExportRequest(_Strict):
    name: str
    forecast_arn: str
    s3_uri: str


class ForecastQuery(_Strict):
    forecast_arn: str
    item_id: str
    start: str | None = Field(None, description="yyyy-MM-ddTHH:mm:ss, inclusive.")
    end: str | None = None
    history: int = Field(0, ge=0, le=1000, description="Also return this many of the item's last observed periods.")


class ForecastPoint(BaseModel):
    timestamp: str
    value: float


class ForecastQueryResult(BaseModel):
    predictions: dict[str, list[ForecastPoint]] = Field(description="p10, p50, p90 ... -> points.")
    history: list[ForecastPoint] = Field(default_factory=list, description="The item's observed values at the "
                                         "forecast's frequency, the last `history` periods (0 for none).")


class ForecastItems(BaseModel):
    items: list[str] = Field(description="Item ids the forecast covers, sorted (the first `limit`).")
    total: int


class SchemaRequest(_Strict):
    name: str
    avro_schema: str = Field(description="An Avro record schema as JSON text.")


class NameRequest(_Strict):
    name: str


class PersonalizeDatasetRequest(_Strict):
    name: str
    schema_arn: str
    dataset_group_arn: str
    dataset_type: Literal["Interactions", "Items", "Users"]


class SolutionRequest(_Strict):
    name: str
    dataset_group_arn: str
    recipe: Literal["user-personalization", "popularity-count", "similar-items", "personalized-ranking"]
    algorithm: Literal["als", "bpr"] = "als"


class SolutionVersionRequest(_Strict):
    solution_arn: str


class CampaignRequest(_Strict):
    name: str
    solution_version_arn: str


class BatchInferenceRequest(_Strict):
    name: str
    solution_version_arn: str
    input_uri: str = Field(description="JSON lines of {\"userId\"} (or {\"itemId\"}).")
    output_uri: str
    num_results: int = Field(25, ge=1, le=500)


class RecommendRequest(_Strict):
    campaign_arn: str
    user_id: str | None = None
    item_id: str | None = Field(None, description="For similar-items campaigns.")
    num_results: int = Field(25, ge=1, le=500)


class RankRequest(_Strict):
    campaign_arn: str
    user_id: str
    items: list[str] = Field(min_length=1, max_length=500)


class ScoredItem(BaseModel):
    item_id: str
    score: float


class Recommendations(BaseModel):
    items: list[ScoredItem]
    recommendation_id: str
    cold_start: bool = Field(False, description="The user is unknown: these are the most popular items.")
