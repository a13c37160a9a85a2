"""Hole 3's battery: every AWS operation of every service Cirrus serves, fuzzed from botocore's own input
shapes. Each operation gets a plausible body, then that body with one member at a time made the wrong JSON
type, out of range, too long or too deep. No request may get a 5xx, a wrong JSON type is never accepted
with a 2xx, and every error names its AWS type and a message."""

from __future__ import annotations

import json
import random
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from botocore.model import OperationModel, Shape

from cirrus.settings import Settings
from gateway.app import create_app
from gateway.aws import shapes

WRONG: dict[str, list[Any]] = {
    "string": [12345, ["x"], {"a": 1}, True],
    "integer": ["abc", 1.5, [1], 10**30],
    "long": ["abc", 1.5, [1], 10**30],
    "float": ["abc", [1.0], {"x": 1}],
    "double": ["abc", [1.0], {"x": 1}],
    "boolean": ["yes", 2, [True]],
    "list": ["x", {"a": 1}, 5],
    "map": [[1], "x", 5],
    "structure": ["x", [1], 5],
    "blob": [5, ["aGk="], {"a": 1}],
    "timestamp": [[1], {"a": 1}, True],
}
ODD: dict[str, list[Any]] = {  # the right JSON type, hostile values: must never be a 5xx
    "string": ["", "../../../../etc/passwd", "\x00\ud7ff" * 3, "9" * 25],
    "integer": [-1, 0, 2**63, -(2**63) - 1],
    "long": [-1, 0, 2**63],
    "float": [-1e308, 1e308, 0.0],
    "double": [-1e308, 1e308],
    "blob": ["!!not base64!!", ""],
    "timestamp": ["yesterday", -1, 1e15],
    "list": [[], [None]],
    "map": [{}],
}


def _sample(shape: Shape, depth: int = 0) -> Any:
    """A plausible value of ``shape``: required members only below the top, the smallest valid sizes."""
    kind = shape.type_name
    if kind == "structure":
        names = [n for n, m in shape.members.items() if m.serialization.get("location") is None]
        chosen = names if depth == 0 else [n for n in names if n in shape.required_members]
        return {n: _sample(shape.members[n], depth + 1) for n in chosen if depth < 6}
    if kind == "list":
        return [_sample(shape.member, depth + 1)] * max(1, shape.metadata.get("min", 1)) if depth < 6 else []  # type: ignore[attr-defined]
    if kind == "map":
        return {"key": _sample(shape.value, depth + 1)} if depth < 6 else {}  # type: ignore[attr-defined]
    if kind == "string":
        if shape.enum:
            return shape.enum[0]
        return "a" * max(1, shape.metadata.get("min", 1))
    if kind in ("integer", "long"):
        return int(shape.metadata.get("min", 1))
    if kind in ("float", "double"):
        return float(shape.metadata.get("min", 1))
    if kind == "boolean":
        return True
    if kind == "blob":
        return "aGk="
    if kind == "timestamp":
        return 1_700_000_000
    return {}


def _variants(op: OperationModel, rng: random.Random, most: int) -> Iterator[tuple[dict[str, Any], bool]]:
    """(body, must_fail): the plausible body, then one member at a time mutated (top level and one below)."""
    base = _sample(op.input_shape) if op.input_shape is not None else {}
    yield base, False
    out: list[tuple[dict[str, Any], bool]] = []
    shape = op.input_shape
    if shape is None:
        return
    for name, member in shape.members.items():
        if member.serialization.get("location") is not None:
            continue
        paths = [((name,), member)]
        if member.type_name == "structure":
            paths += [((name, sub), s) for sub, s in member.members.items()]
        for path, target in paths:
            for value in WRONG.get(target.type_name, []):
                out.append((_put(base, path, value), True))
            for value in ODD.get(target.type_name, []):
                out.append((_put(base, path, value), False))
            high = target.metadata.get("max")
            if target.type_name == "string" and high is not None and high < 100_000:
                out.append((_put(base, path, "a" * (int(high) + 1)), True))
            if target.type_name in ("integer", "long") and high is not None:
                out.append((_put(base, path, int(high) + 1), True))
    rng.shuffle(out)
    yield from out[:most]


def _put(body: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    copy = json.loads(json.dumps(body))
    node = copy
    for key in path[:-1]:
        node = node.setdefault(key, {}) if isinstance(node.get(key), dict) or key not in node else {}
    node[path[-1]] = value
    return copy


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def fuzz_client(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("fuzz")))
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        yield c


def _check(r: httpx.Response, what: str, must_fail: bool) -> None:
    assert r.status_code < 500, f"{what} -> {r.status_code}: {r.text[:300]}"
    if must_fail:
        assert r.status_code >= 400, f"{what} was accepted with {r.status_code}: {r.text[:300]}"
    if r.status_code >= 400:
        error_type = r.headers.get("x-amzn-errortype") or r.json().get("__type")
        assert error_type and r.json().get("message"), f"{what} -> {r.text[:300]}"


async def test_every_json_target_from_its_shape(fuzz_client: httpx.AsyncClient) -> None:
    rng = random.Random(11)
    count = 0
    for target, op in sorted(shapes.targets().items()):
        for body, must_fail in _variants(op, rng, most=12):
            r = await fuzz_client.post("/", content=json.dumps(body), timeout=120,
                                       headers={"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"})
            _check(r, f"{target} {json.dumps(body)[:300]}", must_fail)
            count += 1
    assert count > 2000  # every target of ten services, many variants each


async def test_every_rest_operation_from_its_shape(fuzz_client: httpx.AsyncClient) -> None:
    rng = random.Random(12)
    for service in ("polly", "personalize-runtime"):
        model = shapes.service_models()[service]
        for name in model.operation_names:
            op = model.operation_model(name)
            path = re.sub(r"\{([^}+]+)\+?\}", "probe", op.http["requestUri"].split("?")[0])
            for body, must_fail in _variants(op, rng, most=12):
                method = op.http["method"]
                content = json.dumps(body) if method in ("POST", "PUT") else None
                r = await fuzz_client.request(method, path, content=content, timeout=120)
                if r.status_code in (404, 405) and "__type" not in r.text:
                    break  # an operation Cirrus does not route: nothing to fuzz
                _check(r, f"{name} {method} {path} {str(body)[:300]}", must_fail and content is not None)


@pytest.mark.parametrize("raw", [
    "[" * 100_000 + "]" * 100_000,
    '{"a": ' + "9" * 5000 + "}",
    '{"a": 1e400}',
    '{"a": "\\ud800"}',
    "\xff\xfe{}",
    "",
])
async def test_raw_bodies_on_every_service(fuzz_client: httpx.AsyncClient, raw: str) -> None:
    seen = set()
    for target in sorted(shapes.targets()):
        prefix = target.split(".")[0]
        if prefix in seen:
            continue
        seen.add(prefix)
        r = await fuzz_client.post("/", content=raw.encode("utf-8", "surrogatepass"), timeout=30,
                                   headers={"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"})
        _check(r, f"{target} {raw[:40]!r}", must_fail=raw not in ("",))
