"""Fixtures for the security battery: apps with credentials configured, and helpers to sign requests."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from cirrus.settings import Settings
from gateway.app import create_app

KEY_ID, SECRET, API_KEY = "AKIDCIRRUSTEST", "s3cr3t-for-tests", "cirrus-api-key-for-tests"


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def locked_client(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[httpx.AsyncClient]:
    """The app with an access key and an API key configured."""
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("locked"),
        auth={"access_keys": {KEY_ID: SECRET}, "api_keys": {"console": API_KEY}},  # type: ignore[arg-type]
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://cirrus.test") as c:
            yield c


def sign(method: str, url: str, body: bytes = b"", headers: dict[str, str] | None = None, *, service: str = "comprehend",
         region: str = "us-east-1", secret: str = SECRET) -> dict[str, str]:
    """Headers of a request signed by botocore's own SigV4 signer."""
    request = AWSRequest(method=method, url=url, data=body, headers=dict(headers or {}))
    SigV4Auth(Credentials(KEY_ID, secret), service, region).add_auth(request)
    return {k: v.decode() if isinstance(v, bytes) else v for k, v in request.headers.items()}


def aws_json(target: str, payload: dict[str, object]) -> tuple[bytes, dict[str, str]]:
    return json.dumps(payload).encode(), {"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"}
