"""TABLES: img2table's grids made Textract blocks.

A grid gives one box per (row, column) position; a cell that spans several positions repeats its box.
Each position becomes a ``CELL`` (RowIndex/ColumnIndex from 1, spans of 1) whose geometry is the
narrowest box seen in its row and column; a repeated box becomes a ``MERGED_CELL`` over the cells it
covers, with its spans. Words go to the cell that holds their centre. The first row is a
``COLUMN_HEADER`` when every cell of it has text and none of it is a number while rows below hold
numbers. The line in img2table's title area above the table (else the nearest line just above it) is its
``TABLE_TITLE``; a line just below, its ``TABLE_FOOTER``. A "table" with fewer than two rows or two columns of text (a column of
checkboxes and their labels, a boxed field) is not reported.
"""

from __future__ import annotations

import re

import numpy as np

from models.vision.documents import TableGrid
from services.documents.blocks import Line, PageBlocks, Word, centre, contains, link, mean_confidence, overlap_x

NUMBER = re.compile(r"^[-+$€£(]*\d[\d.,:%/)-]*$")


def _edges(grid: TableGrid) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    rows, columns = len(grid.rows), len(grid.rows[0])
    col = [(max(r[j][0] for r in grid.rows), min(r[j][2] for r in grid.rows)) for j in range(columns)]
    row = [(max(grid.rows[i][j][1] for j in range(columns)), min(grid.rows[i][j][3] for j in range(columns)))
           for i in range(rows)]
    return row, col


def add_tables(page: PageBlocks, grids: list[TableGrid], emit: bool = True) -> list[tuple[int, int, int, int]]:
    """Add TABLE, CELL, MERGED_CELL, TABLE_TITLE and TABLE_FOOTER blocks (unless ``emit`` is false: FORMS
    only needs to know where the tables are); return the tables' boxes."""
    words = page.words()
    taken: set[int] = set()
    boxes = []
    for grid in grids:
        if not grid.rows or any(len(r) != len(grid.rows[0]) for r in grid.rows):
            continue
        row_edges, col_edges = _edges(grid)
        cell_words: dict[tuple[int, int], list[Word]] = {}
        mine = [n for n, word in enumerate(words) if n not in taken and contains(grid.box, centre(word.box))]
        for n in mine:
            x, y = centre(words[n].box)
            i = int(np.argmin([0 if a <= y <= b else min(abs(y - a), abs(y - b)) for a, b in row_edges]))
            j = int(np.argmin([0 if a <= x <= b else min(abs(x - a), abs(x - b)) for a, b in col_edges]))
            cell_words.setdefault((i, j), []).append(words[n])
        if len({i for i, _ in cell_words}) < 2 or len({j for _, j in cell_words}) < 2:
            continue
        taken.update(mine)
        boxes.append(grid.box)
        if emit:
            _table(page, grid, row_edges, col_edges, cell_words)
    return boxes


def _table(page: PageBlocks, grid: TableGrid, row_edges: list[tuple[int, int]], col_edges: list[tuple[int, int]],
           cell_words: dict[tuple[int, int], list[Word]]) -> None:
    rows, columns = len(row_edges), len(col_edges)
    texts = {k: " ".join(w.text for w in ws) for k, ws in cell_words.items()}
    header = (all(texts.get((0, j)) for j in range(columns))
              and not any(NUMBER.match(t) for t in (texts[(0, j)] for j in range(columns)))
              and any(NUMBER.match(t) for (i, _), t in texts.items() if i > 0))
    table = page.add("TABLE", grid.box, mean_confidence([w for ws in cell_words.values() for w in ws]) or 90.0,
                     EntityTypes=["STRUCTURED_TABLE"])
    cells: dict[tuple[int, int], dict] = {}
    for i in range(rows):
        for j in range(columns):
            mine = cell_words.get((i, j), [])
            box = (col_edges[j][0], row_edges[i][0], col_edges[j][1], row_edges[i][1])
            cell = page.add("CELL", box, mean_confidence(mine) if mine else 90.0, RowIndex=i + 1, ColumnIndex=j + 1,
                            RowSpan=1, ColumnSpan=1)
            if header and i == 0:
                cell["EntityTypes"] = ["COLUMN_HEADER"]
            link(cell, "CHILD", [w.block["Id"] for w in mine])
            cells[(i, j)] = cell
    link(table, "CHILD", [cells[k]["Id"] for k in sorted(cells)])
    merged_ids = []
    seen: dict[tuple[int, int, int, int], list[tuple[int, int]]] = {}
    for i, row in enumerate(grid.rows):
        for j, box in enumerate(row):
            seen.setdefault(box, []).append((i, j))
    for box, places in seen.items():
        if len(places) < 2:
            continue
        span_rows = {i for i, _ in places}
        span_cols = {j for _, j in places}
        merged = page.add("MERGED_CELL", box, 90.0, RowIndex=min(span_rows) + 1, ColumnIndex=min(span_cols) + 1,
                          RowSpan=len(span_rows), ColumnSpan=len(span_cols))
        link(merged, "CHILD", [cells[p]["Id"] for p in sorted(places)])
        merged_ids.append(merged["Id"])
    link(table, "MERGED_CELL", merged_ids)
    title, footer = _caption(page.lines, grid, above=True), _caption(page.lines, grid, above=False)
    for kind, line in (("TABLE_TITLE", title), ("TABLE_FOOTER", footer)):
        if line is not None:
            block = page.add(kind, line.box, line.confidence)
            link(block, "CHILD", [w.block["Id"] for w in line.words])
            link(table, kind, [block["Id"]])


def _caption(lines: list[Line], grid: TableGrid, above: bool) -> Line | None:
    """The nearest line just above (or below) the table that overlaps it horizontally, within three of its
    own heights."""
    x0, y0, x1, y1 = grid.box
    if above and grid.title_area is not None:  # where img2table saw the table's title
        titled = [line for line in lines if contains(grid.title_area, centre(line.box), slack=4)]
        if titled:
            return max(titled, key=lambda line: line.box[3])
    best: Line | None = None
    for line in lines:
        if overlap_x(line.box, grid.box) <= 0 or line.box[0] < x0 - (x1 - x0) * 0.25:
            continue
        gap = y0 - line.box[3] if above else line.box[1] - y1
        if 0 <= gap <= 3 * line.height and (best is None or gap < (y0 - best.box[3] if above else best.box[1] - y1)):
            best = line
    return best

