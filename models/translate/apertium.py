"""Apertium: rule-based translation from Debian's language-pair packages, kept warm.

Spawning ``apertium eng-spa`` costs ~0.3 s per call (a dozen processes load their transducers). Instead
each card keeps one pipeline running in null-flush mode (``apertium-wblank-mode -z``, the pipeline the
mode file names with ``-z`` on every stage): a sentence is written followed by NUL, and the translation
comes back followed by NUL, in milliseconds. The pipeline is a subprocess (Apertium is GPL; we talk to it
over pipes, never link it). A batch is written by a feeder thread while the caller reads, so every stage
works on a different sentence at once. A pipeline that dies or hangs is killed and started again; the
batch raises, the batcher retries its items one by one, and only a sentence that kills it again fails.

Pairs are discovered from the installed mode files (``/usr/share/apertium/modes/eng-spa.mode``), so
the registry lists what is really installed. Codes are mapped to the two-letter codes AWS uses.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from models.cards import ModelCard
from models.errors import ModelNotReady

DEFAULT_MODES_DIR = Path("/usr/share/apertium/modes")

# ISO 639-3 (and the odd old name) as Apertium spells pairs -> the ISO 639-1 codes AWS Translate uses.
ISO3_TO_1 = {
    "eng": "en", "spa": "es", "cat": "ca", "glg": "gl", "por": "pt", "ita": "it", "fra": "fr", "fre": "fr",
    "oci": "oc", "arg": "an", "eus": "eu", "ron": "ro", "deu": "de", "nld": "nl", "afr": "af", "dan": "da",
    "nob": "nb", "nno": "nn", "swe": "sv", "isl": "is", "rus": "ru", "ukr": "uk", "bel": "be", "mkd": "mk",
    "bul": "bg", "slv": "sl", "pol": "pl", "srd": "sc", "bre": "br", "epo": "eo", "hin": "hi", "urd": "ur",
}
PAIR_MODE = re.compile(r"^([a-z]{2,3})-([a-z]{2,3})\.mode$")  # variants (eng-cat_valencia, spa-eng_US) are skipped

_RESERVED = re.compile(r"([\^$/@<>\[\]{}\\~])")  # the characters apertium-destxt escapes
_STREAM_TOKEN = re.compile(r"\\(.)|\[((?:\\.|[^\]\\])*)\]", re.S)


def iso1(code: str) -> str:
    return ISO3_TO_1.get(code, code)


def discover_pairs(modes_dir: Path = DEFAULT_MODES_DIR) -> list[tuple[str, str, str]]:
    """(source, target, mode name) for every installed pair, two-letter codes, one mode per direction."""
    found: dict[tuple[str, str], str] = {}
    if not modes_dir.is_dir():
        return []
    for path in sorted(modes_dir.iterdir()):
        match = PAIR_MODE.match(path.name)
        if match:
            pair = (iso1(match[1]), iso1(match[2]))
            found.setdefault(pair, path.stem)
    return [(s, t, mode) for (s, t), mode in sorted(found.items())]


def escape(text: str) -> str:
    """Plain text -> Apertium stream format (what apertium-destxt does for one block)."""
    return _RESERVED.sub(r"\\\1", text.replace("\x00", " "))


def unescape(stream: str) -> str:
    """Apertium stream format -> plain text: escapes undone, superblanks unwrapped. (No '*' unknown-word
    marks reach here: the pipeline runs with ``-n``; a '#' or '*' in the output is the user's own.)"""

    def repl(m: re.Match[str]) -> str:
        return m[1] if m[1] is not None else unescape(m[2])

    return _STREAM_TOKEN.sub(repl, stream)


class ApertiumPipeline:
    """One warm null-flush pipeline for one mode."""

    def __init__(self, command: str, timeout_s: float) -> None:
        self.command = command
        self.timeout_s = timeout_s
        self.proc: subprocess.Popen[bytes] | None = None
        self._buffer = b""

    def start(self) -> None:
        self.proc = subprocess.Popen(
            ["bash", "-c", self.command, "apertium", "-n", ""],  # $1=-n: no '*' on unknown words; $2: tagger opts
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        self._buffer = b""

    def stop(self) -> None:
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()
        self.proc = None

    def translate(self, texts: list[str]) -> list[str]:
        if self.proc is None or self.proc.poll() is not None:
            self.stop()
            self.start()
        assert self.proc is not None and self.proc.stdin is not None
        blocks = [escape(t).encode("utf-8") + b"[]\x00" for t in texts]  # a blank before NUL, or lt-proc -b waits
        stdin = self.proc.stdin

        def feed() -> None:
            try:
                for block in blocks:
                    stdin.write(block)
                stdin.flush()
            except (BrokenPipeError, ValueError, OSError):
                pass  # the reader sees the pipeline die

        feeder = threading.Thread(target=feed, daemon=True, name="apertium-feed")
        feeder.start()
        try:
            deadline = time.monotonic() + self.timeout_s + sum(len(b) for b in blocks) / 2000
            return [unescape(self._read_block(deadline).decode("utf-8", "replace")) for _ in blocks]
        except Exception:
            self.stop()  # a half-read pipeline is out of step: start a fresh one next time
            raise
        finally:
            feeder.join(timeout=1)

    def _read_block(self, deadline: float) -> bytes:
        assert self.proc is not None and self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while b"\x00" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("apertium did not answer in time")
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise RuntimeError("the apertium pipeline exited")
                self._buffer += chunk
        block, _, self._buffer = self._buffer.partition(b"\x00")
        return block


class ApertiumTranslator:
    """Backend ``apertium``. Items are ``(text, source, target)``; the card serves one direction, named
    by ``options.mode`` (e.g. ``eng-spa``) in ``options.modes_dir``."""

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.modes_dir = Path(card.options.get("modes_dir", DEFAULT_MODES_DIR))
        self.timeout_s = float(card.options.get("timeout_s", 10.0))
        self.pipeline: ApertiumPipeline | None = None

    def command(self) -> str:
        mode = self.modes_dir / f"{self.card.options['mode']}.mode"
        if not mode.is_file():
            raise ModelNotReady(self.card.name, f"{mode} is not installed (apt-get install the apertium pair)")
        if shutil.which("apertium-wblank-mode") is None:
            raise ModelNotReady(self.card.name, "apertium-wblank-mode is missing (apt-get install apertium)")
        out = subprocess.run(["apertium-wblank-mode", "-z", str(mode)], capture_output=True, text=True, check=True)
        return out.stdout.strip()

    def load(self, device: str, precision: str) -> None:
        self.pipeline = ApertiumPipeline(self.command(), self.timeout_s)
        self.pipeline.start()
        self.pipeline.translate(["warm up"])  # the transducers load now, not on the first request

    def predict(self, items: list[Any]) -> list[Any]:
        assert self.pipeline is not None
        return [out.strip() for out in self.pipeline.translate([item[0] for item in items])]

    def unload(self) -> None:
        if self.pipeline is not None:
            self.pipeline.stop()
        self.pipeline = None


def apertium_cards(modes_dir: Path = DEFAULT_MODES_DIR) -> list[ModelCard]:
    """One card per installed direction: ``translate-apertium-en-es`` serves en -> es."""
    return [
        ModelCard(
            name=f"translate-apertium-{source}-{target}",
            task="translate",
            backend="apertium",
            source=f"path:{modes_dir / (mode + '.mode')}",
            languages=(source, target),
            max_batch_size=32,
            max_wait_ms=2,
            device="cpu",
            idle_unload_s=600.0,
            options={"pairs": [[source, target]], "mode": mode, "modes_dir": str(modes_dir)},
            description=f"Apertium {mode} (rule-based, Debian package), a warm null-flush pipeline",
        )
        for source, target, mode in discover_pairs(modes_dir)
    ]
