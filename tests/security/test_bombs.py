"""Hole 2: small requests that would take gigabytes are refused (or bounded) before anything is allocated."""

from __future__ import annotations

import base64
import io

import httpx
import numpy as np
import pytest
from PIL import Image

from models.vision.efficientnet import preprocess
from services.speech import ssml
from services.vision.images import MAX_PAGE_PIXELS, BadDocument, DocumentTooLarge, pdf_pages


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG")
    return out.getvalue()


def _pdf(objects: list[str]) -> bytes:
    """A PDF with a correct cross-reference table, from its objects' bodies (object 1 is the catalog)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{o:010d} 00000 n \n" for o in offsets).encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _one_page_pdf(width: int, height: int) -> bytes:
    return _pdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] >>"])


LOOPING_PDF = _pdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])


async def _aws(client: httpx.AsyncClient, target: str, payload: dict[str, object]) -> httpx.Response:
    return await client.post("/", json=payload, timeout=120,
                             headers={"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"})


@pytest.mark.parametrize(("size", "aws_type", "words"), [
    ((20_000, 1), "ImageTooLargeException", "10,000 pixels a side"),
    ((1, 20_000), "ImageTooLargeException", "10,000 pixels a side"),
    ((5_000, 1), "InvalidImageFormatException", "at most 50 times its short side"),
])
async def test_thin_images_are_refused_before_decoding(client: httpx.AsyncClient, size: tuple[int, int],
                                                       aws_type: str, words: str) -> None:
    image = base64.b64encode(_png(*size)).decode()
    r = await _aws(client, "RekognitionService.DetectLabels", {"Image": {"Bytes": image}})
    assert r.status_code == 400 and r.json()["__type"] == aws_type, r.text
    assert words in r.json()["message"]


def test_classifier_never_scales_a_thin_image_up() -> None:
    """The crop is taken in source pixels: a 10000x200 strip is not resized to 12800x256 first."""
    strip = np.zeros((200, 10_000, 3), np.uint8)
    strip[:, 4_950:5_050] = 255  # a white band in the middle (the crop is 175 source pixels wide)
    tensor = preprocess(strip)
    assert tensor.shape == (3, 224, 224)
    assert tensor[:, 112, 112].min() > 0.9  # white, normalised
    assert tensor[:, 112, 0].max() < -0.9  # black at the crop's edge


async def test_huge_pdf_page_is_document_too_large(client: httpx.AsyncClient) -> None:
    document = base64.b64encode(_one_page_pdf(10_000, 10_000)).decode()
    r = await _aws(client, "Textract.DetectDocumentText", {"Document": {"Bytes": document}})
    assert r.status_code == 400 and r.json()["__type"] == "DocumentTooLargeException", r.text
    assert "2880x2880 points" in r.json()["message"]


def test_large_pdf_pages_render_under_the_pixel_cap() -> None:
    with pytest.raises(DocumentTooLarge):
        pdf_pages(_one_page_pdf(2881, 100))
    (page,) = pdf_pages(_one_page_pdf(2880, 2880))  # 6000x6000 px at 150 dpi: rendered smaller
    assert page.width * page.height <= 1.01 * MAX_PAGE_PIXELS and page.width > 3000  # PDFium rounds up


async def test_looping_page_tree_is_bad_document(client: httpx.AsyncClient) -> None:
    with pytest.raises(BadDocument):
        pdf_pages(LOOPING_PDF)
    r = await _aws(client, "Textract.DetectDocumentText",
                   {"Document": {"Bytes": base64.b64encode(LOOPING_PDF).decode()}})
    assert r.status_code == 400 and r.json()["__type"] == "BadDocumentException", r.text


def test_prosody_is_clamped_to_pollys_ranges_even_nested() -> None:
    nested = ('<speak><prosody pitch="+1000%" rate="5%"><prosody pitch="+1000%" rate="x-slow">'
              '<prosody pitch="+1000%" volume="+90dB">hi</prosody></prosody></prosody></speak>')
    (run,) = ssml.parse(nested)
    assert run.prosody.pitch == ssml.PITCH_RANGE[1] and run.prosody.rate == ssml.RATE_RANGE[0]
    assert run.prosody.volume_db == ssml.VOLUME_RANGE[1]


async def test_nested_pitch_does_not_multiply_the_audio(client: httpx.AsyncClient) -> None:
    async def seconds(text: str) -> float:
        r = await client.post("/v1/speech", timeout=300, json={
            "Text": text, "TextType": "ssml", "VoiceId": "Joey", "OutputFormat": "pcm", "SampleRate": "16000"})
        assert r.status_code == 200, r.text
        return len(r.content) / 2 / 16000

    plain = await seconds("<speak>The quick brown fox jumps over the lazy dog.</speak>")
    nested = await seconds('<speak><prosody pitch="+1000%"><prosody pitch="+1000%"><prosody pitch="+1000%">'
                           "The quick brown fox jumps over the lazy dog.</prosody></prosody></prosody></speak>")
    assert plain > 1.0 and nested < 2 * plain, (plain, nested)


async def test_a_task_of_breaks_is_refused_before_rendering(client: httpx.AsyncClient) -> None:
    text = "<speak>" + "a <break time='10s'/>" * 2_000 + "</speak>"
    r = await client.post("/v1/synthesisTasks", json={
        "Text": text, "TextType": "ssml", "VoiceId": "Joey", "OutputFormat": "mp3", "OutputS3BucketName": "tts-out"})
    assert r.status_code == 400 and r.headers["x-amzn-ErrorType"].startswith("TextLengthExceededException"), r.text
    assert "minutes" in r.json()["message"]


async def test_deep_ssml_is_invalid_ssml_not_500(client: httpx.AsyncClient) -> None:
    text = "<speak>" + "<p>" * 700 + "deep" + "</p>" * 700 + "</speak>"  # under 6,000 characters
    for route, extra in (("/v1/synthesisTasks", {"OutputS3BucketName": "tts-out"}), ("/v1/speech", {})):
        r = await client.post(route, json={"Text": text, "TextType": "ssml", "VoiceId": "Joey", "OutputFormat": "mp3",
                                           **extra})
        assert r.status_code == 400 and r.headers["x-amzn-ErrorType"].startswith("InvalidSsmlException"), r.text
