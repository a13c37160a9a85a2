"""Hole 1: no request reads or writes outside the bucket store (folder mode)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import httpx
import pytest

from cirrus.settings import Settings
from services.buckets import InvalidS3Object, LocalBuckets, S3Location, parse_s3_uri

SECRET_TEXT = "TOP SECRET OUTSIDE"


def _aws(target: str, body: dict[str, object]) -> dict[str, object]:
    return {"content": json.dumps(body), "headers": {"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"}}


@pytest.mark.parametrize("bucket", ["..", "../../outside", "/etc", "a/../b", "ab", "UPPER", "x" * 64, "my..bucket", ""])
def test_bucket_names_follow_s3_rules(bucket: str) -> None:
    with pytest.raises(InvalidS3Object, match="not a valid bucket name"):
        S3Location(bucket, "key.txt")


def test_folder_store_never_leaves_its_root(tmp_path: Path) -> None:
    root = tmp_path / "data" / "buckets"
    (root / "docs").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET_TEXT)
    (root / "linked").symlink_to(outside)  # a bucket folder that is a symlink to elsewhere
    store = LocalBuckets(root)
    missing = pytest.raises(InvalidS3Object, match="does not exist or is not readable")
    with missing:
        store.read(S3Location("linked", "secret.txt"))
    with pytest.raises(Exception, match="does not exist"):
        store.list(S3Location("linked", ""))
    with missing:
        store.write(S3Location("linked", "new.txt"), b"x")
    assert not (outside / "new.txt").exists()
    (root / "docs" / "sub").symlink_to(outside)  # a folder inside a bucket that leads out
    with missing:
        store.write(S3Location("docs", "sub/new.txt"), b"x")
    assert not (outside / "new.txt").exists()
    assert store.list(S3Location("docs", "")) == []  # nothing from outside is listed either
    # one message for "missing" and "outside": the error tells nothing about the server's files
    with pytest.raises(InvalidS3Object) as missing_file:
        store.read(S3Location("docs", "nothing-here.txt"))
    with pytest.raises(InvalidS3Object) as outside_file:
        store.read(S3Location("docs", "sub/secret.txt"))
    assert str(missing_file.value).replace("nothing-here.txt", "X") == str(outside_file.value).replace("sub/secret.txt", "X")
    with pytest.raises(Exception) as no_bucket:
        store.list(S3Location("absent", ""))
    assert str(tmp_path) not in str(no_bucket.value)  # never a server path


async def test_rekognition_cannot_read_outside(client: httpx.AsyncClient, settings: Settings, tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text(SECRET_TEXT)
    for bucket in ["../../outside", "..", str(tmp_path), "/"]:
        body = {"Image": {"S3Object": {"Bucket": bucket, "Name": "secret.txt"}}}
        r = await client.post("/", **_aws("RekognitionService.DetectText", body))
        assert r.status_code == 400, r.text
        assert r.json()["__type"] in ("InvalidS3ObjectException", "InvalidParameterException")  # by S3's rules or the shape
        assert SECRET_TEXT not in r.text
    passwd = {"Image": {"S3Object": {"Bucket": "cirrus-data", "Name": "../../../../etc/passwd"}}}
    r = await client.post("/", **_aws("RekognitionService.DetectText", passwd))
    assert r.status_code == 400 and SECRET_TEXT not in r.text


async def test_textract_output_cannot_leave(client: httpx.AsyncClient, settings: Settings) -> None:
    docs = settings.data_dir / "buckets" / "docs-in"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "page.png").write_bytes(base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="))
    body = {"DocumentLocation": {"S3Object": {"Bucket": "docs-in", "Name": "page.png"}},
            "OutputConfig": {"S3Bucket": "../../outside-w", "S3Prefix": "x"}}
    r = await client.post("/", **_aws("Textract.StartDocumentTextDetection", body))
    assert r.status_code == 400 and r.json()["__type"] == "InvalidS3ObjectException", r.text
    assert not (settings.data_dir.parent / "outside-w").exists()


async def test_transcribe_and_polly_outputs_cannot_leave(client: httpx.AsyncClient) -> None:
    body = {"TranscriptionJobName": "escape-1", "LanguageCode": "en-US",
            "Media": {"MediaFileUri": "s3://media-in/a.wav"}, "OutputBucketName": "../../outside-w"}
    r = await client.post("/", **_aws("Transcribe.StartTranscriptionJob", body))
    assert r.status_code == 400 and "bucket name" in r.json()["message"], r.text
    task = {"Text": "Hi", "VoiceId": "Joey", "OutputFormat": "mp3", "OutputS3BucketName": "../.."}
    r = await client.post("/v1/synthesisTasks", json=task)
    assert r.status_code == 400 and r.headers["x-amzn-errortype"] == "InvalidS3BucketException", r.text
    native = {"name": "escape-2", "media_uri": "s3://media-in/a.wav", "language": "en-US", "output_bucket": "../.."}
    r = await client.post("/v1/transcribe/jobs", json=native)
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_s3_object", r.text


def test_s3_uris_are_checked_whole() -> None:
    for uri in ["s3://../x", "s3://a/../../x", "s3:///etc/passwd", "s3://ok-bucket/" + "k" * 1100]:
        with pytest.raises(InvalidS3Object):
            parse_s3_uri(uri)
