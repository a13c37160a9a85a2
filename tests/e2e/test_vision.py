"""Vision against a started Cirrus through the unmodified AWS SDK (Rekognition, Textract) and the generated
client, on images that ship with scikit-image and documents rendered with PIL."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from skimage import data

from tests.vision_util import LEFT, PARAGRAPH, RIGHT, cer, page, png, two_columns

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "clients" / "python"))

from cirrus_client import Client
from cirrus_client.api.vision import detect_labels as rest_detect_labels
from cirrus_client.models import BodyDetectLabels, LabelsResponse
from cirrus_client.types import File

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(server_with_dir: tuple[str, Path]) -> tuple[str, Path]:
    return server_with_dir


def _client(service: str, url: str) -> object:
    return boto3.client(
        service, endpoint_url=url, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y",
        config=Config(retries={"max_attempts": 1}, read_timeout=300),
    )


@pytest.fixture(scope="module")
def rekognition(server: tuple[str, Path]) -> object:
    return _client("rekognition", server[0])


@pytest.fixture(scope="module")
def textract(server: tuple[str, Path]) -> object:
    return _client("textract", server[0])


def _put(data_dir: Path, bucket: str, key: str, body: bytes) -> None:
    path = data_dir / "buckets" / bucket / key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)


def _lines(blocks: list[dict[str, object]]) -> list[str]:
    return [b["Text"] for b in blocks if b["BlockType"] == "LINE"]  # type: ignore[misc]


def test_boto3_detect_labels_from_bytes_and_bucket(rekognition: object, server: tuple[str, Path]) -> None:
    r = rekognition.detect_labels(Image={"Bytes": png(data.chelsea(), "JPEG")}, MaxLabels=10, MinConfidence=50)  # type: ignore[attr-defined]
    labels = {label["Name"]: label for label in r["Labels"]}
    assert labels["Cat"]["Confidence"] > 70 and {"Name": "Animal"} in labels["Cat"]["Parents"]
    _put(server[1], "photos", "kitchen/coffee.png", png(data.coffee()))
    r = rekognition.detect_labels(Image={"S3Object": {"Bucket": "photos", "Name": "kitchen/coffee.png"}})  # type: ignore[attr-defined]
    cup = next(label for label in r["Labels"] if label["Name"] == "Cup")
    assert len(cup["Instances"]) == 1 and 0.3 < cup["Instances"][0]["BoundingBox"]["Width"] < 0.7  # the detector's box
    client = Client(base_url=server[0], timeout=300)
    rest = rest_detect_labels.sync(client=client, body=BodyDetectLabels(file=File(io.BytesIO(png(data.chelsea())), "c.png")))
    assert isinstance(rest, LabelsResponse) and "Cat" in [label["Name"] for label in rest.labels]


def test_boto3_detect_faces(rekognition: object) -> None:
    r = rekognition.detect_faces(Image={"Bytes": png(data.astronaut(), "JPEG")}, Attributes=["ALL"])  # type: ignore[attr-defined]
    assert len(r["FaceDetails"]) == 1
    face = r["FaceDetails"][0]
    assert face["Confidence"] > 80 and {m["Type"] for m in face["Landmarks"]} == {"eyeLeft", "eyeRight", "nose"}
    assert set(face["Pose"]) == {"Roll", "Yaw", "Pitch"} and set(face["Quality"]) == {"Brightness", "Sharpness"}
    assert face["Emotions"][0]["Type"] == "HAPPY" and face["Emotions"][0]["Confidence"] > 90  # she smiles
    # Eileen Collins was about 42 in this photo; the range spans the age model's 10th to 90th percentile
    assert face["AgeRange"]["Low"] <= 42 <= face["AgeRange"]["High"] and face["AgeRange"]["High"] - face["AgeRange"]["Low"] < 30
    assert face["Gender"]["Value"] == "Female" and face["Gender"]["Confidence"] > 70
    assert "Smile" not in face and "Beard" not in face  # no model here computes them: none invented
    default = rekognition.detect_faces(Image={"Bytes": png(data.astronaut(), "JPEG")})["FaceDetails"][0]  # type: ignore[attr-defined]
    assert "Emotions" not in default and "AgeRange" not in default
    only_age = rekognition.detect_faces(Image={"Bytes": png(data.astronaut(), "JPEG")}, Attributes=["AGE_RANGE"])  # type: ignore[attr-defined]
    assert "AgeRange" in only_age["FaceDetails"][0] and "Gender" not in only_age["FaceDetails"][0]


def test_boto3_detect_moderation_labels(rekognition: object) -> None:
    r = rekognition.detect_moderation_labels(Image={"Bytes": png(data.astronaut(), "JPEG")}, MinConfidence=0)  # type: ignore[attr-defined]
    assert r["ModerationLabels"] == [] and r["ModerationModelVersion"] == "open_nsfw-1.0"  # a safe photo: no labels
    with pytest.raises(ClientError) as exc:
        rekognition.detect_moderation_labels(Image={"Bytes": png(data.astronaut(), "JPEG")},  # type: ignore[attr-defined]
                                             HumanLoopConfig={"HumanLoopName": "h", "FlowDefinitionArn": "arn:x"})
    assert exc.value.response["Error"]["Code"] == "InvalidParameterException"


def test_boto3_detect_text(rekognition: object) -> None:
    r = rekognition.detect_text(Image={"Bytes": png(page(["OPEN 24 HOURS"], (900, 200), 64))})  # type: ignore[attr-defined]
    lines = [d for d in r["TextDetections"] if d["Type"] == "LINE"]
    assert [d["DetectedText"] for d in lines] == ["OPEN 24 HOURS"]
    words = [d for d in r["TextDetections"] if d["Type"] == "WORD"]
    assert [w["DetectedText"] for w in words] == ["OPEN", "24", "HOURS"] and {w["ParentId"] for w in words} == {lines[0]["Id"]}


@pytest.mark.parametrize(
    ("image", "error"),
    [
        ({"Bytes": b""}, "InvalidImageFormatException"),
        ({"Bytes": b"this is text named photo.png"}, "InvalidImageFormatException"),
        ({"Bytes": b"\xff\xd8\xff" + b"\x00" * 6 * 1024 * 1024}, "ImageTooLargeException"),
        ({"S3Object": {"Bucket": "photos", "Name": "missing.jpg"}}, "InvalidS3ObjectException"),
        ({"S3Object": {"Bucket": "photos", "Name": "../../etc/passwd"}}, "InvalidS3ObjectException"),
    ],
)
@pytest.mark.parametrize("operation", ["detect_labels", "detect_moderation_labels"])  # moderation decodes in its batch
def test_boto3_bad_images(rekognition: object, image: dict[str, object], error: str, operation: str) -> None:
    with pytest.raises(ClientError) as err:
        getattr(rekognition, operation)(Image=image)
    assert err.value.response["Error"]["Code"] == error


def test_boto3_detect_document_text(textract: object) -> None:
    r = textract.detect_document_text(Document={"Bytes": png(page(PARAGRAPH))})  # type: ignore[attr-defined]
    assert r["DocumentMetadata"]["Pages"] == 1
    assert cer("\n".join(PARAGRAPH), "\n".join(_lines(r["Blocks"]))) < 0.03
    columns = textract.detect_document_text(Document={"Bytes": png(two_columns())})  # type: ignore[attr-defined]
    assert _lines(columns["Blocks"]) == LEFT + RIGHT
    one_page_pdf = png(page(PARAGRAPH[:2]), "PDF")
    assert _lines(textract.detect_document_text(Document={"Bytes": one_page_pdf})["Blocks"]) == PARAGRAPH[:2]  # type: ignore[attr-defined]
    for bad, error in ((b"%PDF-1.7 broken", "UnsupportedDocumentException"), (b"", "UnsupportedDocumentException")):
        with pytest.raises(ClientError) as err:
            textract.detect_document_text(Document={"Bytes": bad})  # type: ignore[attr-defined]
        assert err.value.response["Error"]["Code"] == error


def test_boto3_async_multi_page_pdf(textract: object, server: tuple[str, Path]) -> None:
    pages = [page([f"Page {n} says hello.", f"This is line two of page {n}."]) for n in (1, 2, 3)]
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:])
    _put(server[1], "docs", "report.pdf", buf.getvalue())
    with pytest.raises(ClientError) as err:  # the sync API takes one page
        textract.detect_document_text(Document={"S3Object": {"Bucket": "docs", "Name": "report.pdf"}})  # type: ignore[attr-defined]
    assert err.value.response["Error"]["Code"] == "UnsupportedDocumentException"
    job = textract.start_document_text_detection(  # type: ignore[attr-defined]
        DocumentLocation={"S3Object": {"Bucket": "docs", "Name": "report.pdf"}},
        OutputConfig={"S3Bucket": "docs-out", "S3Prefix": "textract"},
    )["JobId"]
    deadline = time.monotonic() + 240
    while (r := textract.get_document_text_detection(JobId=job))["JobStatus"] == "IN_PROGRESS":  # type: ignore[attr-defined]
        assert time.monotonic() < deadline
        time.sleep(0.3)
    assert r["JobStatus"] == "SUCCEEDED" and r["DocumentMetadata"]["Pages"] == 3
    blocks, token = [], None
    while True:  # page through with MaxResults / NextToken
        kwargs = {"JobId": job, "MaxResults": 5, **({"NextToken": token} if token else {})}
        part = textract.get_document_text_detection(**kwargs)  # type: ignore[attr-defined]
        assert len(part["Blocks"]) <= 5
        blocks += part["Blocks"]
        token = part.get("NextToken")
        if not token:
            break
    assert [b["Page"] for b in blocks if b["BlockType"] == "PAGE"] == [1, 2, 3]
    assert _lines(blocks) == [f"Page {n} says hello." if i == 0 else f"This is line two of page {n}."
                              for n in (1, 2, 3) for i in (0, 1)]
    assert (server[1] / "buckets" / "docs-out" / "textract" / job / "1").is_file()
    _put(server[1], "docs", "broken.pdf", b"%PDF-1.4 this is not really a pdf")
    bad = textract.start_document_text_detection(  # type: ignore[attr-defined]
        DocumentLocation={"S3Object": {"Bucket": "docs", "Name": "broken.pdf"}})["JobId"]
    while (r := textract.get_document_text_detection(JobId=bad))["JobStatus"] == "IN_PROGRESS":  # type: ignore[attr-defined]
        time.sleep(0.3)
    assert r["JobStatus"] == "FAILED" and "PDF" in r["StatusMessage"]
