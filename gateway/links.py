"""Links a plain HTTP client can GET for what AWS answers as a URL (Transcribe's ``TranscriptFileUri`` and
``SubtitleFileUris``, a vocabulary's or a vocabulary filter's ``DownloadUri``, Polly's ``OutputUri``).

On an S3 store the link is the store's own presigned URL. On the folder store it is this gateway's
``GET /v1/links/{kind}/{path}`` with an expiry and an HMAC-SHA256 signature in the query, as S3's presigned
URLs carry theirs: the route serves exactly the object the signature names until it expires, and answers
403 to anything else (a changed path, a changed expiry, an old link), whatever the API keys. The key is
``CIRRUS_BUCKETS__LINK_SECRET`` or, unset, 32 random bytes kept in ``DATA_DIR/link-signing.key``.

Links point at the host the client called (its ``Host`` header), or ``CIRRUS_PUBLIC_URL`` when set (a
gateway behind a proxy).
"""

from __future__ import annotations

import asyncio
import contextvars
import hashlib
import hmac
import mimetypes
import os
import secrets
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from services.buckets import S3Location, parse_s3_uri
from services.errors import ServiceError

BASE_URL: contextvars.ContextVar[str] = contextvars.ContextVar("cirrus_base_url", default="http://127.0.0.1:8080")
KINDS = ("object", "vocabulary", "vocabulary-filter")
PREFIX = "/v1/links/"

router = APIRouter(include_in_schema=False)


class LinkSigner:
    def __init__(self, secret: bytes, expires_s: int) -> None:
        self.secret = secret
        self.expires_s = expires_s

    @classmethod
    def for_data_dir(cls, data_dir: Path, secret: str | None, expires_s: int) -> LinkSigner:
        if secret:
            return cls(secret.encode(), expires_s)
        path = data_dir / "link-signing.key"
        if not path.is_file():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(secrets.token_bytes(32))
        return cls(path.read_bytes(), expires_s)

    def signature(self, kind: str, path: str, expires: int) -> str:
        return hmac.new(self.secret, f"{kind}\n{path}\n{expires}".encode(), hashlib.sha256).hexdigest()

    def link(self, kind: str, path: str) -> str:
        expires = int(time.time()) + self.expires_s
        query = urlencode({"expires": expires, "signature": self.signature(kind, path, expires)})
        return f"{BASE_URL.get().rstrip('/')}{PREFIX}{kind}/{quote(path)}?{query}"

    def check(self, kind: str, path: str, expires: str | None, signature: str | None) -> bool:
        if not expires or not signature or not expires.isdigit() or len(expires) > 12 or int(expires) < time.time():
            return False
        return hmac.compare_digest(self.signature(kind, path, int(expires)), signature)


def remember_base_url(scope: dict[str, Any], public_url: str | None) -> None:
    """Called per request: where links should point."""
    if public_url:
        BASE_URL.set(public_url)
        return
    host = next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == b"host"), None)
    if host:
        BASE_URL.set(f"{scope.get('scheme', 'http')}://{host}")


def fetchable(state: Any, uri: str) -> str:
    """An ``s3://bucket/key`` as a URL a plain HTTP client can GET."""
    loc = parse_s3_uri(uri)
    url = state.buckets.presigned_url(loc, state.links.expires_s)
    return url or state.links.link("object", f"{loc.bucket}/{loc.key}")


def object_url(state: Any, uri: str) -> str:
    """An ``s3://bucket/key`` as AWS writes Polly's OutputUri: the object's plain URL in the S3 store (AWS's
    own example reads the key back from its last path segment), or a signed link on the folder store."""
    loc = parse_s3_uri(uri)
    return state.buckets.object_url(loc) or fetchable(state, uri)


def _refused() -> Response:
    return JSONResponse({"error": {"code": "access_denied", "message": "the link is not valid or has expired; "
                                   "ask the API for a fresh one", "details": {}}}, status_code=403)


@router.get(PREFIX + "{kind}/{path:path}")
async def follow(request: Request, kind: str, path: str) -> Response:
    state = request.app.state
    if kind not in KINDS or not state.links.check(kind, path, request.query_params.get("expires"),
                                                  request.query_params.get("signature")):
        return _refused()
    try:
        if kind in ("vocabulary", "vocabulary-filter"):
            words = (state.vocabularies.get(path).params["phrases"] if kind == "vocabulary"
                     else state.vocabulary_filters.get(path).params["words"])
            body, media = ("\n".join(words) + "\n").encode(), "text/plain; charset=utf-8"
        else:
            bucket, _, key = path.partition("/")
            body = await asyncio.to_thread(state.buckets.read, S3Location(bucket, key))
            media = mimetypes.guess_type(key)[0] or "application/octet-stream"
    except ServiceError:
        return JSONResponse({"error": {"code": "not_found", "message": "the linked object no longer exists",
                                       "details": {}}}, status_code=404)
    return Response(body, media_type=media)
