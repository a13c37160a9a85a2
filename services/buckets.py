"""Buckets: one interface over local folders (the embedded default) and any S3-compatible store.

``s3://BUCKET/KEY`` resolves to ``DATA_DIR/buckets/BUCKET/KEY`` in the embedded mode (users drop files
there), or to real S3 through boto3 when an endpoint is configured. Every access goes through
:class:`S3Location`, which only holds a bucket name valid by S3's rules and a key that stays inside its
bucket (no ``..`` or ``.`` segments, absolute paths, backslashes, NUL). On the folder store the resolved
real path must also stay inside the bucket, and the bucket inside the bucket root, so a symlink out is
refused; "not there" and "not allowed" get one message, which never names a server path.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from services.errors import InvalidRequest, NotFound, ServiceError

BUCKET_RE = re.compile(r"^[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]$")
MAX_KEY_BYTES = 1024  # S3's limit


class InvalidS3Object(InvalidRequest):
    code = "invalid_s3_object"


class StorageFault(ServiceError):
    """The store refused a read or write for a reason of its own (read-only, full, permissions)."""

    code = "storage_fault"
    transient = False  # whether retrying later may succeed with nothing changed


class StoreUnreachable(StorageFault):
    """The S3 store did not answer (down, restarting, the network): a job waits for it instead of failing."""

    transient = True


def _unreachable(uri: str, doing: str, exc: Exception) -> StoreUnreachable:
    return StoreUnreachable(f"cannot {doing} {uri}: the S3 store is unreachable ({type(exc).__name__}); retry when it is back")


def check_bucket(bucket: object) -> str:
    """A bucket name valid by S3's rules (3-63 of a-z 0-9 . -, no '..'), or InvalidS3Object."""
    if not isinstance(bucket, str) or not BUCKET_RE.match(bucket) or ".." in bucket:
        raise InvalidS3Object(
            f"{str(bucket)[:80]!r} is not a valid bucket name (3-63 lowercase letters, digits, '.' and '-', "
            "starting and ending with a letter or digit)"
        )
    return bucket


@dataclass(frozen=True)
class S3Location:
    bucket: str
    key: str  # may be a prefix, '' for the whole bucket

    def __post_init__(self) -> None:
        check_bucket(self.bucket)
        check_key(self.key)

    @property
    def uri(self) -> str:
        return f"s3://{self.bucket}/{self.key}"

    def child(self, name: str) -> S3Location:
        return S3Location(self.bucket, f"{self.key.rstrip('/')}/{name}" if self.key else name)


def check_key(key: str) -> str:
    """A key that stays inside its bucket, or InvalidS3Object."""
    if not isinstance(key, str):
        raise InvalidS3Object("the object key must be a string")
    if len(key.encode("utf-8", "surrogatepass")) > MAX_KEY_BYTES:
        raise InvalidS3Object(f"the object key is longer than {MAX_KEY_BYTES} bytes")
    if "\x00" in key or "\\" in key or key.startswith("/") or any(p in ("..", ".") for p in key.split("/")):
        raise InvalidS3Object(f"the object key {key!r} is not allowed: keys may not contain '..', '.', '\\' or start with '/'")
    return key


def parse_s3_uri(uri: str) -> S3Location:
    if not isinstance(uri, str) or not uri.startswith("s3://"):
        raise InvalidS3Object(f"{uri!r} is not an s3://BUCKET/KEY URI")
    bucket, _, key = uri[len("s3://") :].partition("/")
    return S3Location(bucket, key)


class Buckets(Protocol):
    def list(self, loc: S3Location) -> list[str]:
        """Keys of the objects under the prefix, sorted."""

    def read(self, loc: S3Location) -> bytes: ...

    def write(self, loc: S3Location, data: bytes, *, create: bool = False) -> None:
        """Store an object; ``create``: the bucket is one Cirrus owns (a service default), made if missing."""

    def bucket_exists(self, bucket: str) -> bool:
        """Whether a write to the bucket can succeed (folders are made on first write: always)."""

    def presigned_url(self, loc: S3Location, expires_s: int) -> str | None:
        """A URL any HTTP client can GET for ``expires_s`` seconds, where the store makes them (S3)."""

    def object_url(self, loc: S3Location) -> str | None:
        """The object's plain path-style URL in the store (fetched with the store's credentials), where there
        is one (S3)."""


