"""Big compiled regular expressions are saved once and read back (spaCy's French tokenizer pattern took 4.2 s
of every start to compile); what is read back matches exactly as a fresh compile does."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from models import regex_cache

WORDS = [f"mot{n}-{chr(0x00e0 + n % 20)}x" for n in range(400)]
BIG = r"(?P<lead>[^\W\d_]+)-(?:" + "|".join(re.escape(w) for w in WORDS) + r")|(?P<num>\d{3,})"
SAMPLES = ["abc-mot7-çx", "Zé-mot399-óx", "x-mot400-àx", "12345", "12", "mot1-áx", "é-mot21-áx"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(regex_cache, "MIN_SECONDS", 0.0)  # the test pattern compiles fast: save it anyway
    regex_cache.install(tmp_path)
    re.purge()
    with regex_cache.saving():  # as a model's load is
        yield tmp_path
    regex_cache.uninstall()
    re.purge()


def _answers(pattern: re.Pattern[str]) -> list[tuple[str, str | None, str | None] | None]:
    out: list[tuple[str, str | None, str | None] | None] = []
    for s in SAMPLES:
        m = pattern.match(s)
        out.append(None if m is None else (m.group(0), m.group("lead"), m.group("num")))
    return out


def test_a_big_pattern_is_saved_once_and_read_back_matching_as_a_fresh_compile(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regex_cache.uninstall()
    expected = _answers(re.compile(BIG, re.IGNORECASE))  # the stock compiler
    regex_cache.install(cache)
    re.purge()
    first = re.compile(BIG, re.IGNORECASE)
    assert len(list(cache.glob("*.sre"))) == 1
    re.purge()  # a new start: Python's own in-memory cache is empty

    def no_compiling(*args: object) -> None:
        raise AssertionError("compiled again instead of read back")

    compile_for_real = regex_cache._compiled
    monkeypatch.setattr(regex_cache, "_compiled", no_compiling)
    again = re.compile(BIG, re.IGNORECASE)
    assert again is not first and again.pattern == BIG and again.groupindex == first.groupindex
    assert _answers(first) == _answers(again) == expected
    assert expected[0] == ("abc-mot7-çx", "abc", None) and expected[3] == ("12345", None, "12345")
    assert expected[2] is None and expected[4] is None
    monkeypatch.setattr(regex_cache, "_compiled", compile_for_real)
    assert re.compile(BIG).flags != again.flags and len(list(cache.glob("*.sre"))) == 2  # flags are in the key


def test_a_damaged_file_is_compiled_again_and_replaced(cache: Path) -> None:
    expected = _answers(re.compile(BIG))
    (saved,) = cache.glob("*.sre")
    for damage in (b"", b"\x00garbage", saved.read_bytes()[:100]):
        saved.write_bytes(damage)
        re.purge()
        assert _answers(re.compile(BIG)) == expected
        assert saved.read_bytes() not in (b"", b"\x00garbage") and len(saved.read_bytes()) > 100


def test_small_patterns_are_never_saved_and_uninstall_restores_the_compiler(cache: Path) -> None:
    assert re.compile(r"(\w+)@(\w+)\.com").match("me@example.com").group(2) == "example"  # type: ignore[union-attr]
    assert list(cache.glob("*")) == []
    regex_cache.uninstall()
    assert re._compiler.compile is not regex_cache._cached_compile  # type: ignore[attr-defined]
    re.purge()
    re.compile(BIG)
    assert list(cache.glob("*")) == []


def test_patterns_compiled_outside_a_models_load_are_never_saved(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regex_cache, "MIN_SECONDS", 0.0)
    regex_cache.install(tmp_path)
    try:
        re.purge()
        assert re.compile(BIG).match("12345")  # a request's pattern, say: compiled, not written to disk
        assert list(tmp_path.glob("*")) == []
        re.purge()
        with regex_cache.saving():
            re.compile(BIG)
        assert len(list(tmp_path.glob("*.sre"))) == 1
    finally:
        regex_cache.uninstall()
        re.purge()
