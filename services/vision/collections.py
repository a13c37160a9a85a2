"""Face collections (Rekognition's CreateCollection / IndexFaces / SearchFaces / users): durable in the SQL
store, searched through a vector index.

SQL holds everything AWS stores and nothing more: per face its id, box, confidence, image ids and the
128-d descriptor; never the image. Each collection's descriptors also live in a usearch HNSW index
(squared Euclidean distance) kept in memory. A write commits to SQL first and then updates the index,
and every write bumps the collection's ``version``: an index whose version differs from SQL's (another
gateway replica wrote, or the process restarted) is rebuilt from SQL before it answers. A crash between
the commit and the index update therefore loses nothing.

Building an HNSW graph is the slow part (about 25 s for 100k faces on 2 cores), so an index is also saved
under ``cache_dir`` as ``<collection>.<version>.usearch`` after a rebuild and at shutdown; a process that
finds the file for SQL's current version loads it instead of building.
"""

from __future__ import annotations

import base64
import binascii
import glob
import logging
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from services.errors import Conflict, LimitExceeded, ServiceError

log = logging.getLogger(__name__)

DIMENSIONS = 128
MAX_FACES_PER_USER = 100  # AWS's limit
SAVE_FROM = 1000  # smaller indexes rebuild in well under a second: not worth a file

