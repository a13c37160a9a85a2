"""Errors a service raises for a whole request. Each has a stable ``code``; the gateway maps codes to HTTP
statuses (one table) and, on the AWS surface, to AWS exception names (one table)."""

from __future__ import annotations

import errno


class ServiceError(Exception):
    code = "invalid_request"

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class InvalidRequest(ServiceError):
    code = "invalid_request"


class TextSizeLimitExceeded(ServiceError):
    code = "text_size_limit_exceeded"


class BatchSizeLimitExceeded(ServiceError):
    code = "batch_size_limit_exceeded"


class UnsupportedLanguage(ServiceError):
    code = "unsupported_language"


class NotFound(ServiceError):
    code = "not_found"


class UnsupportedLanguagePair(ServiceError):
    code = "unsupported_language_pair"


class DetectedLanguageLowConfidence(ServiceError):
    code = "detected_language_low_confidence"


class UnsupportedSettings(ServiceError):
    code = "unsupported_settings"


class LimitExceeded(ServiceError):
    code = "limit_exceeded"


class Conflict(ServiceError):
    """The name or state is taken (a job name in use, a user that exists)."""

    code = "conflict"


_ERRNO_REASONS = {
    errno.EROFS: "the storage is read-only",
    errno.ENOSPC: "no space left on the storage",
    errno.EDQUOT: "the storage quota is exhausted",
    errno.EIO: "the storage failed to read or write (I/O error)",
}
_DATABASE_REASONS = (  # what SQLite and Postgres say when the disk, not the request, is at fault
    ("disk is full", "no space left on the job store's disk"),
    ("no space left", "no space left on the job store's disk"),
    ("readonly database", "the job store is read-only"),
    ("read-only", "the job store is read-only"),
    ("disk i/o error", "the job store's disk failed (I/O error)"),
    ("database is locked", "the job store is locked by another writer; retry"),
)
_DATABASE_AWAY = (  # Postgres away (stopped, restarting, the network down): retrying when it is back succeeds
    ("connection refused", "the job store's database is unreachable"),
    ("could not connect", "the job store's database is unreachable"),
    ("connection failed", "the job store's database is unreachable"),
    ("server closed the connection", "the job store's database closed the connection"),
    ("terminating connection", "the job store's database closed the connection"),
    ("the database system is", "the job store's database is starting up or shutting down"),
    ("timeout expired", "the job store's database did not answer in time"),
    ("no route to host", "the job store's database is unreachable"),
)


def storage_reason(exc: BaseException) -> str | None:
    """A plain reason when ``exc`` is the server's storage failing (full, read-only, I/O), else None.
    Never a path: the reason goes to clients."""
    if isinstance(exc, OSError) and exc.errno in _ERRNO_REASONS:
        return _ERRNO_REASONS[exc.errno]
    from sqlalchemy.exc import DBAPIError  # the job and resource stores' errors

    if isinstance(exc, DBAPIError):
        text = str(exc.orig).lower()
        return next((reason for words, reason in _DATABASE_REASONS if words in text), None) or database_away(exc)
    return None


def database_away(exc: BaseException) -> str | None:
    """A plain reason when ``exc`` is the job store's database not answering (a retry may succeed), else None."""
    from sqlalchemy.exc import DBAPIError

    if not isinstance(exc, DBAPIError):
        return None
    text = str(exc.orig).lower()
    reason = next((reason for words, reason in _DATABASE_AWAY if words in text), None)
    if reason is None and exc.connection_invalidated:
        reason = "the job store's database closed the connection"
    return reason
