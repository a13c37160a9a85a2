"""Health, readiness, metrics and model management."""

from __future__ import annotations

import httpx


async def test_health(client: httpx.AsyncClient) -> None:
    r = await client.get("/health")
    assert r.status_code == 200 and r.json() == {"status": "ok"}


async def test_ready_reports_each_model(client: httpx.AsyncClient) -> None:
    await client.post("/v1/text/sentiment", json={"texts": ["I love it"]})
    r = await client.get("/ready")
    assert r.status_code == 200
    models = r.json()["models"]
    assert models["sentiment-vader-en"]["state"] == "ready"
    assert {m["task"] for m in models.values()} >= {"sentiment", "entities", "key_phrases", "language"}


async def test_unload_then_reload_on_demand(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/models/sentiment-vader-en/unload")
    assert r.status_code == 200 and r.json()["state"] == "not_loaded"
    r = await client.post("/v1/text/sentiment", json={"texts": ["I love it"]})
    assert r.json()["results"][0]["sentiment"] == "POSITIVE"
    r = await client.get("/v1/models")
    states = {m["name"]: m["state"] for m in r.json()["models"]}
    assert states["sentiment-vader-en"] == "ready"
    r = await client.post("/v1/models/no-such-model/load")
    assert r.status_code == 404


async def test_metrics_count_requests_and_batches(client: httpx.AsyncClient) -> None:
    await client.post("/v1/text/sentiment", json={"texts": ["I love it", "I hate it"]})
    text = (await client.get("/metrics")).text
    assert 'cirrus_http_requests_total{method="POST",route="/v1/text/sentiment",status="200"}' in text
    assert 'cirrus_model_batch_size_count{model="sentiment-vader-en"}' in text
    assert "cirrus_model_queue_depth" in text and "cirrus_model_rejections_total" in text


async def test_failed_model_reports_reason(app: object) -> None:
    from models.cards import ModelCard
    from models.worker import ModelWorker

    worker = ModelWorker(ModelCard(name="broken", task="sentiment", backend="spacy-ner", source="path:/nonexistent"))
    await worker.load()
    assert worker.state.value == "failed" and "nonexistent" in (worker.reason or "")
