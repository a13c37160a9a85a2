"""Outcomes that cross a process boundary (a Ray replica, an isolated model process) back to the gateway."""

from __future__ import annotations

import pickle
from typing import Any

from models.errors import ModelError


class RemoteItemError(ModelError):
    """An item's error that could not travel back as itself (its class does not pickle); type and message kept."""


def portable(outcome: Any) -> Any:
    """An outcome that survives pickling: exceptions that do not round-trip become :class:`RemoteItemError`
    with the original type and message."""
    if not isinstance(outcome, BaseException):
        return outcome
    try:
        pickle.loads(pickle.dumps(outcome))
        return outcome
    except Exception:
        return RemoteItemError(f"{type(outcome).__name__}: {outcome}")
