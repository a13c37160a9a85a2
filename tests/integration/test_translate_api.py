"""Translation through the native REST API, on Debian's Apertium pairs."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import httpx
import pytest

from models.translate.apertium import discover_pairs

pytestmark = pytest.mark.skipif(not discover_pairs(), reason="apertium pairs are installed by `make test`")


async def translate(client: httpx.AsyncClient, text: str, source: str = "en", target: str = "es", **extra: object):
    return await client.post(
        "/v1/translate/text", json={"text": text, "source_language": source, "target_language": target, **extra}
    )


async def test_auto_detects_english_and_translates_to_spanish(client: httpx.AsyncClient) -> None:
    r = await translate(client, "Hello, how are you? The weather is nice today.", source="auto")
    assert r.status_code == 200
    body = r.json()
    assert body["source_language"] == "en"
    assert body["translated_text"].startswith("Hola") and "hoy" in body["translated_text"]
    assert body["route"] == {"languages": ["en", "es"], "engines": ["translate-apertium-en-es"]}


async def test_no_direct_pair_pivots_and_says_so(client: httpx.AsyncClient) -> None:
    r = await translate(client, "The cat is black.", target="fr")
    assert r.status_code == 200
    assert r.json()["translated_text"] == "Le chat est noir."
    assert r.json()["route"]["languages"] == ["en", "es", "fr"]


async def test_languages_are_what_is_installed(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/translate/languages")
    codes = {lang["code"] for lang in r.json()["languages"]}
    assert {"en", "es", "fr", "ca", "gl", "pt", "it"} <= codes
    assert {"source": "en", "target": "es", "engine": "translate-apertium-en-es"} in r.json()["directions"]


async def test_terminology_overrides_what_the_engine_would_say(client: httpx.AsyncClient) -> None:
    plain = (await translate(client, "Cirrus is a cloud.")).json()["translated_text"]
    assert "nube" in plain  # what Apertium alone says for 'cloud'
    r = await client.put("/v1/translate/terminologies/brand", json={"file": "en,es\nCirrus,Cirro\ncloud,nubarrón\n"})
    assert r.status_code == 200 and r.json()["term_count"] == 2
    r = await translate(client, "Cirrus is a cloud. Clouds are not a Cloud.", terminology_names=["brand"])
    body = r.json()
    assert "Cirro" in body["translated_text"] and "nube" not in body["translated_text"].split(".")[0]
    assert "Nubarrón" in body["translated_text"]  # 'Cloud' matched by the lowercase term, case kept
    assert body["applied_terminologies"] == [{"name": "brand", "terms": [
        {"source_text": "Cirrus", "target_text": "Cirro"}, {"source_text": "cloud", "target_text": "nubarrón"},
        {"source_text": "Cloud", "target_text": "Nubarrón"}]}]
    file = await client.get("/v1/translate/terminologies/brand/file")
    assert file.text == "en,es\nCirrus,Cirro\ncloud,nubarrón\n"


async def test_a_malformed_terminology_stores_nothing(client: httpx.AsyncClient) -> None:
    r = await client.put("/v1/translate/terminologies/broken", json={"file": "en,es\nok,bien\nbad,row,extra\n"})
    assert r.status_code == 400 and "line 3" in r.json()["error"]["message"]
    assert (await client.get("/v1/translate/terminologies/broken")).status_code == 404
    r = await translate(client, "Hello.", terminology_names=["broken"])
    assert r.status_code == 404 and "no terminology named 'broken'" in r.json()["error"]["message"]


async def test_html_document_keeps_its_markup(client: httpx.AsyncClient) -> None:
    doc = ('<html><body><h1 id="t" title="The title">The house</h1>\n<p class="x">The cat is black. '
           'The dog is <b>big</b>.</p><img src="cat.png" alt="a cat"></body></html>')
    r = await client.post("/v1/translate/document", json={
        "text": doc, "content_type": "text/html", "source_language": "en", "target_language": "es"})
    assert r.status_code == 200
    out = r.json()["translated_text"]
    tags = re.compile(r"<[^>]+>")
    assert tags.findall(out) == tags.findall(doc)
    assert "El gato es negro." in out and ">La casa<" in out


@pytest.mark.parametrize(
    ("payload", "code", "fragment"),
    [
        ({"text": "Hello", "target_language": "de", "source_language": "en"}, "unsupported_language_pair", "en-es"),
        ({"text": "Taxi", "target_language": "es"}, "detected_language_low_confidence", "SourceLanguageCode"),
        ({"text": "a" * 10_001, "target_language": "es", "source_language": "en"}, "text_size_limit_exceeded", "10000"),
        ({"text": "Hello", "target_language": "es", "source_language": "en", "settings": {"formality": "FORMAL"}},
         "unsupported_settings", "Formality"),
        ({"text": "   ", "target_language": "es", "source_language": "en"}, "invalid_request", "empty"),
    ],
)
async def test_bad_requests_get_clear_400s(client: httpx.AsyncClient, payload: dict, code: str, fragment: str) -> None:
    r = await client.post("/v1/translate/text", json=payload)
    assert r.status_code == 400, r.text
    assert r.json()["error"]["code"] == code and fragment in r.json()["error"]["message"]


async def test_broken_html_is_a_400_naming_the_line(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/translate/document", json={
        "text": "<div>\n<p>Hi <b>there</div>", "content_type": "text/html", "source_language": "en",
        "target_language": "es"})
    assert r.status_code == 400 and "line 2" in r.json()["error"]["message"]


async def test_profanity_is_masked(client: httpx.AsyncClient) -> None:
    text = "This is shit and you are an asshole."
    plain = (await translate(client, text, target="en", source="en")).json()  # same language: unchanged
    assert plain["translated_text"] == text and plain["route"] is None
    r = await translate(client, "Esta mierda es buena.", source="es", target="en", settings={"profanity": "MASK"})
    assert r.json()["translated_text"].count("?$#@$") == 1 and "shit" not in r.json()["translated_text"]


async def test_batch_job_translates_every_file_into_every_target(
    client: httpx.AsyncClient, app: object, settings: object
) -> None:
    root = Path(settings.data_dir) / "buckets" / "docs-in"  # type: ignore[attr-defined]
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("The cat is black.\nThe house is big.")
    (root / "sub" / "b.txt").write_text("Good morning.")
    (root / "bad.txt").write_bytes(b"\xff\xfe not utf-8")
    r = await client.post("/v1/translate/jobs", json={
        "input_uri": "s3://docs-in/", "output_uri": "s3://docs-out/run", "source_language": "en",
        "target_languages": ["es", "fr"], "client_token": "tok-1"})
    assert r.status_code == 201, r.text
    job_id = r.json()["id"]
    for _ in range(200):
        job = (await client.get(f"/v1/jobs/{job_id}")).json()
        if job["state"] in ("COMPLETED", "FAILED"):
            break
        await asyncio.sleep(0.05)
    assert job["state"] == "COMPLETED" and job["items_total"] == 6 and job["items_failed"] == 2
    out = Path(settings.data_dir) / "buckets" / "docs-out" / "run" / f"000000000000-TranslateText-{job_id}"  # type: ignore[attr-defined]
    assert (out / "es.a.txt").read_text() == "El gato es negro.\nLa casa es grande."
    assert (out / "fr.a.txt").read_text().startswith("Le chat est noir.")
    assert (out / "sub" / "es.b.txt").read_text() == "Buenos días."
    details = json.loads((out / "details" / "es.auxiliary-translation-details.json").read_text())
    assert details["documentCountWithCustomerError"] == 1
    assert any(d["sourceFile"] == "bad.txt" and "UTF-8" in d["errorMessage"] for d in details["details"])
    again = await client.post("/v1/translate/jobs", json={
        "input_uri": "s3://docs-in/", "output_uri": "s3://docs-out/run", "source_language": "en",
        "target_languages": ["es", "fr"], "client_token": "tok-1"})
    assert again.json()["id"] == job_id  # the same client token is the same job


async def test_unpaired_surrogates_are_a_4xx_not_a_500(client: httpx.AsyncClient) -> None:
    bad = '"bad \\ud800 text"'
    r = await client.post("/v1/translate/text", content='{"text": ' + bad + ', "target_language": "es"}',
                          headers={"content-type": "application/json"})
    assert r.status_code == 422  # the REST schema refuses it
    r = await client.post("/", content='{"Text": ' + bad + ', "SourceLanguageCode": "en", "TargetLanguageCode": "es"}',
                          headers={"x-amz-target": "AWSShineFrontendService_20170701.TranslateText"})
    assert r.status_code == 400 and "unpaired surrogate" in r.json()["message"]
    assert r.json()["__type"] == "InvalidRequestException"


@pytest.mark.parametrize(
    ("operation", "body", "aws_type"),
    [
        ("TranslateText", {"Text": "Hi there", "SourceLanguageCode": "en", "TargetLanguageCode": "es",
                           "Settings": {"Formality": {}}}, "InvalidRequestException"),
        ("StartTextTranslationJob", {"InputDataConfig": {"S3Uri": "s3://abc/x", "ContentType": "text/plain"},
                                     "OutputDataConfig": {"S3Uri": "s3://abc/y"}, "DataAccessRoleArn": "r",
                                     "SourceLanguageCode": "en", "TargetLanguageCodes": [{}], "ClientToken": "t"},
         "InvalidRequestException"),
        ("ListTextTranslationJobs", {"Filter": {"JobName": {}}}, "InvalidRequestException"),  # a wrong type
        ("ListTextTranslationJobs", {"Filter": {"SubmittedAfterTime": "yesterday"}}, "InvalidFilterException"),
        ("TranslateDocument", {"Document": {"Content": "!!", "ContentType": "text/html"}, "SourceLanguageCode": "en",
                               "TargetLanguageCode": "es"}, "SerializationException"),
        ("ImportTerminology", {"Name": "a b", "MergeStrategy": "OVERWRITE",
                               "TerminologyData": {"File": "eA==", "Format": "CSV"}}, "InvalidParameterValueException"),
    ],
)
async def test_aws_surface_refuses_malformed_members(
    client: httpx.AsyncClient, operation: str, body: dict, aws_type: str
) -> None:
    r = await client.post("/", content=json.dumps(body),
                          headers={"x-amz-target": f"AWSShineFrontendService_20170701.{operation}"})
    assert r.status_code == 400 and r.json()["__type"] == aws_type, r.text
