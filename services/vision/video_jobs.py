"""Rekognition stored-video jobs (StartLabelDetection, StartFaceDetection, StartContentModeration,
StartFaceSearch, StartTextDetection, StartPersonTracking, StartCelebrityRecognition) on the job runner.

A video is cut into spans of ``SPAN_MS``; each span is one work item: its frames are sampled at
``frames_per_second``, sent through the same batching workers as the image APIs (all frames of the spans in
flight at once, so they batch), and the span's per-frame results are recorded durably, so a kill -9
resumes at the first unfinished span. A first item records the video's metadata. The Get* answers are
built from the recorded frames here: AWS's entries with ``Timestamp`` in ms, sorted and (labels,
moderation) aggregated into segments on request, and paged by the caller.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

from services.buckets import Buckets, parse_s3_uri
from services.jobs.runner import WorkItem
from services.jobs.store import ItemResult, Job
from services.vision.identity import FaceIdentity
from services.vision.images import Picture
from services.vision.service import Vision
from services.vision.video import VideoTooLarge, frames, probe

JOB_KIND = "rekognition.video"
SPAN_MS = 10_000
TASKS = ("labels", "faces", "moderation", "face_search", "text", "persons", "celebrities")


class VideoJobHandler:
    chunk_size = 1  # one span per call; the runner keeps several in flight

    def __init__(self, vision: Vision, identity: FaceIdentity, buckets: Buckets, frames_per_second: float,
                 max_bytes: int) -> None:
        self.vision = vision
        self.identity = identity
        self.buckets = buckets
        self.frames_per_second = frames_per_second
        self.max_bytes = max_bytes
        self._cache: tuple[str, bytes] | None = None  # the last video read (its spans come in a row)

    async def _video(self, job: Job) -> bytes:
        if self._cache is not None and self._cache[0] == job.id:
            return self._cache[1]
        data = await asyncio.to_thread(self.buckets.read, parse_s3_uri(job.params["video_uri"]))
        if len(data) > self.max_bytes:
            raise VideoTooLarge(f"the video is {len(data)} bytes; the limit is {self.max_bytes} "
                                "(CIRRUS_VISION__MAX_VIDEO_BYTES)")
        self._cache = (job.id, data)
        return data

    async def items(self, job: Job) -> list[WorkItem]:
        info = await asyncio.to_thread(probe, await self._video(job))
        spans = range(0, info.duration_ms, SPAN_MS)
        return [WorkItem("metadata", 0, None)] + [
            WorkItem(f"span-{n}", n + 1, (start, min(start + SPAN_MS, info.duration_ms))) for n, start in enumerate(spans)
        ]

    async def process(self, job: Job, items: list[WorkItem]) -> list[ItemResult]:
        data = await self._video(job)
        out = []
        for item in items:
            if item.data is None:
                info = await asyncio.to_thread(probe, data)
                out.append(ItemResult(item.key, item.seq, True, {"metadata": info.metadata()}))
                continue
            start, end = item.data
            sampled = await asyncio.to_thread(lambda s=start, e=end: list(frames(data, s, e, self.frames_per_second)))
            found = await asyncio.gather(*(self._analyze(job, Picture(pixels, "video")) for _, pixels in sampled))
            out.append(ItemResult(item.key, item.seq, True,
                                  {"frames": [{"t": t, "found": f} for (t, _), f in zip(sampled, found, strict=True)]}))
        return out

    async def _analyze(self, job: Job, picture: Picture) -> Any:
        task, options = job.params["task"], job.params.get("options", {})
        if task == "labels":
            return await self.vision.detect_labels(picture, None, options.get("min_confidence", 50))
        if task == "faces":
            return await self.vision.detect_faces(picture, {options.get("attributes", "DEFAULT")})
        if task == "moderation":
            return await self.vision.detect_moderation_labels(picture, options.get("min_confidence", 50))
        if task == "text":
            return await self.vision.detect_text(picture, options.get("min_confidence", 0))
        if task == "persons":
            return await self.vision.people(picture)
        if task == "celebrities":
            return (await self.identity.recognize_celebrities(picture))["CelebrityFaces"]
        matched = await self.identity.match_faces(options["collection"], picture, options.get("threshold", 80), 10)
        return [{"Face": detail, "FaceMatches": matches} for detail, matches in matched if matches]

    async def finish(self, job: Job, results: Iterator[ItemResult]) -> str:
        if self._cache is not None and self._cache[0] == job.id:
            self._cache = None  # a video may be large: keep it only while its job runs
        return str(job.params["video_uri"])


# Get*: recorded frames -> AWS entries


def recorded(results: Iterator[ItemResult]) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """(VideoMetadata, frames in time order) from a job's recorded items."""
    metadata, found = None, []
    for result in results:
        if "metadata" in result.payload:
            metadata = result.payload["metadata"]
        else:
            found += result.payload["frames"]
    return metadata, sorted(found, key=lambda f: f["t"])


