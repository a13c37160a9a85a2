"""Errors a service raises for a whole request. Each has a stable ``code``; the gateway maps codes to HTTP
statuses (one table) and, on the AWS surface, to AWS exception names (one table)."""

from __future__ import annotations


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
