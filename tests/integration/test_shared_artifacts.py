"""What one server builds, another uses: two servers (each its own data dir) on one database and one S3
store; a forecast and a campaign built on the first answer the same on the second, from artifacts kept
in the S3 store's cirrus-artifacts bucket, not on the builder's disk."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack
from pathlib import Path

import boto3
import httpx
import numpy as np
import pytest

from cirrus.settings import Settings
from gateway.app import create_app
from tests.integration.test_resource_rest import active
from tests.local_services import moto_s3


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    with moto_s3() as endpoint:
        yield endpoint


@pytest.fixture
async def two(s3_endpoint: str, tmp_path: Path) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient]]:
    shared = {"jobs": {"database_url": f"sqlite:///{tmp_path / 'shared.db'}"},
              "buckets": {"s3_endpoint_url": s3_endpoint, "access_key_id": "test", "secret_access_key": "test"}}
    async with AsyncExitStack() as stack:
        clients = []
        for name in ("a", "b"):
            app = create_app(Settings(data_dir=tmp_path / name, **shared))
            await stack.enter_async_context(app.router.lifespan_context(app))
            clients.append(await stack.enter_async_context(
                httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=f"http://{name}", timeout=60)))
        yield clients[0], clients[1]


async def test_a_forecast_and_a_campaign_built_on_one_server_serve_on_the_other(
        two: tuple[httpx.AsyncClient, httpx.AsyncClient], s3_endpoint: str, tmp_path: Path) -> None:
    a, b = two
    s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", aws_access_key_id="test",
                      aws_secret_access_key="test")
    s3.create_bucket(Bucket="shared-in")
    days = np.arange(90)
    sales = [f"shop,2024-{1 + d // 28:02}-{1 + d % 28:02},{100 + 30 * np.sin(2 * np.pi * d / 7):.2f}" for d in days]
    s3.put_object(Bucket="shared-in", Key="sales.csv", Body="\n".join(sales).encode())
    rng = np.random.default_rng(2)
    events = ["USER_ID,ITEM_ID,TIMESTAMP"] + [f"u{u},i{(u % 2) * 10 + int(rng.integers(0, 10))},{1000 + n * 30 + u}"
                                             for n in range(12) for u in range(30)]
    s3.put_object(Bucket="shared-in", Key="events.csv", Body="\n".join(events).encode())

    dataset = (await a.post("/v1/forecast/datasets", json={"name": "sales", "frequency": "D"})).json()
    group = (await a.post("/v1/forecast/dataset-groups", json={"name": "shops", "dataset_arns": [dataset["arn"]]})).json()
    imp = (await a.post("/v1/forecast/imports", json={"name": "q1", "dataset_arn": dataset["arn"], "s3_uri": "s3://shared-in/sales.csv"})).json()
    await active(a, "forecast", imp["arn"])
    predictor = (await a.post("/v1/forecast/predictors", json={"name": "p", "dataset_group_arn": group["arn"], "horizon": 7})).json()
    assert (await active(a, "forecast", predictor["arn"]))["status"] == "ACTIVE"
    fc = (await a.post("/v1/forecast/forecasts", json={"name": "week", "predictor_arn": predictor["arn"]})).json()
    await active(a, "forecast", fc["arn"])
    query = {"forecast_arn": fc["arn"], "item_id": "shop", "history": 10}
    on_a, on_b = [(await c.post("/v1/forecast/query", json=query)).json() for c in (a, b)]
    assert on_b == on_a and len(on_b["predictions"]["p50"]) == 7 and len(on_b["history"]) == 10

    avro = '{"type": "record", "name": "I", "fields": [{"name": "USER_ID", "type": "string"}, {"name": "ITEM_ID", "type": "string"}, {"name": "TIMESTAMP", "type": "long"}]}'
    schema = (await a.post("/v1/personalize/schemas", json={"name": "ev", "avro_schema": avro})).json()
    pgroup = (await a.post("/v1/personalize/dataset-groups", json={"name": "shop"})).json()
    pdata = (await a.post("/v1/personalize/datasets", json={"name": "ev", "schema_arn": schema["arn"],
                                                            "dataset_group_arn": pgroup["arn"], "dataset_type": "Interactions"})).json()
    pimp = (await a.post("/v1/personalize/imports", json={"name": "ev", "dataset_arn": pdata["arn"], "s3_uri": "s3://shared-in/events.csv"})).json()
    await active(a, "personalize", pimp["arn"])
    solution = (await a.post("/v1/personalize/solutions", json={"name": "s", "dataset_group_arn": pgroup["arn"],
                                                                "recipe": "user-personalization", "algorithm": "bpr"})).json()
    version = (await a.post("/v1/personalize/solution-versions", json={"solution_arn": solution["arn"]})).json()
    assert (await active(a, "personalize", version["arn"]))["status"] == "ACTIVE"
    campaign = (await a.post("/v1/personalize/campaigns", json={"name": "live", "solution_version_arn": version["arn"]})).json()
    await active(a, "personalize", campaign["arn"])
    ask = {"campaign_arn": campaign["arn"], "user_id": "u3", "num_results": 5}
    recs_a, recs_b = [(await c.post("/v1/personalize/recommend", json=ask)).json() for c in (a, b)]
    assert recs_b["items"] == recs_a["items"] and len(recs_b["items"]) == 5

    stored = [o["Key"] for o in s3.list_objects_v2(Bucket="cirrus-artifacts")["Contents"]]
    assert {k.split("/")[0] for k in stored} == {"forecast", "personalize"}
    assert any(k.endswith(".npz") for k in stored) and any(k.endswith(".csv") for k in stored)
    assert not list((tmp_path / "a").glob("forecast/*.csv")) and not list((tmp_path / "a").glob("personalize/*"))
