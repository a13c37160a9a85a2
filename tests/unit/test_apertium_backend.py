"""The Apertium backend on Debian's real en-es pair: warm pipelines, stream escaping, restart after a crash."""

from __future__ import annotations

import os
import signal
import time

import pytest

from models.translate.apertium import ApertiumTranslator, apertium_cards, discover_pairs, escape, unescape

pytestmark = pytest.mark.skipif(not discover_pairs(), reason="apertium pairs are installed by `make test`")


@pytest.fixture(scope="module")
def en_es() -> ApertiumTranslator:
    card = next(c for c in apertium_cards() if c.name == "translate-apertium-en-es")
    backend = ApertiumTranslator(card)
    backend.load("cpu", "fp32")
    yield backend
    backend.unload()


def test_pairs_come_from_installed_modes_with_two_letter_codes() -> None:
    pairs = {(s, t) for s, t, _ in discover_pairs()}
    assert {("en", "es"), ("es", "en"), ("fr", "es"), ("es", "fr"), ("en", "ca"), ("en", "gl")} <= pairs
    assert all(len(s) == 2 and len(t) == 2 for s, t in pairs)  # eng-spa is reported as en-es


def test_reserved_stream_characters_survive_a_round_trip() -> None:
    text = "a^b $5 [x] {y} <tag> @me back\\slash path/to"
    assert unescape(escape(text)) == text
    assert "\x00" not in escape("nul\x00inside")  # a NUL would end the block early


def test_translates_english_to_spanish(en_es: ApertiumTranslator) -> None:
    out = en_es.predict([("Hello, how are you?", "en", "es"), ("The cat is black.", "en", "es")])
    assert out[0].startswith("Hola")
    assert out[1] == "El gato es negro."


def test_the_users_own_marks_survive(en_es: ApertiumTranslator) -> None:
    out = en_es.predict([("I love #cirrus and 5*3 stars.", "en", "es")])[0]
    assert "#cirrus" in out and "5*3" in out


def test_a_batch_gives_what_single_calls_give(en_es: ApertiumTranslator) -> None:
    sentences = [f"The {w} is on the table." for w in ("book", "cat", "key", "phone", "letter")] * 4
    batched = en_es.predict([(s, "en", "es") for s in sentences])
    singles = [en_es.predict([(s, "en", "es")])[0] for s in sentences]
    assert batched == singles
    assert "libro" in batched[0] and "gato" in batched[1]


def test_warm_pipeline_answers_in_milliseconds(en_es: ApertiumTranslator) -> None:
    started = time.perf_counter()
    for _ in range(20):
        en_es.predict([("Good morning.", "en", "es")])
    assert (time.perf_counter() - started) / 20 < 0.1  # a cold `apertium` call takes ~0.3 s


def test_a_killed_pipeline_is_restarted(en_es: ApertiumTranslator) -> None:
    assert en_es.pipeline is not None and en_es.pipeline.proc is not None
    os.killpg(en_es.pipeline.proc.pid, signal.SIGKILL)
    en_es.pipeline.proc.wait()
    assert en_es.predict([("The house is big.", "en", "es")]) == ["La casa es grande."]
