"""Device selection: ``auto`` is CUDA when present, else CPU."""

from __future__ import annotations

import functools
import importlib.util
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

# Where a GPU's driver shows itself: NVIDIA's kernel driver (and the container toolkit's mounts of it), WSL's
# GPU paravirtualisation, AMD's ROCm (torch.cuda serves ROCm too)
GPU_DEVICE_NODES = ("/proc/driver/nvidia", "/dev/nvidiactl", "/dev/dxg", "/dev/kfd")


def cuda_available() -> bool:
    """Whether torch sees a CUDA (or ROCm) device. On Linux with no GPU driver the answer is no without
    importing torch, which took 1.8 s of a 2-core start-up's interpreter lock for cards (VADER, ONNX models)
    that never use it."""
    if importlib.util.find_spec("torch") is None:
        return False
    if sys.platform.startswith("linux") and not any(os.path.exists(node) for node in GPU_DEVICE_NODES):
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


# OpenMP threads that finish their share of a model call spin ~10,000 rounds (tens of microseconds, the gap
# between two operators of one forward pass), then sleep, unless the user sets OMP_WAIT_POLICY. Measured
# with bench_peers.py on 2 cores (MiniLM, batch 32): one request at a time, p50 17 ms sleeping at once
# (PASSIVE), 11 ms with this spin, 10 ms spinning for good (ACTIVE); with a CPU-bound process beside it,
# spinning for good fell to 86 texts/s while this held 225 (PASSIVE 204).
OPENMP_DEFAULTS = {"GOMP_SPINCOUNT": "10000"}


def openmp_env(environ: dict[str, str]) -> dict[str, str]:
    """The OpenMP settings a model process starts with: the user's wait policy if set, else ours."""
    if "OMP_WAIT_POLICY" in environ or "GOMP_SPINCOUNT" in environ:
        return {k: environ[k] for k in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT") if k in environ}
    return dict(OPENMP_DEFAULTS)


def cpu_threads() -> int:
    """The cores this process may use for math: OMP_NUM_THREADS when set (Ray sets it per replica from the
    CPUs it reserves), else the CPUs the process is allowed to run on."""
    import os

    given = os.environ.get("OMP_NUM_THREADS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


# On a GPU a batch is mostly CPU work (tokenizing, resizing images, turning outputs into answers) around a
# short pass on the card; with two batches side by side one's CPU work overlaps the other's pass. Measured
# with bench_runtime.py on an H200 (16 cores, fp16): MiniLM runtime 3,106 -> 3,972 texts/s at batch 32
# (1.28x), 7,194 -> 8,671 at 128; EfficientNet-Lite0 232 -> 430 images/s at batch 8 (1.86x), 308 -> 508 at 32.
CUDA_LANES = 2


class TorchThreads:
    """For PyTorch backends whose ``predict`` may run in two threads at once on the CPU: the worker then runs
    batches side by side and gives each its share of the cores (``set_threads``, per calling thread). A lone
    batch gets every core (unless another is about to join it: Batcher.sharing); two get one each, with no OpenMP team to wait at barriers for a thread the OS
    has preempted (bench_peers.py: 2 batches x 1 thread beat 1 batch x 2 threads by ~10% under load, and
    far more on a machine with other work). Backends set ``device`` and ``runtime`` at load."""

    device: str = "cpu"
    runtime: str = "torch"  # or onnxruntime, which sizes its own thread pool per session: one batch at a time
    default_parallel = 2  # batches side by side on the CPU unless the card says (1 where measured better)
    _threads = threading.local()  # what this calling thread last set (torch.get_num_threads() is process-wide)

    @property
    def parallel_safe(self) -> bool:
        return self.runtime == "torch" and (self.device == "cpu" or self.device.startswith("cuda"))

    @property
    def lanes(self) -> int:
        """Batches side by side by default on the device loaded: on CUDA, CUDA_LANES for every backend."""
        return CUDA_LANES if self.device.startswith("cuda") else self.default_parallel

    def set_threads(self, n: int) -> None:
        import torch

        if getattr(self._threads, "n", None) != n:
            torch.set_num_threads(n)  # OpenMP's thread count is per calling thread: other batches keep theirs
            self._threads.n = n


def per_item(fn: Callable[[Any], Any], items: Sequence[Any], device: str) -> list[Any]:
    """A batch's per-item CPU work (an image's resize and crop, say), in order. With the model on a GPU it
    runs across the CPU's cores, idle while the card works (PIL and numpy let go of the interpreter lock):
    an H200's 640x480 photos cost ~2.5 ms each to resize in one thread, more than their share of the pass.
    On the CPU one item after another: the model's own threads have the cores."""
    if not device.startswith("cuda") or len(items) < 2:
        return [fn(item) for item in items]
    return list(_item_pool().map(fn, items))


@functools.cache
def _item_pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=max(2, min(8, cpu_threads())), thread_name_prefix="per-item")