metadata = sa.MetaData()
collections_table = sa.Table(
    "face_collections", metadata,
    sa.Column("id", sa.String(255), primary_key=True),
    sa.Column("face_model", sa.String(64), nullable=False),
    sa.Column("version", sa.BigInteger, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
)
faces_table = sa.Table(
    "face_records", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),  # the vector index's key
    sa.Column("collection_id", sa.String(255), nullable=False, index=True),
    sa.Column("face_id", sa.String(36), nullable=False, unique=True),
    sa.Column("image_id", sa.String(36), nullable=False),
    sa.Column("external_image_id", sa.String(255)),
    sa.Column("user_id", sa.String(128), index=True),
    sa.Column("box", sa.JSON, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("descriptor", sa.LargeBinary, nullable=False),
    sa.Column("indexed_at", sa.Float, nullable=False),
)
users_table = sa.Table(
    "face_users", metadata,
    sa.Column("collection_id", sa.String(255), primary_key=True),
    sa.Column("user_id", sa.String(128), primary_key=True),
    sa.Column("client_token", sa.String(64)),
    sa.Column("created_at", sa.Float, nullable=False),
)


class CollectionNotFound(ServiceError):
    code = "resource_not_found"


class CollectionExists(ServiceError):
    code = "resource_already_exists"


class BadPageToken(ServiceError):
    code = "invalid_pagination_token"


@dataclass(frozen=True)
class StoredFace:
    face_id: str
    collection_id: str
    image_id: str
    external_image_id: str | None
    user_id: str | None
    box: dict[str, float]
    confidence: float
    descriptor: np.ndarray


@dataclass(frozen=True)
class NewFace:
    box: dict[str, float]
    confidence: float
    descriptor: np.ndarray


def _face(row: Any) -> StoredFace:
    return StoredFace(row.face_id, row.collection_id, row.image_id, row.external_image_id, row.user_id,
                      row.box, row.confidence, np.frombuffer(row.descriptor, np.float32))


def page_token(after: int | str) -> str:
    """An opaque NextToken: where the page ended (a row number or a name)."""
    return base64.urlsafe_b64encode(f"after:{after}".encode()).decode()


def read_name_token(token: str | None) -> str | None:
    if not token:
        return None
    try:
        text = base64.urlsafe_b64decode(token.encode()).decode()
    except (binascii.Error, UnicodeError, ValueError):
        text = ""
    if not text.startswith("after:") or not 0 < len(text) - 6 <= 255:
        raise BadPageToken("NextToken is not one this service handed out")
    return text[6:]


def read_token(token: str | None) -> int:
    after = read_name_token(token)
    if after is None:
        return 0
    if not after.isdigit() or len(after) > 18:
        raise BadPageToken("NextToken is not one this service handed out")
    return int(after)


def saved_files(folder: Path, collection_id: str) -> list[Path]:
    """The collection's saved indexes (``<id>.<version>.usearch``; not those of a collection named ``<id>.x``)."""
    return [p for p in folder.glob(f"{glob.escape(collection_id)}.*.usearch")
            if p.name[len(collection_id) + 1:-len(".usearch")].isdigit()]


class _Index:
    """One collection's descriptors in a usearch HNSW index, at the collection's SQL version."""

    def __init__(self, version: int, keys: np.ndarray, vectors: np.ndarray, saved: Path | None = None) -> None:
        from usearch.index import Index

        self.version = version
        self.lock = threading.Lock()
        self.saved_version = -1
        self.index = Index(ndim=DIMENSIONS, metric="l2sq", dtype="f32")
        if saved is not None:
            self.index.load(str(saved))
            self.saved_version = version
        elif len(keys):
            self.index.add(keys, vectors, threads=0)

    def save(self, folder: Path, collection_id: str) -> None:
        """Write the index as ``<collection>.<version>.usearch`` (atomically), dropping older files."""
        with self.lock:
            if self.saved_version == self.version:
                return
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"{collection_id}.{self.version}.usearch"
            partial = target.with_suffix(".partial")
            self.index.save(str(partial))
            partial.replace(target)
            self.saved_version = self.version
        for old in saved_files(folder, collection_id):
            if old != target:
                old.unlink(missing_ok=True)

    def search(self, vector: np.ndarray, count: int) -> list[tuple[int, float]]:
        with self.lock:
            if len(self.index) == 0:
                return []
            found = self.index.search(vector.astype(np.float32), min(count, len(self.index)))
        return [(int(k), float(d)) for k, d in zip(found.keys, found.distances, strict=True)]

    def apply(self, new_version: int, added: dict[int, np.ndarray], removed: list[int]) -> bool:
        """Apply this process's own write (SQL went from ``new_version - 1`` to ``new_version``); False when
        the index is not at the version before it (then it is rebuilt from SQL on its next use)."""
        with self.lock:
            if self.version != new_version - 1:
                return False
            if added:
                self.index.add(np.fromiter(added, np.uint64, len(added)), np.stack(list(added.values())))
            for key in removed:
                self.index.remove(key)
            self.version = new_version
            return True


class FaceCollections:
    def __init__(self, engine: sa.Engine, face_model: str, cache_dir: Path | None = None) -> None:
        self.engine = engine
        self.face_model = face_model
        self.cache_dir = cache_dir
        metadata.create_all(engine)
        self._indexes: dict[str, _Index] = {}
        self._lock = threading.Lock()

    # collections

    def create(self, collection_id: str) -> dict[str, Any]:
        try:
            with self.engine.begin() as conn:
                # versions start at the creation time in ms, so a collection made again under an old name
                # never matches a saved index of the one before it
                now = time.time()
                conn.execute(collections_table.insert().values(
                    id=collection_id, face_model=self.face_model, version=int(now * 1000), created_at=now))
        except IntegrityError:
            raise CollectionExists(f"the collection {collection_id!r} already exists") from None
        return self.describe(collection_id)

    def describe(self, collection_id: str) -> dict[str, Any]:
        with self.engine.connect() as conn:
            row = self._collection(conn, collection_id)
            faces = conn.execute(sa.select(sa.func.count()).where(faces_table.c.collection_id == collection_id)).scalar()
            users = conn.execute(sa.select(sa.func.count()).where(users_table.c.collection_id == collection_id)).scalar()
        return {"id": row.id, "face_model": row.face_model, "created_at": row.created_at,
                "face_count": int(faces or 0), "user_count": int(users or 0)}

    def list(self, limit: int, token: str | None) -> tuple[list[tuple[str, str]], str | None]:
        after = read_name_token(token)
        query = sa.select(collections_table.c.id, collections_table.c.face_model).order_by(collections_table.c.id)
        if after is not None:
            query = query.where(collections_table.c.id > after)
        with self.engine.connect() as conn:
            rows = conn.execute(query.limit(limit + 1)).all()
        more = len(rows) > limit
        rows = rows[:limit]
        return [(r.id, r.face_model) for r in rows], (page_token(rows[-1].id) if more and rows else None)

    def delete(self, collection_id: str) -> None:
        with self.engine.begin() as conn:
            self._collection(conn, collection_id)
            conn.execute(faces_table.delete().where(faces_table.c.collection_id == collection_id))
            conn.execute(users_table.delete().where(users_table.c.collection_id == collection_id))
            conn.execute(collections_table.delete().where(collections_table.c.id == collection_id))
        with self._lock:
            self._indexes.pop(collection_id, None)
        if self.cache_dir is not None:
            for saved in saved_files(self.cache_dir, collection_id):
                saved.unlink(missing_ok=True)

    def exists(self, collection_id: str) -> None:
        with self.engine.connect() as conn:
            self._collection(conn, collection_id)

    @staticmethod
    def _collection(conn: sa.Connection, collection_id: str) -> Any:
        row = conn.execute(sa.select(collections_table).where(collections_table.c.id == collection_id)).first()
        if row is None:
            raise CollectionNotFound(f"no collection named {collection_id!r}")
        return row

    @staticmethod
    def _bump(conn: sa.Connection, collection_id: str) -> int:
        """Count a write to the collection (in the writing transaction); the new version."""
        return int(conn.execute(collections_table.update().where(collections_table.c.id == collection_id)
                                .values(version=collections_table.c.version + 1)
                                .returning(collections_table.c.version)).scalar_one())

    def _applied(self, collection_id: str, version: int, added: dict[int, np.ndarray], removed: list[int]) -> None:
        with self._lock:
            index = self._indexes.get(collection_id)
        if index is not None and not index.apply(version, added, removed):
            with self._lock:
                if self._indexes.get(collection_id) is index:
                    del self._indexes[collection_id]

    # faces

    def add_faces(self, collection_id: str, image_id: str, external_image_id: str | None,
                  faces: list[NewFace]) -> list[str]:
        if not faces:
            return []
        now = time.time()
        rows = [{"collection_id": collection_id, "face_id": str(uuid.uuid4()), "image_id": image_id,
                 "external_image_id": external_image_id, "box": face.box, "confidence": face.confidence,
                 "descriptor": np.asarray(face.descriptor, np.float32).tobytes(), "indexed_at": now} for face in faces]
        with self.engine.begin() as conn:
            self._collection(conn, collection_id)
            keys = dict(conn.execute(faces_table.insert().returning(faces_table.c.face_id, faces_table.c.seq,
                                                                    sort_by_parameter_order=True), rows).all())
            version = self._bump(conn, collection_id)
        self._applied(collection_id, version, {keys[r["face_id"]]: np.frombuffer(r["descriptor"], np.float32)
                                               for r in rows}, [])
        return [r["face_id"] for r in rows]

    def faces(self, collection_id: str, limit: int, token: str | None = None, user_id: str | None = None,
              face_ids: list[str] | None = None) -> tuple[list[StoredFace], str | None]:
        after = read_token(token)
        query = sa.select(faces_table).where(faces_table.c.collection_id == collection_id, faces_table.c.seq > after)
        if user_id is not None:
            query = query.where(faces_table.c.user_id == user_id)
        if face_ids is not None:
            query = query.where(faces_table.c.face_id.in_(face_ids))
        with self.engine.connect() as conn:
            self._collection(conn, collection_id)
            rows = conn.execute(query.order_by(faces_table.c.seq).limit(limit + 1)).all()
        more = len(rows) > limit
        rows = rows[:limit]
        return [_face(r) for r in rows], (page_token(rows[-1].seq) if more and rows else None)

    def get_face(self, collection_id: str, face_id: str) -> StoredFace | None:
        with self.engine.connect() as conn:
            self._collection(conn, collection_id)
            row = conn.execute(sa.select(faces_table).where(faces_table.c.collection_id == collection_id,
                                                            faces_table.c.face_id == face_id)).first()
        return _face(row) if row else None

    def delete_faces(self, collection_id: str, face_ids: list[str]) -> tuple[list[str], list[dict[str, Any]]]:
        deleted, refused = [], []
        with self.engine.begin() as conn:
            self._collection(conn, collection_id)
            rows = {r.face_id: r for r in conn.execute(sa.select(faces_table).where(
                faces_table.c.collection_id == collection_id, faces_table.c.face_id.in_(face_ids)))}
            for face_id in dict.fromkeys(face_ids):
                row = rows.get(face_id)
                if row is None:
                    refused.append({"FaceId": face_id, "Reasons": ["FACE_NOT_FOUND"]})
                elif row.user_id is not None:
                    refused.append({"FaceId": face_id, "UserId": row.user_id, "Reasons": ["ASSOCIATED_TO_AN_EXISTING_USER"]})
                else:
                    deleted.append(face_id)
            if deleted:
                conn.execute(faces_table.delete().where(faces_table.c.face_id.in_(deleted)))
                version = self._bump(conn, collection_id)
        if deleted:
            self._applied(collection_id, version, {}, [rows[f].seq for f in deleted])
        return deleted, refused

    def search(self, collection_id: str, vector: np.ndarray, count: int) -> list[tuple[StoredFace, float]]:
        """The ``count`` faces nearest ``vector``, nearest first, with their Euclidean distances."""
        index = self._index(collection_id)
        found = index.search(vector, count)
        if not found:
            return []
        with self.engine.connect() as conn:
            rows = {r.seq: r for r in conn.execute(sa.select(faces_table).where(
                faces_table.c.collection_id == collection_id, faces_table.c.seq.in_([k for k, _ in found])))}
        return [(_face(rows[k]), float(np.sqrt(max(d, 0.0)))) for k, d in found if k in rows]

    def size(self, collection_id: str) -> int:
        return len(self._index(collection_id).index)

    def _index(self, collection_id: str) -> _Index:
        with self.engine.connect() as conn:
            version = self._collection(conn, collection_id).version
            with self._lock:
                index = self._indexes.get(collection_id)
                if index is not None and index.version == version:
                    return index
            saved = self.cache_dir / f"{collection_id}.{version}.usearch" if self.cache_dir else None
            if saved is not None and saved.is_file():
                try:
                    index = _Index(version, np.empty(0), np.empty(0), saved)
                except (OSError, RuntimeError, ValueError):
                    log.warning("the saved index of %s is unreadable; rebuilding it from SQL", collection_id)
                    saved.unlink(missing_ok=True)
                    return self._index(collection_id)
            else:
                rows = conn.execute(sa.select(faces_table.c.seq, faces_table.c.descriptor)
                                    .where(faces_table.c.collection_id == collection_id)).all()
                keys = np.fromiter((r.seq for r in rows), np.uint64, len(rows))
                vectors = np.frombuffer(b"".join(r.descriptor for r in rows), np.float32).reshape(len(rows), DIMENSIONS)
                index = _Index(version, keys, vectors)
                if self.cache_dir is not None and len(rows) >= SAVE_FROM:
                    index.save(self.cache_dir, collection_id)
        with self._lock:
            current = self._indexes.get(collection_id)
            if current is None or current.version <= version:
                self._indexes[collection_id] = index
        return index

    def warm(self) -> None:
        """Load or build every collection's index (run in the background at start, so the first search after
        a restart, or after kill -9 at 100k faces, does not pay the 24 s build)."""
        with self.engine.connect() as conn:
            ids = conn.execute(sa.select(collections_table.c.id)).scalars().all()
        for collection_id in ids:
            try:
                self._index(collection_id)
            except CollectionNotFound:
                continue  # deleted meanwhile

    def close(self) -> None:
        """Save the indexes worth saving (at shutdown), so the next start loads instead of building."""
        if self.cache_dir is None:
            return
        with self._lock:
            indexes = dict(self._indexes)
        for collection_id, index in indexes.items():
            if len(index.index) >= SAVE_FROM:
                index.save(self.cache_dir, collection_id)

    # users

    def create_user(self, collection_id: str, user_id: str, token: str | None) -> None:
        with self.engine.begin() as conn:
            self._collection(conn, collection_id)
            row = self._user(conn, collection_id, user_id)
            if row is not None:
                if token and row.client_token == token:
                    return  # the same request again
                raise Conflict(f"the user {user_id!r} already exists in {collection_id!r}")
            conn.execute(users_table.insert().values(collection_id=collection_id, user_id=user_id,
                                                     client_token=token, created_at=time.time()))

    @staticmethod
    def _user(conn: sa.Connection, collection_id: str, user_id: str) -> Any:
        return conn.execute(sa.select(users_table).where(users_table.c.collection_id == collection_id,
                                                         users_table.c.user_id == user_id)).first()

    def require_user(self, collection_id: str, user_id: str) -> None:
        with self.engine.connect() as conn:
            self._collection(conn, collection_id)
            if self._user(conn, collection_id, user_id) is None:
                raise CollectionNotFound(f"no user {user_id!r} in the collection {collection_id!r}")

    def delete_user(self, collection_id: str, user_id: str) -> None:
        with self.engine.begin() as conn:
            self._collection(conn, collection_id)
            if self._user(conn, collection_id, user_id) is None:
                raise CollectionNotFound(f"no user {user_id!r} in the collection {collection_id!r}")
            conn.execute(faces_table.update().where(faces_table.c.collection_id == collection_id,
                                                    faces_table.c.user_id == user_id).values(user_id=None))
            conn.execute(users_table.delete().where(users_table.c.collection_id == collection_id,
                                                    users_table.c.user_id == user_id))

    def users(self, collection_id: str, limit: int, token: str | None) -> tuple[list[tuple[str, int]], str | None]:
        """(user id, how many faces it has) in id order, paged."""
        after = read_name_token(token)
        query = sa.select(users_table.c.user_id).where(users_table.c.collection_id == collection_id)
        if after is not None:
            query = query.where(users_table.c.user_id > after)
        with self.engine.connect() as conn:
            self._collection(conn, collection_id)
            ids = conn.execute(query.order_by(users_table.c.user_id).limit(limit + 1)).scalars().all()
            more = len(ids) > limit
            ids = ids[:limit]
            counts = dict(conn.execute(
                sa.select(faces_table.c.user_id, sa.func.count()).where(
                    faces_table.c.collection_id == collection_id, faces_table.c.user_id.in_(ids))
                .group_by(faces_table.c.user_id)).all())
        return [(u, int(counts.get(u, 0))) for u in ids], (page_token(ids[-1]) if more and ids else None)

    def user_faces(self, collection_id: str, user_id: str) -> list[StoredFace]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(faces_table).where(faces_table.c.collection_id == collection_id,
                                                             faces_table.c.user_id == user_id)).all()
        return [_face(r) for r in rows]

    def set_user(self, collection_id: str, user_id: str, face_ids: Iterable[str], associate: bool) -> None:
        """Associate the faces with ``user_id`` (or, with ``associate`` False, release them from it)."""
        face_ids = list(face_ids)
        with self.engine.begin() as conn:
            if associate:
                have = conn.execute(sa.select(sa.func.count()).where(
                    faces_table.c.collection_id == collection_id, faces_table.c.user_id == user_id)).scalar() or 0
                if have + len(face_ids) > MAX_FACES_PER_USER:
                    raise LimitExceeded(f"a user holds at most {MAX_FACES_PER_USER} faces; {user_id!r} has {have}")
            condition = sa.and_(faces_table.c.collection_id == collection_id, faces_table.c.face_id.in_(face_ids))
            if not associate:
                condition = sa.and_(condition, faces_table.c.user_id == user_id)
            conn.execute(faces_table.update().where(condition).values(user_id=user_id if associate else None))