def _os_fault(exc: OSError, loc: S3Location, doing: str) -> StorageFault:
    """An OS error as a plain reason (read-only, no space, permission), without the server's paths."""
    reason = {
        errno.EROFS: "the bucket's storage is read-only",
        errno.ENOSPC: "no space left on the bucket's storage",
        errno.EDQUOT: "the bucket's storage quota is exhausted",
        errno.EACCES: "the server has no permission there",
        errno.EPERM: "the server has no permission there",
    }.get(exc.errno or 0, os.strerror(exc.errno) if exc.errno else "a storage error")
    return StorageFault(f"cannot {doing} {loc.uri}: {reason}", reason=reason)


class LocalBuckets:
    """Buckets as folders under ``root``; writes are atomic (temporary file + rename)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _bucket_dir(self, bucket: str) -> Path | None:
        """The bucket's real folder, or None when it is missing or resolves outside the bucket root."""
        root = self.root.resolve()
        base = (root / check_bucket(bucket)).resolve()
        return base if base.parent == root and base.is_dir() else None

    def _path(self, loc: S3Location, *, for_write: bool = False) -> Path:
        """The object's real path inside its bucket; one error for missing and not allowed."""
        base = self._bucket_dir(loc.bucket)
        if base is None and for_write and not (self.root / loc.bucket).is_symlink():
            base = self.root.resolve() / loc.bucket  # a bucket the service owns is made on first write
        if base is None:
            raise InvalidS3Object(f"{loc.uri} does not exist or is not readable by this server")
        path = (base / loc.key).resolve() if loc.key else base
        if path != base and base not in path.parents:
            raise InvalidS3Object(f"{loc.uri} does not exist or is not readable by this server")
        return path

    def local_path(self, loc: S3Location) -> Path:
        """The object's file, for readers that need a path (services/shared/artifacts.py)."""
        path = self._path(loc)
        if not path.is_file():
            raise InvalidS3Object(f"{loc.uri} does not exist or is not readable by this server")
        return path

    def list(self, loc: S3Location) -> list[str]:
        bucket = self._bucket_dir(loc.bucket)
        if bucket is None:
            raise NotFound(f"bucket {loc.bucket!r} does not exist (create it under the data directory's buckets/)")
        return sorted(
            key for key in self._walk(bucket)
            if key.startswith(loc.key) and not key.rsplit("/", 1)[-1].startswith(".") and self._inside(bucket, key)
        )

    @staticmethod
    def _inside(bucket: Path, key: str) -> bool:
        path = (bucket / key).resolve()
        return bucket in path.parents

    @staticmethod
    def _walk(bucket: Path) -> Iterator[str]:
        for dirpath, _, files in os.walk(bucket):
            for name in files:
                yield (Path(dirpath) / name).relative_to(bucket).as_posix()

    def read(self, loc: S3Location) -> bytes:
        path = self._path(loc)
        if not path.is_file():
            raise InvalidS3Object(f"{loc.uri} does not exist or is not readable by this server")
        try:
            return path.read_bytes()
        except OSError as exc:
            raise _os_fault(exc, loc, "read") from None

    def bucket_exists(self, bucket: str) -> bool:
        check_bucket(bucket)
        return True

    def presigned_url(self, loc: S3Location, expires_s: int) -> str | None:
        return None  # the gateway signs a link to its own object route

    def object_url(self, loc: S3Location) -> str | None:
        return None

    def write(self, loc: S3Location, data: bytes, *, create: bool = False) -> None:
        path = self._path(loc, for_write=True)  # folders: every bucket is made on first write
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.parent.resolve() != path.parent:
                raise InvalidS3Object(f"{loc.uri} is not writable by this server")
            with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as tmp:
                try:
                    tmp.write(data)
                except OSError:
                    os.unlink(tmp.name)
                    raise
            os.replace(tmp.name, path)
        except OSError as exc:
            raise _os_fault(exc, loc, "write") from None


