"""Transcribe vocabulary filters: named word lists (``Words`` or a file of one word per line) a job applies
with ``Settings.VocabularyFilterMethod`` (see :mod:`services.speech.transcript_edits`). Stored as resources,
durable like vocabularies; a job keeps the words it started with."""

from __future__ import annotations

import asyncio
from typing import Any

from services import ACCOUNT
from services.buckets import Buckets, parse_s3_uri
from services.errors import Conflict, InvalidRequest, LimitExceeded, NotFound
from services.resources import ResourceNotFound, ResourceStore
from services.speech.transcribe_jobs import check_name

FILTER = "vocabulary-filter"
MAX_WORD = 256  # AWS: a word is 1-256 characters
MAX_BYTES = 50 * 1024  # AWS: a filter file is at most 50 KB


class VocabularyFilters:
    def __init__(self, store: ResourceStore, buckets: Buckets) -> None:
        self.store = store
        self.buckets = buckets

    @staticmethod
    def arn(name: str) -> str:
        return f"arn:aws:transcribe:us-east-1:{ACCOUNT}:vocabulary-filter/{name}"

    async def _words(self, words: list[str], file_uri: str | None) -> list[str]:
        if bool(words) == bool(file_uri):
            raise InvalidRequest("give exactly one of Words and VocabularyFilterFileUri")
        if file_uri:
            raw = await asyncio.to_thread(self.buckets.read, parse_s3_uri(file_uri))
            if len(raw) > MAX_BYTES:
                raise LimitExceeded(f"a vocabulary filter file is at most {MAX_BYTES} bytes; this one is {len(raw)}")
            try:
                words = raw.decode("utf-8-sig").splitlines()
            except UnicodeDecodeError:
                raise InvalidRequest(f"the vocabulary filter file {file_uri} is not UTF-8 text") from None
        cleaned = [w.strip() for w in words if w.strip()]
        too_long = next((w for w in cleaned if len(w) > MAX_WORD), None)
        if too_long is not None:
            raise InvalidRequest(f"a filter word is at most {MAX_WORD} characters; {too_long[:40]!r}... has {len(too_long)}")
        if not cleaned:
            raise InvalidRequest("a vocabulary filter needs at least one word")
        return cleaned

    async def create(self, name: str, language: str, words: list[str], file_uri: str | None) -> Any:
        check_name(name, "VocabularyFilterName")
        cleaned = await self._words(words, file_uri)
        try:
            self.store.get(self.arn(name), FILTER)
        except ResourceNotFound:
            return self.store.create(FILTER, name, self.arn(name), {"language": language, "words": cleaned}, [],
                                     build=False)
        raise Conflict(f"a vocabulary filter named {name!r} already exists; delete it or use UpdateVocabularyFilter")

    async def update(self, name: str, words: list[str], file_uri: str | None) -> Any:
        current = self.get(name)
        self.store.update(current.arn, params={**current.params, "words": await self._words(words, file_uri)})
        return self.get(name)

    def get(self, name: str) -> Any:
        try:
            return self.store.get(self.arn(name), FILTER)
        except ResourceNotFound:
            raise NotFound(f"no vocabulary filter named {name!r}; create it first (CreateVocabularyFilter)") from None

    def list(self) -> list[Any]:
        return self.store.list(FILTER)

    def delete(self, name: str) -> None:
        self.store.delete(self.get(name).arn, FILTER)
