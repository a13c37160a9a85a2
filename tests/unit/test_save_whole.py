"""A file a backend derives is written whole or not at all: a failed write leaves the previous file and no
scratch file behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.sources import save_whole


def test_a_file_is_replaced_whole_and_a_failed_write_leaves_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "made" / "graph.onnx"
    save_whole(target, lambda scratch: scratch.write_bytes(b"first"))
    assert target.read_bytes() == b"first"

    def half_then_fail(scratch: Path) -> None:
        scratch.write_bytes(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        save_whole(target, half_then_fail)
    assert target.read_bytes() == b"first" and [p.name for p in target.parent.iterdir()] == ["graph.onnx"]
    save_whole(target, lambda scratch: scratch.write_bytes(b"second"))
    assert target.read_bytes() == b"second" and [p.name for p in target.parent.iterdir()] == ["graph.onnx"]
