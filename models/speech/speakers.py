"""Speaker embeddings: the GE2E voice encoder of ``resemblyzer`` (3-layer LSTM over 40-band mel frames,
256-d L2-normed output; its trained weights ``pretrained.pt`` ship in the wheel, Apache-2.0). We write the
network ourselves in PyTorch, export it once to ONNX and run it on ONNX Runtime (``options.runtime =
"torch"``: on PyTorch; models/torch_onnx.py), and compute its mel frames in NumPy as librosa does (Hann
window 400, hop 160, Slaney mel filters, power spectrum), so neither librosa nor webrtcvad is needed.

Items are 16 kHz mono float32 clips; each is cut into 1.6 s windows (1.3 a second, as resemblyzer's
``embed_utterance``), the windows of every clip in a batch run as one forward pass, and a clip's embedding
is the L2-normed mean of its windows'. Same voice: cosine ~0.99; another voice: ~0.7.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from models.cards import ModelCard
from models.errors import InvalidItem, ModelNotReady
from models.sources import local_path
from models.torch_onnx import Network, open_network

RATE, N_FFT, HOP, N_MELS, WINDOW = 16_000, 400, 160, 40, 160  # WINDOW: frames per partial (1.6 s)
STEP = round(RATE / 1.3 / HOP)  # frames between partials
MIN_SAMPLES = RATE // 4  # a clip under 0.25 s says too little about a voice


def _hz_to_mel(hz: np.ndarray) -> np.ndarray:  # Slaney: linear below 1 kHz, logarithmic above
    hz = np.asarray(hz, np.float64)
    mel = hz / (200.0 / 3)
    log = hz >= 1000.0
    return np.where(log, 15.0 + np.log(np.maximum(hz, 1e-10) / 1000.0) / (np.log(6.4) / 27.0), mel)


def _mel_to_hz(mel: np.ndarray) -> np.ndarray:
    mel = np.asarray(mel, np.float64)
    hz = mel * (200.0 / 3)
    return np.where(mel >= 15.0, 1000.0 * np.exp((np.log(6.4) / 27.0) * (mel - 15.0)), hz)


def mel_filters() -> np.ndarray:
    """librosa.filters.mel(sr=16000, n_fft=400, n_mels=40): Slaney scale and Slaney area normalisation."""
    fft_hz = np.linspace(0, RATE / 2, N_FFT // 2 + 1)
    edges = _mel_to_hz(np.linspace(_hz_to_mel(np.array(0.0)), _hz_to_mel(np.array(RATE / 2)), N_MELS + 2))
    widths = np.diff(edges)
    ramps = edges[:, None] - fft_hz[None, :]
    lower = -ramps[:-2] / widths[:-1, None]
    upper = ramps[2:] / widths[1:, None]
    weights = np.maximum(0, np.minimum(lower, upper))
    return (weights * (2.0 / (edges[2:] - edges[:-2]))[:, None]).astype(np.float32)


FILTERS = mel_filters()
HANN = (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)).astype(np.float32)  # periodic, as scipy's


def normalize_volume(wav: np.ndarray, target_dbfs: float = -30.0) -> np.ndarray:
    """Raise a quiet clip to -30 dBFS, as the encoder's training data was (never lowers a loud one)."""
    power = float(np.mean(wav.astype(np.float64) ** 2))
    if power <= 0:
        return wav
    change = target_dbfs - 10 * np.log10(power)
    return wav * np.float32(10 ** (change / 20)) if change > 0 else wav


def mel_frames(wav: np.ndarray) -> np.ndarray:
    """(frames, 40) mel power frames, centred with reflection padding as librosa pads."""
    padded = np.pad(wav.astype(np.float32), N_FFT // 2, mode="reflect")
    count = 1 + (len(padded) - N_FFT) // HOP
    index = np.arange(N_FFT)[None, :] + HOP * np.arange(count)[:, None]
    spectrum = np.abs(np.fft.rfft(padded[index] * HANN, axis=1)) ** 2
    return (spectrum @ FILTERS.T).astype(np.float32)


def partials(frames: np.ndarray) -> list[np.ndarray]:
    """1.6 s windows every STEP frames covering the clip (the last one zero-padded when mostly there)."""
    if len(frames) <= WINDOW:
        return [np.pad(frames, ((0, WINDOW - len(frames)), (0, 0)))]
    starts = list(range(0, len(frames) - WINDOW + 1, STEP))
    if len(frames) - (starts[-1] + WINDOW) > WINDOW * 0.25:
        starts.append(len(frames) - WINDOW)
    return [frames[s:s + WINDOW] for s in starts]


def encoder(weights: Path, device: str, dtype: Any) -> Any:
    """resemblyzer's VoiceEncoder (its LSTM and projection; not its loss terms) on its trained weights."""
    import torch
    from torch import nn

    state = torch.load(weights, map_location="cpu", weights_only=False)["model_state"]

    class Encoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.lstm = nn.LSTM(N_MELS, 256, 3, batch_first=True)
            self.linear = nn.Linear(256, 256)

        def forward(self, mels: Any) -> Any:
            _, (hidden, _) = self.lstm(mels)
            raw = torch.relu(self.linear(hidden[-1]))
            return raw / torch.norm(raw, dim=1, keepdim=True).clamp_min(1e-8)

    net = Encoder()
    net.load_state_dict({k: v for k, v in state.items() if k.startswith(("lstm.", "linear."))})
    return net.to(device, dtype).eval()


class SpeakerEncoder:
    exports_onnx = True  # `make install` exports the default card's network (models/torch_onnx.py)

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        self.network: Any = None

    def load(self, device: str, precision: str) -> None:
        weights = local_path(self.card)
        if not weights.is_file():
            raise ModelNotReady(self.card.name, f"{weights} is missing")
        self.network = open_network(self.card, device, precision, Network(
            partial(encoder, weights), {"mels": (2, WINDOW, N_MELS)}, [weights], [__name__], outputs=["embedding"]))

    def unload(self) -> None:
        self.network = None

    def predict(self, items: list[np.ndarray]) -> list[Any]:
        out: list[Any] = [None] * len(items)
        windows, owners = [], []
        for i, clip in enumerate(items):
            clip = np.asarray(clip, np.float32)
            if clip.ndim != 1 or len(clip) < MIN_SAMPLES or not np.isfinite(clip).all():
                out[i] = InvalidItem("a speaker clip must be at least 0.25 s of finite mono 16 kHz audio")
                continue
            for window in partials(mel_frames(normalize_volume(clip))):
                windows.append(window)
                owners.append(i)
        if windows:
            embeds = self.network(np.stack(windows))["embedding"]
            for i in set(owners):
                mean = embeds[[k for k, o in enumerate(owners) if o == i]].mean(axis=0)
                out[i] = mean / max(float(np.linalg.norm(mean)), 1e-8)
        return out
