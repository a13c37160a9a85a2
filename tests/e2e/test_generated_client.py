"""The generated Python client (clients/python) against a started server."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "clients" / "python"))

from cirrus_client import AuthenticatedClient, Client
from cirrus_client.api.system import health
from cirrus_client.api.text import detect_entities, detect_language, detect_sentiment
from cirrus_client.models import ErrorEnvelope, LanguageRequest, TextBatchRequest


def test_generated_client_round_trip(server_url: str) -> None:
    client = Client(base_url=server_url, raise_on_unexpected_status=True)
    assert health.sync(client=client).status == "ok"
    sentiment = detect_sentiment.sync(client=client, body=TextBatchRequest(texts=["I love it", "I hate it"]))
    assert [r.sentiment for r in sentiment.results] == ["POSITIVE", "NEGATIVE"]
    entities = detect_entities.sync(client=client, body=TextBatchRequest(texts=["Tim Cook runs Apple."]))
    assert {(e.text, e.type_) for e in entities.results[0].entities} == {("Tim Cook", "PERSON"), ("Apple", "ORGANIZATION")}
    language = detect_language.sync(client=client, body=LanguageRequest(texts=["Bonjour tout le monde, comment allez-vous ?"]))
    assert language.results[0].languages[0].language_code == "fr"


def test_generated_client_parses_the_error_envelope(server_url: str) -> None:
    client = Client(base_url=server_url)
    error = detect_sentiment.sync(client=client, body=TextBatchRequest(texts=["Hallo"], language="nl"))
    assert isinstance(error, ErrorEnvelope) and error.error.code == "unsupported_language"


def test_generated_client_sends_an_api_key(server_factory: Callable[..., str]) -> None:
    """With keys configured the native API needs one: the generated AuthenticatedClient sends it as Bearer."""
    url = server_factory(CIRRUS_AUTH__API_KEYS='{"console": "key-for-the-client-test"}')
    body = TextBatchRequest(texts=["I love it"])
    refused = detect_sentiment.sync_detailed(client=Client(base_url=url), body=body)
    assert refused.status_code == 401
    wrong = AuthenticatedClient(base_url=url, token="not-the-key")
    assert detect_sentiment.sync_detailed(client=wrong, body=body).status_code == 403
    client = AuthenticatedClient(base_url=url, token="key-for-the-client-test", raise_on_unexpected_status=True)
    assert detect_sentiment.sync(client=client, body=body).results[0].sentiment == "POSITIVE"
    assert health.sync(client=Client(base_url=url)).status == "ok"  # /health stays open
