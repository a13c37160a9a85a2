"""The streaming-transcription WebSocket: binary frames of PCM (signed 16-bit little-endian mono) in, JSON
events out; a text frame ``{"type": "stop"}`` (or closing the socket) flushes the last final result, then
the server sends ``{"type": "end"}`` and closes. Errors are ``{"type": "error", "code", "message"}``.
Query parameters: ``sample_rate`` (default 16000), ``language``, ``hotwords`` (comma-separated)."""

from __future__ import annotations

import json
import logging

from fastapi import WebSocket, WebSocketDisconnect

from gateway.errors import classify
from services.speech.streaming import StreamSession

log = logging.getLogger(__name__)


async def serve_stream(websocket: WebSocket) -> None:
    await websocket.accept()
    state = websocket.app.state
    q = websocket.query_params
    try:
        rate = int(q.get("sample_rate", "16000"))
        language = await state.transcriber.check_language(q.get("language"))
        session = StreamSession(
            state.transcriber, sample_rate=rate, language=language,
            hotwords=[w.strip() for w in q.get("hotwords", "").split(",") if w.strip()],
            partial_interval=state.settings.speech.stream_partial_interval_s,
            endpoint_silence=state.settings.speech.stream_endpoint_silence_s,
            max_seconds=state.settings.speech.max_job_seconds,
        )
        while True:
            message = await websocket.receive()
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
    except WebSocketDisconnect:
        return
    except ValueError:
        await _fail(websocket, "invalid_request", "sample_rate must be a whole number of Hz")
    except Exception as exc:
        code, message, _, _ = classify(exc)
        if code == "internal_error":
            log.exception("streaming transcription failed")
        await _fail(websocket, code, message)


async def _fail(websocket: WebSocket, code: str, message: str) -> None:
    try:
        await websocket.send_json({"type": "error", "code": code, "message": message})
        await websocket.close(code=1011 if code == "internal_error" else 1008)
    except (WebSocketDisconnect, RuntimeError):
        pass
