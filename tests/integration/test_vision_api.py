"""Vision through the app in-process, on real images that ship with scikit-image and documents rendered
with PIL: EfficientNet-Lite0, dlib faces, PP-OCR and Tesseract, all real."""

from __future__ import annotations

import io

import httpx
import numpy as np
import pytest
from PIL import Image
from skimage import data

from tests.vision_util import LEFT, PARAGRAPH, RIGHT, cer, page, png, two_columns

pytestmark = pytest.mark.slow


async def _post(client: httpx.AsyncClient, route: str, body: bytes, name: str = "x.png", **form: str) -> httpx.Response:
    return await client.post(route, files={"file": (name, body, "application/octet-stream")}, data=form, timeout=120)


def _names(r: httpx.Response) -> dict[str, dict[str, object]]:
    return {label["Name"]: label for label in r.json()["labels"]}


async def test_chelsea_is_a_cat_and_coffee_is_a_cup(client: httpx.AsyncClient) -> None:
    cat = _names(await _post(client, "/v1/vision/labels", png(data.chelsea())))
    assert cat["Cat"]["Confidence"] > 80 and {"Name": "Animal"} in cat["Cat"]["Parents"]
    assert "Animal" in cat and "Dog" not in cat
    coffee = _names(await _post(client, "/v1/vision/labels", png(data.coffee(), "JPEG")))
    assert coffee["Cup"]["Confidence"] > 60 and coffee["Espresso"]["Parents"][0] == {"Name": "Coffee"}
    (cup,) = _names(await _post(client, "/v1/vision/labels", png(data.coffee())))["Cup"]["Instances"]
    box = cup["BoundingBox"]  # the detector's box: the cup in the middle of the picture
    assert 0.1 < box["Left"] < 0.4 and 0.3 < box["Width"] < 0.7 and cup["Confidence"] >= 40
    assert "Person" not in cat  # the detector's unconfirmed "person" on the cat (0.59) is not reported
    few = (await _post(client, "/v1/vision/labels", png(data.coffee()), max_labels="2", min_confidence="50")).json()
    assert len(few["labels"]) == 2 and all(label["Confidence"] >= 50 for label in few["labels"])


async def test_astronaut_has_one_face_with_landmarks(client: httpx.AsyncClient) -> None:
    faces = (await _post(client, "/v1/vision/faces", png(data.astronaut()))).json()["faces"]
    assert len(faces) == 1
    face = faces[0]
    box = face["BoundingBox"]
    assert 0.3 < box["Left"] < 0.4 and 0.1 < box["Top"] < 0.2 and 0.1 < box["Width"] < 0.3  # her face, top middle
    marks = {m["Type"]: (m["X"], m["Y"]) for m in face["Landmarks"]}
    assert marks["eyeLeft"][0] < marks["nose"][0] < marks["eyeRight"][0]
    assert marks["nose"][1] > marks["eyeLeft"][1]
    assert abs(face["Pose"]["Roll"]) < 15 and 0 < face["Quality"]["Brightness"] <= 100
    assert "Emotions" not in face
    full = (await _post(client, "/v1/vision/faces", png(data.astronaut()), attributes="ALL")).json()["faces"][0]
    assert full["Emotions"][0] == {"Type": "HAPPY", "Confidence": pytest.approx(100, abs=5)}
    labels = _names(await _post(client, "/v1/vision/labels", png(data.astronaut())))
    assert labels["Person"]["Confidence"] > 80 and len(labels["Face"]["Instances"]) == 1
    (person,) = labels["Person"]["Instances"]  # the COCO detector's box around her, not just the face
    assert person["BoundingBox"]["Height"] > 0.8 and person["BoundingBox"]["Left"] < 0.15
    assert (await _post(client, "/v1/vision/faces", png(data.coffee()))).json()["faces"] == []


