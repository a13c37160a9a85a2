"""The unmodified AWS SDK against a started Cirrus: `boto3.client("comprehend", endpoint_url=...)`."""

from __future__ import annotations

import json
from collections.abc import Callable

import boto3
import httpx
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError


def comprehend(url: str, key: str = "x", secret: str = "y") -> object:
    return boto3.client(
        "comprehend", endpoint_url=url, region_name="us-east-1", aws_access_key_id=key, aws_secret_access_key=secret,
        config=Config(retries={"max_attempts": 1}),
    )


@pytest.fixture(scope="module")
def client(server_url: str) -> object:
    return comprehend(server_url)


def test_detect_sentiment(client: object) -> None:
    r = client.detect_sentiment(Text="I love this phone, it is wonderful", LanguageCode="en")  # type: ignore[attr-defined]
    assert r["Sentiment"] == "POSITIVE"
    assert set(r["SentimentScore"]) == {"Positive", "Negative", "Neutral", "Mixed"}
    assert r["SentimentScore"]["Positive"] > 0.5
    assert r["ResponseMetadata"]["RequestId"]


def test_detect_entities(client: object) -> None:
    text = "Jeff Bezos founded Amazon in Seattle in 1994."
    r = client.detect_entities(Text=text, LanguageCode="en")  # type: ignore[attr-defined]
    got = {(e["Text"], e["Type"], e["BeginOffset"], e["EndOffset"]) for e in r["Entities"]}
    assert got == {
        ("Jeff Bezos", "PERSON", 0, 10),
        ("Amazon", "ORGANIZATION", 19, 25),
        ("Seattle", "LOCATION", 29, 36),
        ("1994", "DATE", 40, 44),
    }
    assert all(0 < e["Score"] <= 1 for e in r["Entities"])


def test_detect_key_phrases(client: object) -> None:
    r = client.detect_key_phrases(Text="Amazon Web Services offers machine learning services.", LanguageCode="en")  # type: ignore[attr-defined]
    assert [k["Text"] for k in r["KeyPhrases"]] == ["Amazon Web Services", "machine learning services"]


def test_detect_syntax(client: object) -> None:
    text = "I love my new phone.\n It works."
    r = client.detect_syntax(Text=text, LanguageCode="en")  # type: ignore[attr-defined]
    tokens = [(t["TokenId"], t["Text"], t["PartOfSpeech"]["Tag"]) for t in r["SyntaxTokens"]]
    assert tokens == [(1, "I", "PRON"), (2, "love", "VERB"), (3, "my", "PRON"), (4, "new", "ADJ"), (5, "phone", "NOUN"),
                      (6, ".", "PUNCT"), (7, "It", "PRON"), (8, "works", "VERB"), (9, ".", "PUNCT")]  # no whitespace
    assert all(text[t["BeginOffset"]:t["EndOffset"]] == t["Text"] for t in r["SyntaxTokens"])
    assert all(0.5 < t["PartOfSpeech"]["Score"] <= 1 for t in r["SyntaxTokens"])
    batch = client.batch_detect_syntax(TextList=["Run!", "The dog barks."], LanguageCode="en")  # type: ignore[attr-defined]
    assert [t["PartOfSpeech"]["Tag"] for t in batch["ResultList"][1]["SyntaxTokens"]] == ["DET", "NOUN", "VERB", "PUNCT"]
    with pytest.raises(ClientError) as info:
        client.detect_syntax(Text="Hola amigo", LanguageCode="es")  # type: ignore[attr-defined]
    assert info.value.response["Error"]["Code"] == "UnsupportedLanguageException"



