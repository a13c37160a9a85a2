"""One document page made ready to read, and the way back to the page as sent.

A page is turned upright (the orientation model gives quarter turns), then a small skew is measured and
undone; rules (long thin horizontal and vertical strokes: table grids, underlines, field boxes) and
checkboxes are found on the straightened page and painted out of a copy for OCR, since Tesseract reads a
rule beside a word as ``—`` or ``|`` and a checkbox as ``M``. Everything downstream works in the
straightened page's pixels; :meth:`Frame.to_sent` maps points back, so blocks keep the geometry of the
page as sent, as Textract's do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

Box = tuple[int, int, int, int]
Points = list[tuple[float, float]]
MAX_SKEW = 10.0  # degrees; beyond it a page is a photo that needs more than a turn
SKEW_STEP = 0.2


@dataclass
class Checkbox:
    box: Box
    selected: bool
    confidence: float


@dataclass
class Frame:
    """Maps straightened-page pixels back to the page as sent: undo the skew, then the quarter turns."""

    width: int  # the page as sent
    height: int
    turns: int  # quarter turns counter-clockwise that made it upright
    skew: np.ndarray | None = None  # 2x3 affine: straightened -> upright

    def to_sent(self, points: Points) -> Points:
        pts = np.asarray(points, np.float64).reshape(-1, 2)
        if self.skew is not None:
            pts = pts @ self.skew[:, :2].T + self.skew[:, 2]
        upright_w = self.height if self.turns % 2 else self.width
        upright_h = self.width if self.turns % 2 else self.height
        for _ in range(self.turns):  # undo one counter-clockwise quarter turn at a time
            upright_w, upright_h = upright_h, upright_w
            pts = np.stack([upright_w - pts[:, 1], pts[:, 0]], axis=1)
        return [(float(x), float(y)) for x, y in pts]


@dataclass
class PreparedPage:
    pixels: np.ndarray  # straightened RGB
    clean: np.ndarray  # the same with rules and checkboxes painted white (what OCR reads)
    frame: Frame
    rules: list[Box] = field(default_factory=list)  # horizontal and vertical strokes
    checkboxes: list[Checkbox] = field(default_factory=list)
    skew_degrees: float = 0.0


def _ink(gray: np.ndarray) -> np.ndarray:
    import cv2

    _, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return mask


def measure_skew(gray: np.ndarray) -> float:
    """The angle (degrees) by which text lines climb, by the projection profile: the rotation that makes
    the rows of ink sharpest. Ink pixels are sampled so a page costs a few milliseconds."""
    ys, xs = np.nonzero(_ink(gray))
    if len(xs) < 200:
        return 0.0
    if len(xs) > 40_000:
        pick = np.random.default_rng(0).choice(len(xs), 40_000, replace=False)
        xs, ys = xs[pick], ys[pick]
    xs = xs - xs.mean()
    best, best_score = 0.0, -1.0
    for degrees in np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, SKEW_STEP):
        theta = np.deg2rad(degrees)
        rows = np.round(ys * np.cos(theta) - xs * np.sin(theta)).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        score = float(np.dot(counts, counts))
        if score > best_score:
            best, best_score = float(degrees), score
    return best


def _straighten(pixels: np.ndarray, degrees: float) -> tuple[np.ndarray, np.ndarray]:
    """Rotate by -degrees on a canvas large enough for the whole page; return it and the inverse affine."""
    import cv2

    h, w = pixels.shape[:2]
    rotate = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    cos, sin = abs(rotate[0, 0]), abs(rotate[0, 1])
    new_w, new_h = int(h * sin + w * cos + 0.5), int(h * cos + w * sin + 0.5)
    rotate[0, 2] += new_w / 2 - w / 2
    rotate[1, 2] += new_h / 2 - h / 2
    straight = cv2.warpAffine(pixels, rotate, (new_w, new_h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))
    return straight, cv2.invertAffineTransform(rotate)


def glyph_height(ink: np.ndarray) -> float:
    """The median height of the page's ink blobs (about a letter's): what a rule must be much longer than."""
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(ink)
    heights = stats[1:count, cv2.CC_STAT_HEIGHT]
    widths = stats[1:count, cv2.CC_STAT_WIDTH]
    small = heights[(heights >= 5) & (heights <= 200) & (widths <= 200)]
    return float(np.median(small)) if len(small) else 20.0


def find_rules(ink: np.ndarray) -> tuple[list[Box], np.ndarray]:
    """Horizontal and vertical strokes at least 40 px and three letter heights long (a letter's own stroke
    never is), and their mask."""
    import cv2

    length = max(40, int(3 * glyph_height(ink)))
    mask = np.zeros_like(ink)
    boxes: list[Box] = []
    for kernel in (cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)),
                   cv2.getStructuringElement(cv2.MORPH_RECT, (1, length))):
        lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        mask |= lines
        count, _, stats, _ = cv2.connectedComponentsWithStats(lines)
        boxes += [(int(x), int(y), int(x + bw), int(y + bh)) for x, y, bw, bh, _ in stats[1:count]]
    return boxes, cv2.dilate(mask, np.ones((3, 3), np.uint8))


def find_checkboxes(ink: np.ndarray) -> list[Checkbox]:
    """Small hollow squares: a closed outline, all four sides and corners ink. Selected when the inside (less a
    margin) carries ink; the confidence grows with the distance of the fill from the threshold."""
    import cv2

    contours, hierarchy = cv2.findContours(ink, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    found: list[Checkbox] = []
    for contour, (_, _, _, parent) in zip(contours, hierarchy[0] if hierarchy is not None else [], strict=True):
        if parent != -1:  # the hole of a glyph (the inside of an o) is no box
            continue
        x, y, w, h = cv2.boundingRect(contour)
        if not (12 <= w <= 80 and 12 <= h <= 80 and 0.8 <= w / h <= 1.25):
            continue
        if len(cv2.approxPolyDP(contour, 0.06 * cv2.arcLength(contour, True), True)) != 4:
            continue
        t = max(2, min(w, h) // 8)
        sides = [ink[y:y + t, x:x + w], ink[y + h - t:y + h, x:x + w], ink[y:y + h, x:x + t], ink[y:y + h, x + w - t:x + w]]
        if min(float((s.max(axis=0 if s.shape[0] <= t else 1) > 0).mean()) for s in sides) < 0.85:
            continue
        corners = [ink[y:y + t, x:x + t], ink[y:y + t, x + w - t:x + w], ink[y + h - t:y + h, x:x + t],
                   ink[y + h - t:y + h, x + w - t:x + w]]
        if min(float((c > 0).mean()) for c in corners) < 0.5:  # round letters (o, O, 0) have empty corners
            continue
        box = (x, y, x + w, y + h)
        if any(_inside(box, c.box) or _inside(c.box, box) for c in found):  # inner and outer outline of one box
            continue
        m = max(3, min(w, h) // 5)
        fill = float((ink[y + m:y + h - m, x + m:x + w - m] > 0).mean()) if w > 2 * m and h > 2 * m else 0.0
        selected = fill >= 0.06
        found.append(Checkbox(box, selected, round(min(99.9, 60 + 400 * abs(fill - 0.06)), 2)))
    return found


def _inside(inner: Box, outer: Box, slack: int = 6) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack and inner[2] <= outer[2] + slack
            and inner[3] <= outer[3] + slack)


def prepare(pixels: np.ndarray, turns: int, deskew: bool = True) -> PreparedPage:
    import cv2

    height, width = pixels.shape[:2]
    upright = np.ascontiguousarray(np.rot90(pixels, turns)) if turns else pixels
    frame = Frame(width, height, turns)
    degrees = measure_skew(cv2.cvtColor(upright, cv2.COLOR_RGB2GRAY)) if deskew else 0.0
    straight = upright
    if abs(degrees) >= 0.3:
        straight, frame.skew = _straighten(upright, degrees)
    else:
        degrees = 0.0
    ink = _ink(cv2.cvtColor(straight, cv2.COLOR_RGB2GRAY))
    rules, rule_mask = find_rules(ink)
    checkboxes = find_checkboxes(ink)
    clean = straight.copy()
    clean[rule_mask > 0] = 255
    for box in checkboxes:
        x0, y0, x1, y1 = box.box
        clean[max(0, y0 - 2):y1 + 2, max(0, x0 - 2):x1 + 2] = 255
    return PreparedPage(straight, clean, frame, rules, checkboxes, degrees)
