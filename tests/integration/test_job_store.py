"""The job store on SQLite and on PostgreSQL: idempotent creation, exactly-once items, resumable state."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from services.jobs.store import COMPLETED, IN_PROGRESS, SUBMITTED, ItemResult, JobStore
from tests.pg import postgres_cluster


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with postgres_cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> JobStore:
    if request.param == "sqlite":
        return JobStore(f"sqlite:///{tmp_path / 'jobs.db'}")
    url = request.getfixturevalue("pg_url")
    store = JobStore(url)
    with store.engine.begin() as conn:  # a clean slate per test on the shared cluster
        conn.exec_driver_sql("TRUNCATE jobs CASCADE")
    return store


def test_client_token_is_idempotent(store: JobStore) -> None:
    job, created = store.create("comprehend.sentiment", "a", {"x": 1}, "tok")
    again, created_again = store.create("comprehend.sentiment", "a", {"x": 1}, "tok")
    assert created and not created_again and again.id == job.id
    other, created_other = store.create("comprehend.entities", "a", {"x": 1}, "tok")  # tokens are per kind
    assert created_other and other.id != job.id


def test_items_are_recorded_exactly_once(store: JobStore) -> None:
    job, _ = store.create("k", None, {}, None)
    store.record_items(job.id, [ItemResult("a", 0, True, {"v": 1}), ItemResult("b", 1, False, {"e": "x"})])
    store.record_items(job.id, [ItemResult("b", 1, True, {"v": 2}), ItemResult("c", 2, True, {"v": 3})])  # b again
    items = list(store.items(job.id))
    assert [(i.key, i.ok) for i in items] == [("a", True), ("b", False), ("c", True)]
    current = store.get(job.id)
    assert current is not None and current.items_done == 3 and current.items_failed == 1
    assert store.done_keys(job.id) == {"a", "b", "c"}


def test_state_changes_and_unfinished(store: JobStore) -> None:
    a, _ = store.create("k", "a", {}, None)
    b, _ = store.create("k", "b", {}, None)
    assert store.update(a.id, only_if=(SUBMITTED,), state=IN_PROGRESS)
    assert not store.update(a.id, only_if=(SUBMITTED,), state=COMPLETED)  # no longer SUBMITTED
    store.update(b.id, state=COMPLETED)
    assert [j.id for j in store.unfinished()] == [a.id]
    assert [j.name for j in store.list(kinds=["k"], state=COMPLETED)] == ["b"]


async def test_a_whole_job_runs_on_postgres(pg_url: str, tmp_path: Path) -> None:
    import asyncio

    import httpx

    from cirrus.settings import Settings
    from gateway.app import create_app

    folder = tmp_path / "buckets" / "pgdocs"
    folder.mkdir(parents=True)
    for i in range(30):
        (folder / f"{i:02}.txt").write_text("I love it" if i % 2 else "I hate it")
    app = create_app(Settings(data_dir=tmp_path, jobs={"database_url": pg_url}))
    async with app.router.lifespan_context(app), httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"
    ) as client:
        r = await client.post("/v1/jobs/text", json={"task": "sentiment", "input_uri": "s3://pgdocs", "output_uri": "s3://pgdocs-out"})
        for _ in range(400):
            job = (await client.get(f"/v1/jobs/{r.json()['id']}")).json()
            if job["state"] == "COMPLETED":
                break
            await asyncio.sleep(0.05)
    assert job["state"] == "COMPLETED" and job["items_done"] == 30
    assert JobStore(pg_url).get(job["id"]) is not None  # it lives in Postgres
