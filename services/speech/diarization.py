"""Speaker labels (Transcribe ``ShowSpeakerLabels``): who spoke when, by voice embeddings and clustering.

The audio's speech regions (Silero VAD, pauses of 0.3 s) are cut into pieces of at most ``PIECE_S``; each
piece long enough to say something about a voice gets a GE2E embedding (the ``speaker_embedding`` model,
batched), and the embeddings are clustered (agglomerative, average linkage on cosine distance): pieces
closer than ``SAME_VOICE`` join, and never more groups than ``MaxSpeakerLabels``. Short pieces take the
speaker of the nearest piece in time. Speakers are named ``spk_0``, ``spk_1``... in the order they first
speak; each word takes the speaker of the piece around its middle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from models.speech.whisper import SAMPLE_RATE, AsrSegment, speech_regions
from services.speech.transcript_edits import Marks, split

TASK = "speaker_embedding"
PIECE_S = 6.0  # a whole utterance: 1.5-3 s pieces of one voice scored as low as 0.67 against each other
MIN_EMBED_S = 0.6  # shorter pieces carry too little voice (a "yes" scores 0.55 against its own speaker)
SAME_VOICE = 0.75  # average cosine similarity to join: measured on 1-3 voice espeak dialogues (bench/bench_diarization.py)


def speaker_embedder(registry: Any) -> Any:
    """clips -> embeddings through the registry's speaker_embedding worker (batched)."""

    async def embed(clips: list[np.ndarray]) -> list[np.ndarray]:
        return list(await registry.for_task(TASK).run_strict(clips))

    return embed


@dataclass
class Turn:
    start: float
    end: float
    speaker: int = -1


def pieces(samples: np.ndarray) -> list[Turn]:
    turns = []
    for start, end in speech_regions(samples):
        count = max(1, int(np.ceil((end - start) / PIECE_S)))
        width = (end - start) / count
        turns += [Turn(start + n * width, start + (n + 1) * width) for n in range(count)]
    return turns


def cluster(embeddings: np.ndarray, max_speakers: int) -> np.ndarray:
    from sklearn.cluster import AgglomerativeClustering

    if len(embeddings) == 1:
        return np.zeros(1, int)
    labels = AgglomerativeClustering(n_clusters=None, distance_threshold=1 - SAME_VOICE, metric="cosine",
                                     linkage="average").fit_predict(embeddings)
    if labels.max() + 1 > max_speakers:
        labels = AgglomerativeClustering(n_clusters=max_speakers, metric="cosine", linkage="average").fit_predict(embeddings)
    return np.asarray(labels)


async def speaker_turns(samples: np.ndarray, embed: Any, max_speakers: int) -> list[Turn]:
    """Speech turns with speaker numbers in order of first appearance; ``embed``: clips -> embeddings."""
    turns = pieces(samples)
    long = [t for t in turns if t.end - t.start >= MIN_EMBED_S]
    if not long:
        for turn in turns:
            turn.speaker = 0
        return turns
    clips = [samples[int(t.start * SAMPLE_RATE):int(t.end * SAMPLE_RATE)] for t in long]
    labels = cluster(np.stack(await embed(clips)), max_speakers)
    order: dict[int, int] = {}
    for turn, label in zip(long, labels, strict=True):
        turn.speaker = order.setdefault(int(label), len(order))
    for turn in turns:
        if turn.speaker < 0:
            turn.speaker = min(long, key=lambda t: abs((t.start + t.end) - (turn.start + turn.end))).speaker
    return turns


def label_words(segments: list[AsrSegment], turns: list[Turn]) -> Marks:
    """Each word's ``speaker_label`` (the turn around its middle, else the nearest turn)."""
    marks: Marks = {}
    for segment in segments:
        for word in segment.words:
            middle = (word.start + word.end) / 2
            turn = min(turns, key=lambda t: 0.0 if t.start <= middle <= t.end else min(abs(t.start - middle),
                                                                                        abs(t.end - middle)))
            marks[id(word)] = {"speaker_label": f"spk_{turn.speaker}"}
    return marks


def speaker_labels(segments: list[AsrSegment], marks: Marks) -> dict[str, Any]:
    """Transcribe's ``results.speaker_labels``: runs of words by one speaker, each with its words."""
    runs: list[dict[str, Any]] = []
    for segment in segments:
        for word in segment.words:
            if not split(word)[1] or id(word) not in marks:
                continue
            label = marks[id(word)]["speaker_label"]
            entry = {"start_time": f"{word.start:.3f}", "end_time": f"{word.end:.3f}", "speaker_label": label}
            if runs and runs[-1]["speaker_label"] == label:
                runs[-1]["items"].append(entry)
                runs[-1]["end_time"] = entry["end_time"]
            else:
                runs.append({"start_time": entry["start_time"], "end_time": entry["end_time"], "speaker_label": label,
                             "items": [entry]})
    speakers = len({r["speaker_label"] for r in runs})
    return {"channel_label": "ch_0", "speakers": speakers, "segments": runs}
