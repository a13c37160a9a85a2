"""AWS Signature Version 4 verification (the header form the AWS SDKs send).

We rebuild the canonical request from what arrived, derive the signing key from the secret we hold for
the access key id, and compare signatures in constant time. Errors carry AWS's exception names.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from collections.abc import Collection, Mapping, Sequence
from urllib.parse import quote

ALGORITHM = "AWS4-HMAC-SHA256"
_AUTH_RE = re.compile(
    r"^AWS4-HMAC-SHA256\s+Credential=(?P<cred>[^,\s]+),\s*SignedHeaders=(?P<signed>[^,\s]+),\s*Signature=(?P<sig>[0-9a-f]{64})$"
)


class SignatureError(Exception):
    def __init__(self, aws_type: str, message: str) -> None:
        super().__init__(message)
        self.aws_type = aws_type
        self.message = message


def _hmac(key: bytes, msg: str) -> bytes:
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()


def signing_key(secret: str, date: str, region: str, service: str) -> bytes:
    key = _hmac(("AWS4" + secret).encode("utf-8"), date)
    key = _hmac(key, region)
    key = _hmac(key, service)
    return _hmac(key, "aws4_request")


def canonical_query(raw_query: str) -> str:
    pairs = []
    for part in raw_query.split("&") if raw_query else []:
        key, _, value = part.partition("=")
        pairs.append((quote(key, safe="-_.~%"), quote(value, safe="-_.~%")))
    return "&".join(f"{k}={v}" for k, v in sorted(pairs))


def canonical_request(
    method: str, raw_path: str, raw_query: str, headers: Sequence[tuple[str, str]], signed: list[str], payload_hash: str
) -> str:
    values: dict[str, list[str]] = {}
    for name, value in headers:
        values.setdefault(name.lower(), []).append(" ".join(value.strip().split()))
    missing = [h for h in signed if h not in values]
    if missing:
        raise SignatureError("IncompleteSignatureException", f"signed headers missing from the request: {missing}")
    canonical_headers = "".join(f"{h}:{','.join(values[h])}\n" for h in signed)
    return "\n".join(
        [
            method.upper(),
            quote(raw_path or "/", safe="/~"),
            canonical_query(raw_query),
            canonical_headers,
            ";".join(signed),
            payload_hash,
        ]
    )


def verify(
    *,
    method: str,
    raw_path: str,
    raw_query: str,
    headers: Sequence[tuple[str, str]],
    body: bytes,
    secrets: Mapping[str, str],
    max_skew_s: int = 900,
    now: dt.datetime | None = None,
    services: Collection[str] | None = None,
    regions: Collection[str] | None = None,
    allow_unsigned_payload: bool = False,
) -> str:
    """Check the request's SigV4 signature; return the access key id or raise :class:`SignatureError`.

    Beyond the signature itself: ``host`` (and ``x-amz-target`` when the request has one) must be among the
    signed headers, so neither can be changed after signing; the body's hash is always checked
    (``UNSIGNED-PAYLOAD`` only where ``allow_unsigned_payload``); and the credential scope must name one of
    ``services`` and ``regions`` (when given)."""
    lower = {k.lower(): v for k, v in headers}
    auth = lower.get("authorization")
    if not auth:
        raise SignatureError("MissingAuthenticationTokenException", "the request is not signed (no Authorization header)")
    match = _AUTH_RE.match(auth.strip())
    if not match:
        raise SignatureError("IncompleteSignatureException", f"the Authorization header is not {ALGORITHM} SigV4")
    cred_parts = match["cred"].split("/")
    if len(cred_parts) != 5 or cred_parts[4] != "aws4_request":
        raise SignatureError("IncompleteSignatureException", "the credential scope is malformed")
    key_id, date, region, service, _ = cred_parts
    if services is not None and service not in services:
        raise SignatureError(
            "InvalidSignatureException", f"the credential scope names service {service!r}, which this endpoint is not"
        )
    if regions is not None and region not in regions:
        raise SignatureError("InvalidSignatureException", f"the credential scope names region {region!r}, not served here")
    secret = secrets.get(key_id)
    if secret is None:
        raise SignatureError("UnrecognizedClientException", "the security token included in the request is invalid")

    amz_date = lower.get("x-amz-date", "")
    try:
        when = dt.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
    except ValueError:
        raise SignatureError("IncompleteSignatureException", "X-Amz-Date is missing or not YYYYMMDDTHHMMSSZ") from None
    now = now or dt.datetime.now(dt.UTC)
    if abs((now - when).total_seconds()) > max_skew_s:
        raise SignatureError("InvalidSignatureException", "signature expired: X-Amz-Date is too far from the server time")
    if not amz_date.startswith(date):
        raise SignatureError("InvalidSignatureException", "the credential date does not match X-Amz-Date")

    body_hash = hashlib.sha256(body).hexdigest()
    payload_hash = lower.get("x-amz-content-sha256") or body_hash
    if payload_hash == "UNSIGNED-PAYLOAD" and not allow_unsigned_payload:
        raise SignatureError("InvalidSignatureException", "UNSIGNED-PAYLOAD is not accepted here: sign the body")
    if payload_hash != "UNSIGNED-PAYLOAD" and payload_hash != body_hash:
        raise SignatureError("InvalidSignatureException", "the body does not match X-Amz-Content-Sha256")
    signed = match["signed"].split(";")
    must_sign = ["host"] + (["x-amz-target"] if "x-amz-target" in lower else [])
    unsigned = [h for h in must_sign if h not in signed]
    if unsigned:
        raise SignatureError("IncompleteSignatureException", f"these headers must be signed: {', '.join(unsigned)}")
    creq = canonical_request(method, raw_path, raw_query, headers, signed, payload_hash)
    scope = f"{date}/{region}/{service}/aws4_request"
    to_sign = "\n".join([ALGORITHM, amz_date, scope, hashlib.sha256(creq.encode("utf-8")).hexdigest()])
    expected = hmac.new(signing_key(secret, date, region, service), to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, match["sig"]):
        raise SignatureError(
            "InvalidSignatureException",
            "the request signature we calculated does not match the signature you provided; check your secret key",
        )
    return key_id
