"""Comprehend custom classification on the AWS surface: document classifiers, endpoints, ClassifyDocument
(the classification jobs are in comprehend_jobs.py), in botocore's shapes."""

from __future__ import annotations

from typing import Any

from gateway.aws.comprehend import PREFIX
from gateway.aws.protocol import AwsError, is_token, operation, require
from services import ACCOUNT
from services.comprehend.classifiers import (
    CLASSIFIER,
    ENDPOINT,
    MAX_TEXT_BYTES,
    MULTI_CLASS,
    STATUS,
    Classifiers,
    prediction,
)
from services.resources import ACTIVE, Resource


def _classifiers(state: Any) -> Classifiers:
    return state.classifiers


def classifier_properties(c: Resource) -> dict[str, Any]:
    p = c.params
    out: dict[str, Any] = {
        "DocumentClassifierArn": c.arn, "LanguageCode": p["language"], "Status": STATUS[c.status],
        "SubmitTime": c.created_at, "Mode": p["mode"],
        "DataAccessRoleArn": p.get("role_arn") or f"arn:aws:iam::{ACCOUNT}:role/cirrus",
        "InputDataConfig": {"S3Uri": p["input_uri"], "DataFormat": "COMPREHEND_CSV",
                            **({"TestS3Uri": p["test_uri"]} if p.get("test_uri") else {}),
                            **({"LabelDelimiter": p["delimiter"]} if p["mode"] != MULTI_CLASS else {})},
    }
    if c.message:
        out["Message"] = c.message
    if c.status in (ACTIVE, "CREATE_FAILED"):
        out["EndTime"] = out["TrainingEndTime"] = c.updated_at
        out["TrainingStartTime"] = c.created_at
    if c.status == ACTIVE:
        s = c.state
        out["ClassifierMetadata"] = {"NumberOfLabels": len(s["labels"]), "NumberOfTrainedDocuments": s["trained"],
                                     "NumberOfTestDocuments": s["tested"], "EvaluationMetrics": s["metrics"]}
    return out


def endpoint_properties(e: Resource) -> dict[str, Any]:
    return {"EndpointArn": e.arn, "Status": "IN_SERVICE", "ModelArn": e.params["classifier"],
            "DesiredModelArn": e.params["classifier"], "DesiredInferenceUnits": e.params["units"],
            "CurrentInferenceUnits": e.params["units"], "CreationTime": e.created_at,
            "LastModifiedTime": e.updated_at}


def _page(payload: dict[str, Any], items: list[Any]) -> tuple[list[Any], str | None]:
    limit = payload.get("MaxResults") or 100
    token = payload.get("NextToken") or "0"
    if not is_token(token):
        raise AwsError("InvalidRequestException", "NextToken must be one this service returned")
    start = int(token)
    return items[start:start + limit], (str(start + limit) if start + limit < len(items) else None)


@operation(PREFIX, "CreateDocumentClassifier")
async def create_document_classifier(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    config = require(payload, "InputDataConfig", dict)
    if config.get("DataFormat", "COMPREHEND_CSV") != "COMPREHEND_CSV":
        raise AwsError("InvalidRequestException", "only DataFormat COMPREHEND_CSV (label,text lines) is supported")
    params = {"input_uri": require(config, "S3Uri", str), "test_uri": config.get("TestS3Uri"),
              "mode": payload.get("Mode") or MULTI_CLASS, "delimiter": config.get("LabelDelimiter") or "|",
              "role_arn": require(payload, "DataAccessRoleArn", str)}
    c = _classifiers(state).create(require(payload, "DocumentClassifierName", str),
                                   require(payload, "LanguageCode", str), params)
    return {"DocumentClassifierArn": c.arn}


@operation(PREFIX, "DescribeDocumentClassifier")
async def describe_document_classifier(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    c = _classifiers(state).get(require(payload, "DocumentClassifierArn", str))
    return {"DocumentClassifierProperties": classifier_properties(c)}


@operation(PREFIX, "ListDocumentClassifiers")
async def list_document_classifiers(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    wanted = (payload.get("Filter") or {}).get("Status")
    found = [c for c in _classifiers(state).store.list(CLASSIFIER) if wanted in (None, STATUS[c.status])]
    page, token = _page(payload, found)
    return {"DocumentClassifierPropertiesList": [classifier_properties(c) for c in page],
            **({"NextToken": token} if token else {})}


@operation(PREFIX, "StopTrainingDocumentClassifier")
async def stop_training_document_classifier(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    """A classifier still SUBMITTED or TRAINING becomes STOPPED; a trained or failed one is left as it is."""
    classifiers = _classifiers(state)
    c = classifiers.get(require(payload, "DocumentClassifierArn", str))
    await classifiers.store.stop(c.arn)
    return {}


@operation(PREFIX, "DeleteDocumentClassifier")
async def delete_document_classifier(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    classifiers = _classifiers(state)
    c = classifiers.get(require(payload, "DocumentClassifierArn", str))
    classifiers.store.delete(c.arn, CLASSIFIER)  # ResourceInUse while an endpoint uses it
    return {}


@operation(PREFIX, "CreateEndpoint")
async def create_endpoint(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    model = require(payload, "ModelArn", str)
    e = _classifiers(state).create_endpoint(require(payload, "EndpointName", str), model,
                                            require(payload, "DesiredInferenceUnits", int))
    return {"EndpointArn": e.arn, "ModelArn": model}


@operation(PREFIX, "DescribeEndpoint")
async def describe_endpoint(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    return {"EndpointProperties": endpoint_properties(_classifiers(state).endpoint(require(payload, "EndpointArn", str)))}


@operation(PREFIX, "ListEndpoints")
async def list_endpoints(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    page, token = _page(payload, _classifiers(state).store.list(ENDPOINT))
    return {"EndpointPropertiesList": [endpoint_properties(e) for e in page], **({"NextToken": token} if token else {})}


@operation(PREFIX, "UpdateEndpoint")
async def update_endpoint(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    classifiers = _classifiers(state)
    e = classifiers.endpoint(require(payload, "EndpointArn", str))
    params = dict(e.params)
    if payload.get("DesiredModelArn"):
        new = classifiers.get(payload["DesiredModelArn"])
        if new.status != ACTIVE:
            raise AwsError("ResourceUnavailableException", f"classifier {new.arn} is not TRAINED")
        params["classifier"] = new.arn
    if payload.get("DesiredInferenceUnits"):
        params["units"] = payload["DesiredInferenceUnits"]
    classifiers.store.update(e.arn, params=params, depends_on=[params["classifier"]])
    return {"DesiredModelArn": params["classifier"]}


@operation(PREFIX, "DeleteEndpoint")
async def delete_endpoint(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    classifiers = _classifiers(state)
    classifiers.store.delete(classifiers.endpoint(require(payload, "EndpointArn", str)).arn, ENDPOINT)
    return {}


@operation(PREFIX, "ClassifyDocument")
async def classify_document(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    if payload.get("Bytes"):
        raise AwsError("InvalidRequestException", "document Bytes are not supported; send Text")
    text = require(payload, "Text", str)
    if not text.strip():
        raise AwsError("InvalidRequestException", "Text is empty")
    if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise AwsError("TextSizeLimitExceededException", f"Text is over {MAX_TEXT_BYTES} UTF-8 bytes")
    classifiers = _classifiers(state)
    endpoint = classifiers.endpoint(require(payload, "EndpointArn", str))
    classifier = classifiers.get(endpoint.params["classifier"])
    (ranked,) = await classifiers.classify(classifier.arn, [text])
    return prediction(classifier.params["mode"], ranked)
