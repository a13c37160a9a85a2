"""Buckets: one interface over local folders (the embedded default) and any S3-compatible store.

``s3://BUCKET/KEY`` resolves to ``DATA_DIR/buckets/BUCKET/KEY`` in the embedded mode (users drop files
there), or to real S3 through boto3 when an endpoint is configured. Keys that would leave the bucket
(``..`` segments, absolute paths, backslashes, NUL) are refused before any I/O.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from services.errors import InvalidRequest, NotFound

BUCKET_RE = re.compile(r"^[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]$")


class InvalidS3Object(InvalidRequest):
    code = "invalid_s3_object"


@dataclass(frozen=True)
class S3Location:
    bucket: str
    key: str  # may be a prefix, '' for the whole bucket

    @property
    def uri(self) -> str:
        return f"s3://{self.bucket}/{self.key}"

    def child(self, name: str) -> S3Location:
        return S3Location(self.bucket, f"{self.key.rstrip('/')}/{name}" if self.key else name)


def check_key(key: str) -> str:
    """A key that stays inside its bucket, or InvalidS3Object."""
    if "\x00" in key or "\\" in key or key.startswith("/") or any(p in ("..", ".") for p in key.split("/")):
        raise InvalidS3Object(f"the object key {key!r} is not allowed: keys may not contain '..', '.', '\\' or start with '/'")
    return key


def parse_s3_uri(uri: str) -> S3Location:
    if not isinstance(uri, str) or not uri.startswith("s3://"):
        raise InvalidS3Object(f"{uri!r} is not an s3://BUCKET/KEY URI")
    bucket, _, key = uri[len("s3://") :].partition("/")
    if not BUCKET_RE.match(bucket):
        raise InvalidS3Object(f"{bucket!r} is not a valid bucket name (3-63 lowercase letters, digits, '.', '-')")
    return S3Location(bucket, check_key(key) if key else "")


class Buckets(Protocol):
    def list(self, loc: S3Location) -> list[str]:
        """Keys of the objects under the prefix, sorted."""

    def read(self, loc: S3Location) -> bytes: ...

    def write(self, loc: S3Location, data: bytes) -> None: ...


class LocalBuckets:
    """Buckets as folders under ``root``; writes are atomic (temporary file + rename)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, loc: S3Location) -> Path:
        base = (self.root / loc.bucket).resolve()
        path = (base / check_key(loc.key)).resolve() if loc.key else base
        if path != base and base not in path.parents:
            raise InvalidS3Object(f"the object key {loc.key!r} leaves bucket {loc.bucket!r}")
        return path

    def list(self, loc: S3Location) -> list[str]:
        bucket = self._path(S3Location(loc.bucket, ""))
        if not bucket.is_dir():
            raise NotFound(f"bucket {loc.bucket!r} does not exist (create the folder {bucket})")
        return sorted(
            key for key in self._walk(bucket) if key.startswith(loc.key) and not key.rsplit("/", 1)[-1].startswith(".")
        )

    @staticmethod
    def _walk(bucket: Path) -> Iterator[str]:
        for dirpath, _, files in os.walk(bucket):
            for name in files:
                yield (Path(dirpath) / name).relative_to(bucket).as_posix()

    def read(self, loc: S3Location) -> bytes:
        path = self._path(loc)
        if not path.is_file():
            raise InvalidS3Object(f"{loc.uri} does not exist")
        return path.read_bytes()

    def write(self, loc: S3Location, data: bytes) -> None:
        path = self._path(loc)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as tmp:
            tmp.write(data)
        os.replace(tmp.name, path)


class S3Buckets:
    """Any S3-compatible store (AWS, MinIO, moto) through boto3."""

    def __init__(self, endpoint_url: str | None, region: str, access_key: str | None, secret_key: str | None) -> None:
        import boto3

        self.client: Any = boto3.client(
            "s3", endpoint_url=endpoint_url, region_name=region,
            aws_access_key_id=access_key, aws_secret_access_key=secret_key,
        )

    def list(self, loc: S3Location) -> list[str]:
        from botocore.exceptions import ClientError

        keys: list[str] = []
        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=loc.bucket, Prefix=check_key(loc.key))
            for page in pages:
                keys += [obj["Key"] for obj in page.get("Contents", []) if not obj["Key"].endswith("/")]
        except ClientError as exc:
            raise NotFound(f"cannot list {loc.uri}: {exc.response['Error'].get('Code')}") from None
        return sorted(keys)

    def read(self, loc: S3Location) -> bytes:
        from botocore.exceptions import ClientError

        try:
            return bytes(self.client.get_object(Bucket=loc.bucket, Key=check_key(loc.key))["Body"].read())
        except ClientError as exc:
            raise InvalidS3Object(f"cannot read {loc.uri}: {exc.response['Error'].get('Code')}") from None

    def write(self, loc: S3Location, data: bytes) -> None:
        self.client.put_object(Bucket=loc.bucket, Key=check_key(loc.key), Body=data)


def build_buckets(root: Path, endpoint_url: str | None, region: str, key: str | None, secret: str | None) -> Buckets:
    """Folders under ``root`` by default; real S3 when an endpoint is configured."""
    return S3Buckets(endpoint_url, region, key, secret) if endpoint_url else LocalBuckets(root)
