"""Stored video for Rekognition's video jobs: probe a file (PyAV, FFmpeg inside) into AWS's VideoMetadata, and
sample frames at a fixed rate from one time span, so a job works through a long video chunk by chunk.

Limits as AWS's for stored video (6 hours; frames up to 4096 x 2160) plus a byte cap; anything FFmpeg cannot
open as a video is ``InvalidVideo`` (a 400 naming what to fix), never a crash. Frames come back as RGB,
scaled so the longer side is at most ``MAX_FRAME_SIDE`` (what the image models work at anyway).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from services.errors import ServiceError

MAX_DURATION_MS = 6 * 3600 * 1000
MAX_FRAME_PIXELS = 4096 * 2160
MAX_FRAME_SIDE = 1280


class InvalidVideo(ServiceError):
    code = "invalid_video"


class VideoTooLarge(ServiceError):
    code = "video_too_large"


@dataclass(frozen=True)
class VideoInfo:
    codec: str
    duration_ms: int
    format: str
    frame_rate: float
    width: int
    height: int
    color_range: str | None

    def metadata(self) -> dict[str, Any]:
        out: dict[str, Any] = {"Codec": self.codec, "DurationMillis": self.duration_ms, "Format": self.format,
                               "FrameRate": round(self.frame_rate, 3), "FrameHeight": self.height,
                               "FrameWidth": self.width}
        if self.color_range:
            out["ColorRange"] = self.color_range
        return out


def _open(data: bytes) -> Any:
    import av

    try:
        container = av.open(io.BytesIO(data), mode="r")
    except (av.FFmpegError, ValueError, OSError) as exc:
        raise InvalidVideo(f"the object is not a video FFmpeg can read ({type(exc).__name__}); send MP4 or MOV (H.264)") from None
    demuxer = container.format.name or ""
    if not container.streams.video or demuxer == "image2" or demuxer.endswith("_pipe"):
        container.close()
        what = "a still image" if container.streams.video else "not a video (no video stream)"
        raise InvalidVideo(f"the file is {what}; send MP4 or MOV (H.264)")
    return container


def probe(data: bytes) -> VideoInfo:
    container = _open(data)
    try:
        stream = container.streams.video[0]
        ctx = stream.codec_context
        if stream.duration is not None and stream.time_base is not None:
            duration_ms = int(stream.duration * stream.time_base * 1000)
        elif container.duration is not None:
            duration_ms = int(container.duration / 1000)  # AV_TIME_BASE is microseconds
        else:
            duration_ms = 0
        rate = stream.average_rate or stream.guessed_rate
        info = VideoInfo(
            codec=ctx.name or "unknown", duration_ms=duration_ms,
            format=container.format.long_name or container.format.name, frame_rate=float(rate) if rate else 0.0,
            width=int(ctx.width or 0), height=int(ctx.height or 0),
            color_range={1: "LIMITED", 2: "FULL"}.get(int(getattr(ctx, "color_range", 0) or 0)),
        )
    finally:
        container.close()
    if info.width <= 0 or info.height <= 0 or info.duration_ms <= 0:
        raise InvalidVideo("the video has no frames or no duration FFmpeg can read; send MP4 or MOV (H.264)")
    if info.duration_ms > MAX_DURATION_MS:
        raise VideoTooLarge(f"the video is {info.duration_ms / 3.6e6:.1f} hours long; the limit is 6 hours")
    if info.width * info.height > MAX_FRAME_PIXELS:
        raise VideoTooLarge(f"frames are {info.width}x{info.height}; the limit is 4096x2160 pixels")
    return info


def frames(data: bytes, start_ms: int, end_ms: int, per_second: float) -> Iterator[tuple[int, np.ndarray]]:
    """(timestamp ms, RGB frame) for the first frame at or after each sampling instant in [start, end)."""
    import av

    step = 1000.0 / per_second
    container = _open(data)
    try:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        base = stream.time_base
        if start_ms > 0:
            container.seek(int(start_ms / 1000 / base), stream=stream, backward=True)
        due = float(start_ms)
        for frame in container.decode(stream):
            if frame.pts is None:
                continue
            at = float(frame.pts * base * 1000)
            if at >= end_ms:
                break
            if at + 0.5 < due:
                continue
            scale = min(1.0, MAX_FRAME_SIDE / max(frame.width, frame.height))
            width, height = max(2, int(frame.width * scale)), max(2, int(frame.height * scale))
            yield round(at), frame.to_ndarray(format="rgb24", width=width, height=height)
            while due <= at + 0.5:
                due += step
    except av.FFmpegError as exc:
        raise InvalidVideo(f"the video is damaged at about {due / 1000:.1f} s ({type(exc).__name__})") from None
    finally:
        container.close()
