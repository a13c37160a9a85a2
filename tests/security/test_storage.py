"""Hole 11: storage faults said plainly. A full job store (SQLite's own SQLITE_FULL, made real with
max_page_count) answers an AWS-shaped 503 naming the fault, never a 500 or a dropped connection; a bucket
write that hits a full disk fails the job with that reason, never a server path."""

from __future__ import annotations

import asyncio
import errno
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
import sqlalchemy as sa

from cirrus.settings import Settings
from gateway.app import create_app

PLS = ('<?xml version="1.0" encoding="UTF-8"?><lexicon version="1.0" '
       'xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="en-US">'
       "<lexeme><grapheme>W3C</grapheme><alias>World Wide Web Consortium</alias></lexeme></lexicon>")


@pytest_asyncio.fixture(loop_scope="session")
async def full_store(tmp_path: Path) -> AsyncIterator[tuple[httpx.AsyncClient, Any]]:
    """An app whose job store can grow by no page: every insert is SQLite's 'database or disk is full'."""
    app: Any = create_app(Settings(data_dir=tmp_path))
    async with app.router.lifespan_context(app):
        engine = app.state.runner.store.engine
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE filler (x BLOB)")
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

        @sa.event.listens_for(engine, "connect")
        def _cap(dbapi: Any, _: Any) -> None:
            dbapi.execute(f"PRAGMA max_page_count = {pages}")

        engine.dispose()
        with engine.connect() as conn:  # fill the last free space: nothing more fits anywhere
            for size in (4096, 512, 64, 8):
                while True:
                    try:
                        conn.exec_driver_sql("INSERT INTO filler VALUES (zeroblob(?))", (size,))
                        conn.commit()
                    except sa.exc.OperationalError:
                        conn.rollback()
                        break
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            yield client, app


async def test_put_lexicon_on_a_full_store_is_a_clear_503(full_store: tuple[httpx.AsyncClient, Any]) -> None:
    client, _ = full_store
    filler = "".join(f"<lexeme><grapheme>w{i}</grapheme><alias>{'x' * 200}</alias></lexeme>" for i in range(14))
    r = await client.put("/v1/lexicons/big", json={"Content": PLS.replace("</lexicon>", filler + "</lexicon>")})
    assert r.status_code == 503 and r.headers["x-amzn-ErrorType"].startswith("ServiceFailureException"), r.text
    assert "no space left" in r.json()["message"] and "/" not in r.json()["message"].split(":", 1)[1]
    assert int(r.headers["retry-after"]) > 0


async def test_job_start_on_a_full_store_is_a_clear_503(full_store: tuple[httpx.AsyncClient, Any],
                                                        tmp_path: Path) -> None:
    client, _ = full_store
    (tmp_path / "buckets" / "docs-in").mkdir(parents=True)
    (tmp_path / "buckets" / "docs-in" / "a.txt").write_text("I love it.")
    answers = []
    for n in range(40):  # the job table's last page has room for a few rows; then nothing fits
        body = {"InputDataConfig": {"S3Uri": "s3://docs-in/", "InputFormat": "ONE_DOC_PER_FILE"},
                "OutputDataConfig": {"S3Uri": "s3://docs-out/"}, "LanguageCode": "en",
                "DataAccessRoleArn": "arn:aws:iam::123456789012:role/r", "JobName": f"{n}-" + "j" * 200}
        r = await client.post("/", json=body, headers={
            "X-Amz-Target": "Comprehend_20171127.StartSentimentDetectionJob",
            "Content-Type": "application/x-amz-json-1.1"})
        answers.append(r.status_code)
        if r.status_code != 200:
            break
    assert r.status_code == 503 and r.json()["__type"] == "InternalServerException", (answers, r.text)
    assert "no space left on the job store's disk" in r.json()["message"]


async def test_bucket_write_on_a_full_disk_fails_the_task_with_the_reason(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), dst)

    monkeypatch.setattr("services.buckets.os.replace", full)
    r = await client.post("/v1/synthesisTasks", json={"Text": "Hello there.", "VoiceId": "Joey", "OutputFormat": "mp3",
                                                      "OutputS3BucketName": "tts-full"})
    assert r.status_code == 200, r.text
    task_id = r.json()["SynthesisTask"]["TaskId"]
    for _ in range(600):
        task = (await client.get(f"/v1/synthesisTasks/{task_id}")).json()["SynthesisTask"]
        if task["TaskStatus"] in ("completed", "failed"):
            break
        await asyncio.sleep(0.1)
    assert task["TaskStatus"] == "failed", task
    assert "no space left" in task["TaskStatusReason"] and "/tmp" not in task["TaskStatusReason"], task


async def test_job_inputs_are_listed_and_read_off_the_event_loop(
    client: httpx.AsyncClient, app: Any, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Big inputs once blocked /health for a second: every bucket call a job makes runs in a worker thread."""
    import threading

    loop_thread = threading.get_ident()
    calls: list[tuple[str, bool]] = []
    buckets = type(app.state.buckets)
    for name in ("list", "read", "write"):
        real = getattr(buckets, name)

        def spy(self: Any, *args: Any, _real: Any = real, _name: str = name) -> Any:
            calls.append((_name, threading.get_ident() == loop_thread))
            return _real(self, *args)

        monkeypatch.setattr(buckets, name, spy)
    folder = settings.data_dir / "buckets" / "loop-in"
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(5):
        (folder / f"{n}.txt").write_text("I love it. " * 200)
    r = await client.post("/v1/jobs/text", json={"task": "sentiment", "input_uri": "s3://loop-in/",
                                                 "output_uri": "s3://loop-out/"})
    assert r.status_code == 201, r.text
    for _ in range(600):
        job = (await client.get(f"/v1/jobs/{r.json()['id']}")).json()
        if job["state"] in ("COMPLETED", "FAILED"):
            break
        await asyncio.sleep(0.05)
    assert job["state"] == "COMPLETED", job
    assert {name for name, _ in calls} >= {"list", "read", "write"}
    assert not [name for name, on_loop in calls if on_loop], calls
