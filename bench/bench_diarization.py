"""Speaker labels benchmark (numbers go in the README): dialogues spoken in turn by two and three espeak-ng
voices are transcribed (Whisper base) and labelled (GE2E embeddings + clustering) in-process, exactly as a
Transcribe job with ShowSpeakerLabels does; it prints the share of words with the right speaker (under
the best matching of labels to voices), the number of speakers found, and what labelling costs per minute
of audio (the embeddings and the clustering, not the transcription).

    python bench/bench_diarization.py [--rounds 2]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.registry import ModelRegistry, default_cards
from services.speech.audio import decode
from services.speech.diarization import label_words, speaker_embedder, speaker_turns
from services.speech.transcribe import Transcriber, aws_items
from tests.speech_util import DIALOGUE, dialogue, speaker_accuracy

LINES = [*DIALOGUE, "Is there anything else I can do for you today?", "No, that is all. Have a nice day.",
         "You are welcome. Goodbye."]
CASES = {
    "2 voices (US male, British female)": ["en-us", "en-gb-x-rp+f3"],
    "2 voices (two US variants)": ["en-us+m3", "en-us+f2"],
    "3 voices": ["en-us", "en-gb-x-rp+f3", "en-gb-scotland+m7"],
    "1 voice": ["en-us"],
}


async def measure(rounds: int) -> None:
    registry = ModelRegistry(default_cards())
    transcriber = Transcriber(registry, 3600)
    embed = speaker_embedder(registry)
    print(f"{'dialogue':<36} {'words right':>11} {'speakers':>8} {'labelling s/audio min':>22}")
    for name, voices in CASES.items():
        audio, truth = dialogue(voices, LINES)
        samples = decode(audio, 16000, max_seconds=600).samples
        result = await transcriber.transcribe_samples(samples, language="en")
        await speaker_turns(samples, embed, 10)  # load the encoder
        best = float("inf")
        for _ in range(rounds):
            start = time.perf_counter()
            turns = await speaker_turns(samples, embed, 10)
            best = min(best, time.perf_counter() - start)
        marks = label_words(result.segments, turns)
        items, _ = aws_items(result.segments, marks)
        found = len({m["speaker_label"] for m in marks.values()})
        minutes = len(samples) / 16000 / 60
        print(f"{name:<36} {speaker_accuracy(items, truth):>11.1%} {found:>5}/{len(voices):<2} "
              f"{best / minutes:>22.2f}")
    await registry.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2)
    asyncio.run(measure(parser.parse_args().rounds))


if __name__ == "__main__":
    main()
