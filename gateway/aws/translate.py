"""Amazon Translate on the AWS surface (``AWSShineFrontendService_20170701.*``): real-time text and
documents, languages and custom terminology, in botocore's shapes."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from gateway.aws.protocol import SERVICE_AWS_TYPES, AwsError, decode_base64, is_token, operation, require
from services.translate.service import LANGUAGE_NAMES, Settings, Translation, Translator, applied_terminologies

PREFIX = "AWSShineFrontendService_20170701"

SERVICE_AWS_TYPES[PREFIX] = {
    "invalid_request": "InvalidRequestException",
    "validation_error": "InvalidRequestException",
    "invalid_s3_object": "InvalidRequestException",
    "text_size_limit_exceeded": "TextSizeLimitExceededException",
    "unsupported_language": "UnsupportedLanguagePairException",
    "unsupported_language_pair": "UnsupportedLanguagePairException",
    "detected_language_low_confidence": "DetectedLanguageLowConfidenceException",
    "unsupported_settings": "UnsupportedSettingsException",
    "invalid_parameter": "InvalidParameterValueException",
    "limit_exceeded": "LimitExceededException",
    "not_found": "ResourceNotFoundException",
    "job_not_found": "ResourceNotFoundException",
    "busy": "TooManyRequestsException",
    "model_not_ready": "ServiceUnavailableException",
    "internal_error": "InternalServerException",
}


def translator(state: Any) -> Translator:
    return state.translate


def settings_of(payload: dict[str, Any]) -> Settings:
    raw = payload.get("Settings") or {}
    if not isinstance(raw, dict):
        raise AwsError("InvalidRequestException", "Settings must be an object")
    for key in ("Formality", "Profanity", "Brevity"):
        if raw.get(key) is not None and not isinstance(raw[key], str):
            raise AwsError("InvalidRequestException", f"Settings.{key} must be a string")
    return Settings(formality=raw.get("Formality"), profanity=raw.get("Profanity"), brevity=raw.get("Brevity"))


def names_of(payload: dict[str, Any], field: str = "TerminologyNames") -> list[str]:
    names = payload.get(field) or []
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise AwsError("InvalidRequestException", f"{field} must be a list of names")
    return names


async def blob(value: Any, field: str) -> bytes:
    if not isinstance(value, str):
        raise AwsError("InvalidRequestException", f"{field} must be base64 data")
    try:
        return await decode_base64(value)
    except (binascii.Error, ValueError):
        raise AwsError("SerializationException", f"{field} is not valid base64") from None


def result_shape(t: Translation) -> dict[str, Any]:
    out: dict[str, Any] = {"SourceLanguageCode": t.source, "TargetLanguageCode": t.target}
    applied = applied_terminologies(t.applied_terminologies)
    if applied:
        out["AppliedTerminologies"] = applied
    if t.settings.applied():
        out["AppliedSettings"] = t.settings.applied()
    return out


@operation(PREFIX, "TranslateText")
async def translate_text(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    t = await translator(state).translate_text(
        require(payload, "Text", str), require(payload, "SourceLanguageCode", str),
        require(payload, "TargetLanguageCode", str), names_of(payload), settings_of(payload),
    )
    return {"TranslatedText": t.text, **result_shape(t)}


@operation(PREFIX, "TranslateDocument")
async def translate_document(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    document = require(payload, "Document", dict)
    t = await translator(state).translate_document(
        await blob(require(document, "Content", str), "Document.Content"), require(document, "ContentType", str),
        require(payload, "SourceLanguageCode", str), require(payload, "TargetLanguageCode", str),
        names_of(payload), settings_of(payload),
    )
    return {"TranslatedDocument": {"Content": base64.b64encode(t.text.encode()).decode()}, **result_shape(t)}


@operation(PREFIX, "ListLanguages")
async def list_languages(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    display = payload.get("DisplayLanguageCode") or "en"
    if display != "en":
        raise AwsError("UnsupportedDisplayLanguageCodeException", f"language names are available in en, not {display!r}")
    codes = translator(state).languages()
    start, limit = _page(payload)
    out: dict[str, Any] = {
        "Languages": [{"LanguageName": LANGUAGE_NAMES.get(c, c), "LanguageCode": c} for c in codes[start : start + limit]],
        "DisplayLanguageCode": display,
    }
    if start + limit < len(codes):
        out["NextToken"] = str(start + limit)
    return out


def _page(payload: dict[str, Any]) -> tuple[int, int]:
    limit = payload.get("MaxResults") or 100
    token = payload.get("NextToken") or "0"
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 500 or not is_token(token):
        raise AwsError("InvalidParameterValueException", "MaxResults must be 1-500 and NextToken one we returned")
    return int(token), limit


def terminology_shape(t: dict[str, Any]) -> dict[str, Any]:
    out = {
        "Name": t["name"], "Arn": t["arn"], "SourceLanguageCode": t["languages"][0],
        "TargetLanguageCodes": t["languages"][1:], "SizeBytes": t["size"], "TermCount": len(t["rows"]),
        "SkippedTermCount": t["skipped"], "CreatedAt": t["created_at"], "LastUpdatedAt": t["updated_at"],
        "Directionality": t["directionality"], "Format": t["format"],
    }
    if t.get("description"):
        out["Description"] = t["description"]
    return out


def data_location(name: str) -> dict[str, str]:
    return {"RepositoryType": "S3", "Location": f"/v1/translate/terminologies/{name}/file"}


@operation(PREFIX, "ImportTerminology")
async def import_terminology(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    name = require(payload, "Name", str)
    if require(payload, "MergeStrategy", str) != "OVERWRITE":
        raise AwsError("InvalidParameterValueException", "MergeStrategy must be OVERWRITE")
    data = require(payload, "TerminologyData", dict)
    t = translator(state).terminologies.import_(
        name, await blob(require(data, "File", str), "TerminologyData.File"), require(data, "Format", str),
        data.get("Directionality") or "UNI", payload.get("Description"),
    )
    return {"TerminologyProperties": terminology_shape(t)}


@operation(PREFIX, "GetTerminology")
async def get_terminology(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    t = translator(state).terminologies.get(require(payload, "Name", str))
    return {"TerminologyProperties": terminology_shape(t), "TerminologyDataLocation": data_location(t["name"])}


@operation(PREFIX, "ListTerminologies")
async def list_terminologies(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    found = translator(state).terminologies.list()
    start, limit = _page(payload)
    out: dict[str, Any] = {"TerminologyPropertiesList": [terminology_shape(t) for t in found[start : start + limit]]}
    if start + limit < len(found):
        out["NextToken"] = str(start + limit)
    return out


@operation(PREFIX, "DeleteTerminology")
async def delete_terminology(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    translator(state).terminologies.delete(require(payload, "Name", str))
    return {}
