"""Every AWS request checked against botocore's own input shape, in one place.

botocore ships the exact service models the SDKs are generated from. Before a handler runs, the parsed
body is walked against its operation's input shape: JSON types (a list where a string belongs), required
members, string and list lengths, number ranges, and enums
(except the open ones Cirrus extends: language codes and voice ids). ``null`` members are dropped, as
AWS treats them as absent. Constraint failures use AWS's wording ("1 validation error detected: Value
... at '...' failed to satisfy constraint: ...") and each service's own validation exception. A handler
only ever sees values of the right type, so a wrong type cannot reach ``int()`` or the database.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

from botocore.loaders import create_loader
from botocore.model import OperationModel, ServiceModel, Shape

# The botocore services Cirrus serves (JSON 1.1 targets and REST-JSON routes).
SERVICES = (
    "comprehend", "rekognition", "textract", "translate", "transcribe", "polly",
    "forecast", "forecastquery", "personalize", "personalize-runtime",
)
# Enums Cirrus extends on purpose: more languages than AWS lists, and voices a user adds as model cards.
OPEN_ENUMS = re.compile(r"LanguageCode|Language$|VoiceId")


class ShapeError(Exception):
    """``kind`` is 'serialization' (a wrong JSON type) or 'validation' (a constraint)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind, self.message = kind, message


@lru_cache
def service_models() -> dict[str, ServiceModel]:
    loader = create_loader()
    return {name: ServiceModel(loader.load_service_model(name, "service-2"), name) for name in SERVICES}


@lru_cache
def targets() -> dict[str, OperationModel]:
    """``X-Amz-Target`` value -> operation, for every JSON service we serve."""
    out: dict[str, OperationModel] = {}
    for model in service_models().values():
        prefix = model.metadata.get("targetPrefix")
        if prefix:
            out.update({f"{prefix}.{op}": model.operation_model(op) for op in model.operation_names})
    return out


def signing_names() -> set[str]:
    return {m.signing_name or m.endpoint_prefix for m in service_models().values()}


def _uri_regex(request_uri: str) -> re.Pattern[str]:
    path = request_uri.split("?", 1)[0]
    parts = re.split(r"(\{[^}]+\})", path)
    body = "".join(("[^/]+" if p.startswith("{") else re.escape(p)) for p in parts if p)
    return re.compile(f"^{body}$")


@lru_cache
def _rest_routes() -> list[tuple[str, re.Pattern[str], OperationModel]]:
    routes = []
    for model in service_models().values():
        if model.protocol != "rest-json":
            continue
        for name in model.operation_names:
            op = model.operation_model(name)
            routes.append((op.http["method"], _uri_regex(op.http["requestUri"]), op))
    return routes


def rest_operation(method: str, path: str) -> OperationModel | None:
    """The REST-JSON operation a method and path call (Polly, the Personalize runtime), if any."""
    return next((op for m, rx, op in _rest_routes() if m == method and rx.match(path)), None)


def error_status(model: ServiceModel, aws_type: str) -> int | None:
    """The HTTP status the service's model gives an error (Polly's LexiconNotFoundException is 404)."""
    for shape in model.error_shapes:
        if shape.name == aws_type:
            return shape.metadata.get("error", {}).get("httpStatusCode")
    return None


def _constraint(value: Any, where: str, rule: str) -> ShapeError:
    shown = str(value) if not isinstance(value, str) else value
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return ShapeError(
        "validation",
        f"1 validation error detected: Value '{shown}' at '{where}' failed to satisfy constraint: Member must {rule}",
    )


def _wrong_type(where: str, expected: str) -> ShapeError:
    return ShapeError("serialization", f"1 validation error detected: {where or 'the request'} must be {expected}")


def _check_size(shape: Shape, value: Any, size: int, where: str, what: str) -> None:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if low is not None and size < low:
        raise _constraint(value, where, f"have {what} greater than or equal to {low}")
    if high is not None and size > high:
        raise _constraint(value, where, f"have {what} less than or equal to {high}")


def _check_range(shape: Shape, value: float, where: str) -> None:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if low is not None and value < low:
        raise _constraint(value, where, f"have value greater than or equal to {low}")
    if high is not None and value > high:
        raise _constraint(value, where, f"have value less than or equal to {high}")


def check(shape: Shape, value: Any, where: str = "") -> Any:
    """``value`` checked against ``shape``; structures come back without their null members."""
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            raise _wrong_type(where, "an object")
        out = {k: v for k, v in value.items() if v is not None}
        for name in shape.required_members:
            if name not in out and shape.members[name].serialization.get("location") is None:
                raise _constraint("null", f"{where}.{name}".lstrip("."), "not be null")
        for name, member in shape.members.items():
            if name in out and member.serialization.get("location") is None:
                out[name] = check(member, out[name], f"{where}.{name}".lstrip("."))
        return out
    if kind == "list":
        if not isinstance(value, list):
            raise _wrong_type(where, "a list")
        _check_size(shape, value, len(value), where, "length")
        return [check(shape.member, item, f"{where}.{i + 1}") for i, item in enumerate(value)]  # type: ignore[attr-defined]
    if kind == "map":
        if not isinstance(value, dict):
            raise _wrong_type(where, "an object (a map)")
        _check_size(shape, value, len(value), where, "length")
        return {check(shape.key, k, f"{where}.key"): check(shape.value, v, f"{where}.{k}")  # type: ignore[attr-defined]
                for k, v in value.items()}
    if kind == "string":
        if not isinstance(value, str):
            raise _wrong_type(where, "a string")
        _check_size(shape, value, len(value), where, "length")
        enum = shape.enum
        if enum and value not in enum and not OPEN_ENUMS.search(shape.name):
            raise _constraint(value, where, f"satisfy enum value set: [{', '.join(enum)}]")
        return value
    if kind in ("integer", "long"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise _wrong_type(where, "an integer")
        _check_range(shape, value, where)
        return value
    if kind in ("float", "double"):
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise _wrong_type(where, "a finite number")
        _check_range(shape, value, where)
        return value
    if kind == "boolean":
        if not isinstance(value, bool):
            raise _wrong_type(where, "true or false")
        return value
    if kind == "blob":
        if not isinstance(value, str):
            raise _wrong_type(where, "base64 data (a string)")
        return value
    if kind == "timestamp":
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise _wrong_type(where, "a timestamp (seconds or an ISO 8601 string)")
        return value
    return value  # document: any JSON


def check_input(op: OperationModel, payload: dict[str, Any]) -> dict[str, Any]:
    """The body of a call to ``op``, checked against its input shape."""
    return check(op.input_shape, payload) if op.input_shape is not None else payload


def check_query(op: OperationModel, query: Any) -> None:
    """A REST operation's query-string members: numbers must be numbers, within range; enums as above."""
    shape = op.input_shape
    if shape is None:
        return
    for name, member in shape.members.items():
        if member.serialization.get("location") != "querystring":
            continue
        raw = query.get(member.serialization.get("name", name))
        if raw is None:
            continue
        if member.type_name in ("integer", "long"):
            if not re.fullmatch(r"-?[0-9]{1,18}", raw):
                raise _wrong_type(name, "an integer")
            check(member, int(raw), name)
        else:
            check(member, raw, name)
