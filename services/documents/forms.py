"""FORMS: key/value pairs and checkboxes, from the page's lines and the rules and boxes found on it.

A pair is found where a form shows one:
- ``Key: value`` on one line (a key of at most six words ending in a colon, something after it);
- a value written on a rule: the words standing on a horizontal rule are the value, the words before the
  rule on the same row the key (``Date of birth ____1980-04-02____``);
- a field with its label above: a line standing on a rule (or inside a box) with nothing before it takes
  the nearest line above it, within two and a half line heights, as its key;
- ``Key:`` ending a line, its value the line just below it;
- a checkbox: the text beside it (right, else left) is the key, the ``SELECTION_ELEMENT`` the value.
Words inside tables are left to the tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.documents.blocks import Line, PageBlocks, Word, centre, contains, link, mean_confidence, overlap_x, union
from services.documents.page import Box, Checkbox

MAX_KEY_WORDS = 6


@dataclass
class Pair:
    key: list[Word]
    value: list[Word]
    checkbox: Checkbox | None = None

    @property
    def key_text(self) -> str:
        return " ".join(w.text for w in self.key).rstrip(":").strip()

    @property
    def value_text(self) -> str:
        if self.checkbox is not None:
            return "SELECTED" if self.checkbox.selected else "NOT_SELECTED"
        return " ".join(w.text for w in self.value)

    @property
    def confidence(self) -> float:
        parts = [mean_confidence(self.key)]
        parts.append(self.checkbox.confidence if self.checkbox is not None else mean_confidence(self.value))
        return min(parts)


def _rule_under(words: list[Word], rules: list[Box], height: int) -> Box | None:
    """A horizontal rule right under some of these words (within 0.8 line heights below their bottom)."""
    for rule in rules:
        if rule[2] - rule[0] < 3 * (rule[3] - rule[1]):
            continue  # vertical
        for word in words:
            gap = rule[1] - word.box[3]
            if -4 <= gap <= 0.8 * height and overlap_x(word.box, rule) > 0.5 * (word.box[2] - word.box[0]):
                return rule
    return None


def find_pairs(page: PageBlocks, rules: list[Box], checkboxes: list[Checkbox], tables: list[Box]) -> list[Pair]:
    lines = [line for line in page.lines if not any(contains(t, centre(line.box)) for t in tables)]
    pairs: list[Pair] = []
    used: set[int] = set()  # ids of lines already in a pair
    for n, line in enumerate(lines):
        words = line.words
        colon = next((k for k, w in enumerate(words[:MAX_KEY_WORDS]) if w.text.endswith(":")), None)
        if colon is not None and colon + 1 < len(words):
            pairs.append(Pair(words[:colon + 1], words[colon + 1:]))
            used.add(id(line))
            continue
        rule = _rule_under(words, rules, line.height)
        if rule is not None:
            before = [w for w in words if w.box[2] <= rule[0] + 4]
            on = [w for w in words if w.box[2] > rule[0] + 4]
            if before and on:
                pairs.append(Pair(before, on))
                used.add(id(line))
                continue
            label = _label_left(lines, line, rule, used) or _label_above(lines[:n], line, used)
            if label is not None:
                pairs.append(Pair(label.words, words))
                used.update((id(line), id(label)))
                continue
        if colon is not None and colon == len(words) - 1 and n + 1 < len(lines):
            below = lines[n + 1]
            if 0 <= below.box[1] - line.box[3] <= 1.5 * line.height and abs(below.box[0] - line.box[0]) < 3 * line.height:
                pairs.append(Pair(words, below.words))
                used.update((id(line), id(below)))
    for box in checkboxes:
        label = _beside(lines, box.box)
        if label:
            pairs.append(Pair(label, [], box))
    return pairs


def _label_left(lines: list[Line], line: Line, rule: Box, used: set[int]) -> Line | None:
    """The nearest line on the same row that ends before the rule starts (OCR reads the key and the value
    on its rule as two lines when the rule leaves a gap)."""
    middle = (line.box[1] + line.box[3]) / 2
    row = [c for c in lines if c is not line and id(c) not in used and c.box[1] <= middle <= c.box[3]
           and c.box[2] <= rule[0] + 4 and rule[0] - c.box[2] < 6 * line.height]
    return max(row, key=lambda c: c.box[2], default=None)


def _label_above(earlier: list[Line], line: Line, used: set[int]) -> Line | None:
    for candidate in reversed(earlier):
        gap = line.box[1] - candidate.box[3]
        if gap > 2.5 * line.height:
            break
        if gap >= 0 and id(candidate) not in used and overlap_x(candidate.box, line.box) > 0:
            return candidate
    return None


def _beside(lines: list[Line], box: Box) -> list[Word]:
    """The words on the checkbox's row right after it, else those right before it."""
    size = box[3] - box[1]
    row = [w for line in lines for w in line.words if box[1] - size / 2 <= centre(w.box)[1] <= box[3] + size / 2]
    right = sorted((w for w in row if w.box[0] >= box[2] - 2), key=lambda w: w.box[0])
    if right and right[0].box[0] - box[2] <= 3 * size:
        return _run(right, w_gap=size)
    left = sorted((w for w in row if w.box[2] <= box[0] + 2), key=lambda w: -w.box[0])
    if left and box[0] - left[0].box[2] <= 3 * size:
        return list(reversed(_run(left, w_gap=size, leftward=True)))
    return []


def _run(words: list[Word], w_gap: float, leftward: bool = False) -> list[Word]:
    """Words in a row until a gap wider than ``w_gap``: one label."""
    out = words[:1]
    for word in words[1:]:
        gap = out[-1].box[0] - word.box[2] if leftward else word.box[0] - out[-1].box[2]
        if gap > w_gap:
            break
        out.append(word)
    return out


def add_forms(page: PageBlocks, pairs: list[Pair], checkboxes: list[Checkbox]) -> None:
    """SELECTION_ELEMENT blocks for every checkbox, and KEY and VALUE ``KEY_VALUE_SET`` blocks per pair."""
    elements = {}
    for box in checkboxes:
        elements[id(box)] = page.add("SELECTION_ELEMENT", box.box, box.confidence,
                                     SelectionStatus="SELECTED" if box.selected else "NOT_SELECTED")
    for pair in pairs:
        value_box = pair.checkbox.box if pair.checkbox is not None else union([w.box for w in pair.value])
        value = page.add("KEY_VALUE_SET", value_box, pair.confidence, EntityTypes=["VALUE"])
        if pair.checkbox is not None:
            link(value, "CHILD", [elements[id(pair.checkbox)]["Id"]])
        else:
            link(value, "CHILD", [w.block["Id"] for w in pair.value])
        key = page.add("KEY_VALUE_SET", union([w.box for w in pair.key]), pair.confidence, EntityTypes=["KEY"])
        link(key, "VALUE", [value["Id"]])
        link(key, "CHILD", [w.block["Id"] for w in pair.key])
