"""SigV4 verification against signatures made by botocore's own signer."""

from __future__ import annotations

import datetime as dt

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from gateway.aws.sigv4 import SignatureError, verify

SECRETS = {"AKIDCIRRUS": "s3cr3t"}
BODY = b'{"Text": "I love it", "LanguageCode": "en"}'


def signed(secret: str = "s3cr3t", key: str = "AKIDCIRRUS", body: bytes = BODY) -> AWSRequest:
    request = AWSRequest(
        method="POST",
        url="http://127.0.0.1:8080/",
        data=body,
        headers={"X-Amz-Target": "Comprehend_20171127.DetectSentiment", "Content-Type": "application/x-amz-json-1.1"},
    )
    SigV4Auth(Credentials(key, secret), "comprehend", "us-east-1").add_auth(request)
    return request


def check(request: AWSRequest, body: bytes | None = None, **kw: object) -> str:
    headers = [(k, v.decode() if isinstance(v, bytes) else v) for k, v in request.headers.items()]
    headers.append(("host", "127.0.0.1:8080"))
    return verify(
        method="POST", raw_path="/", raw_query="", headers=headers, body=body if body is not None else BODY,
        secrets=SECRETS, **kw,  # type: ignore[arg-type]
    )


def test_botocore_signature_verifies() -> None:
    assert check(signed()) == "AKIDCIRRUS"


def test_wrong_secret_is_refused() -> None:
    with pytest.raises(SignatureError) as info:
        check(signed(secret="guess"))
    assert info.value.aws_type == "InvalidSignatureException"


def test_tampered_body_is_refused() -> None:
    with pytest.raises(SignatureError) as info:
        check(signed(), body=BODY.replace(b"love", b"hate"))
    assert info.value.aws_type == "InvalidSignatureException"


def test_unknown_access_key_is_refused() -> None:
    with pytest.raises(SignatureError) as info:
        check(signed(key="AKIDSTRANGER"))
    assert info.value.aws_type == "UnrecognizedClientException"


def test_unsigned_request_is_refused() -> None:
    with pytest.raises(SignatureError) as info:
        verify(method="POST", raw_path="/", raw_query="", headers=[], body=BODY, secrets=SECRETS)
    assert info.value.aws_type == "MissingAuthenticationTokenException"


def test_stale_signature_is_refused() -> None:
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    with pytest.raises(SignatureError, match="expired"):
        check(signed(), now=later)
