"""Fuzzing: schemathesis over /openapi.json, and hypothesis over the AWS surface. No input may get a 5xx."""

from __future__ import annotations

import json

import httpx
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gateway.aws.protocol import TARGETS


def test_rest_api_never_returns_5xx(server_url: str) -> None:
    schema = schemathesis.openapi.from_url(f"{server_url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8  # every route of the schema is fuzzed
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: schemathesis.Case) -> None:
            response = case.call(timeout=30)
            assert response.status_code < 500, f"{case.method} {case.path} -> {response.status_code}: {response.text[:500]}"

        check()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=10,
)
aws_bodies = st.fixed_dictionaries(
    {},
    optional={
        "Text": st.text(max_size=200) | json_values,
        "TextList": st.lists(st.text(max_size=50), max_size=30) | json_values,
        "LanguageCode": st.sampled_from(["en", "fr", "de", "xx", ""]) | json_values,
    },
)


@given(target=st.sampled_from(sorted(TARGETS)), body=aws_bodies)
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_aws_surface_never_returns_5xx(server_url: str, target: str, body: dict[str, object]) -> None:
    r = httpx.post(
        server_url + "/", content=json.dumps(body),
        headers={"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"}, timeout=30,
    )
    assert r.status_code < 500, f"{target} {body!r} -> {r.status_code}: {r.text[:300]}"
    if r.status_code >= 400:
        assert r.json()["__type"] and r.json()["message"]
