"""`cirrus serve` bounds how long OpenMP threads spin before they sleep, unless the user chose a wait policy
(bench_peers.py: spinning for good collapsed throughput beside a busy process; sleeping at once cost a third
of the latency of a lone request)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from cirrus import cli


@pytest.mark.parametrize(("given", "expected"), [
    ({}, {"GOMP_SPINCOUNT": "10000", "OMP_WAIT_POLICY": None}),
    ({"OMP_WAIT_POLICY": "ACTIVE"}, {"GOMP_SPINCOUNT": None, "OMP_WAIT_POLICY": "ACTIVE"}),
    ({"GOMP_SPINCOUNT": "500"}, {"GOMP_SPINCOUNT": "500", "OMP_WAIT_POLICY": None}),
])
def test_serve_bounds_spinning_unless_the_user_chose(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                     given: dict[str, str], expected: dict[str, str | None]) -> None:
    import gateway.app
    import gateway.server

    seen: dict[str, Any] = {}
    for name in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT"):  # recorded (set, then removed): restored after the test
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    for name, value in given.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(gateway.app, "create_app", lambda settings: object())
    monkeypatch.setattr(gateway.server, "serve", lambda app, settings: seen.update(
        {name: os.environ.get(name) for name in expected}))
    assert cli.main(["serve", "--data-dir", str(tmp_path), "--port", "1"]) == 0
    assert seen == expected
