"""The unmodified AWS SDK against a started Cirrus: `boto3.client("translate", endpoint_url=...)`, plus the
generated client's translate calls."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from models.translate.apertium import discover_pairs

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "clients" / "python"))

from cirrus_client import Client
from cirrus_client.api.translate import translate_text as rest_translate_text
from cirrus_client.models import TranslateTextRequest

pytestmark = pytest.mark.skipif(not discover_pairs(), reason="apertium pairs are installed by `make test`")


@pytest.fixture(scope="module")
def server(server_with_dir: tuple[str, Path]) -> tuple[str, Path]:
    return server_with_dir


@pytest.fixture(scope="module")
def translate(server: tuple[str, Path]) -> object:
    return boto3.client(
        "translate", endpoint_url=server[0], region_name="us-east-1", aws_access_key_id="x",
        aws_secret_access_key="y", config=Config(retries={"max_attempts": 1}),
    )


def test_translate_text_detects_english_and_answers_in_spanish(translate: object) -> None:
    r = translate.translate_text(  # type: ignore[attr-defined]
        Text="Hello, how are you? The weather is nice today.", SourceLanguageCode="auto", TargetLanguageCode="es"
    )
    assert "Hola" in r["TranslatedText"] and "tiempo" in r["TranslatedText"]
    assert r["SourceLanguageCode"] == "en" and r["TargetLanguageCode"] == "es"


def test_terminology_maps_cirrus_to_cirro(translate: object) -> None:
    csv = b"en,es\nCirrus,Cirro\n"
    imported = translate.import_terminology(  # type: ignore[attr-defined]
        Name="cirrus-brand", MergeStrategy="OVERWRITE", TerminologyData={"File": csv, "Format": "CSV"},
        Description="brand names",
    )["TerminologyProperties"]
    assert imported["TermCount"] == 1 and imported["SourceLanguageCode"] == "en"
    assert imported["TargetLanguageCodes"] == ["es"]
    r = translate.translate_text(  # type: ignore[attr-defined]
        Text="Cirrus translates documents.", SourceLanguageCode="en", TargetLanguageCode="es",
        TerminologyNames=["cirrus-brand"],
    )
    assert "Cirro" in r["TranslatedText"]
    assert r["AppliedTerminologies"] == [{"Name": "cirrus-brand", "Terms": [{"SourceText": "Cirrus", "TargetText": "Cirro"}]}]
    names = [t["Name"] for t in translate.list_terminologies()["TerminologyPropertiesList"]]  # type: ignore[attr-defined]
    assert "cirrus-brand" in names
    got = translate.get_terminology(Name="cirrus-brand", TerminologyDataFormat="CSV")  # type: ignore[attr-defined]
    assert got["TerminologyProperties"]["Description"] == "brand names"
    translate.delete_terminology(Name="cirrus-brand")  # type: ignore[attr-defined]
    with pytest.raises(ClientError) as err:
        translate.get_terminology(Name="cirrus-brand")  # type: ignore[attr-defined]
    assert err.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_html_document_comes_back_with_identical_markup(translate: object) -> None:
    doc = ('<html><head><meta charset="utf-8"><title>Welcome</title></head><body>'
           '<div class="hero" data-id="7"><h1>The house is big.</h1><p>The cat is <em>black</em>.</p>'
           '<a href="/docs?x=1&amp;y=2" title="Read the docs">Read the documentation</a></div></body></html>')
    r = translate.translate_document(  # type: ignore[attr-defined]
        Document={"Content": doc.encode(), "ContentType": "text/html"}, SourceLanguageCode="en", TargetLanguageCode="es"
    )
    out = r["TranslatedDocument"]["Content"].decode()
    tags = re.compile(r"<[^>]+>")
    assert tags.findall(out) == tags.findall(doc)
    assert "La casa es grande." in out and out != doc


def test_list_languages_names_the_installed_ones(translate: object) -> None:
    r = translate.list_languages()  # type: ignore[attr-defined]
    found = {lang["LanguageCode"]: lang["LanguageName"] for lang in r["Languages"]}
    assert found["en"] == "English" and found["es"] == "Spanish" and "fr" in found


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"Text": "Hello", "SourceLanguageCode": "en", "TargetLanguageCode": "de"}, "UnsupportedLanguagePairException"),
        ({"Text": "Taxi", "SourceLanguageCode": "auto", "TargetLanguageCode": "es"}, "DetectedLanguageLowConfidenceException"),
        ({"Text": "é" * 5001, "SourceLanguageCode": "fr", "TargetLanguageCode": "es"}, "TextSizeLimitExceededException"),
        ({"Text": "Hi", "SourceLanguageCode": "en", "TargetLanguageCode": "es", "TerminologyNames": ["nope"]},
         "ResourceNotFoundException"),
    ],
)
def test_aws_errors(translate: object, kwargs: dict, code: str) -> None:
    with pytest.raises(ClientError) as err:
        translate.translate_text(**kwargs)  # type: ignore[attr-defined]
    assert err.value.response["Error"]["Code"] == code
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_malformed_terminology_names_the_line(translate: object) -> None:
    with pytest.raises(ClientError) as err:
        translate.import_terminology(  # type: ignore[attr-defined]
            Name="bad", MergeStrategy="OVERWRITE", TerminologyData={"File": b"en,es\na,b\nc\n", "Format": "CSV"}
        )
    assert err.value.response["Error"]["Code"] == "InvalidParameterValueException"
    assert "line 3" in err.value.response["Error"]["Message"]


def test_text_translation_job_over_a_bucket(translate: object, server: tuple[str, Path]) -> None:
    inbox = server[1] / "buckets" / "tr-in" / "docs"
    inbox.mkdir(parents=True)
    (inbox / "one.txt").write_text("The cat is black.")
    (inbox / "two.html").write_text("<p>The house is <b>big</b>.</p>")
    job = translate.start_text_translation_job(  # type: ignore[attr-defined]
        JobName="nightly", InputDataConfig={"S3Uri": "s3://tr-in/docs", "ContentType": "text/plain"},
        OutputDataConfig={"S3Uri": "s3://tr-out/"}, DataAccessRoleArn="arn:aws:iam::000000000000:role/t",
        SourceLanguageCode="en", TargetLanguageCodes=["es", "pt"], ClientToken="job-token-1",
    )
    for _ in range(300):
        props = translate.describe_text_translation_job(JobId=job["JobId"])["TextTranslationJobProperties"]  # type: ignore[attr-defined]
        if props["JobStatus"] not in ("SUBMITTED", "IN_PROGRESS"):
            break
        time.sleep(0.1)
    assert props["JobStatus"] == "COMPLETED", props
    assert props["JobDetails"] == {"TranslatedDocumentsCount": 4, "DocumentsWithErrorsCount": 0, "InputDocumentsCount": 4}
    out = server[1] / "buckets" / "tr-out" / f"000000000000-TranslateText-{job['JobId']}"
    assert (out / "es.one.txt").read_text() == "El gato es negro."
    assert "gato" in (out / "pt.one.txt").read_text()  # en -> pt pivots through es
    listed = translate.list_text_translation_jobs(Filter={"JobName": "nightly"})["TextTranslationJobPropertiesList"]  # type: ignore[attr-defined]
    assert [j["JobId"] for j in listed] == [job["JobId"]]
    with pytest.raises(ClientError) as err:
        translate.stop_text_translation_job(JobId=job["JobId"])  # type: ignore[attr-defined]
    assert err.value.response["Error"]["Code"] == "InvalidRequestException"  # it has already ended


def test_job_with_an_unsupported_pair_is_refused_up_front(translate: object) -> None:
    with pytest.raises(ClientError) as err:
        translate.start_text_translation_job(  # type: ignore[attr-defined]
            InputDataConfig={"S3Uri": "s3://tr-in/docs", "ContentType": "text/plain"},
            OutputDataConfig={"S3Uri": "s3://tr-out/"}, DataAccessRoleArn="arn:aws:iam::000000000000:role/t",
            SourceLanguageCode="en", TargetLanguageCodes=["de"], ClientToken="job-token-2",
        )
    assert err.value.response["Error"]["Code"] == "UnsupportedLanguagePairException"


def test_generated_client_translates(server: tuple[str, Path]) -> None:
    client = Client(base_url=server[0], raise_on_unexpected_status=True)
    r = rest_translate_text.sync(client=client, body=TranslateTextRequest(
        text="The cat is black.", target_language="fr", source_language="en"))
    assert r.translated_text == "Le chat est noir." and r.route.languages == ["en", "es", "fr"]


def test_plain_text_document_round_trips_its_blob(translate: object) -> None:
    # botocore base64-encodes blobs both ways; whitespace and the trailing newline are kept.
    r = translate.translate_document(  # type: ignore[attr-defined]
        Document={"Content": b"Good morning.\n", "ContentType": "text/plain"},
        SourceLanguageCode="en", TargetLanguageCode="es",
    )
    assert r["TranslatedDocument"]["Content"] == "Buenos días.\n".encode()
