"""Artifacts: the files a service builds (imported data, trained models, forecasts) kept where every
server can read them, in the bucket store's own ``cirrus-artifacts`` bucket: a folder in the embedded
mode, S3 when one is configured (several servers share it then). A resource built on one server is used
on another: readers get a local file, the bucket's own where it is a folder, else a copy fetched once
into ``DATA_DIR/artifacts-cache`` (objects are written once and never change, so a cached copy stays
good). Resources built before artifacts existed hold a local path, which is read as it is.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

from services.buckets import Buckets, S3Location, parse_s3_uri

BUCKET = "cirrus-artifacts"


class Artifacts:
    def __init__(self, buckets: Buckets, data_dir: Path, service: str) -> None:
        self.buckets = buckets
        self.service = service
        self.cache = data_dir / "artifacts-cache"

    def put(self, name: str, data: bytes) -> str:
        """Store an artifact under this service's prefix, in a folder of its own (a rebuilt resource of the same
        name never overwrites what a cache holds); returns its s3:// reference."""
        loc = S3Location(BUCKET, f"{self.service}/{uuid.uuid4().hex}/{name}")
        self.buckets.write(loc, data, create=True)
        return loc.uri

    def put_file(self, name: str, path: Path) -> str:
        """Store a file built in ``scratch`` and remove it with its folder."""
        ref = self.put(name, path.read_bytes())
        path.unlink(missing_ok=True)
        path.parent.rmdir()
        return ref

    def path(self, ref: str) -> Path:
        """A local file holding the artifact (``ref``: what put returned, or a legacy local path)."""
        if not ref.startswith("s3://"):
            return Path(ref)
        loc = parse_s3_uri(ref)
        local = getattr(self.buckets, "local_path", None)
        if local is not None:
            return Path(local(loc))
        cached = self.cache / loc.bucket / loc.key
        if not cached.is_file():
            cached.parent.mkdir(parents=True, exist_ok=True)
            data = self.buckets.read(loc)
            with tempfile.NamedTemporaryFile(dir=cached.parent, prefix=".tmp-", delete=False) as tmp:
                tmp.write(data)
            os.replace(tmp.name, cached)
        return cached

    def scratch(self, name: str) -> Path:
        """A local path to build an artifact in before ``put_file`` (removed by the caller)."""
        folder = self.cache / "scratch" / self.service / uuid.uuid4().hex
        folder.mkdir(parents=True, exist_ok=True)
        return folder / name
