"""The native REST text API through the ASGI app, on the real packaged models."""

from __future__ import annotations

import json

import httpx


async def test_sentiment_is_right(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/v1/text/sentiment",
        json={"texts": ["I love it", "This is terrible, I hate it.", "The meeting is on the third floor."]},
    )
    assert r.status_code == 200
    body = r.json()
    assert [x["sentiment"] for x in body["results"]] == ["POSITIVE", "NEGATIVE", "NEUTRAL"]
    scores = body["results"][0]["scores"]
    assert abs(sum(scores.values()) - 1) < 1e-6 and scores["positive"] > 0.5
    assert body["errors"] == []


async def test_entities_have_types_and_exact_offsets(client: httpx.AsyncClient) -> None:
    text = "Jeff Bezos founded Amazon in Seattle in 1994."
    r = await client.post("/v1/text/entities", json={"texts": [text]})
    assert r.status_code == 200
    entities = r.json()["results"][0]["entities"]
    found = {(e["text"], e["type"]) for e in entities}
    assert found == {("Jeff Bezos", "PERSON"), ("Amazon", "ORGANIZATION"), ("Seattle", "LOCATION"), ("1994", "DATE")}
    for e in entities:
        assert text[e["begin_offset"] : e["end_offset"]] == e["text"]
        assert 0.5 < e["score"] <= 1.0


async def test_offsets_count_code_points_not_bytes(client: httpx.AsyncClient) -> None:
    text = "Café owners in Zürich met Angela Merkel."
    r = await client.post("/v1/text/entities", json={"texts": [text]})
    for e in r.json()["results"][0]["entities"]:
        assert text[e["begin_offset"] : e["end_offset"]] == e["text"]
    assert any(e["text"] == "Angela Merkel" and e["type"] == "PERSON" for e in r.json()["results"][0]["entities"])


async def test_key_phrases(client: httpx.AsyncClient) -> None:
    text = "Amazon Web Services offers machine learning services to large companies."
    r = await client.post("/v1/text/key-phrases", json={"texts": [text]})
    phrases = r.json()["results"][0]["key_phrases"]
    assert [p["text"] for p in phrases] == ["Amazon Web Services", "machine learning services", "large companies"]
    for p in phrases:
        assert text[p["begin_offset"] : p["end_offset"]] == p["text"] and 0 < p["score"] <= 1


async def test_syntax_tags_and_offsets(client: httpx.AsyncClient) -> None:
    text = "Über 3 Katzen? No: the cat sat on the mat."
    r = await client.post("/v1/text/syntax", json={"texts": [text, ""]})
    tokens = r.json()["results"][0]["tokens"]
    assert [(t["text"], t["part_of_speech"]) for t in tokens][-7:] == [
        ("the", "DET"), ("cat", "NOUN"), ("sat", "VERB"), ("on", "ADP"), ("the", "DET"), ("mat", "NOUN"), (".", "PUNCT")]
    assert [t["token_id"] for t in tokens] == list(range(1, len(tokens) + 1))
    assert all(text[t["begin_offset"]:t["end_offset"]] == t["text"] for t in tokens)  # code points, not bytes
    assert r.json()["errors"][0]["index"] == 1  # the empty document fails alone


async def test_pii_checksums_and_offsets(client: httpx.AsyncClient) -> None:
    """Card numbers must pass Luhn and IBANs mod-97: a near miss is not PII; offsets count code points."""
    text = "Ünïcode first: card 4111 1111 1111 1111, not 4111 1111 1111 1112; IBAN GB82 WEST 1234 5698 7654 32."
    r = await client.post("/v1/text/pii", json={"texts": [text]})
    found = [(e["type"], text[e["begin_offset"]:e["end_offset"]]) for e in r.json()["results"][0]["entities"]]
    assert found == [("CREDIT_DEBIT_NUMBER", "4111 1111 1111 1111"),
                     ("INTERNATIONAL_BANK_ACCOUNT_NUMBER", "GB82 WEST 1234 5698 7654 32")]


async def test_masked_bank_numbers_count_only_by_their_words(client: httpx.AsyncClient) -> None:
    """AWS's detect_sample.txt: statements print account and routing numbers masked; the word before says which."""
    text = ("Your order XXXX4321 has shipped. "
            "We will withdraw your payment from your bank account XXXXXX1111 with the routing number XXXXX0000.")
    r = await client.post("/v1/text/pii", json={"texts": [text]})
    found = [(e["type"], text[e["begin_offset"]:e["end_offset"]]) for e in r.json()["results"][0]["entities"]]
    assert ("BANK_ACCOUNT_NUMBER", "XXXXXX1111") in found and ("BANK_ROUTING", "XXXXX0000") in found
    assert not [f for f in found if f[1] == "XXXX4321"]  # a masked number with no bank word is not a bank number


