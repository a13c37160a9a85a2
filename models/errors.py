"""Errors the model layer raises. The layers above map them to HTTP statuses and AWS error shapes."""

from __future__ import annotations


class ModelError(Exception):
    """Base class for model-layer errors."""


class Overloaded(ModelError):
    """The model's queue is full; the caller should retry after ``retry_after`` seconds."""

    def __init__(self, model: str, retry_after: float = 1.0, reason: str = "its queue is full") -> None:
        super().__init__(f"model {model!r} is busy: {reason}, retry in {retry_after:g}s")
        self.model = model
        self.retry_after = retry_after
        self.reason = reason

    def __reduce__(self) -> tuple:  # pickled across processes (a Ray worker's answer)
        return type(self), (self.model, self.retry_after, self.reason)


class ModelNotReady(ModelError):
    """The model is not loaded, or it failed to load (``reason`` says why)."""

    def __init__(self, model: str, reason: str) -> None:
        super().__init__(f"model {model!r} is not ready: {reason}")
        self.model = model
        self.reason = reason

    def __reduce__(self) -> tuple:
        return type(self), (self.model, self.reason)


class InvalidItem(ModelError):
    """One input item the model cannot process because of the item itself (the message is safe to show)."""


class UnknownBackend(ModelError):
    """A model card names a backend that is not registered."""


class NoModelForLanguage(ModelError):
    """No loaded model card serves this task in this language."""

    def __init__(self, task: str, language: str | None, supported: list[str]) -> None:
        names = ", ".join(supported) or "none"
        super().__init__(f"no model serves {task} in language {language!r}; languages available: {names}")
        self.task = task
        self.language = language
        self.supported = supported

    def __reduce__(self) -> tuple:
        return type(self), (self.task, self.language, self.supported)
