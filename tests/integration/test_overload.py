"""A full model queue answers at once: 429 with Retry-After on REST, ThrottlingException on the AWS surface."""

from __future__ import annotations

import asyncio
import json
import threading

import httpx

from cirrus.settings import Settings
from gateway.app import create_app
from models.base import register_backend
from models.cards import ModelCard
from models.registry import ModelRegistry

GATE = threading.Event()
ENTERED = threading.Event()  # set when the fake model starts a batch


class SlowSentiment:
    """A fake model held on a gate, so the queue fills while it runs."""

    def __init__(self, card: ModelCard) -> None:
        self.card = card

    def load(self, device: str, precision: str) -> None: ...

    def predict(self, items: list[str]) -> list[dict[str, float]]:
        ENTERED.set()
        GATE.wait(10)
        return [{"POSITIVE": 1.0} for _ in items]

    def unload(self) -> None: ...


register_backend("test-slow", f"{__name__}:SlowSentiment")


async def test_full_queue_gets_429_then_recovers() -> None:
    GATE.clear()
    card = ModelCard(name="slow", task="sentiment", backend="test-slow", languages=("en",),
                     max_batch_size=1, max_wait_ms=0, max_queue=2)
    registry = ModelRegistry([card])
    app = create_app(Settings(), registry=registry)
    async with app.router.lifespan_context(app), httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"
    ) as client:
        body = {"texts": ["I love it"]}
        # one request runs (held on the gate), two fill the queue
        pending = [asyncio.ensure_future(client.post("/v1/text/sentiment", json=body)) for _ in range(3)]
        worker = registry.workers["slow"]
        for _ in range(200):  # wait for the state, not for a guessed time
            if worker.batcher is not None and worker.batcher.depth == 2:
                break
            await asyncio.sleep(0.025)
        assert worker.batcher is not None and worker.batcher.depth == 2
        r = await client.post("/v1/text/sentiment", json=body)
        assert r.status_code == 429 and r.json()["error"]["code"] == "busy"
        assert int(r.headers["retry-after"]) >= 1
        aws = await client.post(
            "/", content=json.dumps({"Text": "I love it", "LanguageCode": "en"}),
            headers={"X-Amz-Target": "Comprehend_20171127.DetectSentiment", "Content-Type": "application/x-amz-json-1.1"},
        )
        assert aws.status_code == 429 and aws.json()["__type"] == "ThrottlingException"
        GATE.set()
        done = await asyncio.gather(*pending)
        assert [x.json()["results"][0]["sentiment"] for x in done] == ["POSITIVE"] * 3  # nothing queued was lost
        metrics = (await client.get("/metrics")).text
        assert 'cirrus_model_rejections_total{model="slow"} 2.0' in metrics


async def test_a_queued_request_past_its_deadline_gets_429_not_a_long_wait() -> None:
    GATE.clear()
    card = ModelCard(name="slow", task="sentiment", backend="test-slow", languages=("en",),
                     max_batch_size=1, max_wait_ms=0, max_queue=8, max_queue_wait_s=0.3)
    registry = ModelRegistry([card])
    app = create_app(Settings(), registry=registry)
    async with app.router.lifespan_context(app), httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"
    ) as client:
        body = {"texts": ["I love it"]}
        ENTERED.clear()
        running = asyncio.ensure_future(client.post("/v1/text/sentiment", json=body))  # held on the gate
        assert await asyncio.to_thread(ENTERED.wait, 10)
        loop = asyncio.get_running_loop()
        started = loop.time()
        aws = await client.post(
            "/", content=json.dumps({"Text": "I love it", "LanguageCode": "en"}),
            headers={"X-Amz-Target": "Comprehend_20171127.DetectSentiment", "Content-Type": "application/x-amz-json-1.1"},
        )
        waited = loop.time() - started
        assert aws.status_code == 429 and aws.json()["__type"] == "ThrottlingException", aws.text
        assert "waited 0.3s in its queue" in aws.json()["message"] and int(aws.headers["retry-after"]) >= 1
        assert 0.25 < waited < 3
        GATE.set()
        assert (await running).json()["results"][0]["sentiment"] == "POSITIVE"
