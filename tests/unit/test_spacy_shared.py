"""The spaCy cards of one language share one loaded pipeline, each running only what its task needs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from models.errors import ModelNotReady
from models.registry import default_cards
from models.text import spacy_pipeline
from models.text.spacy_pipeline import SpacyEntities, SpacyKeyPhrases, SpacySyntax

CARDS = {c.name: c for c in default_cards()}


def users(card_name: str) -> int:
    """Cards now holding the pipeline a card would share (other tests in this process may hold it too)."""
    card = CARDS[card_name]
    shared = spacy_pipeline._SHARED.get((card.source, spacy_pipeline.spacy_exclude(card)))
    return shared.users if shared else 0


@contextmanager
def loaded(*backends: Any) -> Iterator[None]:
    """The backends loaded in order, unloaded at the end (unloading twice is harmless)."""
    try:
        for backend in backends:
            backend.load("cpu", "auto")
        yield
    finally:
        for backend in reversed(backends):
            backend.unload()


def test_cards_of_a_language_share_one_pipeline_until_the_last_unloads() -> None:
    syntax = SpacySyntax(CARDS["syntax-spacy-fr"])
    entities = SpacyEntities(CARDS["entities-spacy-fr"])
    before = users("syntax-spacy-fr")
    with loaded(syntax, entities):
        assert syntax.nlp is entities.nlp
        assert "lemmatizer" not in syntax.nlp.pipe_names  # no task reads lemmas
        text = ["Marie Curie travaillait à Paris."]
        tags = {t["text"]: t["pos"] for t in syntax.predict(text)[0]}
        assert (tags["travaillait"], tags["à"], tags["Paris"], tags["."]) == ("VERB", "ADP", "PROPN", "PUNCT")
        assert [(e["text"], e["label"]) for e in entities.predict(text)[0]] == [("Marie Curie", "PER"), ("Paris", "LOC")]
        syntax.unload()
        assert entities.predict(text)[0][0]["text"] == "Marie Curie"  # still loaded for the other card
        assert users("syntax-spacy-fr") == before + 1
    assert users("syntax-spacy-fr") == before  # released (freed when no card holds it)
    with pytest.raises(ModelNotReady):
        entities.predict(["Paris"])


def test_a_task_skips_the_components_it_does_not_read() -> None:
    syntax = SpacySyntax(CARDS["syntax-spacy-en"])
    phrases = SpacyKeyPhrases(CARDS["key-phrases-spacy-en"])
    with loaded(syntax, phrases):
        seen: list[list[str]] = []
        real_pipe = syntax.nlp.pipe

        def spy(texts: list[str], **kwargs: object) -> object:
            seen.append(sorted(kwargs.get("disable", [])))  # type: ignore[arg-type]
            return real_pipe(texts, **kwargs)

        syntax.nlp.pipe = spy
        syntax.predict(["The dog barks."])
        phrases.predict(["The dog barks."])
        del syntax.nlp.pipe
        assert seen == [["lemmatizer", "ner", "parser"], ["lemmatizer", "ner"]]


def test_pii_shares_the_english_pipeline_and_still_reads_lemmas() -> None:
    from models.text.pii import PresidioPii

    entities = SpacyEntities(CARDS["entities-spacy-en"])
    pii = PresidioPii(CARDS["pii-presidio-en"])
    before = users("entities-spacy-en")
    with loaded(entities, pii):
        assert pii.shared is entities.shared and "lemmatizer" in entities.nlp.pipe_names
        assert users("entities-spacy-en") == before + 2
        text = "John Smith pays from his bank account XXXXXX1111 with the routing number XXXXX0000."
        found = {(f["type"], text[f["begin"]:f["end"]]) for f in pii.predict([text])[0]}  # masked numbers count
        assert {("NAME", "John Smith"), ("BANK_ACCOUNT_NUMBER", "XXXXXX1111"),  # only beside their words' lemmas
                ("BANK_ROUTING", "XXXXX0000")} <= found
        assert [e["text"] for e in entities.predict(["John Smith lives in Paris."])[0]] == ["John Smith", "Paris"]
    assert users("entities-spacy-en") == before


def test_a_pipeline_loads_once_and_is_freed_with_its_last_card(monkeypatch: pytest.MonkeyPatch) -> None:
    from models.cards import ModelCard

    loads: list[object] = []
    monkeypatch.setattr(spacy_pipeline, "load_spacy", lambda card, exclude: loads.append(object()) or loads[-1])
    card = ModelCard(name="x", task="syntax", backend="spacy-syntax", source="path:/nowhere/only-this-test")
    first, second = spacy_pipeline.acquire_spacy(card, ()), spacy_pipeline.acquire_spacy(card, ())
    assert first is second and len(loads) == 1
    spacy_pipeline.release_spacy(card, ())
    assert (card.source, ()) in spacy_pipeline._SHARED
    spacy_pipeline.release_spacy(card, ())
    assert (card.source, ()) not in spacy_pipeline._SHARED  # freed
    assert spacy_pipeline.acquire_spacy(card, ()).nlp is not first.nlp and len(loads) == 2  # loaded afresh
    spacy_pipeline.release_spacy(card, ())
