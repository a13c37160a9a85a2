"""Pages made ready to read: the way back to the page as sent, skew, rules and checkboxes."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from services.documents.page import measure_skew, prepare
from tests.document_pages import form_page
from tests.vision_util import page as text_page

PAIRS = {"Name": "Ana Silva", "Date of birth": "1990-01-02", "City": "Austin"}
BOXES = {"Email updates": True, "Paper statements": False}


@pytest.mark.parametrize("turns", [0, 1, 2, 3])
def test_points_map_back_to_the_page_as_sent(turns: int) -> None:
    upright = np.zeros((300, 500, 3), np.uint8)
    upright[40:60, 100:130] = 255  # a marked spot on the upright page
    sent = np.ascontiguousarray(np.rot90(upright, -turns))  # the page as a scanner fed it in
    prepared = prepare(sent, turns, deskew=False)
    assert np.array_equal(prepared.pixels, upright)
    back = prepared.frame.to_sent([(100, 40), (130, 60)])
    ys, xs = np.nonzero(sent[:, :, 0])
    assert sorted(p[0] for p in back) == pytest.approx([xs.min(), xs.max() + 1], abs=1)
    assert sorted(p[1] for p in back) == pytest.approx([ys.min(), ys.max() + 1], abs=1)


@pytest.mark.parametrize("degrees", [-6.0, -2.0, 3.0, 7.0])
def test_skew_is_measured_and_undone(degrees: float) -> None:
    image = text_page(["A line of printed text to measure.", "Another line below it, as long.",
                       "And a third one to make it clear."], size=(1400, 600))
    turned = np.asarray(image.rotate(degrees, expand=True, fillcolor="white", resample=Image.Resampling.BICUBIC))
    gray = turned.mean(axis=2).astype(np.uint8)
    assert measure_skew(gray) == pytest.approx(-degrees, abs=0.3)
    prepared = prepare(turned, 0)
    assert prepared.skew_degrees == pytest.approx(-degrees, abs=0.3)
    corner = prepared.frame.to_sent([(0.0, 0.0)])[0]  # the straightened canvas's corner lies off the page
    assert not (0 < corner[0] < turned.shape[1] and 0 < corner[1] < turned.shape[0])


def test_checkboxes_and_rules_are_found_and_painted_out() -> None:
    pixels = np.asarray(form_page(PAIRS, BOXES).image)
    prepared = prepare(pixels, 0)
    assert [c.selected for c in sorted(prepared.checkboxes, key=lambda c: c.box[1])] == [True, False]
    assert all(c.confidence > 60 for c in prepared.checkboxes)
    horizontal = [r for r in prepared.rules if r[2] - r[0] > 300]
    assert len(horizontal) >= 3  # the rule under the date, the field box's top and bottom
    x0, y0, x1, y1 = prepared.checkboxes[0].box
    assert prepared.clean[y0:y1, x0:x1].min() == 255  # OCR does not see the box
    assert prepared.pixels[y0:y1, x0:x1].min() < 128


def test_big_letters_are_not_rules() -> None:
    image = Image.new("RGB", (1400, 400), "white")
    ImageDraw.Draw(image).text((40, 40), "Illicit lilt", fill="black", font=ImageFont.load_default(size=150))
    prepared = prepare(np.asarray(image), 0)
    assert prepared.rules == [] and np.array_equal(prepared.clean, prepared.pixels)
