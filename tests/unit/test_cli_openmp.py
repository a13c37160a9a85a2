"""`cirrus serve` makes OpenMP threads wait passively unless the user chose otherwise (bench_peers.py
--busy measured spinning threads collapsing throughput on a shared machine)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from cirrus import cli


@pytest.mark.parametrize(("given", "expected"), [(None, "PASSIVE"), ("ACTIVE", "ACTIVE")])
def test_serve_sets_passive_waiting_unless_given(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, given: str | None,
                                                 expected: str) -> None:
    import gateway.app
    import gateway.server

    seen: dict[str, Any] = {}
    if given is None:
        monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    else:
        monkeypatch.setenv("OMP_WAIT_POLICY", given)
    monkeypatch.setattr(gateway.app, "create_app", lambda settings: object())
    monkeypatch.setattr(gateway.server, "serve", lambda app, settings: seen.update(policy=os.environ.get("OMP_WAIT_POLICY")))
    assert cli.main(["serve", "--data-dir", str(tmp_path), "--port", "1"]) == 0
    assert seen["policy"] == expected