class S3Buckets:
    """Any S3-compatible store (AWS, MinIO, moto) through boto3."""

    def __init__(self, endpoint_url: str | None, region: str, access_key: str | None, secret_key: str | None) -> None:
        import boto3

        self.client: Any = boto3.client(
            "s3", endpoint_url=endpoint_url, region_name=region,
            aws_access_key_id=access_key, aws_secret_access_key=secret_key,
        )

    def list(self, loc: S3Location) -> list[str]:
        from botocore.exceptions import BotoCoreError, ClientError

        keys: list[str] = []
        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=loc.bucket, Prefix=check_key(loc.key))
            for page in pages:
                keys += [obj["Key"] for obj in page.get("Contents", []) if not obj["Key"].endswith("/")]
        except ClientError as exc:
            raise NotFound(f"cannot list {loc.uri}: {exc.response['Error'].get('Code')}") from None
        except BotoCoreError as exc:
            raise _unreachable(loc.uri, "list", exc) from None
        return sorted(keys)

    def read(self, loc: S3Location) -> bytes:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return bytes(self.client.get_object(Bucket=loc.bucket, Key=loc.key)["Body"].read())
        except ClientError as exc:
            raise InvalidS3Object(f"cannot read {loc.uri}: {exc.response['Error'].get('Code')}") from None
        except BotoCoreError as exc:
            raise _unreachable(loc.uri, "read", exc) from None

    def bucket_exists(self, bucket: str) -> bool:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            self.client.head_bucket(Bucket=check_bucket(bucket))
        except ClientError as exc:
            if exc.response["Error"].get("Code") in ("404", "NoSuchBucket", "403", "AccessDenied"):
                return False
            raise StorageFault(f"cannot reach bucket {bucket!r}: the S3 store answered "
                               f"{exc.response['Error'].get('Code')}") from None
        except BotoCoreError as exc:
            raise _unreachable(f"bucket {bucket!r}", "reach", exc) from None
        return True

    def object_url(self, loc: S3Location) -> str | None:
        from urllib.parse import quote

        return f"{self.client.meta.endpoint_url.rstrip('/')}/{loc.bucket}/{quote(loc.key)}"

    def presigned_url(self, loc: S3Location, expires_s: int) -> str | None:
        return str(self.client.generate_presigned_url("get_object", Params={"Bucket": loc.bucket, "Key": loc.key},
                                                      ExpiresIn=expires_s))

    def write(self, loc: S3Location, data: bytes, *, create: bool = False) -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            try:
                self.client.put_object(Bucket=loc.bucket, Key=loc.key, Body=data)
            except ClientError as exc:
                if not (create and exc.response["Error"].get("Code") == "NoSuchBucket"):
                    raise
                region = self.client.meta.region_name
                where = {} if region in (None, "us-east-1") else {
                    "CreateBucketConfiguration": {"LocationConstraint": region}}  # S3 refuses us-east-1 named
                self.client.create_bucket(Bucket=loc.bucket, **where)
                self.client.put_object(Bucket=loc.bucket, Key=loc.key, Body=data)
        except ClientError as exc:
            code = exc.response["Error"].get("Code")
            if code == "NoSuchBucket":
                raise InvalidS3Object(f"cannot write {loc.uri}: the bucket {loc.bucket!r} does not exist") from None
            raise StorageFault(f"cannot write {loc.uri}: the S3 store answered {code}") from None
        except BotoCoreError as exc:
            raise _unreachable(loc.uri, "write", exc) from None


def require_bucket(buckets: Buckets, bucket: str, what: str) -> None:
    """Refuse a job at its start when the bucket it would write to does not exist (on an S3 store; folders
    are made on first write), instead of failing the job after the work."""
    if not buckets.bucket_exists(bucket):
        raise InvalidS3Object(f"the {what} bucket {bucket!r} does not exist; create it first or leave it out")


def build_buckets(root: Path, endpoint_url: str | None, region: str, key: str | None, secret: str | None) -> Buckets:
    """Folders under ``root`` by default; real S3 when an endpoint is configured."""
    return S3Buckets(endpoint_url, region, key, secret) if endpoint_url else LocalBuckets(root)
