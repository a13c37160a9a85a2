"""QUERIES: a question answered with the value of the page's key/value pair whose key matches it best.

The match is lexical: the share of the key's content words the question contains (70%) and of the
question's content words the key contains (30%), after lower-casing, dropping question words and a plural
or possessive s. A query is answered when its best match is at least 0.6.

When no key shares a word with the question, the e5 embeddings card (when loaded) may still pick one, but
only by a clear margin: e5-small's cosines are high for any two short phrases (measured: "What is the
passport number?" to "Account number" 0.878, "When was the applicant born?" to "Date of birth" 0.877), so
the best key must beat the runner-up by 0.04 and reach 0.86. Its match is then 0.5 + 4 x the margin.

The confidence is the match times the value's OCR confidence. Nothing matching: the QUERY block has no
ANSWER, as Textract does.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from services.documents.blocks import PageBlocks, link, union
from services.documents.forms import Pair
from services.errors import InvalidRequest

MIN_MATCH = 0.6
SEMANTIC_MIN, SEMANTIC_MARGIN = 0.86, 0.04
MAX_QUERY_CHARS = 200
MAX_QUERIES = 15  # AWS's limit per synchronous request
STOP = {"what", "whats", "is", "are", "was", "were", "the", "a", "an", "of", "on", "in", "for", "which", "who", "whose",
        "how", "does", "do", "did", "this", "that", "it", "to", "me", "my", "your", "please", "give", "tell", "find",
        "there", "and", "or", "by", "with", "at", "be", "has", "have", "listed", "stated", "shown", "given"}
Embed = Callable[[list[str]], Awaitable[list[np.ndarray]]]


@dataclass
class Query:
    text: str
    alias: str | None
    pages: list[str] | None

    def applies_to(self, page: int, total: int) -> bool:
        for spec in self.pages or ["1"]:
            if spec == "*":
                return True
            first, _, last = spec.partition("-")
            low = int(first)
            high = total if last == "*" else int(last or first)
            if low <= page <= high:
                return True
        return False

    def shape(self) -> dict[str, Any]:
        out: dict[str, Any] = {"Text": self.text}
        if self.alias:
            out["Alias"] = self.alias
        if self.pages:
            out["Pages"] = self.pages
        return out


PAGE_SPEC = re.compile(r"^(\*|[1-9]\d{0,4}(-([1-9]\d{0,4}|\*))?)$")


def parse_queries(config: Any) -> list[Query]:
    """``QueriesConfig`` -> queries, or InvalidRequest naming what is wrong."""
    if not isinstance(config, dict) or not isinstance(config.get("Queries"), list) or not config["Queries"]:
        raise InvalidRequest("QueriesConfig needs a non-empty Queries list when FeatureTypes has QUERIES")
    if len(config["Queries"]) > MAX_QUERIES:
        raise InvalidRequest(f"QueriesConfig has {len(config['Queries'])} queries; the limit is {MAX_QUERIES}")
    out = []
    for n, raw in enumerate(config["Queries"]):
        if not isinstance(raw, dict) or not isinstance(raw.get("Text"), str) or not raw["Text"].strip():
            raise InvalidRequest(f"Queries[{n}] needs a Text")
        if len(raw["Text"]) > MAX_QUERY_CHARS:
            raise InvalidRequest(f"Queries[{n}].Text is {len(raw['Text'])} characters; the limit is {MAX_QUERY_CHARS}")
        alias, pages = raw.get("Alias"), raw.get("Pages")
        if alias is not None and (not isinstance(alias, str) or len(alias) > MAX_QUERY_CHARS):
            raise InvalidRequest(f"Queries[{n}].Alias must be a string of at most {MAX_QUERY_CHARS} characters")
        if pages is not None and (not isinstance(pages, list) or not pages
                                  or not all(isinstance(p, str) and PAGE_SPEC.match(p) for p in pages)):
            raise InvalidRequest(f"Queries[{n}].Pages must list pages as '1', '2-5', '3-*' or '*'")
        out.append(Query(raw["Text"].strip(), alias, pages))
    return out


def _words(text: str) -> set[str]:
    out = set()
    for word in re.findall(r"[a-z0-9]+", text.lower().replace("'s", "")):
        if word in STOP:
            continue
        out.add(word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word)
    return out


def lexical(question: str, key: str) -> float:
    q, k = _words(question), _words(key)
    if not q or not k:
        return 0.0
    common = len(q & k)
    return 0.7 * common / len(k) + 0.3 * common / len(q)


async def add_queries(page: PageBlocks, total_pages: int, queries: list[Query], pairs: list[Pair],
                      embed: Embed | None) -> None:
    mine = [q for q in queries if q.applies_to(page.number, total_pages)]
    if not mine:
        return
    scores = np.array([[lexical(q.text, p.key_text) for p in pairs] for q in mine]).reshape(len(mine), len(pairs))
    unmatched = [n for n in range(len(mine)) if not scores[n].any()]
    if embed is not None and len(pairs) >= 2 and unmatched:
        vectors = await embed([mine[n].text for n in unmatched] + [p.key_text for p in pairs])
        keys = np.stack(vectors[len(unmatched):])
        for n, vector in zip(unmatched, vectors[:len(unmatched)], strict=False):
            cosines = keys @ vector
            first, second = np.sort(cosines)[::-1][:2]
            if first >= SEMANTIC_MIN and first - second >= SEMANTIC_MARGIN:
                scores[n, int(np.argmax(cosines))] = min(0.9, 0.5 + 4 * float(first - second))
    for n, query in enumerate(mine):
        block = page.add("QUERY", None, Query=query.shape())
        if not pairs:
            continue
        best = int(np.argmax(scores[n]))
        match = float(scores[n, best])
        pair = pairs[best]
        if match < MIN_MATCH or (pair.checkbox is None and not pair.value):
            continue
        box = pair.checkbox.box if pair.checkbox is not None else union([w.box for w in pair.value])
        answer = page.add("QUERY_RESULT", box, min(99.0, match * pair.confidence), Text=pair.value_text)
        link(block, "ANSWER", [answer["Id"]])
