"""Transformers seq2seq translation: MarianMT (one pair per model), M2M-100 and NLLB (many pairs).

No neural translation weights ship in any package here, so this backend serves models a user brings
(``path:/dir``) or, online, downloads (``hub:Helsinki-NLP/opus-mt-en-de``), through the same loading code as
the text backends. Options: ``pairs`` (``[["en", "de"]]``), for multilingual models ``lang_codes`` (AWS
code -> the model's, e.g. ``{"en": "eng_Latn"}`` for NLLB, ``{"en": "en"}`` for M2M-100), ``max_length``,
``num_beams``, and ``formality_prefix`` (``{"FORMAL": "<formal> "}``) for models trained with such tags.
A batch is grouped by (source, target), each group tokenized with padding and generated in one call.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from models.cards import ModelCard
from models.text.transformers_backend import resolve_source


class Seq2SeqTranslator:
    imports = ("torch", "transformers")

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.lang_codes: dict[str, str] = dict(card.options.get("lang_codes", {}))
        self.max_length = int(card.options.get("max_length", 256))
        self.num_beams = int(card.options.get("num_beams", 1))
        self.prefixes: dict[str, str] = dict(card.options.get("formality_prefix", {}))
        self.model: Any = None
        self.tokenizer: Any = None
        self.device = "cpu"

    def load(self, device: str, precision: str) -> None:
        import torch
        import transformers

        where, offline = resolve_source(self.card)
        dtype = torch.float16 if precision == "fp16" else torch.float32
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(where, local_files_only=offline)
        model = transformers.AutoModelForSeq2SeqLM.from_pretrained(where, local_files_only=offline, dtype=dtype)
        self.model = model.to(device).eval()
        self.device = device

    def unload(self) -> None:
        self.model = self.tokenizer = None
        if self.device.startswith("cuda"):
            import torch

            torch.cuda.empty_cache()

    def predict(self, items: list[Any]) -> list[Any]:
        """Items are ``(text, source, target)`` or ``(text, source, target, formality)``."""
        groups: dict[tuple[str, str, str | None], list[int]] = defaultdict(list)
        for i, item in enumerate(items):
            groups[(item[1], item[2], item[3] if len(item) > 3 else None)].append(i)
        out: list[Any] = [None] * len(items)
        for (source, target, formality), indexes in groups.items():
            prefix = self.prefixes.get(formality, "") if formality else ""
            texts = [prefix + items[i][0] for i in indexes]
            for i, text in zip(indexes, self._generate(texts, source, target), strict=True):
                out[i] = text
        return out

    def _generate(self, texts: list[str], source: str, target: str) -> list[str]:
        import torch

        kwargs: dict[str, Any] = {}
        if self.lang_codes:  # multilingual: the tokenizer marks the source, generation is forced to the target
            self.tokenizer.src_lang = self.lang_codes.get(source, source)
            target_code = self.lang_codes.get(target, target)
            lang_id = getattr(self.tokenizer, "get_lang_id", None)
            kwargs["forced_bos_token_id"] = (
                lang_id(target_code) if lang_id else self.tokenizer.convert_tokens_to_ids(target_code)
            )
        enc = self.tokenizer(texts, padding=True, truncation=True, max_length=self.max_length, return_tensors="pt")
        enc = {k: v.to(self.device) for k, v in enc.items() if k in ("input_ids", "attention_mask")}
        with torch.inference_mode():
            generated = self.model.generate(
                **enc, max_new_tokens=self.max_length, num_beams=self.num_beams, do_sample=False, **kwargs
            )
        return [t.strip() for t in self.tokenizer.batch_decode(generated, skip_special_tokens=True)]
