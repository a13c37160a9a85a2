"""Device selection: ``auto`` is CUDA when present, else CPU."""

from __future__ import annotations

import importlib.util


def cuda_available() -> bool:
    if importlib.util.find_spec("torch") is None:
        return False
    import torch

    return bool(torch.cuda.is_available())


def resolve_device(requested: str) -> str:
    """Map a card's device (auto / cpu / cuda / cuda:N) to the device a backend should use."""
    if requested == "auto":
        return "cuda" if cuda_available() else "cpu"
    if requested.startswith("cuda") and not cuda_available():
        raise ValueError(f"device {requested!r} was asked for but CUDA is not available")
    return requested


def resolve_precision(requested: str, device: str) -> str:
    """``auto`` is fp16 on CUDA and fp32 on CPU."""
    if requested == "auto":
        return "fp16" if device.startswith("cuda") else "fp32"
    return requested


def onnx_providers(device: str) -> list[str]:
    """onnxruntime's execution providers for a resolved device: CUDA first when asked for and present."""
    import onnxruntime as ort

    providers = ["CPUExecutionProvider"]
    if device.startswith("cuda") and "CUDAExecutionProvider" in ort.get_available_providers():
        providers.insert(0, "CUDAExecutionProvider")
    return providers
