"""Where a model card's weights are: an installed package, a local directory or a hub id."""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from models.cards import ModelCard
from models.errors import ModelNotReady

PREBUILT = Path(sys.prefix) / "share" / "cirrus" / "models"
"""What a first start derives from the packaged defaults (weights joined from parts, changed and optimised
ONNX graphs, compiled patterns, dlib's detector), made by ``make install`` (``python -m models.prebuild``)
and laid out as a data folder's ``models/`` is: a start on an empty data folder, a new container's volume
say, reads them from here instead of spending ~5 s (6.5 CPU s of its 2 cores) making them again. Only the install step
writes here; a server writes what it derives under its own data folder."""


def package_dir(card: ModelCard, ref: str) -> Path:
    """``NAME/subdir`` -> the directory inside the installed package ``NAME``."""
    package, _, sub = ref.partition("/")
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotReady(card.name, f"package {package!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / sub


def resolve_source(card: ModelCard) -> tuple[str, bool]:
    """Return (what ``from_pretrained`` gets, whether to stay offline)."""
    kind, ref = card.source_kind, card.source_ref
    if kind == "hub":
        return ref, os.environ.get("HF_HUB_OFFLINE") == "1"
    if kind == "path":
        return str(Path(ref).expanduser()), True
    if kind == "package":
        return str(package_dir(card, ref)), True
    raise ModelNotReady(card.name, f"cannot load source {card.source!r}")


def local_path(card: ModelCard) -> Path:
    """A file or folder on this machine (``package:`` or ``path:``), for backends that have no hub loader."""
    kind, ref = card.source_kind, card.source_ref
    if kind == "package":
        return package_dir(card, ref)
    if kind == "path":
        return Path(ref).expanduser()
    raise ModelNotReady(card.name, f"{card.backend} loads from package:NAME/file or path:/file, not {card.source!r}")


def file_stamp(path: Path) -> list[object]:
    """What names a file derived from ``path`` (an export, a changed or optimised graph): where it is, its size
    and its modification time; any change makes a new derived file."""
    stat = path.stat()
    return [str(path.resolve()), stat.st_size, stat.st_mtime_ns]


def save_whole(path: Path, write: Callable[[Path], object]) -> None:
    """Write a file a backend derives (a changed graph, a compiled pattern, a detector) whole or not at all:
    ``write`` fills a scratch file beside ``path``, which then replaces it (two servers saving at once: the
    last rename wins, and neither reads half a file). On failure the scratch file is removed and the error
    raised."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, scratch = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    os.close(fd)
    try:
        write(Path(scratch))
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


def prebuilt(path: Path) -> Path | None:
    """The copy :data:`PREBUILT` holds of ``path``, a file or folder derived under a data folder's ``models/``
    (the same path from there down), if the install step made one; else None. Derived files are named by
    what they were made from (a source's path, size and time, a library's version, the CPU), so a copy made
    from anything else has another name and is never found; weights joined from a package's parts are named
    by their card, and the install step makes them again whenever the packages are installed again."""
    parts = Path(path).parts
    if "models" not in parts:
        return None
    below = parts[len(parts) - parts[::-1].index("models"):]
    twin = PREBUILT.joinpath(*below)
    return twin if below and twin.exists() else None
