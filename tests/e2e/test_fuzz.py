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


polly_bodies = st.fixed_dictionaries(
    {},
    optional={
        "Text": st.sampled_from(["Hello there.", "<speak>Hi <break time='1s'/> you</speak>", "<speak>bad", ""])
        | st.text(max_size=80) | json_values,
        "VoiceId": st.sampled_from(["Joey", "Matthew", "Hans", "Nobody"]) | json_values,
        "OutputFormat": st.sampled_from(["mp3", "pcm", "ogg_opus", "ogg_vorbis", "json", "wav"]) | json_values,
        "TextType": st.sampled_from(["text", "ssml", "html"]) | json_values,
        "SampleRate": st.sampled_from(["8000", "16000", "22050", "44100", "abc"]) | json_values,
        "SpeechMarkTypes": st.lists(st.sampled_from(["word", "sentence", "ssml", "viseme", "x"]), max_size=3)
        | json_values,
        "LexiconNames": st.lists(st.text(max_size=12), max_size=3) | json_values,
        "Engine": st.sampled_from(["standard", "neural", "turbo"]) | json_values,
    },
)


@given(body=polly_bodies)
@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_polly_never_returns_5xx(server_url: str, body: dict[str, object]) -> None:
    r = httpx.post(server_url + "/v1/speech", content=json.dumps(body), timeout=60)
    assert r.status_code < 500, f"{body!r} -> {r.status_code}: {r.text[:300]}"
    if r.status_code >= 400:
        assert r.headers["x-amzn-errortype"] and r.json()["message"]


transcribe_bodies = st.fixed_dictionaries(
    {"TranscriptionJobName": st.text(min_size=1, max_size=20) | json_values},
    optional={
        "Media": st.fixed_dictionaries({"MediaFileUri": st.sampled_from(["s3://b/k.wav", "s3://b/../x", "x"])
                                        | json_values}) | json_values,
        "LanguageCode": st.sampled_from(["en-US", "xx", ""]) | json_values,
        "IdentifyLanguage": st.booleans() | json_values,
        "LanguageOptions": st.lists(st.sampled_from(["en-US", "de-DE", "zz"]), max_size=3) | json_values,
        "Subtitles": st.fixed_dictionaries({}, optional={"Formats": st.lists(st.sampled_from(["srt", "vtt", "x"])),
                                                         "OutputStartIndex": st.integers(-1, 3) | json_values}),
        "Settings": st.fixed_dictionaries({}, optional={"VocabularyName": st.text(max_size=10) | json_values}),
        "OutputKey": st.sampled_from(["a/", "../x", "out.json"]) | json_values,
    },
)


@given(body=transcribe_bodies)
@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_transcribe_start_never_returns_5xx(server_url: str, body: dict[str, object]) -> None:
    r = httpx.post(
        server_url + "/", content=json.dumps(body), timeout=30,
        headers={"X-Amz-Target": "Transcribe.StartTranscriptionJob", "Content-Type": "application/x-amz-json-1.1"},
    )
    assert r.status_code < 500, f"{body!r} -> {r.status_code}: {r.text[:300]}"


def _b64(data: bytes) -> str:
    import base64

    return base64.b64encode(data).decode()


image_members = (
    st.fixed_dictionaries({}, optional={
        "Bytes": st.sampled_from([_b64(b""), _b64(b"\xff\xd8\xff\xe0garbage"), _b64(b"%PDF-1.4 x"), "not base64!"])
        | st.binary(max_size=64).map(_b64) | json_values,
        "S3Object": st.fixed_dictionaries({}, optional={
            "Bucket": st.sampled_from(["b", "", "../x"]) | json_values,
            "Name": st.sampled_from(["a.png", "../../etc/passwd", "", "/abs"]) | json_values,
        }) | json_values,
    })
    | json_values
)
vision_targets = ["RekognitionService.DetectLabels", "RekognitionService.DetectFaces", "RekognitionService.DetectText",
                  "Textract.DetectDocumentText", "Textract.StartDocumentTextDetection",
                  "Textract.GetDocumentTextDetection"]


@given(
    target=st.sampled_from(vision_targets), image=image_members,
    extra=st.fixed_dictionaries({}, optional={
        "MaxLabels": json_values, "MinConfidence": json_values, "Attributes": json_values, "Filters": json_values,
        "JobId": json_values, "MaxResults": json_values, "NextToken": json_values, "OutputConfig": json_values,
    }),
)
@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_vision_targets_never_return_5xx(server_url: str, target: str, image: object, extra: dict[str, object]) -> None:
    field = "Image" if target.startswith("Rekognition") else "Document"
    body = {field: image, "DocumentLocation": {"S3Object": image}, **extra}
    r = httpx.post(
        server_url + "/", content=json.dumps(body), timeout=60,
        headers={"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"},
    )
    assert r.status_code < 500, f"{target} {body!r} -> {r.status_code}: {r.text[:300]}"
