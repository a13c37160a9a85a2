"""Generated document pages with known contents, for Textract tests and ``bench/bench_documents.py``: ruled
and borderless tables with known cell text, forms with known key/value pairs (same line, on a rule, label
above the field), checkboxes with known states, and rotated copies. Letter size at 150 dpi."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from PIL import Image, ImageDraw, ImageFont

PAGE = (1275, 1650)
FIRST_NAMES = ["John", "Maria", "Ahmed", "Yuki", "Olga", "Pedro", "Grace", "Liam", "Chen", "Fatima"]
LAST_NAMES = ["Smith", "Garcia", "Khan", "Tanaka", "Ivanova", "Silva", "Okafor", "Murphy", "Wang", "Haddad"]
CITIES = ["Boston", "Denver", "Austin", "Seattle", "Chicago", "Portland", "Atlanta", "Phoenix"]
PRODUCTS = ["Widget", "Bracket", "Hinge", "Gasket", "Spring", "Washer", "Bearing", "Valve", "Sprocket"]
OPTIONS = ["Email updates", "Paper statements", "Text alerts", "Joint account", "Overdraft cover"]


@dataclass
class TruthPage:
    image: Image.Image
    title: str = ""
    tables: list[list[list[str]]] = field(default_factory=list)  # rows of cell text, header row first
    pairs: dict[str, str] = field(default_factory=dict)  # key text (no colon) -> value text
    checkboxes: dict[str, bool] = field(default_factory=dict)  # label -> selected
    lines: list[str] = field(default_factory=list)  # every line of text, top to bottom


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _blank() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", PAGE, "white")
    return image, ImageDraw.Draw(image)


def table_page(rows: list[list[str]], ruled: bool = True, title: str = "Quarterly order summary",
               footer: str = "") -> TruthPage:
    """A title, a table (header row first) with or without rules, and an optional footer line."""
    image, draw = _blank()
    big, body = font(44), font(28)
    draw.text((100, 90), title, fill="black", font=big)
    widths = [max(draw.textlength(row[c], font=body) for row in rows) + 60 for c in range(len(rows[0]))]
    left, top, height = 100, 220, 64
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + int(w))
    for r, row in enumerate(rows):
        y = top + r * height
        for c, text in enumerate(row):
            draw.text((xs[c] + 30, y + 17), text, fill="black", font=body)
    bottom = top + len(rows) * height
    if ruled:
        for r in range(len(rows) + 1):
            draw.line([(xs[0], top + r * height), (xs[-1], top + r * height)], fill="black", width=3)
        for x in xs:
            draw.line([(x, top), (x, bottom)], fill="black", width=3)
    else:  # borderless: only a rule under the header, as many reports print them
        draw.line([(xs[0], top + height - 4), (xs[-1], top + height - 4)], fill="black", width=2)
    lines = [title, *[" ".join(row) for row in rows]]
    if footer:
        draw.text((100, bottom + 40), footer, fill="black", font=body)
        lines.append(footer)
    return TruthPage(image, title, [rows], lines=lines)


def form_page(pairs: dict[str, str], boxes: dict[str, bool], title: str = "Account application") -> TruthPage:
    """Key/value pairs in three styles (``Key: value`` on one line, a value on a rule after the key, and
    the key printed small above a boxed field) and a column of checkboxes."""
    image, draw = _blank()
    big, body, small = font(44), font(30), font(22)
    draw.text((100, 90), title, fill="black", font=big)
    y = 220
    for n, (key, value) in enumerate(pairs.items()):
        style = n % 3
        if style == 0:
            draw.text((100, y), f"{key}: {value}", fill="black", font=body)
            y += 90
        elif style == 1:
            label_end = 100 + draw.textlength(key, font=body)
            draw.text((100, y), key, fill="black", font=body)
            start = int(label_end) + 30
            draw.line([(start, y + 38), (start + 420, y + 38)], fill="black", width=2)
            draw.text((start + 20, y), value, fill="black", font=body)
            y += 90
        else:
            draw.text((100, y), key, fill="black", font=small)
            draw.rectangle([(100, y + 32), (620, y + 90)], outline="black", width=2)
            draw.text((115, y + 44), value, fill="black", font=body)
            y += 130
    y += 20
    for label, selected in boxes.items():
        draw.rectangle([(100, y), (134, y + 34)], outline="black", width=3)
        if selected:
            draw.line([(106, y + 17), (116, y + 28), (130, y + 5)], fill="black", width=4)
        draw.text((156, y), label, fill="black", font=body)
        y += 70
    lines = [title, *[f"{k}: {v}" for k, v in pairs.items()], *boxes]
    return TruthPage(image, title, pairs=dict(pairs), checkboxes=dict(boxes), lines=lines)


def order_rows(rng: random.Random, count: int = 4) -> list[list[str]]:
    rows = [["Item", "Quantity", "Price", "City"]]
    for _ in range(count):
        rows.append([rng.choice(PRODUCTS), str(rng.randint(1, 90)), f"{rng.randint(2, 400)}.{rng.randint(10, 99)}",
                     rng.choice(CITIES)])
    return rows


def person_pairs(rng: random.Random) -> dict[str, str]:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    return {
        "Name": f"{first} {last}",
        "Date of birth": f"19{rng.randint(50, 99)}-0{rng.randint(1, 9)}-{rng.randint(10, 28)}",
        "City": rng.choice(CITIES),
        "Phone": f"555-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
        "Account number": str(rng.randint(10_000_000, 99_999_999)),
        "Employer": f"{rng.choice(LAST_NAMES)} Supply",
    }


def box_states(rng: random.Random) -> dict[str, bool]:
    states = {label: rng.random() < 0.5 for label in OPTIONS[:4]}
    if all(states.values()) or not any(states.values()):
        states[OPTIONS[0]] = not states[OPTIONS[0]]
    return states


def pages(count: int = 30, seed: int = 7) -> list[TruthPage]:
    """``count`` pages: ruled tables, borderless tables and forms in turn."""
    rng = random.Random(seed)
    out: list[TruthPage] = []
    for n in range(count):
        kind = n % 3
        if kind == 0:
            out.append(table_page(order_rows(rng, rng.randint(3, 6)), ruled=True))
        elif kind == 1:
            out.append(table_page(order_rows(rng, rng.randint(3, 6)), ruled=False))
        else:
            out.append(form_page(person_pairs(rng), box_states(rng)))
    return out


def rotated(page: TruthPage, degrees: int) -> TruthPage:
    """The page turned counter-clockwise by 90, 180 or 270 degrees (a scan fed in sideways)."""
    turned = page.image.rotate(degrees, expand=True, fillcolor="white")
    return TruthPage(turned, page.title, page.tables, page.pairs, page.checkboxes, page.lines)


def merged_table_page() -> TruthPage:
    """A ruled table whose header cell "Sales 2026" spans the two number columns."""
    image, draw = _blank()
    body = font(28)
    xs, ys = [100, 300, 500, 700], [200, 264, 328, 392]
    for y in ys:
        draw.line([(100, y), (700, y)], fill="black", width=3)
    for x in xs:
        draw.line([(x, 200), (x, 392)], fill="black", width=3)
    draw.rectangle([(302, 202), (698, 262)], fill="white")  # no rule between the spanned columns
    draw.text((130, 217), "Region", fill="black", font=body)
    draw.text((420, 217), "Sales 2026", fill="black", font=body)
    rows = [["North", "12", "15"], ["South", "9", "11"]]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            draw.text((xs[c] + 30, ys[r + 1] + 17), text, fill="black", font=body)
    return TruthPage(image, tables=[[["Region", "Sales 2026", "Sales 2026"], *rows]])


# Reading Textract's blocks back (what a client of AnalyzeDocument does), for tests and the benchmark.

def _index(blocks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {b["Id"]: b for b in blocks}


def related(index: dict[str, dict[str, Any]], block: dict[str, Any], kind: str = "CHILD") -> list[dict[str, Any]]:
    return [index[i] for r in block.get("Relationships", []) if r["Type"] == kind for i in r["Ids"]]


def block_text(index: dict[str, dict[str, Any]], block: dict[str, Any]) -> str:
    parts = []
    for child in related(index, block):
        parts.append(child.get("Text") or child.get("SelectionStatus", ""))
    return " ".join(parts)


def read_tables(blocks: list[dict[str, Any]]) -> list[list[list[str]]]:
    """Each TABLE as rows of cell text (a cell of a merged cell gives the merged cell's text)."""
    index = _index(blocks)
    out = []
    for table in (b for b in blocks if b["BlockType"] == "TABLE"):
        cells = related(index, table)
        merged_text = {}
        for merged in related(index, table, "MERGED_CELL"):
            text = " ".join(t for t in (block_text(index, c) for c in related(index, merged)) if t)
            merged_text.update({c["Id"]: text for c in related(index, merged)})
        rows: dict[int, dict[int, str]] = {}
        for cell in cells:
            rows.setdefault(cell["RowIndex"], {})[cell["ColumnIndex"]] = merged_text.get(cell["Id"],
                                                                                       block_text(index, cell))
        out.append([[row[c] for c in sorted(row)] for _, row in sorted(rows.items())])
    return out


def read_pairs(blocks: list[dict[str, Any]]) -> dict[str, str]:
    """KEY text (without a trailing colon) -> VALUE text (SELECTED / NOT_SELECTED for a checkbox)."""
    index = _index(blocks)
    out = {}
    for key in (b for b in blocks if b["BlockType"] == "KEY_VALUE_SET" and "KEY" in b["EntityTypes"]):
        values = related(index, key, "VALUE")
        out[block_text(index, key).rstrip(":").strip()] = " ".join(block_text(index, v) for v in values)
    return out


def squash(text: str) -> str:
    """Compare keys as a reader would: case, spaces and colons aside (OCR may join two words)."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def form_and_table_page() -> TruthPage:
    """Two fields, a checkbox and a ruled table on one small landscape page (as the Textract Explorer
    sends its thumbnail): FORMS must not read the table's cells as fields."""
    image = Image.new("RGB", (1000, 600), "white")
    draw = ImageDraw.Draw(image)
    body = font(40)
    draw.text((30, 20), "Name: John Smith", fill="black", font=body)
    draw.text((30, 80), "City: Denver", fill="black", font=body)
    draw.rectangle([(30, 150), (72, 192)], outline="black", width=4)
    draw.line([(37, 171), (48, 185), (66, 156)], fill="black", width=5)
    draw.text((90, 148), "Email updates", fill="black", font=body)
    xs, ys = [30, 330, 630, 960], [240, 320, 400, 480]
    for y in ys:
        draw.line([(30, y), (960, y)], fill="black", width=4)
    for x in xs:
        draw.line([(x, 240), (x, 480)], fill="black", width=4)
    rows = [["Item", "Quantity", "Price"], ["Widget", "12", "4.50"], ["Hinge", "3", "2.25"]]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            draw.text((xs[c] + 20, ys[r] + 18), text, fill="black", font=body)
    return TruthPage(image, tables=[rows], pairs={"Name": "John Smith", "City": "Denver"},
                     checkboxes={"Email updates": True})
