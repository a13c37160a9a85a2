"""Where a model card's weights are: an installed package, a local directory or a hub id."""

from __future__ import annotations

import importlib.util
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from models.cards import ModelCard
from models.errors import ModelNotReady


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
