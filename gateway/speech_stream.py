"""The streaming-transcription WebSocket: binary frames of PCM (signed 16-bit little-endian mono) in, JSON
events out; a text frame ``{"type": "stop"}`` (or closing the socket) flushes the last final result, then
the server sends ``{"type": "end"}`` and closes. Errors are ``{"type": "error", "code", "message"}``.
Query parameters: ``sample_rate`` (default 16000), ``language``, ``hotwords`` (comma-separated),
``vocabulary_filter`` + ``vocabulary_filter_method`` (remove, mask, tag), ``content_redaction=PII`` with
``pii_entity_types`` (comma-separated, default ALL; English).

A stream holds a decoder's buffers and a socket, so both are bounded: at most ``speech.max_streams`` run at
once (one more is told ``stream_limit`` and closed with 1013, try again later), and a stream that sends
nothing for ``speech.stream_idle_timeout_s`` is told ``stream_idle`` and closed with 1008. A client that
drops, with or without a close frame, releases everything it held when the handler returns.
"""

from __future__ import annotations

import asyncio
import json
import logging

from fastapi import WebSocket, WebSocketDisconnect

from gateway.errors import classify
from services.comprehend.pii import span_finder
from services.errors import InvalidRequest
from services.speech.streaming import StreamSession

log = logging.getLogger(__name__)


class StreamLimit:
    """Counts open streams (one per app, on ``app.state``)."""

    def __init__(self, most: int) -> None:
        self.most = most
        self.open = 0


async def serve_stream(websocket: WebSocket) -> None:
    await websocket.accept()
    state = websocket.app.state
    limit: StreamLimit = state.streams
    if limit.open >= limit.most:
        await _fail(websocket, "stream_limit", f"{limit.most} streams are open, the most this server takes; "
                    "try again later", close_code=1013)
        return
    limit.open += 1
    try:
        await _serve(websocket, state.settings.speech.stream_idle_timeout_s)
    finally:
        limit.open -= 1


async def _serve(websocket: WebSocket, idle_s: float) -> None:
    state = websocket.app.state
    q = websocket.query_params
    try:
        rate = int(q.get("sample_rate", "16000"))
        language = await state.transcriber.check_language(q.get("language"))
        method = q.get("vocabulary_filter_method")
        if bool(q.get("vocabulary_filter")) != bool(method) or method not in (None, "remove", "mask", "tag"):
            raise InvalidRequest("vocabulary_filter needs vocabulary_filter_method remove, mask or tag (and back)")
        words = state.vocabulary_filters.get(q["vocabulary_filter"]).params["words"] if method else None
        if q.get("content_redaction") not in (None, "PII"):
            raise InvalidRequest("content_redaction must be PII")
        if q.get("content_redaction") and language and language != "en":
            raise InvalidRequest("content_redaction finds PII in English only")
        types = {t.strip() for t in q.get("pii_entity_types", "ALL").split(",") if t.strip()}
        session = StreamSession(
            state.transcriber, sample_rate=rate, language=language,
            hotwords=[w.strip() for w in q.get("hotwords", "").split(",") if w.strip()],
            partial_interval=state.settings.speech.stream_partial_interval_s,
            endpoint_silence=state.settings.speech.stream_endpoint_silence_s,
            max_seconds=state.settings.speech.max_job_seconds, filter_words=words, filter_method=method,
            find_pii=span_finder(state.text) if q.get("content_redaction") else None, pii_types=types,
        )
        while True:
            try:
                message = await asyncio.wait_for(websocket.receive(), idle_s)
            except TimeoutError:
                await _fail(websocket, "stream_idle", f"nothing arrived for {idle_s:g} s; the stream is closed")
                return
            if message["type"] == "websocket.disconnect":
                return
            if message.get("bytes") is not None:
                for event in await session.feed(message["bytes"]):
                    await websocket.send_json(event)
                continue
            text = message.get("text") or ""
            try:
                command = json.loads(text)
            except json.JSONDecodeError:
                command = {}
            if not isinstance(command, dict) or command.get("type") != "stop":
                await websocket.send_json({"type": "error", "code": "invalid_request",
                                           "message": 'send PCM as binary frames and {"type": "stop"} to finish'})
                continue
            for event in await session.finish():
                await websocket.send_json(event)
            await websocket.send_json({"type": "end"})
            await websocket.close()
            return
    except (WebSocketDisconnect, OSError):  # the client went away (uvicorn's ClientDisconnected is an OSError)
        return
    except ValueError:
        await _fail(websocket, "invalid_request", "sample_rate must be a whole number of Hz")
    except Exception as exc:
        code, message, _, _ = classify(exc)
        if code == "internal_error":
            log.exception("streaming transcription failed")
        await _fail(websocket, code, message)


async def _fail(websocket: WebSocket, code: str, message: str, close_code: int | None = None) -> None:
    try:
        await websocket.send_json({"type": "error", "code": code, "message": message})
        await websocket.close(code=close_code or (1011 if code == "internal_error" else 1008))
    except (WebSocketDisconnect, RuntimeError, OSError):
        pass
