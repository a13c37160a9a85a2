"""The console's face collections, live transcription, Forecast and Personalize pages in real Chromium:
each flow from the page's own controls against a started server, checked against the API's answers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import numpy as np
import pytest

from tests.e2e.console_util import CHROMIUM, Console
from tests.speech_util import DIALOGUE, dialogue

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make install-dev does it)")


def test_faces_page_indexes_lists_searches_and_removes(console: Callable[..., Console], server_url: str,
                                                       media: Path) -> None:
    c = console()
    page = c.open("faces")
    page.get_by_test_id("collection-name").fill("bad id!")
    page.get_by_test_id("collection-create").click()
    playwright.expect(page.get_by_test_id("collection-error")).to_contain_text("letters, digits")
    page.get_by_test_id("collection-name").fill("console-people")
    page.get_by_test_id("collection-create").click()
    playwright.expect(page.get_by_test_id("collection-info")).to_contain_text("0 faces")
    page.get_by_test_id("face-external-id").fill("eileen")
    page.get_by_test_id("face-index-file").set_input_files(str(media / "astronaut.jpg"))
    playwright.expect(page.get_by_test_id("face-indexed")).to_contain_text("Added 1 face", timeout=120_000)
    playwright.expect(page.get_by_test_id("collection-info")).to_contain_text("1 face,")
    row = page.get_by_test_id("face-row")
    assert row.count() == 1 and row.get_by_test_id("face-external").inner_text() == "eileen"
    stored = httpx.get(f"{server_url}/v1/vision/collections/console-people/faces").json()["faces"]
    assert [f["FaceId"] for f in stored] == [row.get_attribute("data-face-id")]

    page.get_by_test_id("face-search-file").set_input_files(str(media / "astronaut.jpg"))
    match = page.get_by_test_id("search-match")
    match.wait_for(timeout=120_000)
    assert match.count() == 1 and match.get_attribute("data-face-id") == stored[0]["FaceId"]
    assert float(match.get_attribute("data-similarity")) > 99
    image = (media / "astronaut.jpg").read_bytes()
    api = httpx.post(f"{server_url}/v1/vision/collections/console-people/search", files={"file": ("a.jpg", image)}).json()
    box = page.get_by_test_id("search-box")
    drawn = {k.title(): float(box.get_attribute(f"data-{k}")) for k in ("left", "top", "width", "height")}
    assert drawn == pytest.approx(api["searched_face_bounding_box"])

    page.get_by_test_id("face-delete").click()
    playwright.expect(page.get_by_test_id("collection-info")).to_contain_text("0 faces")
    assert httpx.get(f"{server_url}/v1/vision/collections/console-people/faces").json()["faces"] == []
    c.no_errors()


def test_live_transcription_streams_the_microphone(console: Callable[..., Console]) -> None:
    c = console()
    page = c.open("speech")
    page.get_by_test_id("live-language").select_option("en")
    page.get_by_test_id("live-start").click()
    playwright.expect(page.get_by_test_id("live-state")).to_have_text("Listening", timeout=30_000)
    page.wait_for_timeout(5000)  # the fake microphone loops the WAV (about 3 s)
    page.get_by_test_id("live-stop").click()
    page.get_by_test_id("live-start").wait_for(timeout=120_000)  # the server flushed, said "end" and closed
    heard = " ".join(f.inner_text() for f in page.get_by_test_id("live-final").all()).lower()
    assert sum(w in heard for w in ("quick", "brown", "fox", "lazy", "dog")) >= 4, heard
    assert page.get_by_test_id("live-error").count() == 0
    c.no_errors()


def test_speech_page_labels_speakers(console: Callable[..., Console], server_url: str, tmp_path: Path) -> None:
    audio, _ = dialogue(["en-us", "en-gb-x-rp+f3"], DIALOGUE[:4])
    (tmp_path / "two.wav").write_bytes(audio)
    c = console()
    page = c.open("speech")
    page.get_by_test_id("asr-speakers").select_option("2")
    page.get_by_test_id("asr-file").set_input_files(str(tmp_path / "two.wav"))
    page.get_by_test_id("asr-words").wait_for(timeout=120_000)
    api = httpx.post(f"{server_url}/v1/transcribe", files={"file": ("two.wav", audio)}, data={"max_speakers": "2"}).json()
    said = [w["speaker"] for s in api["segments"] for w in s["words"]]
    assert [w.get_attribute("data-speaker") for w in page.get_by_test_id("asr-word").all()] == said
    turns = [t.inner_text().strip(": ") for t in page.get_by_test_id("asr-speaker").all()]
    assert turns[:2] == ["spk_0", "spk_1"] and len(turns) >= 4  # four lines, spoken in turn
    c.no_errors()


def test_tts_engine_picker_offers_that_engines_voices(console: Callable[..., Console]) -> None:
    c = console()
    page = c.open("speech")
    voices = page.get_by_test_id("tts-voice")
    playwright.expect(voices).to_contain_text("Joanna", timeout=30_000)
    assert "Hans" not in voices.inner_text()  # eSpeak's voices have the standard engine only
    page.get_by_test_id("tts-engine").select_option("standard")
    voices.select_option("Hans")
    playwright.expect(page.get_by_test_id("tts-engines")).to_contain_text("German")
    page.get_by_test_id("tts-text").fill("Guten Morgen.")
    page.get_by_test_id("tts-speak").click()
    page.get_by_test_id("tts-audio").wait_for(timeout=60_000)
    c.no_errors()


def _weekly_sales(folder: Path) -> np.ndarray:
    folder.mkdir(parents=True)
    days = np.arange(120)
    weekly = 100 + 30 * np.sin(2 * np.pi * days / 7) + 0.2 * days
    lines = [f"store-{s},2024-{1 + d // 28:02}-{1 + d % 28:02},{v + 10 * s:.2f}"
             for s in (1, 2) for d, v in zip(days, weekly, strict=True)]
    (folder / "daily.csv").write_text("\n".join(lines) + "\n")
    return weekly


def test_forecast_page_builds_a_forecast_and_plots_it(console: Callable[..., Console],
                                                      server_with_dir: tuple[str, Path]) -> None:
    url, data_dir = server_with_dir
    _weekly_sales(data_dir / "buckets" / "console-sales")
    c = console(url)
    page = c.open("forecast")
    page.get_by_test_id("build-forecast-name").fill("console_missing")
    page.get_by_test_id("build-forecast-uri").fill("s3://console-sales/nothing-here.csv")
    page.get_by_test_id("build-forecast-start").click()
    failed = page.locator('[data-testid="build-forecast-step"][data-status="failed"]')
    failed.wait_for(timeout=60_000)
    assert failed.inner_text().startswith("import")
    playwright.expect(page.get_by_test_id("build-forecast-error")).to_contain_text("nothing-here.csv")

    page.get_by_test_id("build-forecast-name").fill("console_demand")
    page.get_by_test_id("build-forecast-uri").fill("s3://console-sales/daily.csv")
    page.get_by_test_id("build-forecast-horizon").fill("7")
    page.get_by_test_id("build-forecast-start").click()
    page.get_by_test_id("forecast-plot").wait_for(timeout=240_000)
    steps = page.get_by_test_id("build-forecast-step").all()
    assert [s.get_attribute("data-status") for s in steps] == ["ACTIVE"] * 5
    page.get_by_test_id("forecast-item").select_option("store-2")
    playwright.expect(page.get_by_test_id("forecast-p50")).to_have_attribute("data-points", "7")
    assert page.get_by_test_id("forecast-history").get_attribute("data-points") == "90"
    assert page.get_by_test_id("forecast-band").get_attribute("data-points") == "7"
    arn = page.get_by_test_id("forecast-select").input_value()
    api = httpx.post(f"{url}/v1/forecast/query", json={"forecast_arn": arn, "item_id": "store-2"}).json()["predictions"]
    page.get_by_text("The forecast as a table").click()
    shown = [[float(td.inner_text()) for td in row.locator("td").all()[1:]] for row in page.get_by_test_id("forecast-row").all()]
    assert shown == [[pytest.approx(api[s][i]["value"], abs=0.01) for s in ("p10", "p50", "p90")] for i in range(7)]
    c.no_errors(400)


def test_personalize_page_builds_a_campaign_and_recommends(console: Callable[..., Console],
                                                           server_with_dir: tuple[str, Path]) -> None:
    url, data_dir = server_with_dir
    folder = data_dir / "buckets" / "console-shop"
    folder.mkdir(parents=True)
    rng = np.random.default_rng(1)
    rows = ["USER_ID,ITEM_ID,TIMESTAMP"] + [  # even users like i0-i19, odd users i20-i39
        f"u{u},i{(u % 2) * 20 + int(rng.integers(0, 20))},{1000 + n * 40 + u}" for n in range(15) for u in range(40)]
    (folder / "events.csv").write_text("\n".join(rows) + "\n")
    c = console(url)
    page = c.open("personalize")
    page.get_by_test_id("build-campaign-name").fill("console_shop")
    page.get_by_test_id("build-campaign-uri").fill("s3://console-shop/events.csv")
    page.get_by_test_id("build-campaign-algorithm").select_option("bpr")
    page.get_by_test_id("build-campaign-start").click()
    page.get_by_test_id("build-campaign-metrics").wait_for(timeout=240_000)
    assert "precision_at_10" in page.get_by_test_id("build-campaign-metrics").inner_text()
    page.get_by_test_id("recommend-user").fill("u3")
    page.get_by_test_id("recommend-run").click()
    page.get_by_test_id("recommendations").wait_for(timeout=60_000)
    shown = [(i.inner_text().split(". ", 1)[1], float(i.get_attribute("data-score")))
             for i in page.get_by_test_id("recommended-item").all()]
    arn = page.get_by_test_id("campaign-select").input_value()
    api = httpx.post(f"{url}/v1/personalize/recommend", json={"campaign_arn": arn, "user_id": "u3", "num_results": 10}).json()
    assert shown == [(i["item_id"], pytest.approx(i["score"])) for i in api["items"]]
    assert sum(20 <= int(item[1:]) < 40 for item, _ in shown) >= 7
    assert page.get_by_test_id("recommend-cold").count() == 0
    page.get_by_test_id("recommend-user").fill("stranger")
    page.get_by_test_id("recommend-run").click()
    page.get_by_test_id("recommend-cold").wait_for(timeout=30_000)
    c.no_errors()


def test_translate_page_translates_an_html_document(console: Callable[..., Console], server_url: str,
                                                    tmp_path: Path) -> None:
    document = '<html><body><h1 class="title">Good morning</h1><p>The museum opens at <b>nine</b>.</p></body></html>'
    (tmp_path / "page.html").write_text(document)
    c = console()
    page = c.open("translate")
    page.get_by_test_id("translate-file").set_input_files(str(tmp_path / "page.html"))
    playwright.expect(page.get_by_test_id("translate-format")).to_have_value("text/html")
    page.get_by_test_id("translate-from").select_option("en")
    page.get_by_test_id("translate-to").select_option("es")
    page.get_by_test_id("translate-run").click()
    page.get_by_test_id("translate-preview").wait_for(timeout=120_000)
    api = httpx.post(f"{server_url}/v1/translate/document", json={
        "text": document, "content_type": "text/html", "source_language": "en", "target_language": "es"}).json()
    shown = page.get_by_test_id("translate-output").input_value()
    assert shown == api["translated_text"] and '<h1 class="title">' in shown and "<b>" in shown
    heading = page.frame_locator('[data-testid="translate-preview"]').locator("h1").inner_text()
    assert heading and heading != "Good morning"  # the preview renders the translated markup
    with page.expect_download() as download:
        page.get_by_test_id("translate-download").click()
    assert Path(download.value.path()).read_text() == shown
    c.no_errors()


@pytest.mark.parametrize("section", ["text", "vision", "faces", "documents", "translate", "speech", "jobs", "forecast",
                                     "personalize", "models"])
def test_every_page_fits_a_phone(console: Callable[..., Console], section: str) -> None:
    c = console(width=390, height=844)
    page = c.open(section)
    page.locator("main h2").wait_for(timeout=30_000)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    c.no_errors()
