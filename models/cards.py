"""Model cards: which model serves which task, where its weights come from, and how it is batched."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class ModelCard:
    """Describes one model. ``source`` says where the weights come from:

    - ``package:NAME``: an installed Python package that ships the weights (the offline defaults);
    - ``path:/some/dir``: a local directory (a model a user brought);
    - ``hub:org/name``: a model hub id, for users who are online (loaded by the same code).
    - ``builtin``: the backend needs no weights file (a lexicon or rules inside its package).
    """

    name: str
    task: str
    backend: str
    source: str = "builtin"
    languages: tuple[str, ...] = ("*",)
    max_batch_size: int = 32
    max_wait_ms: float = 5.0
    max_queue: int = 1024
    max_queue_wait_s: float = 30.0
    device: str = "auto"
    precision: str = "auto"
    idle_unload_s: float | None = None  # unload after this long unused (it loads again on the next request)
    isolate: bool = False  # run the backend in a process of its own (models/isolated.py)
    parallel: int = 0  # batches run side by side (0: the backend's default_parallel, see ModelWorker._parallel)
    # Where the card runs when workers are on Ray (CIRRUS_WORKERS__RAY_ADDRESS); ignored when embedded.
    replicas: int = 1  # Ray Serve replicas, or the least of an autoscaling range
    max_replicas: int | None = None  # above ``replicas``: Ray Serve autoscales between the two
    num_cpus: float = 0.1  # Ray's scheduling share per replica (most cards idle most of the time; give busy ones
    # more); its OpenMP/torch threads follow it, at least 1
    num_gpus: float = 0.0  # GPUs per replica; fractions let small models share one
    options: dict[str, Any] = field(default_factory=dict)
    description: str = ""

    def supports(self, language: str | None) -> bool:
        return language is None or "*" in self.languages or language in self.languages

    def with_overrides(self, **changes: Any) -> ModelCard:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def source_kind(self) -> str:
        return self.source.split(":", 1)[0]

    @property
    def source_ref(self) -> str:
        return self.source.split(":", 1)[1] if ":" in self.source else ""
