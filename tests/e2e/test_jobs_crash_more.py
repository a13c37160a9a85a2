"""kill -9 mid Translate and mid Transcribe jobs, restart on the same data dir: each job finishes once,
with exactly one output per input and nothing lost (the Comprehend case is test_jobs_crash_resume.py)."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

import httpx

from tests.e2e.conftest import start_server, wait_for
from tests.speech_util import SENTENCES, espeak_wav, wer

N_FILES = 160


def _kill_when(proc: subprocess.Popen[bytes], url: str, job_id: str, ready: object) -> dict[str, object]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job = httpx.get(f"{url}/v1/jobs/{job_id}", timeout=10).json()
        if ready(job):  # type: ignore[operator]
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    return job


def test_kill_9_mid_translation_job(tmp_path: Path, processes: list[subprocess.Popen[bytes]]) -> None:
    inbox = tmp_path / "buckets" / "tin"
    inbox.mkdir(parents=True)
    for n in range(N_FILES):
        (inbox / f"doc{n:03d}.txt").write_text(f"The house number {n} is big. My friend lives in the city.\n")
    proc, url = start_server(tmp_path)
    processes.append(proc)
    r = httpx.post(f"{url}/v1/translate/jobs", json={
        "input_uri": "s3://tin/", "output_uri": "s3://tout/", "source_language": "en", "target_languages": ["es"],
    }, timeout=30)
    assert r.status_code == 201, r.text
    job_id = r.json()["id"]
    job = _kill_when(proc, url, job_id, lambda j: 0 < j["items_done"] < N_FILES * 0.8)
    assert 0 < job["items_done"] < N_FILES, job  # type: ignore[operator]

    proc, url = start_server(tmp_path)
    processes.append(proc)
    job = wait_for(url, job_id, ("COMPLETED", "FAILED"), timeout=300)
    assert job["state"] == "COMPLETED" and job["items_done"] == N_FILES and job["items_failed"] == 0, job
    outputs = sorted(p for p in (tmp_path / "buckets" / "tout").rglob("*") if p.is_file() and "details" not in p.parts
                     and not p.name.startswith("."))
    translated = [p for p in outputs if p.name.startswith("es.doc")]
    assert sorted(p.name for p in translated) == [f"es.doc{n:03d}.txt" for n in range(N_FILES)]  # once each
    assert all("casa" in p.read_text() for p in translated)


def test_kill_9_mid_transcription_job(tmp_path: Path, processes: list[subprocess.Popen[bytes]]) -> None:
    reference = " ".join(SENTENCES * 2)
    media = tmp_path / "buckets" / "media"
    media.mkdir(parents=True)
    (media / "talk.wav").write_bytes(espeak_wav(reference))
    proc, url = start_server(tmp_path)
    processes.append(proc)
    r = httpx.post(f"{url}/v1/transcribe/jobs", json={"name": "talk", "media_uri": "s3://media/talk.wav",
                                                      "language": "en"}, timeout=30)
    assert r.status_code == 201, r.text
    job_id = r.json()["id"]
    started: list[float] = []

    def running(job: dict[str, object]) -> bool:  # in progress for a moment: the recogniser is at work
        if job["state"] == "IN_PROGRESS" and not started:
            started.append(time.monotonic())
        return bool(started) and time.monotonic() - started[0] > 1.0

    job = _kill_when(proc, url, job_id, running)
    assert job["state"] == "IN_PROGRESS", job

    proc, url = start_server(tmp_path)
    processes.append(proc)
    job = wait_for(url, job_id, ("COMPLETED", "FAILED"), timeout=300)
    assert job["state"] == "COMPLETED" and job["items_done"] == 1, job
    transcripts = [p for p in (tmp_path / "buckets").rglob("talk*.json")]
    assert len(transcripts) == 1, transcripts  # one transcript, written once
    heard = json.loads(transcripts[0].read_text())["results"]["transcripts"][0]["transcript"]
    assert wer(reference, heard) <= 0.25, heard
