"""Rekognition stored video through the unmodified AWS SDK against a started Cirrus: the Start*/Get* jobs on
MP4s made here with PyAV (the astronaut, then coffee), completion messages through moto's SNS into an SQS
queue, bad videos, and kill -9 mid-video."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import httpx
import numpy as np
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from skimage import data

from tests.e2e.conftest import start_server
from tests.local_services import moto_s3
from tests.vision_util import png, video

pytestmark = pytest.mark.slow
KEYS = {"region_name": "us-east-1", "aws_access_key_id": "x", "aws_secret_access_key": "y"}
ROLE = "arn:aws:iam::123456789012:role/rekognition"
CLIP = video([(data.astronaut(), 3), (data.coffee(), 3)])


@pytest.fixture(scope="module")
def moto() -> Iterator[str]:
    with moto_s3() as endpoint:
        yield endpoint


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, moto: str) -> Iterator[tuple[str, Path]]:
    data_dir = tmp_path_factory.mktemp("video-server")
    (data_dir / "buckets" / "vids").mkdir(parents=True)
    (data_dir / "buckets" / "vids" / "clip.mp4").write_bytes(CLIP)
    (data_dir / "buckets" / "vids" / "photo.mp4").write_bytes(png(data.astronaut(), "JPEG"))  # not a video
    proc, url = start_server(data_dir, {"CIRRUS_NOTIFICATIONS__SNS_ENDPOINT_URL": moto,
                                        "CIRRUS_NOTIFICATIONS__ACCESS_KEY_ID": "x",
                                        "CIRRUS_NOTIFICATIONS__SECRET_ACCESS_KEY": "y"})
    yield url, data_dir
    proc.terminate()
    proc.wait(10)


def rekognition(url: str) -> Any:
    return boto3.client("rekognition", endpoint_url=url, config=Config(retries={"max_attempts": 1}), **KEYS)


@pytest.fixture(scope="module")
def channel(moto: str) -> tuple[dict[str, str], Any, str]:
    sns, sqs = boto3.client("sns", endpoint_url=moto, **KEYS), boto3.client("sqs", endpoint_url=moto, **KEYS)
    topic = sns.create_topic(Name="video-done")["TopicArn"]
    queue = sqs.create_queue(QueueName="video-done")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)
    return {"SNSTopicArn": topic, "RoleArn": ROLE}, sqs, queue


SEEN: dict[str, dict[str, Any]] = {}  # messages read from the queue, by job


def wait_message(sqs: Any, queue: str, job_id: str, timeout: float = 240) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while job_id not in SEEN and time.monotonic() < deadline:
        for message in sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=1, MaxNumberOfMessages=10).get("Messages", []):
            sqs.delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])
            body = json.loads(json.loads(message["Body"])["Message"])
            assert body["JobId"] not in SEEN, "one job, one message"
            SEEN[body["JobId"]] = body
    if job_id not in SEEN:
        raise AssertionError(f"no completion message for {job_id}")
    return SEEN[job_id]


CLIP_VIDEO = {"S3Object": {"Bucket": "vids", "Name": "clip.mp4"}}


def test_label_and_face_jobs_notify_and_answer(server: tuple[str, Path], channel: Any) -> None:
    rek = rekognition(server[0])
    notify, sqs, queue = channel
    labels = rek.start_label_detection(Video=CLIP_VIDEO, NotificationChannel=notify, JobTag="demo")["JobId"]
    faces = rek.start_face_detection(Video=CLIP_VIDEO, NotificationChannel=notify, FaceAttributes="ALL")["JobId"]
    message = wait_message(sqs, queue, labels)
    assert message["Status"] == "SUCCEEDED" and message["API"] == "StartLabelDetection" and message["JobTag"] == "demo"
    assert message["Video"] == {"S3ObjectName": "clip.mp4", "S3Bucket": "vids"} and message["Timestamp"] > 0
    assert wait_message(sqs, queue, faces)["Status"] == "SUCCEEDED"

    got = rek.get_label_detection(JobId=labels, AggregateBy="SEGMENTS")
    assert got["JobStatus"] == "SUCCEEDED" and got["JobTag"] == "demo" and got["Video"]["S3Object"]["Name"] == "clip.mp4"
    meta = got["VideoMetadata"]
    assert (meta["Codec"], meta["DurationMillis"], meta["FrameWidth"], meta["FrameHeight"]) == ("h264", 6000, 640, 480)
    segments = {s["Label"]["Name"]: (s["StartTimestampMillis"], s["EndTimestampMillis"]) for s in got["Labels"]}
    assert segments["Face"][1] <= 3500 and segments["Cup"][0] >= 2500  # the astronaut first, then the coffee
    by_time = rek.get_label_detection(JobId=labels, MaxResults=3)
    assert len(by_time["Labels"]) == 3 and by_time["Labels"][0]["Timestamp"] == 0
    rest = rek.get_label_detection(JobId=labels, NextToken=by_time["NextToken"], MaxResults=1000)
    stamps = [entry["Timestamp"] for entry in by_time["Labels"] + rest["Labels"]]
    assert stamps == sorted(stamps) and "NextToken" not in rest
    named = rek.get_label_detection(JobId=labels, SortBy="NAME")["Labels"]
    assert [e["Label"]["Name"] for e in named] == sorted(e["Label"]["Name"] for e in named)

    found = rek.get_face_detection(JobId=faces)["Faces"]
    assert {f["Timestamp"] for f in found} == {0, 500, 1000, 1500, 2000, 2500}  # 2 frames a second, face shown 3 s
    assert all(f["Face"]["Gender"]["Value"] == "Female" for f in found)
    with pytest.raises(ClientError) as exc:
        rek.get_face_detection(JobId=labels)  # a label job is not a face job
    assert exc.value.response["Error"]["Code"] == "InvalidParameterException"


def test_face_search_persons_and_celebrities(server: tuple[str, Path], channel: Any) -> None:
    rek = rekognition(server[0])
    rek.create_collection(CollectionId="crew")
    rek.index_faces(CollectionId="crew", Image={"Bytes": png(data.astronaut(), "JPEG")}, ExternalImageId="eileen")
    search = rek.start_face_search(Video=CLIP_VIDEO, CollectionId="crew")["JobId"]
    people = rek.start_person_tracking(Video=CLIP_VIDEO)["JobId"]
    deadline = time.monotonic() + 240
    while rek.get_person_tracking(JobId=people)["JobStatus"] == "IN_PROGRESS" and time.monotonic() < deadline:
        time.sleep(0.5)
    while rek.get_face_search(JobId=search)["JobStatus"] == "IN_PROGRESS" and time.monotonic() < deadline:
        time.sleep(0.5)
    persons = rek.get_face_search(JobId=search, SortBy="INDEX")["Persons"]
    assert len(persons) == 6 and {p["Person"]["Index"] for p in persons} == {0}  # one person, tracked across frames
    assert all(p["FaceMatches"][0]["Face"]["ExternalImageId"] == "eileen" and p["FaceMatches"][0]["Similarity"] > 90
               for p in persons)
    tracked = rek.get_person_tracking(JobId=people)["Persons"]
    assert tracked and all(p["Timestamp"] < 3000 for p in tracked) and {p["Person"]["Index"] for p in tracked} == {0}
    with pytest.raises(ClientError) as exc:
        rek.start_face_search(Video=CLIP_VIDEO, CollectionId="nobody")
    assert exc.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_a_file_that_is_not_a_video_fails_the_job_clearly(server: tuple[str, Path]) -> None:
    rek = rekognition(server[0])
    job = rek.start_label_detection(Video={"S3Object": {"Bucket": "vids", "Name": "photo.mp4"}})["JobId"]
    deadline = time.monotonic() + 60
    while (got := rek.get_label_detection(JobId=job))["JobStatus"] == "IN_PROGRESS" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert got["JobStatus"] == "FAILED" and "MP4 or MOV" in got["StatusMessage"] and got["Labels"] == []
    missing = rek.start_label_detection(Video={"S3Object": {"Bucket": "vids", "Name": "gone.mp4"}})["JobId"]
    while (got := rek.get_label_detection(JobId=missing))["JobStatus"] == "IN_PROGRESS" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert got["JobStatus"] == "FAILED" and "gone.mp4" in got["StatusMessage"]


def test_a_channel_without_an_sns_endpoint_is_refused(server_with_dir: tuple[str, Path]) -> None:
    rek = rekognition(server_with_dir[0])
    with pytest.raises(ClientError) as exc:
        rek.start_label_detection(Video=CLIP_VIDEO, NotificationChannel={
            "SNSTopicArn": "arn:aws:sns:us-east-1:123456789012:t", "RoleArn": ROLE})
    assert exc.value.response["Error"]["Code"] == "InvalidParameterException"
    assert "CIRRUS_NOTIFICATIONS__SNS_ENDPOINT_URL" in str(exc.value)


def test_kill_9_mid_video_resumes_at_the_next_span(tmp_path: Path, processes: list[subprocess.Popen[bytes]]) -> None:
    (tmp_path / "buckets" / "vids").mkdir(parents=True)
    (tmp_path / "buckets" / "vids" / "long.mp4").write_bytes(video([(data.astronaut(), 40)], fps=5))
    env = {"CIRRUS_VISION__VIDEO_FRAMES_PER_SECOND": "1", "CIRRUS_JOBS__CHUNKS_IN_FLIGHT": "1"}  # one span at a time
    proc, url = start_server(tmp_path, env)
    processes.append(proc)
    job = rekognition(url).start_face_detection(Video={"S3Object": {"Bucket": "vids", "Name": "long.mp4"}})["JobId"]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # metadata + 4 spans of 10 s: kill once some, not all, are recorded
        state = httpx.get(f"{url}/v1/jobs/{job}", timeout=10).json()
        if 2 <= state["items_done"] < 5:
            break
        time.sleep(0.05)
    proc.kill()
    proc.wait(10)
    assert 2 <= state["items_done"] < 5, state
    proc, url = start_server(tmp_path, env)
    processes.append(proc)
    rek = rekognition(url)
    while (got := rek.get_face_detection(JobId=job))["JobStatus"] == "IN_PROGRESS" and time.monotonic() < deadline + 120:
        time.sleep(0.2)
    assert got["JobStatus"] == "SUCCEEDED"
    assert [f["Timestamp"] for f in got["Faces"]] == list(range(0, 40000, 1000))  # every second once, none twice


def test_textract_jobs_notify_too(server: tuple[str, Path], channel: Any) -> None:
    from tests.vision_util import page

    (server[1] / "buckets" / "vids" / "letter.png").write_bytes(png(page(["Dear reader, thank you."])))
    notify, sqs, queue = channel
    textract = boto3.client("textract", endpoint_url=server[0], **KEYS)
    job = textract.start_document_text_detection(DocumentLocation={"S3Object": {"Bucket": "vids", "Name": "letter.png"}},
                                                 NotificationChannel=notify, JobTag="letters")["JobId"]
    message = wait_message(sqs, queue, job)
    assert message["API"] == "StartDocumentTextDetection" and message["Status"] == "SUCCEEDED"
    assert message["DocumentLocation"] == {"S3ObjectName": "letter.png", "S3Bucket": "vids"} and message["JobTag"] == "letters"
    lines = [b["Text"] for b in textract.get_document_text_detection(JobId=job)["Blocks"] if b["BlockType"] == "LINE"]
    assert lines == ["Dear reader, thank you."]


def test_text_moderation_and_celebrity_jobs(server: tuple[str, Path]) -> None:
    from tests.vision_util import page

    sign = np.asarray(page(["OPEN 24 HOURS"], (900, 300), 72))
    (server[1] / "buckets" / "vids" / "sign.mp4").write_bytes(video([(sign, 2), (data.astronaut(), 2)]))
    rek = rekognition(server[0])
    rek.create_collection(CollectionId="celebrities")  # the gallery (CIRRUS_VISION__CELEBRITY_COLLECTION)
    rek.index_faces(CollectionId="celebrities", Image={"Bytes": png(data.astronaut(), "JPEG")},
                    ExternalImageId="Eileen_Collins")
    where = {"S3Object": {"Bucket": "vids", "Name": "sign.mp4"}}
    jobs = {"text": rek.start_text_detection(Video=where)["JobId"],
            "moderation": rek.start_content_moderation(Video=where, MinConfidence=0)["JobId"],
            "celebrities": rek.start_celebrity_recognition(Video=where)["JobId"]}
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and rek.get_celebrity_recognition(JobId=jobs["celebrities"])["JobStatus"] == "IN_PROGRESS":
        time.sleep(0.5)
    while time.monotonic() < deadline and rek.get_text_detection(JobId=jobs["text"])["JobStatus"] == "IN_PROGRESS":
        time.sleep(0.5)
    texts = rek.get_text_detection(JobId=jobs["text"])
    lines = {(t["Timestamp"], t["TextDetection"]["DetectedText"]) for t in texts["TextDetections"]
             if t["TextDetection"]["Type"] == "LINE"}
    assert lines == {(0, "OPEN 24 HOURS"), (500, "OPEN 24 HOURS"), (1000, "OPEN 24 HOURS"), (1500, "OPEN 24 HOURS")}
    famous = rek.get_celebrity_recognition(JobId=jobs["celebrities"], SortBy="ID")["Celebrities"]
    assert [c["Timestamp"] for c in famous] == [2000, 2500, 3000, 3500]
    assert all(c["Celebrity"]["Name"] == "Eileen Collins" and c["Celebrity"]["Confidence"] > 90 for c in famous)
    while time.monotonic() < deadline and rek.get_content_moderation(JobId=jobs["moderation"])["JobStatus"] == "IN_PROGRESS":
        time.sleep(0.5)
    moderation = rek.get_content_moderation(JobId=jobs["moderation"])
    assert moderation["JobStatus"] == "SUCCEEDED" and moderation["ModerationLabels"] == []  # a sign and a portrait
    assert moderation["ModerationModelVersion"] == "open_nsfw-1.0"
