"""Textract AnalyzeDocument benchmark (numbers go in the README), on generated pages with known contents
(``tests/document_pages.py``: ruled and borderless tables, forms with three styles of fields, checkboxes,
and rotated copies).

Accuracy, in-process through the same service the gateway calls:
  tables      share of the truth's cells found at the right row and column with exactly the right text
  forms       share of key/value pairs found (key compared without case, spaces or colon; value exact)
  checkboxes  share of checkboxes found, next to the right label, with the right state
  queries     on the form pages: paraphrased questions answered right / wrong / not at all, and questions
              about fields the page does not have that got an answer anyway (false answers)
  rotation    character error rate of the rotated pages' text, with and without the orientation step
Speed, TABLES+FORMS+LAYOUT on the table and form pages:
  in-process one page at a time vs several pages in flight (the models batch them), and the gateway
  (boto3 AnalyzeDocument at the same concurrency) vs the same pipeline in-process: pages/s and ratios.

    python bench/bench_documents.py [--pages 30] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_text import Server

from models.registry import ModelRegistry, default_cards
from services.documents.queries import Query
from services.documents.service import EMBEDDINGS, LAYOUT, ORIENTATION, TABLES, Documents
from services.vision.images import Picture
from services.vision.service import DOCUMENT_TEXT, Vision
from tests.document_pages import TruthPage, pages, read_pairs, read_tables, related, rotated, squash
from tests.vision_util import cer

CARDS = (DOCUMENT_TEXT, ORIENTATION, LAYOUT, TABLES, EMBEDDINGS)
FEATURES = {"TABLES", "FORMS", "LAYOUT"}
# paraphrased questions for the form's fields, and questions about fields the forms never have
QUESTIONS = {"Name": "What is the applicant's name?", "Date of birth": "When was the applicant born?",
             "Phone": "What is the phone number?", "Employer": "Who is the employer?"}
ABSENT = ["What is the vehicle identification number?", "What is the passport number?"]


def documents(with_orientation: bool = True) -> Documents:
    names = set(CARDS) - (set() if with_orientation else {ORIENTATION})
    return Documents(Vision(ModelRegistry([c for c in default_cards() if c.name in names])))


def picture(page: TruthPage) -> Picture:
    return Picture(np.ascontiguousarray(np.asarray(page.image)), "PNG")


def score_tables(truth: list[list[list[str]]], found: list[list[list[str]]]) -> tuple[int, int]:
    right = total = 0
    for t, table in enumerate(truth):
        got = found[t] if t < len(found) else []
        for i, row in enumerate(table):
            for j, text in enumerate(row):
                total += 1
                right += i < len(got) and j < len(got[i]) and got[i][j] == text
    return right, total


async def accuracy(count: int) -> None:
    docs = documents()
    sample = pages(count)
    tally = {"cells": [0, 0], "pairs": [0, 0], "boxes": [0, 0]}
    queries = [Query(q, None, None) for q in [*QUESTIONS.values(), *ABSENT]]
    answers = {"right": 0, "wrong": 0, "none": 0, "false": 0}
    for page in sample:
        blocks = await docs.analyze([picture(page)], {"TABLES", "FORMS", "QUERIES"} if page.pairs else {"TABLES"},
                                    queries if page.pairs else None)
        if page.tables:
            right, total = score_tables(page.tables, read_tables(blocks))
            tally["cells"][0] += right
            tally["cells"][1] += total
        found = {squash(k): v for k, v in read_pairs(blocks).items()}
        for key, value in page.pairs.items():
            tally["pairs"][0] += found.get(squash(key)) == value
            tally["pairs"][1] += 1
        for label, selected in page.checkboxes.items():
            tally["boxes"][0] += found.get(squash(label)) == ("SELECTED" if selected else "NOT_SELECTED")
            tally["boxes"][1] += 1
        if page.pairs:
            index = {b["Id"]: b for b in blocks}
            got = {b["Query"]["Text"]: [a["Text"] for a in related(index, b, "ANSWER")]
                   for b in blocks if b["BlockType"] == "QUERY"}
            for key, question in QUESTIONS.items():
                answer = got.get(question, [])
                answers["none" if not answer else "right" if answer == [page.pairs[key]] else "wrong"] += 1
            answers["false"] += sum(bool(got.get(q)) for q in ABSENT)
    forms = sum(bool(p.pairs) for p in sample)
    print(f"accuracy on {len(sample)} pages ({len(sample) - forms} tables, {forms} forms)")
    for name, (right, total) in tally.items():
        print(f"  {name:<10} {right}/{total} = {100 * right / max(total, 1):.1f}%")
    asked = forms * len(QUESTIONS)
    print(f"  queries    right {answers['right']}/{asked}, wrong {answers['wrong']}, unanswered {answers['none']}; "
          f"false answers to absent fields {answers['false']}/{forms * len(ABSENT)}")
    await rotation(sample[: max(3, count // 3)])


async def rotation(sample: list[TruthPage]) -> None:
    turned = [(rotated(p, d), p) for p in sample for d in (90, 180, 270)]
    cases = (("the same pages upright (reference)", documents(True), [(p, p) for p in sample]),
             ("turned, without orientation", documents(False), turned), ("turned, with orientation", documents(True), turned))
    for label, docs, pairs in cases:
        rates = []
        for page, upright in pairs:
            blocks = await docs.text([picture(page)])
            text = " ".join(b["Text"] for b in blocks if b["BlockType"] == "LINE")
            rates.append(cer(" ".join(upright.lines), text))
        print(f"  rotation   CER on {len(pairs)} pages, {label}: {100 * float(np.mean(rates)):.1f}%")


async def in_process(sample: list[TruthPage], concurrency: int) -> tuple[float, float]:
    docs = documents()
    await docs.analyze([picture(sample[0])], FEATURES)  # load the models
    start = time.perf_counter()
    for page in sample:
        await docs.analyze([picture(page)], FEATURES)
    one = len(sample) / (time.perf_counter() - start)
    gate = asyncio.Semaphore(concurrency)

    async def one_page(page: TruthPage) -> None:
        async with gate:
            await docs.analyze([picture(page)], FEATURES)

    start = time.perf_counter()
    await asyncio.gather(*(one_page(p) for p in sample))
    return one, len(sample) / (time.perf_counter() - start)


def through_gateway(sample: list[TruthPage], concurrency: int) -> float:
    import boto3

    server = Server({})
    try:
        for name in CARDS:
            server.load(name)
        client = boto3.client("textract", endpoint_url=server.url, region_name="us-east-1", aws_access_key_id="x",
                              aws_secret_access_key="y")
        bodies = []
        for page in sample:
            buf = io.BytesIO()
            page.image.save(buf, "PNG")
            bodies.append(buf.getvalue())

        def call(body: bytes) -> Any:
            return client.analyze_document(Document={"Bytes": body}, FeatureTypes=sorted(FEATURES))

        call(bodies[0])
        start = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            list(pool.map(call, bodies))
        return len(sample) / (time.perf_counter() - start)
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    asyncio.run(accuracy(args.pages))
    sample = pages(min(args.pages, 12))
    one, many = asyncio.run(in_process(sample, args.concurrency))
    gateway = through_gateway(sample, args.concurrency)
    print(f"speed, TABLES+FORMS+LAYOUT on {len(sample)} pages")
    print(f"  in-process one page at a time  {one:.2f} pages/s")
    print(f"  in-process {args.concurrency} pages in flight     {many:.2f} pages/s   batched/one-at-a-time {many / one:.2f}x")
    print(f"  gateway {args.concurrency} pages in flight        {gateway:.2f} pages/s   gateway/in-process {gateway / many:.2f}x")


if __name__ == "__main__":
    main()
