"""The face collection store: SQL is the truth, each process's vector index follows it (its own writes applied
in place, anyone else's by a rebuild), and the similarity scale is the documented one."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import sqlalchemy as sa

from services.vision.collections import (
    SAVE_FROM,
    BadPageToken,
    CollectionExists,
    CollectionNotFound,
    FaceCollections,
    NewFace,
    saved_files,
)
from services.vision.identity import similarity

BOX = {"Width": 0.1, "Height": 0.1, "Left": 0.0, "Top": 0.0}


def faces(rng: np.random.Generator, n: int) -> list[NewFace]:
    return [NewFace(BOX, 99.0, rng.normal(size=128).astype(np.float32) / 10) for _ in range(n)]


@pytest.fixture
def engine(tmp_path: Path) -> sa.Engine:
    return sa.create_engine(f"sqlite:///{tmp_path / 'faces.db'}")


def test_two_replicas_on_one_database_see_each_others_writes(engine: sa.Engine) -> None:
    rng = np.random.default_rng(0)
    a, b = FaceCollections(engine, "m"), FaceCollections(engine, "m")
    a.create("c")
    with pytest.raises(CollectionExists):
        b.create("c")
    first = faces(rng, 50)
    ids = a.add_faces("c", "img1", "x", first)
    assert b.search("c", first[7].descriptor, 1)[0][0].face_id == ids[7]  # b built its index from SQL
    index = a._indexes.get("c") or a._index("c")
    more = faces(rng, 5)
    new_ids = a.add_faces("c", "img2", None, more)
    assert a._indexes["c"] is index and len(index.index) == 55  # a's own write went into its index in place
    (hit, distance), = b.search("c", more[2].descriptor, 1)  # b's index is stale: rebuilt, then right
    assert hit.face_id == new_ids[2] and distance < 1e-3
    deleted, refused = b.delete_faces("c", [ids[7], "missing"])
    assert deleted == [ids[7]] and refused[0]["Reasons"] == ["FACE_NOT_FOUND"]
    assert ids[7] not in [f.face_id for f, _ in a.search("c", first[7].descriptor, 3)]
    assert a.describe("c")["face_count"] == 54


def test_pages_and_tokens(engine: sa.Engine) -> None:
    store = FaceCollections(engine, "m")
    store.create("c")
    ids = store.add_faces("c", "img", None, faces(np.random.default_rng(1), 7))
    seen, token = [], None
    while True:
        page, token = store.faces("c", 3, token)
        seen += [f.face_id for f in page]
        if token is None:
            break
    assert seen == ids
    for bad in ("garbage", "YWZ0ZXI6eA==", "YWZ0ZXI6"):  # not base64 of ours; "after:x"; "after:"
        with pytest.raises(BadPageToken):
            store.faces("c", 3, bad)
    store.delete("c")
    with pytest.raises(CollectionNotFound):
        store.search("c", np.zeros(128, np.float32), 1)


def test_similarity_is_calibrated_on_dlibs_rule() -> None:
    assert similarity(0.0) == 100 and similarity(0.6) == pytest.approx(80, abs=1e-3)
    assert similarity(0.19) > 97 and similarity(0.73) < 75
    scores = [similarity(d) for d in np.linspace(0, 2, 50)]
    assert scores == sorted(scores, reverse=True)


def test_a_saved_index_is_loaded_only_for_its_version(engine: sa.Engine, tmp_path: Path) -> None:
    rng = np.random.default_rng(2)
    cache = tmp_path / "indexes"
    store = FaceCollections(engine, "m", cache)
    store.create("c")
    store.create("c.x")  # a name that extends the other's: its files are its own
    batch = faces(rng, SAVE_FROM)
    ids = store.add_faces("c", "img", None, batch)
    store.add_faces("c.x", "img", None, faces(rng, SAVE_FROM))
    store.search("c", batch[0].descriptor, 1)
    store.search("c.x", batch[0].descriptor, 1)
    assert len(saved_files(cache, "c")) == 1 and len(saved_files(cache, "c.x")) == 1  # saved after the rebuild
    extra = store.add_faces("c", "img", None, faces(rng, 1))
    store.close()  # shutdown saves the newer version and drops the old file
    (saved,) = saved_files(cache, "c")
    restarted = FaceCollections(engine, "m", cache)
    assert restarted.search("c", batch[3].descriptor, 1)[0][0].face_id == ids[3]
    assert restarted._indexes["c"].saved_version == restarted._indexes["c"].version  # loaded, not built
    assert restarted.search("c", restarted.get_face("c", extra[0]).descriptor, 1)[0][0].face_id == extra[0]
    saved.write_bytes(b"torn")  # a damaged file is rebuilt from SQL, not trusted
    again = FaceCollections(engine, "m", cache)
    assert again.search("c", batch[5].descriptor, 1)[0][0].face_id == ids[5]
    store.delete("c")
    assert saved_files(cache, "c") == [] and len(saved_files(cache, "c.x")) == 1


def test_usearch_and_onnxruntime_load_in_either_order() -> None:
    """usearch 2.26.x crashed the process (SIGSEGV) when imported before onnxruntime: the pin guards it."""
    import subprocess
    import sys

    code = "import usearch.index, onnxruntime; print('ok')"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120).returncode == 0


def test_warm_builds_every_collections_index_ahead_of_the_first_search(engine: sa.Engine) -> None:
    rng = np.random.default_rng(4)
    writer = FaceCollections(engine, "m")
    for name in ("a", "b"):
        writer.create(name)
        writer.add_faces(name, "img", None, faces(rng, 20))
    restarted = FaceCollections(engine, "m")
    assert restarted._indexes == {}
    restarted.warm()
    assert {k: len(v.index) for k, v in restarted._indexes.items()} == {"a": 20, "b": 20}
