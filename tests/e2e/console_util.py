"""What the console's Chromium tests share (their fixtures are in conftest.py): Debian's Chromium, a page
that records the browser's errors, and the media the tests upload, the espeak WAV doubling as the fake
microphone."""

from __future__ import annotations

import shutil
from pathlib import Path

from skimage import data

from tests.speech_util import espeak_wav
from tests.vision_util import png

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SPOKEN = "the quick brown fox jumps over the lazy dog"


def write_media(folder: Path) -> Path:
    (folder / "astronaut.jpg").write_bytes(png(data.astronaut(), "JPEG"))
    (folder / "not-an-image.jpg").write_bytes(b"this is text, not a picture")
    (folder / "fox.wav").write_bytes(espeak_wav(SPOKEN))
    return folder


def launch(playwright: object, media: Path) -> object:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[  # type: ignore[attr-defined]
        "--no-sandbox", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={media / 'fox.wav'}", "--autoplay-policy=no-user-gesture-required"])


class Console:
    """A page on the console that records the browser's errors (every test asserts there were none,
    save the failed loads of a request the test made fail on purpose)."""

    def __init__(self, browser: object, url: str, width: int = 1280, height: int = 800) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
        self.url = url
        self.errors: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, section: str) -> object:
        self.page.goto(f"{self.url}/console#{section}")
        return self.page

    def no_errors(self, *expected_failed_loads: int) -> None:
        unexpected = [e for e in self.errors
                      if not any(f"status of {code}" in e for code in expected_failed_loads)]
        assert unexpected == [], unexpected
