"""Data flows gateway -> services -> models, never back (DESIGN.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {"models": {"services", "gateway"}, "services": {"gateway"}}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_lower_layers_never_import_upper_ones(layer: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_packages(path) & FORBIDDEN[layer])
        for path in (ROOT / layer).rglob("*.py")
        if imported_packages(path) & FORBIDDEN[layer]
    }
    assert offenders == {}


def test_no_module_over_600_lines() -> None:
    big = {
        str(p.relative_to(ROOT)): n
        for layer in ("gateway", "services", "models", "cirrus")
        for p in (ROOT / layer).rglob("*.py")
        if (n := len(p.read_text().splitlines())) > 600
    }
    assert big == {}


def test_local_bucket_keys_cannot_escape(tmp_path: Path) -> None:
    from services.buckets import InvalidS3Object, LocalBuckets, S3Location, parse_s3_uri

    (tmp_path / "secret.txt").write_text("no")
    buckets = LocalBuckets(tmp_path / "buckets")
    for uri in ("s3://docs/../secret.txt", "s3://docs/a/../../secret.txt", "s3://docs//etc/passwd"):
        with pytest.raises(InvalidS3Object):
            buckets.read(parse_s3_uri(uri))
    (tmp_path / "buckets" / "docs").mkdir(parents=True)
    (tmp_path / "buckets" / "docs" / "link").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(InvalidS3Object, match="does not exist or is not readable"):  # a symlink out: as if missing
        buckets.read(S3Location("docs", "link"))
