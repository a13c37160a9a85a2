"""Holes 7 and 8: SigV4 binds what it must, and the native surface needs credentials once keys are set."""

from __future__ import annotations

import hashlib
import json

import httpx
import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from tests.security.conftest import API_KEY, aws_json, sign

URL = "http://cirrus.test/"
DETECT = "Comprehend_20171127.DetectDominantLanguage"
BODY = {"Text": "Bonjour, je m'appelle Marie et j'habite à Paris."}


async def test_signed_aws_request_is_served(locked_client: httpx.AsyncClient) -> None:
    body, headers = aws_json(DETECT, BODY)
    r = await locked_client.post("/", content=body, headers=sign("POST", URL, body, headers))
    assert r.status_code == 200, r.text
    assert r.json()["Languages"][0]["LanguageCode"] == "fr"


async def test_unsigned_request_fails_auth_before_dispatch(locked_client: httpx.AsyncClient) -> None:
    body, headers = aws_json("Comprehend_20171127.NoSuchOperation", {})
    r = await locked_client.post("/", content=body, headers=headers)
    assert r.status_code == 403 and r.json()["__type"] == "MissingAuthenticationTokenException", r.text


async def test_host_and_target_must_be_signed(locked_client: httpx.AsyncClient) -> None:
    body, headers = aws_json(DETECT, BODY)
    signed = sign("POST", URL, body, headers)
    auth = signed["Authorization"]
    # re-sign with only x-amz-date among the signed headers: a valid signature that binds neither host nor target
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    from tests.security.conftest import KEY_ID, SECRET

    class DateOnly(SigV4Auth):
        def headers_to_sign(self, request):  # type: ignore[no-untyped-def]
            out = super().headers_to_sign(request)
            for name in list(out.keys()):
                if name.lower() != "x-amz-date":
                    del out[name]
            return out

    request = AWSRequest(method="POST", url=URL, data=body, headers=headers)
    DateOnly(Credentials(KEY_ID, SECRET), "comprehend", "us-east-1").add_auth(request)
    loose = {k: v for k, v in request.headers.items()}
    assert "SignedHeaders=x-amz-date," in loose["Authorization"] and auth != loose["Authorization"]
    loose["X-Amz-Target"] = "Comprehend_20171127.DetectEntities"  # changed after signing
    r = await locked_client.post("/", content=body, headers=loose)
    assert r.status_code == 403 and r.json()["__type"] == "IncompleteSignatureException", r.text
    assert "host" in r.json()["message"]


async def test_unsigned_payload_is_refused(locked_client: httpx.AsyncClient) -> None:
    body, headers = aws_json(DETECT, BODY)
    signed = sign("POST", URL, body, {**headers, "X-Amz-Content-Sha256": "UNSIGNED-PAYLOAD"})
    other = json.dumps({"Text": "Hello, my name is Marie and I live in Paris."}).encode()
    r = await locked_client.post("/", content=other, headers=signed)
    assert r.status_code == 403 and "UNSIGNED-PAYLOAD" in r.json()["message"], r.text


async def test_changed_body_is_refused(locked_client: httpx.AsyncClient) -> None:
    body, headers = aws_json(DETECT, BODY)
    signed = sign("POST", URL, body, headers)
    r = await locked_client.post("/", content=body.replace(b"Marie", b"Maria"), headers=signed)
    assert r.status_code == 403 and r.json()["__type"] == "InvalidSignatureException", r.text


@pytest.mark.parametrize(("service", "region", "word"), [("s3", "us-east-1", "service"), ("translate", "us-east-1", "service"),
                                                          ("comprehend", "mars-north-7", "region")])
async def test_credential_scope_must_match(locked_client: httpx.AsyncClient, service: str, region: str, word: str) -> None:
    body, headers = aws_json(DETECT, BODY)
    r = await locked_client.post("/", content=body, headers=sign("POST", URL, body, headers, service=service, region=region))
    assert r.status_code == 403 and r.json()["__type"] == "InvalidSignatureException", r.text
    assert word in r.json()["message"]


async def test_rest_json_surface_checks_scope(locked_client: httpx.AsyncClient) -> None:
    body = json.dumps({"Text": "Hi", "VoiceId": "Joey", "OutputFormat": "pcm"}).encode()
    url = "http://cirrus.test/v1/speech"
    good = await locked_client.post("/v1/speech", content=body, headers=sign("POST", url, body, service="polly"))
    assert good.status_code == 200 and len(good.content) > 1000, good.text
    bad = await locked_client.post("/v1/speech", content=body, headers=sign("POST", url, body, service="comprehend"))
    assert bad.status_code == 403 and bad.headers["x-amzn-errortype"] == "InvalidSignatureException"


@pytest.mark.parametrize(("method", "path", "body"), [
    ("POST", "/v1/text/language", {"texts": ["Bonjour tout le monde"]}),
    ("GET", "/v1/jobs", None),
    ("POST", "/v1/transcribe/jobs", {"name": "j", "media_uri": "s3://b-in/a.wav", "language": "en-US",
                                     "output_bucket": "../.."}),
    ("POST", "/v1/models/some-card/unload", None),
    ("GET", "/metrics", None),
    ("GET", "/openapi.json", None),
    ("GET", "/docs", None),
])
async def test_native_surface_needs_credentials(locked_client: httpx.AsyncClient, method: str, path: str,
                                                body: object) -> None:
    r = await locked_client.request(method, path, json=body)
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized", r.text
    assert r.headers["www-authenticate"].startswith("Bearer")
    r = await locked_client.request(method, path, json=body, headers={"Authorization": "Bearer wrong-key"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "access_denied"


async def test_native_surface_with_credentials(locked_client: httpx.AsyncClient) -> None:
    assert (await locked_client.get("/health")).status_code == 200  # always open
    bearer = {"Authorization": f"Bearer {API_KEY}"}
    r = await locked_client.post("/v1/text/language", json={"texts": ["Bonjour tout le monde"]}, headers=bearer)
    assert r.status_code == 200 and r.json()["results"][0]["languages"][0]["language_code"] == "fr", r.text
    assert (await locked_client.get("/metrics", headers=bearer)).status_code == 200
    # SigV4, as boto3 signs, works on the native API too (the body is checked against the signed hash)
    body = json.dumps({"texts": ["Hola, ¿cómo estás? Muy bien, gracias."]}).encode()
    url = "http://cirrus.test/v1/text/language"
    headers = sign("POST", url, body, {"Content-Type": "application/json"}, service="cirrus")
    r = await locked_client.post("/v1/text/language", content=body, headers=headers)
    assert r.status_code == 200 and r.json()["results"][0]["languages"][0]["language_code"] == "es", r.text
    tampered = body.replace(b"Hola", b"Hole")
    r = await locked_client.post("/v1/text/language", content=tampered, headers=headers)
    assert r.status_code == 403
    assert hashlib.sha256(tampered).hexdigest() != hashlib.sha256(body).hexdigest()


def test_websocket_needs_credentials(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from cirrus.settings import Settings
    from gateway.app import create_app

    app = create_app(Settings(data_dir=tmp_path, auth={"api_keys": {"c": API_KEY}}))  # type: ignore[arg-type]
    with TestClient(app) as client:
        with pytest.raises(WebSocketDisconnect) as refused, client.websocket_connect("/v1/transcribe/stream"):
            pass
        assert refused.value.code == 1008
        with client.websocket_connect(f"/v1/transcribe/stream?api_key={API_KEY}&language=en-US") as ws:
            ws.close()
