"""Screenshots of each console page for the README (docs/console/*.png): a started server, Debian's
chromium driven by Playwright, the same sample inputs the browser tests use, PNGs quantized to stay small.

    python scripts/console_screenshots.py
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from PIL import Image
from playwright.sync_api import sync_playwright
from skimage import data

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.document_pages import form_and_table_page
from tests.e2e.conftest import start_server
from tests.speech_util import DIALOGUE, dialogue, espeak_wav
from tests.vision_util import png

OUT = ROOT / "docs" / "console"


def save(page: object, name: str) -> None:
    shot = Image.open(io.BytesIO(page.screenshot(full_page=False)))  # type: ignore[attr-defined]
    shot.convert("RGB").quantize(colors=128).save(OUT / f"{name}.png", optimize=True)


def sample_buckets(root: Path) -> None:
    """A daily sales CSV (two stores, weekly pattern) and shop interactions, as the browser tests use."""
    folder = root / "shots"
    folder.mkdir(parents=True)
    days = np.arange(180)
    weekly = 100 + 30 * np.sin(2 * np.pi * days / 7) + 0.2 * days + np.random.default_rng(0).normal(0, 6, len(days))
    dates = pd.date_range("2024-01-01", periods=len(days), freq="D").strftime("%Y-%m-%d")
    (folder / "sales.csv").write_text("".join(f"store-{s},{d},{v + 10 * s:.2f}\n" for s in (1, 2)
                                              for d, v in zip(dates, weekly, strict=True)))
    rng = np.random.default_rng(1)
    rows = ["USER_ID,ITEM_ID,TIMESTAMP"] + [f"u{u},i{(u % 2) * 20 + int(rng.integers(0, 20))},{1000 + n * 40 + u}"
                                            for n in range(15) for u in range(40)]
    (folder / "events.csv").write_text("\n".join(rows) + "\n")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="cirrus-shots-"))
    (work / "astronaut.jpg").write_bytes(png(data.astronaut(), "JPEG"))
    (work / "page.png").write_bytes(png(form_and_table_page().image))
    (work / "fox.wav").write_bytes(espeak_wav("the quick brown fox jumps over the lazy dog"))
    (work / "two.wav").write_bytes(dialogue(["en-us", "en-gb-x-rp+f3"], DIALOGUE[:4])[0])
    sample_buckets(work / "buckets")
    proc, url = start_server(work)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(f"{url}/console#text")
            page.get_by_test_id("text-analyze").click()
            page.get_by_test_id("key-phrase").first.wait_for(timeout=120_000)
            save(page, "text")
            page.goto(f"{url}/console#vision")
            page.get_by_test_id("vision-file").set_input_files(str(work / "astronaut.jpg"))
            page.get_by_test_id("box-face").wait_for(timeout=120_000)
            save(page, "vision")
            page.goto(f"{url}/console#documents")
            page.get_by_test_id("document-file").set_input_files(str(work / "page.png"))
            page.get_by_test_id("document-table").wait_for(timeout=180_000)
            save(page, "documents")
            page.goto(f"{url}/console#translate")
            page.get_by_test_id("translate-run").click()
            page.get_by_test_id("translate-detected").wait_for(timeout=120_000)
            save(page, "translate")
            page.goto(f"{url}/console#speech")
            page.get_by_test_id("asr-speakers").select_option("2")
            page.get_by_test_id("asr-file").set_input_files(str(work / "two.wav"))
            page.get_by_test_id("asr-words").wait_for(timeout=120_000)
            page.get_by_test_id("tts-speak").click()
            page.get_by_test_id("tts-words").wait_for(timeout=120_000)
            save(page, "speech")
            page.goto(f"{url}/console#faces")
            page.get_by_test_id("collection-name").fill("team")
            page.get_by_test_id("collection-create").click()
            page.get_by_test_id("face-external-id").fill("eileen")
            page.get_by_test_id("face-index-file").set_input_files(str(work / "astronaut.jpg"))
            page.get_by_test_id("face-row").wait_for(timeout=120_000)
            page.get_by_test_id("face-search-file").set_input_files(str(work / "astronaut.jpg"))
            page.get_by_test_id("search-match").wait_for(timeout=120_000)
            save(page, "faces")
            page.goto(f"{url}/console#forecast")
            page.get_by_test_id("build-forecast-uri").fill("s3://shots/sales.csv")
            page.get_by_test_id("build-forecast-horizon").fill("21")
            page.get_by_test_id("build-forecast-start").click()
            page.get_by_test_id("forecast-plot").wait_for(timeout=240_000)
            save(page, "forecast")
            page.goto(f"{url}/console#personalize")
            page.get_by_test_id("build-campaign-uri").fill("s3://shots/events.csv")
            page.get_by_test_id("build-campaign-algorithm").select_option("bpr")
            page.get_by_test_id("build-campaign-start").click()
            page.get_by_test_id("build-campaign-metrics").wait_for(timeout=240_000)
            page.get_by_test_id("recommend-user").fill("u3")
            page.get_by_test_id("recommend-run").click()
            page.get_by_test_id("recommendations").wait_for(timeout=60_000)
            save(page, "personalize")
            page.goto(f"{url}/console#models")
            page.get_by_test_id("model-row").first.wait_for(timeout=30_000)
            save(page, "models")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)
    for shot in sorted(OUT.glob("*.png")):
        print(f"{shot.relative_to(ROOT)}: {shot.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
