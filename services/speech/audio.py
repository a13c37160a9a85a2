"""Audio in and out with PyAV (FFmpeg's libraries): decode any container to mono float32 at a given rate,
and encode synthesized speech as MP3, Ogg Vorbis, Ogg Opus, raw PCM or WAV.

Decoding stops as soon as the audio passes ``max_seconds``, so a 2-hour file is refused after reading a
few seconds past the limit, not after decoding it whole.
"""

from __future__ import annotations

import io
import wave
from dataclasses import dataclass

import numpy as np

from services.errors import ServiceError


class InvalidMedia(ServiceError):
    code = "invalid_media"


class MediaTooLong(ServiceError):
    code = "media_too_long"


@dataclass(frozen=True)
class Audio:
    samples: np.ndarray  # float32 mono
    rate: int
    source_format: str
    source_rate: int
    source_channels: int
    channels: list[np.ndarray] | None = None  # a stereo source's two channels, when asked to keep them

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate


def decode(data: bytes, rate: int = 16000, max_seconds: float | None = None, hint: str = "",
           channels: bool = False) -> Audio:
    """Any audio container/codec FFmpeg knows -> mono float32 at ``rate``; a clear InvalidMedia otherwise.
    ``channels``: a stereo source also keeps its two channels apart (``Audio.channels``)."""
    import av

    if not data:
        raise InvalidMedia("the audio is empty (0 bytes)")
    try:
        container = av.open(io.BytesIO(data), mode="r", metadata_errors="ignore")
    except (av.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        raise InvalidMedia(f"the media is not audio FFmpeg can read{_named(hint)}: {_reason(exc)}") from None
    with container:
        streams = container.streams.audio
        if not streams:
            raise InvalidMedia(f"the media has no audio stream{_named(hint)}")
        stream = streams[0]
        source_rate, count = stream.rate or 0, stream.channels or 0
        split = channels and count == 2
        resampler = av.AudioResampler(format="flt", layout="stereo" if split else "mono", rate=rate)
        pieces: list[np.ndarray] = []
        total = 0
        limit = None if max_seconds is None else int(max_seconds * rate)
        try:
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    pieces.append(out.to_ndarray().reshape(-1))
                    total += pieces[-1].size
                if limit is not None and total > limit * (2 if split else 1):
                    raise MediaTooLong(f"the audio is longer than {max_seconds:g} s", max_seconds=max_seconds)
            for out in resampler.resample(None):
                pieces.append(out.to_ndarray().reshape(-1))
        except (av.FFmpegError, ValueError) as exc:
            if not pieces:
                raise InvalidMedia(f"the audio could not be decoded{_named(hint)}: {_reason(exc)}") from None
            # a truncated file: keep what decoded (as FFmpeg's own tools do)
        fmt = container.format.name if container.format else "unknown"
    samples = np.concatenate(pieces).astype(np.float32) if pieces else np.zeros(0, np.float32)
    if samples.size == 0:
        raise InvalidMedia(f"the media holds no audio samples{_named(hint)}")
    if not np.isfinite(samples).all():
        raise InvalidMedia("the audio holds samples that are not finite numbers")
    if split:  # packed stereo: left, right, left, right...
        pair = samples[: samples.size // 2 * 2].reshape(-1, 2)
        return Audio(pair.mean(axis=1), rate, fmt, source_rate, count, [pair[:, 0].copy(), pair[:, 1].copy()])
    return Audio(samples, rate, fmt, source_rate, count)


def _named(hint: str) -> str:
    return f" ({hint})" if hint else ""


def _reason(exc: BaseException) -> str:
    text = str(exc).split(":")[0] if isinstance(exc, UnicodeDecodeError) else str(exc)
    return text.replace("\n", " ")[:200]


def pcm16(samples: np.ndarray) -> bytes:
    return (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()


def resample(samples: np.ndarray, source: int, target: int) -> np.ndarray:
    """Band-limited enough for speech: linear interpolation after a short moving-average when shrinking."""
    if source == target or samples.size == 0:
        return samples.astype(np.float32)
    if target < source:
        width = int(np.ceil(source / target))
        if width > 1:
            samples = np.convolve(samples, np.ones(width) / width, mode="same")
    n = round(samples.size * target / source)
    positions = np.arange(n) * (source / target)
    return np.interp(positions, np.arange(samples.size), samples).astype(np.float32)


def wav_bytes(samples: np.ndarray, rate: int) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm16(samples))
    return buf.getvalue()


# format -> (container, codec, sample format, content type)
ENCODINGS = {
    "mp3": ("mp3", "libmp3lame", "s16p", "audio/mpeg"),
    "ogg_vorbis": ("ogg", "vorbis", "fltp", "audio/ogg"),
    "ogg_opus": ("ogg", "libopus", "s16", "audio/ogg"),
}
CONTENT_TYPES = {"pcm": "audio/pcm", "wav": "audio/wav", **{k: v[3] for k, v in ENCODINGS.items()}}


def encode(samples: np.ndarray, rate: int, fmt: str) -> bytes:
    """Mono float32 at ``rate`` -> bytes in ``fmt`` (pcm: signed 16-bit little-endian, as Polly sends)."""
    if fmt == "pcm":
        return pcm16(samples)
    if fmt == "wav":
        return wav_bytes(samples, rate)
    import av

    container_name, codec, sample_format, _ = ENCODINGS[fmt]
    buf = io.BytesIO()
    with av.open(buf, mode="w", format=container_name) as out:
        stream = out.add_stream(codec, rate=rate, layout="stereo" if codec == "vorbis" else "mono")
        if codec == "vorbis":
            stream.codec_context.options = {"strict": "experimental"}
        if codec == "libopus":
            stream.bit_rate = 32000
        chans = 2 if codec == "vorbis" else 1
        pcm = np.clip(samples, -1.0, 1.0).astype(np.float32)
        size = stream.codec_context.frame_size or 1024
        resampler = av.AudioResampler(format=sample_format, layout="stereo" if chans == 2 else "mono", rate=rate)
        for start in range(0, max(pcm.size, 1), size * 4):
            block = pcm[start:start + size * 4].reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(block, format="flt", layout="mono")
            frame.sample_rate = rate
            for f in resampler.resample(frame):
                for packet in stream.encode(f):
                    out.mux(packet)
        for f in resampler.resample(None):
            for packet in stream.encode(f):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return buf.getvalue()
