"""Stored-video benchmark, measured side by side in one run (numbers go in the README).

A 20 s H.264 clip (the astronaut, three LFW faces side by side, the coffee cup; 1280x720, 10 fps) is analysed by the video
job handler in-process, 2 frames a second, for the label and face tasks:

  batched        each 10 s span's frames sent to the models at once, two spans in flight (as a job runs)
  frame by frame the same frames, one after another, each waiting for the last

and prints video-seconds analysed per second of wall time and the ratio.

    python bench/bench_video.py [--seconds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from skimage import data

from models.registry import ModelRegistry, default_cards
from services.buckets import LocalBuckets
from services.jobs.store import Job
from services.vision.collections import FaceCollections
from services.vision.identity import FaceIdentity
from services.vision.images import Picture
from services.vision.service import Vision
from services.vision.video import frames
from services.vision.video_jobs import VideoJobHandler
from tests.vision_util import lfw_face, strip, video


def clip(seconds: int) -> bytes:
    third = seconds / 3
    people = strip(lfw_face(0), lfw_face(1), lfw_face(2))
    return video([(data.astronaut(), third), (people, third), (data.coffee(), third)], fps=10, size=(1280, 720))


def job(task: str) -> Job:
    return Job(id=f"bench-{task}", kind="rekognition.video", name=None, state="IN_PROGRESS",
               params={"task": task, "video_uri": "s3://vid/clip.mp4", "options": {}, "fps": 2.0}, client_token=None,
               items_total=None, items_done=0, items_failed=0, failure_reason=None, output_uri=None,
               submitted_at=0.0, started_at=None, ended_at=None)


async def measure(seconds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "vid").mkdir()
        (Path(tmp) / "vid" / "clip.mp4").write_bytes(clip(seconds))
        registry = ModelRegistry(default_cards())
        vision = Vision(registry)
        identity = FaceIdentity(vision, FaceCollections(sa.create_engine(f"sqlite:///{tmp}/f.db"), "bench"), "none")
        handler = VideoJobHandler(vision, identity, LocalBuckets(Path(tmp)), 2.0, 1024**3)
        print(f"{'task':<8} {'batched video-s/s':>17} {'frame by frame':>15} {'ratio':>6}")
        for task in ("labels", "faces"):
            spec = job(task)
            items = (await handler.items(spec))[1:]
            await handler.process(spec, items[:1])  # load the models
            start = time.perf_counter()
            for i in range(0, len(items), 2):
                await asyncio.gather(*(handler.process(spec, [item]) for item in items[i:i + 2]))
            batched = seconds / (time.perf_counter() - start)
            raw = (Path(tmp) / "vid" / "clip.mp4").read_bytes()
            start = time.perf_counter()
            for _, pixels in frames(raw, 0, seconds * 1000, 2.0):
                await handler._analyze(spec, Picture(pixels, "video"))
            single = seconds / (time.perf_counter() - start)
            print(f"{task:<8} {batched:>17.2f} {single:>15.2f} {batched / single:>6.2f}")
        await registry.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=20)
    asyncio.run(measure(parser.parse_args().seconds))


if __name__ == "__main__":
    main()