async def test_dominant_language(client: httpx.AsyncClient) -> None:
    texts = [
        "Bonjour, je m'appelle Marie et j'habite à Paris depuis dix ans.",
        "Hola, ¿cómo estás? Hoy hace muy buen tiempo en Madrid.",
        "Der schnelle braune Fuchs springt über den faulen Hund.",
        "The quick brown fox jumps over the lazy dog.",
    ]
    r = await client.post("/v1/text/language", json={"texts": texts})
    best = [x["languages"][0]["language_code"] for x in r.json()["results"]]
    assert best == ["fr", "es", "de", "en"]
    assert r.json()["results"][0]["languages"][0]["score"] > 0.9


async def test_bad_document_fails_only_itself(client: httpx.AsyncClient) -> None:
    texts = ["I love it", "", "x" * 6000, "\ud800 lone surrogate"]
    payload = json.dumps({"texts": texts})  # the escape \ud800 is valid JSON but no valid UTF-8 text
    r = await client.post("/v1/text/sentiment", content=payload, headers={"content-type": "application/json"})
    assert r.status_code == 200
    body = r.json()
    assert [x["index"] for x in body["results"]] == [0]
    assert {e["index"]: e["code"] for e in body["errors"]} == {
        1: "invalid_request",
        2: "text_size_limit_exceeded",
        3: "invalid_request",
    }
    assert "5000" in body["errors"][1]["message"]


async def test_sentiment_in_the_languages_e5_was_measured_in(client: httpx.AsyncClient) -> None:
    """The hand-written set of bench/: e5 must stay at least 0.7 right in each language it serves."""
    import json
    from pathlib import Path

    rows = [json.loads(x) for x in (Path(__file__).parents[2] / "bench" / "sentiment_labelled.jsonl").open()]
    for language in ("es", "fr", "de", "it", "pt"):
        mine = [r for r in rows if r["language"] == language]
        got = []
        for i in range(0, len(mine), 25):
            r = await client.post("/v1/text/sentiment", json={"texts": [x["text"] for x in mine[i:i + 25]],
                                                              "language": language})
            assert r.status_code == 200, r.text
            got += [x["sentiment"] for x in r.json()["results"]]
        accuracy = sum(g == x["label"] for g, x in zip(got, mine, strict=True)) / len(mine)
        assert accuracy >= 0.7, (language, accuracy)
    mixed = "J'adore ce téléphone. Mais la batterie est horrible."
    r = await client.post("/v1/text/sentiment", json={"texts": [mixed, "Le colis est arrivé mardi."], "language": "fr"})
    first, second = (x["scores"] for x in r.json()["results"])
    assert first["mixed"] > 0.5 and second["mixed"] == 0.0  # two sentences that disagree; a plain fact


async def test_unsupported_language_is_refused_not_answered_in_english(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/text/sentiment", json={"texts": ["Dat is geweldig"], "language": "nl"})
    assert r.status_code == 400
    error = r.json()["error"]
    assert error["code"] == "unsupported_language" and "en" in error["details"]["supported"]


async def test_too_many_documents(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/text/sentiment", json={"texts": ["ok"] * 26})
    assert r.status_code == 400 and r.json()["error"]["code"] == "batch_size_limit_exceeded"


async def test_schema_errors_are_422_with_the_field(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/text/sentiment", json={"language": "en"})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "validation_error" and "texts" in r.json()["error"]["message"]
    r = await client.post("/v1/text/sentiment", json={"texts": [1, 2]})
    assert r.status_code == 422


async def test_non_json_and_invalid_utf8_are_400(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/text/sentiment", content=b"not json", headers={"content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_request"
    r = await client.post(
        "/v1/text/sentiment", content=b'{"texts": ["\xff\xfe bad"]}', headers={"content-type": "application/json"}
    )
    assert r.status_code == 400


async def test_oversized_body_is_413(client: httpx.AsyncClient) -> None:
    big = b'{"texts": ["' + b"a" * (3 * 1024 * 1024) + b'"]}'  # the test app caps bodies at 2 MiB
    r = await client.post("/v1/text/sentiment", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"


async def test_unknown_route_uses_the_envelope(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/nope")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
