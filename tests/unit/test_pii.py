"""The PII engine: overlaps resolved, dates that are only digits dropped, and nothing fetched at run time."""

from __future__ import annotations

import socket

import pytest

from models.cards import ModelCard
from models.registry import SPACY_EN
from models.text.pii import PresidioPii, merge_pieces, plausible_date, resolve


def test_overlaps_keep_the_best_span() -> None:
    found = [{"type": "URL", "begin": 0, "end": 7, "score": 0.5}, {"type": "EMAIL", "begin": 0, "end": 20, "score": 1.0},
             {"type": "DATE_TIME", "begin": 30, "end": 40, "score": 0.85}, {"type": "PHONE", "begin": 25, "end": 45,
                                                                           "score": 0.85}]
    assert [s["type"] for s in resolve(found)] == ["EMAIL", "PHONE"]  # same score: the longer span wins


def test_a_date_from_the_ner_yields_to_a_pattern() -> None:
    found = [{"type": "DATE_TIME", "begin": 0, "end": 13, "score": 0.85},  # spaCy reads 146.206.64.59 as a date
             {"type": "IP_ADDRESS", "begin": 0, "end": 13, "score": 0.6}]
    assert [s["type"] for s in resolve(found)] == ["IP_ADDRESS"]


@pytest.mark.parametrize(("text", "date"), [("May 3, 1984", True), ("today", True), ("1984", True),
                                            ("03/05/1984", True), ("12345678", False), ("1111 1112", False)])
def test_digit_runs_are_not_dates(text: str, date: bool) -> None:
    assert plausible_date(text) is date


def test_word_pieces_merge_into_names_and_addresses() -> None:
    text = "Zhang Wei and Ann live at 100 Main Street, Anytown, WA 98121."
    pieces = [("NAME", 0, 1, 1.0), ("NAME", 1, 5, 0.9), ("NAME", 6, 9, 0.8), ("NAME", 14, 17, 0.9),
              ("ADDRESS", 26, 29, 0.9), ("ADDRESS", 30, 34, 1.0), ("ADDRESS", 35, 41, 1.0), ("ADDRESS", 43, 50, 1.0),
              ("ADDRESS", 55, 60, 1.0)]  # the state code "WA" untagged: still one address
    spans = merge_pieces(text, pieces)
    assert [(s["type"], text[s["begin"]:s["end"]]) for s in spans] == [
        ("NAME", "Zhang Wei"), ("NAME", "Ann"), ("ADDRESS", "100 Main Street, Anytown, WA 98121")]  # "and" splits
    assert spans[0]["score"] == pytest.approx(0.9)


def test_no_network_at_load_or_predict(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network use: {args[:1]}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    model = PresidioPii(ModelCard(name="pii", task="pii", backend="presidio-pii", source=SPACY_EN))
    model.load("cpu", "auto")
    assert model.rampart is not None  # the name and address model is installed by `make install`
    text = "Write to ana.lopez@example.org today, or to Ana Lopez at 12 Oak Avenue, Springfield, IL 62704."
    (found,) = model.predict([text])
    assert [(f["type"], text[f["begin"]:f["end"]]) for f in found] == [
        ("EMAIL", "ana.lopez@example.org"), ("DATE_TIME", "today"), ("NAME", "Ana Lopez"),
        ("ADDRESS", "12 Oak Avenue, Springfield, IL 62704")]