def _segments(entries: list[dict[str, Any]], field: str, step_ms: float) -> list[dict[str, Any]]:
    """Consecutive sightings of one name merged: start, end (the last sighting plus one sampling step),
    duration, and the highest confidence seen."""
    open_: dict[str, dict[str, Any]] = {}
    done = []
    for entry in entries:
        item = entry[field]
        current = open_.get(item["Name"])
        if current is not None and entry["Timestamp"] - current["last"] <= step_ms * 1.5:
            current["last"] = entry["Timestamp"]
            if item["Confidence"] > current[field]["Confidence"]:
                current[field] = item
            continue
        if current is not None:
            done.append(current)
        open_[item["Name"]] = {"Timestamp": entry["Timestamp"], "last": entry["Timestamp"], field: item}
    done += open_.values()
    out = []
    for seg in done:
        end = int(seg.pop("last") + step_ms)
        out.append({**seg, "StartTimestampMillis": seg["Timestamp"], "EndTimestampMillis": end,
                    "DurationMillis": end - seg["Timestamp"]})
    return out


def _track(found: list[dict[str, Any]], boxes: Callable[[Any], list[dict[str, Any]]],
           step_ms: float) -> list[tuple[int, int, dict[str, Any]]]:
    """(timestamp, person index, detection) with indexes kept across frames: a detection continues the track
    whose last box it overlaps most (IoU >= 0.3) if that track was seen within three sampling steps."""
    tracks: list[dict[str, Any]] = []
    out = []
    for frame in found:
        taken: set[int] = set()
        for det in boxes(frame["found"]):
            best, best_iou = None, 0.3
            for n, track in enumerate(tracks):
                if n in taken or frame["t"] - track["t"] > 3 * step_ms:
                    continue
                overlap = _iou(track["box"], det["BoundingBox"])
                if overlap >= best_iou:
                    best, best_iou = n, overlap
            if best is None:
                tracks.append({})
                best = len(tracks) - 1
            tracks[best] = {"t": frame["t"], "box": det["BoundingBox"]}
            taken.add(best)
            out.append((frame["t"], best, det))
    return out


def _iou(a: dict[str, float], b: dict[str, float]) -> float:
    x0, y0 = max(a["Left"], b["Left"]), max(a["Top"], b["Top"])
    x1 = min(a["Left"] + a["Width"], b["Left"] + b["Width"])
    y1 = min(a["Top"] + a["Height"], b["Top"] + b["Height"])
    inter = max(0.0, x1 - x0) * max(0.0, y1 - y0)
    union = a["Width"] * a["Height"] + b["Width"] * b["Height"] - inter
    return inter / union if union > 0 else 0.0


def entries(task: str, found: list[dict[str, Any]], sort_by: str, aggregate_by: str, step_ms: float) -> list[dict[str, Any]]:
    """The Get* list for a task, sorted as asked."""
    if task in ("labels", "moderation"):
        field = "Label" if task == "labels" else "ModerationLabel"
        flat = [{"Timestamp": f["t"], field: item} for f in found for item in f["found"]]
        if aggregate_by == "SEGMENTS":
            flat = _segments(flat, field, step_ms)
        key = (lambda e: (e[field]["Name"], e["Timestamp"])) if sort_by == "NAME" else (
            lambda e: (e["Timestamp"], e[field]["Name"]))
        return sorted(flat, key=key)
    if task == "faces":
        return [{"Timestamp": f["t"], "Face": face} for f in found for face in f["found"]]
    if task == "text":
        return [{"Timestamp": f["t"], "TextDetection": d} for f in found for d in f["found"]]
    if task == "celebrities":
        flat = [{"Timestamp": f["t"], "Celebrity": {
            "Urls": c["Urls"], "Name": c["Name"], "Id": c["Id"], "Confidence": c["MatchConfidence"],
            "BoundingBox": c["Face"]["BoundingBox"], "Face": c["Face"]}} for f in found for c in f["found"]]
        return sorted(flat, key=(lambda e: (e["Celebrity"]["Id"], e["Timestamp"])) if sort_by == "ID" else (
            lambda e: e["Timestamp"]))
    if task == "persons":
        tracked = [{"Timestamp": t, "Person": {"Index": n, "BoundingBox": det["BoundingBox"]}}
                   for t, n, det in _track(found, lambda people: people, step_ms)]
    else:  # face_search: the people whose face matched the collection, indexed across frames
        tracked = [{"Timestamp": t, "Person": {"Index": n, "BoundingBox": det["Face"]["BoundingBox"], "Face": det["Face"]},
                    "FaceMatches": det["FaceMatches"]}
                   for t, n, det in _track(found, lambda people: [{**p, "BoundingBox": p["Face"]["BoundingBox"]}
                                                                  for p in people], step_ms)]
    return sorted(tracked, key=(lambda e: (e["Person"]["Index"], e["Timestamp"])) if sort_by == "INDEX" else (
        lambda e: (e["Timestamp"], e["Person"]["Index"])))