def test_french_syntax_entities_and_key_phrases(client: object) -> None:
    """French runs on spaCy's fr_core_news_sm: universal tags from its morphologizer, CoNLL entity types."""
    text = "Marie Curie travaillait à Paris. Amazon a ouvert un bureau à Lyon."
    r = client.detect_syntax(Text=text, LanguageCode="fr")  # type: ignore[attr-defined]
    tags = {t["Text"]: t["PartOfSpeech"]["Tag"] for t in r["SyntaxTokens"]}
    assert (tags["travaillait"], tags["à"], tags["Paris"], tags["a"], tags["ouvert"], tags["un"], tags["bureau"]) == (
        "VERB", "ADP", "PROPN", "AUX", "VERB", "DET", "NOUN")
    assert all(text[t["BeginOffset"]:t["EndOffset"]] == t["Text"] for t in r["SyntaxTokens"])
    assert all(0.5 < t["PartOfSpeech"]["Score"] <= 1 for t in r["SyntaxTokens"])
    r = client.detect_entities(Text=text, LanguageCode="fr")  # type: ignore[attr-defined]
    assert {(e["Text"], e["Type"]) for e in r["Entities"]} == {
        ("Marie Curie", "PERSON"), ("Paris", "LOCATION"), ("Amazon", "ORGANIZATION"), ("Lyon", "LOCATION")}
    r = client.detect_key_phrases(Text=text, LanguageCode="fr")  # type: ignore[attr-defined]
    assert "un bureau" in [k["Text"] for k in r["KeyPhrases"]]

PII_TEXT = ("Hello, my name is John Doe. Email john.doe@example.com or call (206) 555-0147. My SSN is 536-90-4399 "
            "and my card is 4111 1111 1111 1111. The server is 192.168.1.20. I live at 100 Main Street, Anytown, "
            "WA 98121.")


def test_detect_pii_entities(client: object) -> None:
    r = client.detect_pii_entities(Text=PII_TEXT, LanguageCode="en")  # type: ignore[attr-defined]
    found = {(e["Type"], PII_TEXT[e["BeginOffset"]:e["EndOffset"]]) for e in r["Entities"]}
    assert found == {("NAME", "John Doe"), ("EMAIL", "john.doe@example.com"), ("PHONE", "(206) 555-0147"),
                     ("SSN", "536-90-4399"), ("CREDIT_DEBIT_NUMBER", "4111 1111 1111 1111"),
                     ("IP_ADDRESS", "192.168.1.20"), ("ADDRESS", "100 Main Street, Anytown, WA 98121")}
    assert all(0.3 < e["Score"] <= 1 for e in r["Entities"])
    labels = client.contains_pii_entities(Text=PII_TEXT, LanguageCode="en")["Labels"]  # type: ignore[attr-defined]
    assert {x["Name"] for x in labels} == {t for t, _ in found}
    clean = "The committee approved the new budget."
    assert client.detect_pii_entities(Text=clean, LanguageCode="en")["Entities"] == []  # type: ignore[attr-defined]
    assert client.contains_pii_entities(Text=clean, LanguageCode="en")["Labels"] == []  # type: ignore[attr-defined]
    with pytest.raises(ClientError) as info:
        client.detect_pii_entities(Text="Me llamo Juan", LanguageCode="es")  # type: ignore[attr-defined]
    assert info.value.response["Error"]["Code"] == "UnsupportedLanguageException"


def test_detect_dominant_language(client: object) -> None:
    r = client.detect_dominant_language(Text="Bonjour, je m'appelle Marie et j'habite à Paris.")  # type: ignore[attr-defined]
    assert r["Languages"][0]["LanguageCode"] == "fr" and r["Languages"][0]["Score"] > 0.9


def test_batch_operations(client: object) -> None:
    r = client.batch_detect_sentiment(TextList=["I love it", "I hate it"], LanguageCode="en")  # type: ignore[attr-defined]
    assert [(x["Index"], x["Sentiment"]) for x in r["ResultList"]] == [(0, "POSITIVE"), (1, "NEGATIVE")]
    assert r["ErrorList"] == []
    r = client.batch_detect_entities(TextList=["Tim Cook runs Apple.", "Paris is in France."], LanguageCode="en")  # type: ignore[attr-defined]
    assert {e["Type"] for e in r["ResultList"][0]["Entities"]} == {"PERSON", "ORGANIZATION"}
    assert {e["Text"] for e in r["ResultList"][1]["Entities"]} == {"Paris", "France"}
    r = client.batch_detect_key_phrases(TextList=["The red car is fast."], LanguageCode="en")  # type: ignore[attr-defined]
    assert r["ResultList"][0]["KeyPhrases"][0]["Text"] == "The red car"
    r = client.batch_detect_dominant_language(TextList=["Hola, ¿cómo estás hoy?", "Guten Morgen, wie geht es dir?"])  # type: ignore[attr-defined]
    assert [x["Languages"][0]["LanguageCode"] for x in r["ResultList"]] == ["es", "de"]


