"""`cirrus jobs start --watch`, `list`, `show` and `stop` against a started server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.e2e.conftest import start_server


def cirrus(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "cirrus.cli", "jobs", "--url", url, "--interval", "0.1", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


def test_jobs_cli(tmp_path: Path) -> None:
    folder = tmp_path / "buckets" / "cli-docs"
    folder.mkdir(parents=True)
    (folder / "lines.txt").write_text("I love it\nI hate it\nThe sky is blue\n")
    proc, url = start_server(tmp_path)
    try:
        run = cirrus(url, "start", "sentiment", "s3://cli-docs", "s3://cli-out", "--format", "ONE_DOC_PER_LINE",
                     "--name", "cli-run", "--watch")
        assert run.returncode == 0, run.stderr
        job_id = run.stdout.splitlines()[0].strip()
        assert "COMPLETED 3 items (0 failed)" in run.stdout and f"SENTIMENT-{job_id}" in run.stdout
        listed = cirrus(url, "list", "--state", "COMPLETED")
        assert job_id in listed.stdout and "cli-run" in listed.stdout
        shown = json.loads(cirrus(url, "show", job_id).stdout)
        assert shown["items_done"] == 3 and shown["state"] == "COMPLETED"
        stopped = cirrus(url, "stop", job_id)
        assert stopped.returncode != 0 and "already ended" in stopped.stderr
        missing = cirrus(url, "show", "no-such-job")
        assert missing.returncode != 0 and "404" in missing.stderr
    finally:
        proc.terminate()
        proc.wait(10)
    down = cirrus(url, "list")
    assert down.returncode != 0 and "cannot reach Cirrus" in down.stderr
