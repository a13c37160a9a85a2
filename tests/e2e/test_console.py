"""The console in real Chromium (Debian's, driven by Playwright): each page's main flow against a started
server with the real models, what it shows checked against what the API answers, and no browser errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.document_pages import form_and_table_page, squash
from tests.e2e.console_util import CHROMIUM, Console
from tests.vision_util import png

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make install-dev does it)")


def _marks(page: object, testid: str) -> list[tuple[str, str]]:
    return [(m.get_attribute("data-type"), m.get_attribute("data-text")) for m in page.get_by_test_id(testid).all()]


def test_text_page_highlights_what_the_api_finds(console: Callable[..., Console], server_url: str) -> None:
    text = "I love this phone. Jeff Bezos founded Amazon in Seattle; write to jeff@example.com."
    c = console()
    page = c.open("text")
    page.get_by_test_id("text-input").fill(text)
    page.get_by_test_id("text-analyze").click()
    page.get_by_test_id("sentiment-label").wait_for(timeout=120_000)
    page.get_by_test_id("key-phrase").first.wait_for()

    sentiment = httpx.post(f"{server_url}/v1/text/sentiment", json={"texts": [text]}).json()["results"][0]
    entities = httpx.post(f"{server_url}/v1/text/entities", json={"texts": [text]}).json()["results"][0]["entities"]
    pii = httpx.post(f"{server_url}/v1/text/pii", json={"texts": [text]}).json()["results"][0]["entities"]
    assert page.get_by_test_id("sentiment-label").inner_text() == sentiment["sentiment"] == "POSITIVE"
    bar = page.get_by_test_id("sentiment-bar-positive")
    assert float(bar.get_attribute("data-score")) == pytest.approx(sentiment["scores"]["positive"])
    assert _marks(page, "entity") == [(e["type"], e["text"]) for e in entities]
    assert ("PERSON", "Jeff Bezos") in _marks(page, "entity") and ("LOCATION", "Seattle") in _marks(page, "entity")
    assert _marks(page, "pii") == [(e["type"], text[e["begin_offset"]:e["end_offset"]]) for e in pii]
    assert ("EMAIL", "jeff@example.com") in _marks(page, "pii")
    assert page.get_by_test_id("dominant-language").inner_text() == "en"
    tags = dict((t, p) for p, t in _marks(page, "syntax-token"))
    assert tags["love"] == "VERB" and tags["phone"] == "NOUN"
    c.no_errors()


def test_text_page_is_keyboard_usable_and_fits_a_phone(console: Callable[..., Console]) -> None:
    c = console(width=390, height=844)
    page = c.open("text")
    page.get_by_test_id("text-input").fill("Ich liebe dieses Telefon. Angela Merkel wohnt in Berlin.")
    page.get_by_test_id("text-input").focus()
    page.keyboard.press("Tab")  # the language picker
    page.keyboard.press("Tab")  # the Analyse button
    page.keyboard.press("Enter")
    page.get_by_test_id("dominant-language").wait_for(timeout=120_000)
    assert page.get_by_test_id("dominant-language").inner_text() == "de"
    # no model for German entities here: the section says so in words, the rest still shows
    page.get_by_test_id("error-entities").wait_for()
    assert "de" in page.get_by_test_id("error-entities").inner_text()
    page.get_by_test_id("sentiment-label").wait_for()  # the multilingual sentiment model does read German
    assert page.get_by_test_id("sentiment-label").inner_text() == "POSITIVE"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    c.no_errors(400)  # the refused English-only analyses


def _box(element: object) -> dict[str, float]:
    return {k.title(): float(element.get_attribute(f"data-{k}")) for k in ("left", "top", "width", "height")}


def test_vision_page_draws_the_boxes_the_api_returns(console: Callable[..., Console], server_url: str,
                                                     media: Path) -> None:
    c = console()
    page = c.open("vision")
    page.get_by_test_id("vision-file").set_input_files(str(media / "astronaut.jpg"))
    page.get_by_test_id("vision-stage").wait_for(timeout=120_000)

    image = (media / "astronaut.jpg").read_bytes()
    labels = httpx.post(f"{server_url}/v1/vision/labels", files={"file": ("a.jpg", image)}).json()["labels"]
    faces = httpx.post(f"{server_url}/v1/vision/faces", files={"file": ("a.jpg", image)}).json()["faces"]
    people = [i["BoundingBox"] for label in labels if label["Name"] == "Person" for i in label["Instances"]]
    drawn_faces = [_box(b) for b in page.get_by_test_id("box-face").all()]
    drawn_objects = page.get_by_test_id("box-object").all()
    assert len(faces) == 1 and drawn_faces == [pytest.approx(faces[0]["BoundingBox"])]
    assert people and [_box(b) for b in drawn_objects if b.get_attribute("title").startswith("Person")] == [
        pytest.approx(p) for p in people]
    assert "Person" in [r.get_attribute("data-name") for r in page.get_by_test_id("label").all()]
    # the face box is drawn where the API put it, on the shown image
    stage, face = page.get_by_test_id("vision-stage").bounding_box(), page.get_by_test_id("box-face").bounding_box()
    assert face["x"] - stage["x"] == pytest.approx(faces[0]["BoundingBox"]["Left"] * stage["width"], abs=3)
    page.get_by_test_id("show-faces").uncheck()
    assert page.get_by_test_id("box-face").count() == 0
    c.no_errors()


def test_vision_page_says_what_is_wrong_with_a_bad_file(console: Callable[..., Console], media: Path) -> None:
    c = console()
    page = c.open("vision")
    page.get_by_test_id("vision-file").set_input_files(str(media / "not-an-image.jpg"))
    error = page.get_by_test_id("error")
    error.wait_for(timeout=60_000)
    assert "image" in error.inner_text().lower() and "400" in error.inner_text()
    c.no_errors(400)


def test_compare_faces(console: Callable[..., Console], media: Path) -> None:
    c = console()
    page = c.open("vision")
    page.get_by_test_id("compare-source").set_input_files(str(media / "astronaut.jpg"))
    page.get_by_test_id("compare-target").set_input_files(str(media / "astronaut.jpg"))
    page.get_by_test_id("compare-run").click()
    page.get_by_test_id("compare-similarity").wait_for(timeout=120_000)
    assert float(page.get_by_test_id("compare-similarity").inner_text()) > 99
    c.no_errors()


def test_translate_page_detects_and_translates(console: Callable[..., Console], server_url: str) -> None:
    text = "The weather is nice today."
    c = console()
    page = c.open("translate")
    page.get_by_test_id("translate-source").fill(text)
    page.get_by_test_id("translate-to").select_option("es")
    page.get_by_test_id("translate-run").click()
    page.get_by_test_id("translate-detected").wait_for(timeout=120_000)
    api = httpx.post(f"{server_url}/v1/translate/text", json={"text": text, "target_language": "es"}).json()
    assert page.get_by_test_id("translate-detected").inner_text() == "en"
    assert page.get_by_test_id("translate-output").input_value() == api["translated_text"]
    assert "tiempo" in api["translated_text"].lower()
    c.no_errors()


def test_terminology_upload_is_listed_and_applied(console: Callable[..., Console], tmp_path: Path) -> None:
    (tmp_path / "brands.csv").write_text("en,es\nweather,Clima-Marca\n")
    c = console()
    page = c.open("translate")
    page.get_by_test_id("terminology-name").fill("console-brands")
    page.get_by_test_id("terminology-file").set_input_files(str(tmp_path / "brands.csv"))
    page.get_by_test_id("terminology-add").click()
    page.locator('[data-testid="terminology"][data-name="console-brands"]').wait_for(timeout=30_000)
    page.get_by_test_id("translate-terminology").select_option("console-brands")
    page.get_by_test_id("translate-source").fill("The weather is nice today.")
    page.get_by_test_id("translate-to").select_option("es")
    page.get_by_test_id("translate-run").click()
    page.get_by_test_id("translate-detected").wait_for(timeout=120_000)
    assert "Clima-Marca" in page.get_by_test_id("translate-output").input_value()
    c.no_errors()


def test_speech_page_transcribes_the_microphone(console: Callable[..., Console]) -> None:
    c = console()
    page = c.open("speech")
    page.get_by_test_id("asr-record").click()
    page.wait_for_timeout(4500)  # the fake microphone plays the WAV (about 3 s) in a loop
    page.get_by_test_id("asr-stop").click()
    page.get_by_test_id("asr-transcript").wait_for(timeout=120_000)
    heard = page.get_by_test_id("asr-transcript").inner_text().lower()
    assert sum(w in heard for w in ("quick", "brown", "fox", "lazy", "dog")) >= 4, heard
    assert page.get_by_test_id("asr-word").count() >= 8
    c.no_errors()


def test_speech_page_transcribes_a_file_with_word_times(console: Callable[..., Console], media: Path) -> None:
    c = console()
    page = c.open("speech")
    page.get_by_test_id("asr-file").set_input_files(str(media / "fox.wav"))
    page.get_by_test_id("asr-words").wait_for(timeout=120_000)
    words = page.get_by_test_id("asr-word").all()
    starts = [float(w.get_attribute("data-start")) for w in words]
    assert [w.inner_text().strip().lower().strip(".") for w in words][:4] == ["the", "quick", "brown", "fox"]
    assert starts == sorted(starts) and starts[-1] > 1.0
    # playing the audio highlights the word being spoken
    page.get_by_test_id("asr-audio").evaluate("a => { a.currentTime = 1.0; a.dispatchEvent(new Event('timeupdate')); }")
    now = page.locator('[data-testid="asr-word"][data-now="true"]')
    now.wait_for()
    assert float(now.get_attribute("data-start")) <= 1.0 < float(now.get_attribute("data-end"))
    c.no_errors()


def test_speech_page_speaks_with_word_marks(console: Callable[..., Console]) -> None:
    c = console()
    page = c.open("speech")
    page.get_by_test_id("tts-text").fill("Good morning from the console.")
    page.get_by_test_id("tts-speak").click()
    page.get_by_test_id("tts-audio").wait_for(timeout=120_000)
    page.get_by_test_id("tts-words").wait_for()
    assert [w.inner_text().strip() for w in page.get_by_test_id("tts-word").all()] == [
        "Good", "morning", "from", "the", "console"]
    duration = page.get_by_test_id("tts-audio").evaluate(
        "a => new Promise(r => a.readyState >= 1 ? r(a.duration) : a.addEventListener('loadedmetadata', () => r(a.duration)))")
    assert 1.0 < duration < 6.0
    assert "Joanna" in page.get_by_test_id("tts-voice").inner_text()
    c.no_errors()


def test_models_page_unloads_and_loads(console: Callable[..., Console], server_url: str) -> None:
    httpx.post(f"{server_url}/v1/text/sentiment", json={"texts": ["warm up"]})
    c = console()
    page = c.open("models")
    state = page.get_by_test_id("model-state-sentiment-e5")
    state.wait_for(timeout=30_000)
    assert state.inner_text() == "ready"
    page.get_by_test_id("model-unload-sentiment-e5").click()
    playwright.expect(state).to_have_text("not_loaded", timeout=30_000)
    assert httpx.get(f"{server_url}/v1/models").json()["models"][1]["state"] in ("not_loaded", "ready")
    page.get_by_test_id("model-load-sentiment-e5").click()
    playwright.expect(state).to_have_text("ready", timeout=60_000)
    c.no_errors()


def test_with_keys_configured_the_console_asks_for_one(console: Callable[..., Console],
                                                       server_factory: Callable[..., str]) -> None:
    url = server_factory(CIRRUS_AUTH__API_KEYS=json.dumps({"console": "s3cret-key"}))
    assert httpx.get(f"{url}/console").status_code == 200  # the page itself is open
    assert httpx.post(f"{url}/v1/text/language", json={"texts": ["hello"]}).status_code == 401
    c = console(url)
    page = c.open("text")
    page.get_by_test_id("text-input").fill("Hello there, this is English.")
    page.get_by_test_id("text-analyze").click()
    page.get_by_test_id("api-key-input").fill("wrong")
    page.get_by_test_id("api-key-save").click()
    page.get_by_test_id("text-input").fill("Hello there, this is English.")
    page.get_by_test_id("text-analyze").click()
    playwright.expect(page.get_by_test_id("error")).to_contain_text("403")
    page.get_by_test_id("api-key-input").fill("s3cret-key")
    page.get_by_test_id("api-key-save").click()
    page.get_by_test_id("text-input").fill("Hello there, this is English.")
    page.get_by_test_id("text-analyze").click()
    page.get_by_test_id("dominant-language").wait_for(timeout=120_000)
    assert page.get_by_test_id("dominant-language").inner_text() == "en"
    c.no_errors(401, 403)


def test_documents_page_renders_the_table_and_fields(console: Callable[..., Console], tmp_path: Path) -> None:
    truth = form_and_table_page()
    (tmp_path / "page.png").write_bytes(png(truth.image))
    c = console()
    page = c.open("documents")
    page.get_by_test_id("document-file").set_input_files(str(tmp_path / "page.png"))
    page.get_by_test_id("document-table").wait_for(timeout=180_000)
    table = truth.tables[0]
    cells = {(int(td.get_attribute("data-row")), int(td.get_attribute("data-column"))): squash(td.inner_text())
             for td in page.get_by_test_id("document-cell").all()}
    assert cells == {(r + 1, k + 1): squash(text) for r, row in enumerate(table) for k, text in enumerate(row)}
    fields = {squash(row.locator("th").inner_text()): squash(row.locator("td").inner_text())
              for row in page.get_by_test_id("document-field").all()}
    for key, value in truth.pairs.items():
        assert fields.get(squash(key)) == squash(value)
    drawn = {b.get_attribute("data-type") for b in page.get_by_test_id("document-box").all()}
    assert {"LINE", "TABLE", "KEY_VALUE_SET"} <= drawn
    page.get_by_test_id("overlay-LINE").uncheck()
    assert page.locator('[data-testid="document-box"][data-type="LINE"]').count() == 0
    with page.expect_download() as download:
        page.get_by_test_id("document-download").click()
    blocks = json.loads(Path(download.value.path()).read_text())["blocks"]
    assert sum(b["BlockType"] == "TABLE" for b in blocks) == 1
    c.no_errors()


def test_jobs_page_starts_a_job_and_follows_it(console: Callable[..., Console],
                                               server_with_dir: tuple[str, Path]) -> None:
    url, data_dir = server_with_dir
    folder = data_dir / "buckets" / "console-docs" / "in"
    folder.mkdir(parents=True)
    reviews = ["I love it.", "This is terrible.", "Great value, works well."] * 20
    (folder / "reviews.txt").write_text("\n".join(reviews) + "\n")
    c = console(url)
    page = c.open("jobs")
    page.get_by_test_id("job-input").fill("s3://console-docs/in/")
    page.get_by_test_id("job-output").fill("s3://console-docs/out/")
    page.get_by_test_id("job-name").fill("console-sentiment")
    page.get_by_test_id("job-start").click()
    row = page.locator('[data-testid="job-row"][data-name="console-sentiment"]')
    playwright.expect(row.get_by_test_id("job-state")).to_have_text("COMPLETED", timeout=180_000)
    job = httpx.get(f"{url}/v1/jobs/{row.get_attribute('data-id')}").json()
    assert job["items_done"] == len(reviews) and job["items_failed"] == 0
    progress = row.get_by_test_id("job-progress")
    assert progress.get_attribute("value") == progress.get_attribute("max") == str(len(reviews))
    # its output, AWS's output.tar.gz, opened in the page: the JSON lines inside it
    row.get_by_test_id("job-outputs-toggle").click()
    page.get_by_test_id("job-output-open").click()
    preview = page.get_by_test_id("job-output-preview")
    preview.wait_for(timeout=30_000)
    assert preview.get_attribute("data-file") == "output"
    lines = [json.loads(line) for line in preview.inner_text().splitlines()]
    assert [x["Sentiment"] for x in lines[:3]] == ["POSITIVE", "NEGATIVE", "POSITIVE"] and len(lines) == len(reviews)
    # a job whose input is missing fails, and its row says why (AWS's jobs also fail after they start)
    page.get_by_test_id("job-input").fill("s3://no-such-bucket/in/")
    page.get_by_test_id("job-name").fill("console-missing")
    page.get_by_test_id("job-start").click()
    failed = page.locator('[data-testid="job-row"][data-name="console-missing"]')
    playwright.expect(failed.get_by_test_id("job-state")).to_contain_text("FAILED", timeout=60_000)
    playwright.expect(failed.get_by_test_id("job-failure")).to_contain_text("no-such-bucket")
    # a request the API refuses is shown in words next to the form
    page.get_by_test_id("job-input").fill("not a uri")
    page.get_by_test_id("job-start").click()
    playwright.expect(page.get_by_test_id("job-error")).to_contain_text("s3://")
    c.no_errors(400, 422)