async def test_exif_orientation_is_honoured(client: httpx.AsyncClient) -> None:
    rotated = Image.fromarray(data.astronaut()).rotate(90, expand=True)  # stored on its side (90° anticlockwise)...
    exif = Image.Exif()
    exif[0x0112] = 6  # ...with EXIF orientation 6: "turn 90° clockwise to view"
    faces = (await _post(client, "/v1/vision/faces", png(rotated, "JPEG", exif=exif.tobytes()))).json()["faces"]
    assert len(faces) == 1 and 0.1 < faces[0]["BoundingBox"]["Top"] < 0.2  # found upright, where it belongs


async def test_document_text_blocks_and_character_error_rate(client: httpx.AsyncClient) -> None:
    r = await _post(client, "/v1/documents/text", png(page(PARAGRAPH)))
    body = r.json()
    blocks = {b["Id"]: b for b in body["blocks"]}
    pages = [b for b in body["blocks"] if b["BlockType"] == "PAGE"]
    lines = [b for b in body["blocks"] if b["BlockType"] == "LINE"]
    assert body["pages"] == 1 and len(pages) == 1 and len(lines) == len(PARAGRAPH)
    assert cer("\n".join(PARAGRAPH), "\n".join(line["Text"] for line in lines)) < 0.03
    assert pages[0]["Relationships"][0]["Ids"] == [line["Id"] for line in lines]
    for line in lines:
        words = [blocks[i] for i in line["Relationships"][0]["Ids"]]
        assert " ".join(w["Text"] for w in words) == line["Text"]
        assert all(w["BlockType"] == "WORD" and w["TextType"] == "PRINTED" and 0 < w["Confidence"] <= 100 for w in words)
        box = line["Geometry"]["BoundingBox"]
        assert 0 < box["Left"] < 0.1 and 0 < box["Width"] < 1 and len(line["Geometry"]["Polygon"]) == 4
    tops = [line["Geometry"]["BoundingBox"]["Top"] for line in lines]
    assert tops == sorted(tops)


async def test_two_column_page_reads_left_column_first(client: httpx.AsyncClient) -> None:
    body = (await _post(client, "/v1/documents/text", png(two_columns()))).json()
    assert [b["Text"] for b in body["blocks"] if b["BlockType"] == "LINE"] == LEFT + RIGHT


async def test_text_in_an_image_lines_and_words(client: httpx.AsyncClient) -> None:
    sign = page(["STOP", "Main Street"], (800, 320), 64)
    detections = (await _post(client, "/v1/vision/text", png(sign))).json()["detections"]
    lines = [d for d in detections if d["Type"] == "LINE"]
    words = [d for d in detections if d["Type"] == "WORD"]
    assert [d["DetectedText"] for d in lines] == ["STOP", "Main Street"]
    assert [d["DetectedText"] for d in words] == ["STOP", "Main", "Street"]
    assert [w["ParentId"] for w in words] == [lines[0]["Id"], lines[1]["Id"], lines[1]["Id"]]
    rotated = np.asarray(sign.rotate(12, expand=True, fillcolor="white"))  # PP-OCR reads tilted text too
    tilted = (await _post(client, "/v1/vision/text", png(rotated))).json()["detections"]
    assert "Main Street" in [d["DetectedText"] for d in tilted if d["Type"] == "LINE"]


@pytest.mark.parametrize("route", ["/v1/vision/labels", "/v1/vision/faces", "/v1/vision/text", "/v1/documents/text"])
async def test_bad_images_are_clear_4xx(client: httpx.AsyncClient, route: str) -> None:
    jpeg = png(data.coffee(), "JPEG")
    bomb = io.BytesIO()
    Image.new("1", (20000, 20000)).save(bomb, "PNG")
    for body in (b"", b"this is a text file named .png", jpeg[: len(jpeg) // 3], bomb.getvalue()):
        r = await _post(client, route, body)
        assert 400 <= r.status_code < 500, (route, r.status_code, r.text)
        assert r.json()["error"]["code"] in {"invalid_image_format", "image_too_large", "unsupported_document",
                                             "document_too_large"}, r.text