@pytest.mark.parametrize(
    "call, code",
    [
        (lambda c: c.detect_sentiment(Text="x" * 5001, LanguageCode="en"), "TextSizeLimitExceededException"),
        (lambda c: c.detect_sentiment(Text="これはいいです", LanguageCode="ja"), "UnsupportedLanguageException"),
        (lambda c: c.batch_detect_sentiment(TextList=["ok"] * 26, LanguageCode="en"), "BatchSizeLimitExceededException"),
        (lambda c: c.detect_key_phrases(Text="é" * 50_001, LanguageCode="en"), "TextSizeLimitExceededException"),
    ],
)
def test_aws_errors(client: object, call: Callable[[object], object], code: str) -> None:
    with pytest.raises(ClientError) as info:
        call(client)
    assert info.value.response["Error"]["Code"] == code
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert info.value.response["Error"]["Message"]


@pytest.mark.parametrize(
    "headers, body, aws_type",
    [
        ({"X-Amz-Target": "Comprehend_20171127.DetectNothing"}, b"{}", "UnknownOperationException"),
        ({}, b"{}", "MissingAction"),
        ({"X-Amz-Target": "Comprehend_20171127.DetectSentiment"}, b"{not json", "SerializationException"),
        ({"X-Amz-Target": "Comprehend_20171127.DetectSentiment"}, b'{"Text": "\xff\xfe"}', "SerializationException"),
        ({"X-Amz-Target": "Comprehend_20171127.DetectSentiment"}, b'{"LanguageCode": "en"}', "InvalidRequestException"),
        ({"X-Amz-Target": "Comprehend_20171127.DetectSentiment"}, b'{"Text": 5, "LanguageCode": "en"}', "InvalidRequestException"),
        ({"X-Amz-Target": "Comprehend_20171127.DetectSentiment"}, b'{"Text": "", "LanguageCode": "en"}', "InvalidRequestException"),
        ({"X-Amz-Target": "Comprehend_20171127.BatchDetectSentiment"}, b'{"TextList": [], "LanguageCode": "en"}', "InvalidRequestException"),
    ],
)
def test_malformed_requests_get_aws_errors(server_url: str, headers: dict[str, str], body: bytes, aws_type: str) -> None:
    r = httpx.post(server_url + "/", content=body, headers={"Content-Type": "application/x-amz-json-1.1", **headers})
    assert r.status_code == 400
    assert r.json()["__type"] == aws_type and r.json()["message"]
    assert r.headers["x-amzn-requestid"]


def test_30mb_body_is_refused_with_413(server_url: str) -> None:
    body = b'{"Text": "' + b"a" * (30 * 1024 * 1024) + b'", "LanguageCode": "en"}'
    r = httpx.post(
        server_url + "/", content=body,
        headers={"X-Amz-Target": "Comprehend_20171127.DetectSentiment", "Content-Type": "application/x-amz-json-1.1"},
    )
    assert r.status_code == 413 and r.json()["__type"] == "RequestEntityTooLargeException"


def test_sigv4_enforced_when_keys_are_configured(server_factory: Callable[..., str]) -> None:
    url = server_factory(CIRRUS_AUTH__ACCESS_KEYS=json.dumps({"AKIDCIRRUS": "s3cr3t"}))
    good = comprehend(url, "AKIDCIRRUS", "s3cr3t")
    assert good.detect_sentiment(Text="I love it", LanguageCode="en")["Sentiment"] == "POSITIVE"  # type: ignore[attr-defined]
    for key, secret, code in [("AKIDCIRRUS", "wrong", "InvalidSignatureException"), ("AKIDOTHER", "s3cr3t", "UnrecognizedClientException")]:
        with pytest.raises(ClientError) as info:
            comprehend(url, key, secret).detect_sentiment(Text="I love it", LanguageCode="en")  # type: ignore[attr-defined]
        assert info.value.response["Error"]["Code"] == code
        assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
