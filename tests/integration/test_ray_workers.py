"""Model workers on Ray Serve, in-process: the gateway connected to a local Ray head (tests/ray_util.py) as
`CIRRUS_WORKERS__RAY_ADDRESS` sets it. The real small models run inside Ray replicas."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import pytest_asyncio

from cirrus.settings import Settings
from gateway.app import create_app
from models.ray.workers import RayCluster, RayUnavailable
from tests.local_services import free_port
from tests.ray_util import ray_head

BROKEN = {"name": "sentiment-broken", "task": "sentiment", "backend": "transformers-sequence-classification",
          "source": "path:/nonexistent/cirrus-model", "languages": ["xx"]}
# VADER cards under other names, reserving more CPUs than the 2-CPU head can give them all
BIG = [{"name": name, "task": "sentiment", "backend": "vader", "source": "package:vaderSentiment", "languages": [lang]}
       for name, lang in (("big-a", "xa"), ("big-b", "xb"), ("huge", "xc"))]


@pytest.fixture(scope="module")
def ray_address() -> Iterator[str]:
    with ray_head() as address:
        yield address


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def ray_client(ray_address: str, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("ray-data"), workers={"ray_address": ray_address},
                        extra_models=[BROKEN, *BIG], models={"sentiment-vader-en": {"max_wait_ms": 20},
                                                            "big-a": {"num_cpus": 1.5}, "big-b": {"num_cpus": 1.5},
                                                            "huge": {"num_cpus": 64}})
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://cirrus.test", timeout=180) as c:
            yield c


def test_an_address_with_no_cluster_is_a_clear_error_naming_it() -> None:
    address = f"127.0.0.1:{free_port()}"
    started = time.monotonic()
    with pytest.raises(RayUnavailable, match=address):
        RayCluster(address, connect_timeout_s=5).connect()
    assert time.monotonic() - started < 10  # an error, not a hang


async def test_a_server_pointed_at_no_cluster_does_not_start(tmp_path) -> None:  # type: ignore[no-untyped-def]
    address = f"127.0.0.1:{free_port()}"
    app = create_app(Settings(data_dir=tmp_path, workers={"ray_address": address, "connect_timeout_s": 3}))
    with pytest.raises(RayUnavailable, match=f"no Ray cluster answers at '{address}'"):
        async with app.router.lifespan_context(app):
            pass


@pytest.mark.asyncio(loop_scope="module")
async def test_sentiment_runs_on_a_ray_replica(ray_client: httpx.AsyncClient) -> None:
    r = await ray_client.post("/v1/text/sentiment", json={"texts": ["I love it", "I hate this, it is awful."]})
    assert r.status_code == 200, r.text
    assert [x["sentiment"] for x in r.json()["results"]] == ["POSITIVE", "NEGATIVE"]
    models = {m["name"]: m for m in (await ray_client.get("/v1/models")).json()["models"]}
    vader = models["sentiment-vader-en"]
    assert (vader["runs_on"], vader["state"], vader["replicas"], vader["device"]) == ("ray", "ready", 1, "cpu")
    assert vader["items"] >= 2
    assert models["entities-spacy-en"]["state"] == "not_loaded" and models["entities-spacy-en"]["replicas"] == 0


@pytest.mark.asyncio(loop_scope="module")
async def test_concurrent_requests_meet_in_the_replicas_batches(ray_client: httpx.AsyncClient) -> None:
    before = {m["name"]: m for m in (await ray_client.get("/v1/models")).json()["models"]}["sentiment-vader-en"]
    texts = [f"Review {i}: I love it" if i % 2 else f"Review {i}: terrible, I hate it" for i in range(64)]
    answers = await asyncio.gather(*(ray_client.post("/v1/text/sentiment", json={"texts": [t]}) for t in texts))
    assert [a.json()["results"][0]["sentiment"] for a in answers] == ["NEGATIVE", "POSITIVE"] * 32
    after = {m["name"]: m for m in (await ray_client.get("/v1/models")).json()["models"]}["sentiment-vader-en"]
    items, batches = after["items"] - before["items"], after["batches"] - before["batches"]
    assert items == 64 and batches < 16, (items, batches)  # 64 requests, a few model calls
    metrics = (await ray_client.get("/metrics")).text  # the gateway's round trips per model
    count = next(line for line in metrics.splitlines()
                 if line.startswith('cirrus_model_inference_seconds_count{model="sentiment-vader-en"}'))
    assert 1 <= float(count.split()[-1]) <= 64


@pytest.mark.asyncio(loop_scope="module")
async def test_a_card_that_cannot_load_fails_with_its_reason(ray_client: httpx.AsyncClient) -> None:
    r = await ray_client.post("/v1/models/sentiment-broken/load")
    assert r.status_code == 200 and r.json()["state"] == "failed", r.text
    assert "/nonexistent/cirrus-model" in r.json()["reason"]
    r = await ray_client.post("/v1/text/sentiment", json={"texts": ["hola"], "language": "xx"})
    assert r.status_code == 503 and r.json()["error"]["code"] == "model_not_ready", r.text
    ready = await ray_client.get("/ready")
    assert ready.status_code == 503 and ready.json()["models"]["sentiment-broken"]["state"] == "failed"


@pytest.mark.asyncio(loop_scope="module")
async def test_a_card_no_node_could_hold_fails_at_once_and_a_full_cluster_fails_soon(ray_client: httpx.AsyncClient) -> None:
    started = time.monotonic()
    huge = (await ray_client.post("/v1/models/huge/load")).json()
    assert huge["state"] == "failed" and "reserves 64 CPUs" in huge["reason"] and "the most on one node: 2" in huge["reason"]
    assert time.monotonic() - started < 5

    assert (await ray_client.post("/v1/models/big-a/load")).json()["state"] == "ready"  # 1.5 of the 2 CPUs
    try:
        started = time.monotonic()
        r = await ray_client.post("/v1/text/sentiment", json={"texts": ["great"], "language": "xb"})
        assert r.status_code == 503 and r.json()["error"]["code"] == "model_not_ready", r.text
        assert "no room for a replica of 'big-b'" in r.json()["error"]["message"] and "CPU" in r.json()["error"]["message"]
        assert time.monotonic() - started < 30  # Serve's scheduling warning (4 s on the test head), not a hang
    finally:
        await ray_client.post("/v1/models/big-a/unload")
