"""Forecast and Personalize through the native REST API (the same services as the AWS surface)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import numpy as np

from cirrus.settings import Settings


async def active(client: httpx.AsyncClient, service: str, arn: str) -> dict[str, Any]:
    for _ in range(600):
        r = (await client.get(f"/v1/{service}/resource", params={"arn": arn})).json()
        if r["status"] in ("ACTIVE", "CREATE_FAILED"):
            return r
        await asyncio.sleep(0.05)
    raise AssertionError(r)


async def test_forecast_over_rest(client: httpx.AsyncClient, settings: Settings) -> None:
    folder = settings.data_dir / "buckets" / "rest-sales"
    folder.mkdir(parents=True)
    days = np.arange(120)
    weekly = 100 + 30 * np.sin(2 * np.pi * days / 7) + 0.2 * days  # a clean weekly pattern with trend
    lines = [f"store-{s},2024-{1 + d // 28:02}-{1 + d % 28:02},{v + 10 * s:.2f}" for s in (1, 2) for d, v in zip(days, weekly, strict=True)]
    (folder / "daily.csv").write_text("\n".join(lines) + "\n")
    post = client.post
    dataset = (await post("/v1/forecast/datasets", json={"name": "daily", "frequency": "D"})).json()
    group = (await post("/v1/forecast/dataset-groups", json={"name": "stores", "dataset_arns": [dataset["arn"]]})).json()
    imp = (await post("/v1/forecast/imports", json={"name": "jan", "dataset_arn": dataset["arn"], "s3_uri": "s3://rest-sales/daily.csv"})).json()
    assert (await active(client, "forecast", imp["arn"]))["state"]["rows"] == 240
    predictor = (await post("/v1/forecast/predictors", json={"name": "weekly", "dataset_group_arn": group["arn"], "horizon": 7})).json()
    trained = await active(client, "forecast", predictor["arn"])
    assert trained["status"] == "ACTIVE" and set(trained["state"]["chosen"]) == {"store-1", "store-2"}
    fc = (await post("/v1/forecast/forecasts", json={"name": "next_week", "predictor_arn": predictor["arn"]})).json()
    await active(client, "forecast", fc["arn"])
    q = (await post("/v1/forecast/query", json={"forecast_arn": fc["arn"], "item_id": "store-2"})).json()["predictions"]
    assert set(q) == {"p10", "p50", "p90"} and len(q["p50"]) == 7
    assert all(a["value"] <= b["value"] <= c["value"] for a, b, c in zip(q["p10"], q["p50"], q["p90"], strict=True))
    past = (await post("/v1/forecast/query", json={"forecast_arn": fc["arn"], "item_id": "store-2", "history": 14})).json()
    history = past["history"]  # the last two weeks as imported, per day (the data ends on 2024-05-08)
    assert len(history) == 14 and history[-1]["timestamp"] == "2024-05-08T00:00:00"
    assert abs(history[-1]["value"] - (weekly[-1] + 20)) < 0.01 and history[-1]["timestamp"] < q["p50"][0]["timestamp"]
    items = (await client.get("/v1/forecast/items", params={"forecast_arn": fc["arn"]})).json()
    assert items == {"items": ["store-1", "store-2"], "total": 2}
    listed = (await client.get("/v1/forecast/resources", params={"type": "predictor"})).json()["resources"]
    assert [r["name"] for r in listed] == ["weekly"]
    r = await client.delete("/v1/forecast/resource", params={"arn": predictor["arn"]})
    assert r.status_code == 409 and r.json()["error"]["code"] == "resource_in_use"
    r = await post("/v1/forecast/dataset-groups", json={"name": "stores"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "resource_already_exists"
    r = await client.get("/v1/forecast/resource", params={"arn": "arn:aws:forecast:us-east-1:000000000000:forecast/none"})
    assert r.status_code == 404


async def test_personalize_over_rest(client: httpx.AsyncClient, settings: Settings) -> None:
    folder = settings.data_dir / "buckets" / "rest-shop"
    folder.mkdir(parents=True)
    rng = np.random.default_rng(1)
    rows = ["USER_ID,ITEM_ID,TIMESTAMP"] + [
        f"u{u},i{(u % 2) * 20 + int(rng.integers(0, 20))},{1000 + n * 40 + u}" for n in range(15) for u in range(40)
    ]
    (folder / "events.csv").write_text("\n".join(rows) + "\n")
    post = client.post
    avro = '{"type": "record", "name": "I", "fields": [{"name": "USER_ID", "type": "string"}, {"name": "ITEM_ID", "type": "string"}, {"name": "TIMESTAMP", "type": "long"}]}'
    schema = (await post("/v1/personalize/schemas", json={"name": "rest-events", "avro_schema": avro})).json()
    group = (await post("/v1/personalize/dataset-groups", json={"name": "rest-shop"})).json()
    dataset = (await post("/v1/personalize/datasets", json={"name": "rest-events", "schema_arn": schema["arn"],
                                                            "dataset_group_arn": group["arn"], "dataset_type": "Interactions"})).json()
    imp = (await post("/v1/personalize/imports", json={"name": "rest-events", "dataset_arn": dataset["arn"], "s3_uri": "s3://rest-shop/events.csv"})).json()
    assert (await active(client, "personalize", imp["arn"]))["state"]["rows"] == 600
    solution = (await post("/v1/personalize/solutions", json={"name": "rest-bpr", "dataset_group_arn": group["arn"],
                                                              "recipe": "user-personalization", "algorithm": "bpr"})).json()
    version = (await post("/v1/personalize/solution-versions", json={"solution_arn": solution["arn"]})).json()
    trained = await active(client, "personalize", version["arn"])
    assert trained["status"] == "ACTIVE" and 0 <= trained["state"]["metrics"]["precision_at_10"] <= 1
    campaign = (await post("/v1/personalize/campaigns", json={"name": "rest-live", "solution_version_arn": version["arn"]})).json()
    await active(client, "personalize", campaign["arn"])
    recs = (await post("/v1/personalize/recommend", json={"campaign_arn": campaign["arn"], "user_id": "u3", "num_results": 10})).json()
    assert len(recs["items"]) == 10 and not recs["cold_start"]
    assert sum(20 <= int(i["item_id"][1:]) < 40 for i in recs["items"]) >= 7  # u3 is odd: items i20-i39
    cold = (await post("/v1/personalize/recommend", json={"campaign_arn": campaign["arn"], "user_id": "stranger"})).json()
    assert cold["cold_start"]
    bad = await post("/v1/personalize/schemas", json={"name": "broken", "avro_schema": "{not avro"})
    assert bad.status_code == 400 and "not JSON" in bad.json()["error"]["message"]
