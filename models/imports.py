"""Optional imports a package makes that nothing here uses, kept out of a start-up.

presidio-analyzer imports transformers' pipeline API on its own import (which spaCy triggers whenever it
builds any pipeline: presidio registers a spaCy factory) only to offer optional Hugging Face NER engines and
recognizers. Nothing here uses them, and the import cost 3.3 s of a 2-core start-up (transformers, then
torch's compiler stack), under the interpreter lock every other model's load waits on.
``skip_optional_import`` makes one module look absent to one package's modules only: they take their own
``except ImportError`` branch (for presidio: those engines report themselves unavailable), while any other
import of the module (a transformers card) gets it as usual, and once it is loaded presidio gets it too.
"""

from __future__ import annotations

import importlib.abc
import sys
from typing import Any

_SKIPPED: dict[str, set[str]] = {}  # module -> packages whose modules must not load it


class _SkipFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        packages = _SKIPPED.get(name)
        importer = _importer() if packages else None
        if importer and importer.partition(".")[0] in packages:
            raise ModuleNotFoundError(f"No module named {name!r} (skipped for {importer})", name=name)
        return None  # every other import: the next finder


def _importer() -> str | None:
    """The module whose code asked for the import being resolved (the first frame outside importlib)."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_globals.get("__name__", "").startswith(("importlib", __name__)):
        frame = frame.f_back
    return None if frame is None else frame.f_globals.get("__name__")


def skip_optional_import(module: str, package: str) -> None:
    """``import module`` in any module of ``package`` raises ModuleNotFoundError unless it is already loaded."""
    if not any(isinstance(f, _SkipFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _SkipFinder())
    _SKIPPED.setdefault(module, set()).add(package)
