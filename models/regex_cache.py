"""Big regular expressions compiled once per installation, not once per start.

Python compiles a regular expression in pure Python (``re._parser`` and ``re._compiler``) under the
interpreter lock, and keeps the result only in memory. Most patterns compile in microseconds, but a few that
models import are huge: spaCy's French tokenizer exceptions build one alternation of thousands of hyphenated
words, each with Unicode letter classes, and ``import spacy.lang.fr`` spent 4.2 s of a 2-core start-up in
that one ``re.compile`` (every other model's load waiting on the lock meanwhile).

What the compiler produces from a pattern is plain data: a list of opcodes, the flags and the group names,
which ``_sre.compile`` turns into a pattern object (validating the opcodes as it does). ``install`` makes
the compiler save that data for any pattern of at least ``MIN_CHARS`` characters that took at least
``MIN_SECONDS`` to compile, under ``folder``, keyed by the pattern, its flags and the exact Python build
(the opcodes are that build's), and read it back the next time, as Python does with byte code in
``__pycache__``. A file that cannot be read or is not valid is ignored and the pattern compiled as usual.
Only patterns compiled inside ``saving()`` (a model's load) are looked up and saved: nothing a request
compiles is written to disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import re
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from models.sources import prebuilt, save_whole

log = logging.getLogger(__name__)

MIN_CHARS = 2000  # shorter patterns are never looked up (a lookup is a hash and a stat)
MIN_SECONDS = 0.05  # and only compiles slower than this are saved

_compiler: Any = getattr(re, "_compiler", None)  # Python 3.11+; older builds keep compiling as usual
_lock = threading.Lock()
_state: dict[str, Any] = {"folder": None, "compile": None}
_local = threading.local()


def install(folder: Path) -> None:
    """Save and reuse big compiled patterns under ``folder`` (the latest call's folder wins)."""
    if _compiler is None:
        return
    with _lock:
        _state["folder"] = Path(folder)
        if _state["compile"] is None:
            _state["compile"] = _compiler.compile
            _compiler.compile = _cached_compile


@contextlib.contextmanager
def saving() -> Iterator[None]:
    """Big patterns compiled in this thread meanwhile are read from the folder, or saved there."""
    _local.depth = getattr(_local, "depth", 0) + 1
    try:
        yield
    finally:
        _local.depth -= 1


def uninstall() -> None:
    with _lock:
        if _state["compile"] is not None:
            _compiler.compile = _state["compile"]
        _state["folder"] = _state["compile"] = None


def _cached_compile(p: Any, flags: int = 0) -> Any:
    compile_, folder = _state["compile"], _state["folder"]
    if (folder is None or not getattr(_local, "depth", 0) or not isinstance(p, (str, bytes)) or len(p) < MIN_CHARS
            or flags & _compiler.SRE_FLAG_DEBUG):
        return compile_(p, flags)
    path = folder / f"{_key(p, flags)}.sre"
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError, RuntimeError):
        return _compiler._sre.compile(p, *marshal.loads((prebuilt(path) or path).read_bytes()))
    started = time.perf_counter()
    try:
        made = _compiled(p, flags)
    except AttributeError:  # another Python's internals: compile as usual
        return compile_(p, flags)
    pattern = _compiler._sre.compile(p, *made)
    if time.perf_counter() - started >= MIN_SECONDS:
        _save(path, made)
    return pattern


def _compiled(p: str | bytes, flags: int) -> tuple[Any, ...]:
    """What ``re._compiler.compile`` hands ``_sre.compile`` after the pattern: flags, opcodes, group count,
    names to group numbers and back."""
    parsed = _compiler._parser.parse(p, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), [int(c) for c in code], int(parsed.state.groups - 1), groupindex,
            tuple(indexgroup))  # plain ints (the opcodes are named int constants; marshal takes only ints)


def _key(p: str | bytes, flags: int) -> str:
    digest = hashlib.sha256(f"{sys.version}|{_compiler.MAGIC}|{flags}|{type(p).__name__}|".encode())
    digest.update(p.encode("utf-8", "surrogatepass") if isinstance(p, str) else p)
    return digest.hexdigest()


def _save(path: Path, made: tuple[Any, ...]) -> None:
    try:
        data = marshal.dumps(made)
        save_whole(path, lambda scratch: scratch.write_bytes(data))
    except (OSError, ValueError) as exc:  # not saved: the next start compiles it again, nothing else
        log.warning("a compiled regular expression could not be saved under %s: %s", path.parent, exc)
