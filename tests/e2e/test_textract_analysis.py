"""Textract AnalyzeDocument and StartDocumentAnalysis through the unmodified AWS SDK, on generated pages
whose tables, key/value pairs and checkboxes are known (``tests/document_pages.py``), and the native
``/v1/documents/analyze`` route through the generated client."""

from __future__ import annotations

import io
import random
import sys
import time
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from PIL import Image

from tests.document_pages import (
    form_and_table_page,
    form_page,
    merged_table_page,
    order_rows,
    read_pairs,
    read_tables,
    related,
    rotated,
    squash,
    table_page,
)
from tests.vision_util import png

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "clients" / "python"))

from cirrus_client import Client
from cirrus_client.api.documents import analyze_document as rest_analyze
from cirrus_client.models import BodyAnalyzeDocument, BodyAnalyzeDocumentFeatureTypesItem, DocumentResponse
from cirrus_client.types import File

pytestmark = pytest.mark.slow

PAIRS = {"Name": "Maria Garcia", "Date of birth": "1974-03-21", "City": "Denver", "Phone": "555-201-7788",
         "Account number": "48213377", "Employer": "Khan Supply"}
BOXES = {"Email updates": True, "Paper statements": False, "Text alerts": False, "Joint account": True}


@pytest.fixture(scope="module")
def server(server_with_dir: tuple[str, Path]) -> tuple[str, Path]:
    return server_with_dir


@pytest.fixture(scope="module")
def textract(server: tuple[str, Path]) -> Any:
    return boto3.client("textract", endpoint_url=server[0], region_name="us-east-1", aws_access_key_id="x",
                        aws_secret_access_key="y", config=Config(retries={"max_attempts": 1}, read_timeout=300))


def _analyze(textract: Any, image: Image.Image, features: list[str], **extra: Any) -> list[dict[str, Any]]:
    r = textract.analyze_document(Document={"Bytes": png(image)}, FeatureTypes=features, **extra)
    assert r["DocumentMetadata"]["Pages"] == 1 and r["AnalyzeDocumentModelVersion"]
    return r["Blocks"]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "borderless"])
def test_tables_give_cells_with_their_words(textract: Any, ruled: bool) -> None:
    rows = order_rows(random.Random(3 if ruled else 4), 4)
    blocks = _analyze(textract, table_page(rows, ruled=ruled, footer="All prices in US dollars.").image, ["TABLES"])
    assert read_tables(blocks) == [rows]
    index = {b["Id"]: b for b in blocks}
    (table,) = [b for b in blocks if b["BlockType"] == "TABLE"]
    cells = related(index, table)
    assert [c.get("EntityTypes") for c in cells if c["RowIndex"] == 1] == [["COLUMN_HEADER"]] * 4
    assert all("EntityTypes" not in c for c in cells if c["RowIndex"] > 1)
    assert {(c["RowSpan"], c["ColumnSpan"]) for c in cells} == {(1, 1)}
    words = [w for c in cells for w in related(index, c)]
    assert {w["BlockType"] for w in words} == {"WORD"}
    title = [" ".join(w["Text"] for w in related(index, t)) for t in related(index, table, "TABLE_TITLE")]
    footer = [" ".join(w["Text"] for w in related(index, t)) for t in related(index, table, "TABLE_FOOTER")]
    assert title == ["Quarterly order summary"] and footer == ["All prices in US dollars."]


def test_a_spanning_header_is_a_merged_cell(textract: Any) -> None:
    page = merged_table_page()
    blocks = _analyze(textract, page.image, ["TABLES"])
    assert read_tables(blocks) == page.tables
    (merged,) = [b for b in blocks if b["BlockType"] == "MERGED_CELL"]
    assert (merged["RowIndex"], merged["ColumnIndex"], merged["RowSpan"], merged["ColumnSpan"]) == (1, 2, 1, 2)
    index = {b["Id"]: b for b in blocks}
    assert [(c["RowIndex"], c["ColumnIndex"]) for c in related(index, merged)] == [(1, 2), (1, 3)]


def test_forms_give_key_value_pairs_and_checkboxes(textract: Any) -> None:
    blocks = _analyze(textract, form_page(PAIRS, BOXES).image, ["FORMS"])
    found = {squash(k): v for k, v in read_pairs(blocks).items()}
    for key, value in PAIRS.items():
        assert found.get(squash(key)) == value, key
    for label, selected in BOXES.items():
        assert found.get(squash(label)) == ("SELECTED" if selected else "NOT_SELECTED"), label
    elements = [b for b in blocks if b["BlockType"] == "SELECTION_ELEMENT"]
    assert sorted(e["SelectionStatus"] for e in elements) == ["NOT_SELECTED"] * 2 + ["SELECTED"] * 2
    assert not [b for b in blocks if b["BlockType"] == "TABLE"]  # FORMS alone adds no tables


def test_forms_leave_table_cells_to_the_table(textract: Any) -> None:
    page = form_and_table_page()
    blocks = _analyze(textract, page.image, ["FORMS"])
    assert read_pairs(blocks) == {**page.pairs, "Email updates": "SELECTED"}
    both = _analyze(textract, page.image, ["FORMS", "TABLES"])
    assert read_tables(both) == page.tables and read_pairs(both) == read_pairs(blocks)


def test_layout_types_every_line_once_in_reading_order(textract: Any) -> None:
    blocks = _analyze(textract, table_page(order_rows(random.Random(5), 3)).image, ["LAYOUT"])
    index = {b["Id"]: b for b in blocks}
    layout = [b for b in blocks if b["BlockType"].startswith("LAYOUT_")]
    assert layout[0]["BlockType"] == "LAYOUT_TITLE"
    assert [ln["Text"] for ln in related(index, layout[0])] == ["Quarterly order summary"]
    assert "LAYOUT_TABLE" in [b["BlockType"] for b in layout]
    children = [c["Id"] for b in layout for c in related(index, b)]
    lines = [b["Id"] for b in blocks if b["BlockType"] == "LINE"]
    assert sorted(children) == sorted(lines)  # each line in exactly one layout block


def test_queries_answer_from_the_pairs_or_not_at_all(textract: Any) -> None:
    queries = [{"Text": "What is the date of birth?", "Alias": "DOB"}, {"Text": "Who is the employer?"},
               {"Text": "What is the vehicle identification number?"}]
    blocks = _analyze(textract, form_page(PAIRS, BOXES).image, ["QUERIES"], QueriesConfig={"Queries": queries})
    index = {b["Id"]: b for b in blocks}
    answers = {b["Query"]["Text"]: [a["Text"] for a in related(index, b, "ANSWER")]
               for b in blocks if b["BlockType"] == "QUERY"}
    assert answers == {"What is the date of birth?": ["1974-03-21"], "Who is the employer?": ["Khan Supply"],
                       "What is the vehicle identification number?": []}
    (dob,) = [b for b in blocks if b["BlockType"] == "QUERY" and b["Query"].get("Alias") == "DOB"]
    (result,) = related(index, dob, "ANSWER")
    assert result["BlockType"] == "QUERY_RESULT" and 50 < result["Confidence"] <= 100


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_rotated_pages_are_read_with_geometry_on_the_page_as_sent(textract: Any, degrees: int) -> None:
    page = rotated(form_page(PAIRS, BOXES), degrees)
    blocks = textract.detect_document_text(Document={"Bytes": png(page.image)})["Blocks"]
    lines = {b["Text"]: b for b in blocks if b["BlockType"] == "LINE"}
    name = lines["Name: Maria Garcia"]["Geometry"]["BoundingBox"]
    if degrees == 180:  # upside down: the first field is near the bottom, right
        assert name["Top"] > 0.7 and name["Width"] > name["Height"]
    else:  # sideways: the line runs down (90: counter-clockwise, near the left edge) or up
        assert name["Height"] > name["Width"]
        assert (name["Left"] < 0.3) if degrees == 90 else (name["Left"] > 0.7)
    analysed = _analyze(textract, page.image, ["FORMS"])
    assert {squash(k): v for k, v in read_pairs(analysed).items()}[squash("Phone")] == PAIRS["Phone"]


def test_a_skewed_scan_is_straightened(textract: Any) -> None:
    page = form_page(PAIRS, BOXES).image.rotate(4, expand=True, fillcolor="white", resample=Image.Resampling.BICUBIC)
    blocks = textract.detect_document_text(Document={"Bytes": png(page)})["Blocks"]
    assert "Name: Maria Garcia" in [b["Text"] for b in blocks if b["BlockType"] == "LINE"]


@pytest.mark.parametrize(("extra", "message"), [
    ({"FeatureTypes": []}, "FeatureTypes"),
    ({"FeatureTypes": ["TABLES", "CHARTS"]}, "CHARTS"),
    ({"FeatureTypes": ["SIGNATURES"]}, "SIGNATURES"),
    ({"FeatureTypes": ["QUERIES"]}, "QueriesConfig"),
    ({"FeatureTypes": ["QUERIES"], "QueriesConfig": {"Queries": [{"Text": "x" * 201}]}}, "200"),
    ({"FeatureTypes": ["TABLES"], "QueriesConfig": {"Queries": [{"Text": "Name?"}]}}, "QUERIES"),
    ({"FeatureTypes": ["QUERIES"], "QueriesConfig": {"Queries": [{"Text": f"Field {n}?"} for n in range(16)]}}, "15"),
], ids=["empty", "unknown", "signatures", "no-queries", "long-query", "queries-without-feature", "too-many-queries"])
def test_bad_parameters_are_refused(textract: Any, extra: dict[str, Any], message: str) -> None:
    with pytest.raises(ClientError) as err:
        textract.analyze_document(Document={"Bytes": png(Image.new("RGB", (200, 100), "white"))}, **extra)
    assert err.value.response["Error"]["Code"] == "InvalidParameterException"
    assert message in err.value.response["Error"]["Message"]


def test_bad_documents_are_refused(textract: Any) -> None:
    for data, code in ((b"not a document", "UnsupportedDocumentException"),
                       (b"%PDF-1.4 broken", "UnsupportedDocumentException"),
                       (b"\0" * (10 * 1024 * 1024 + 1), "DocumentTooLargeException")):
        with pytest.raises(ClientError) as err:
            textract.analyze_document(Document={"Bytes": data}, FeatureTypes=["TABLES"])
        assert err.value.response["Error"]["Code"] == code


def _put(data_dir: Path, bucket: str, key: str, body: bytes) -> None:
    path = data_dir / "buckets" / bucket / key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)


def test_async_analysis_of_a_pdf_with_one_bad_page(textract: Any, server: tuple[str, Path]) -> None:
    rows = order_rows(random.Random(9), 3)
    # the third page is 2928 points square: over Textract's 2880 (40 inches), so it alone fails
    pages = [table_page(rows).image, form_page(PAIRS, BOXES).image, Image.new("RGB", (6100, 6100), "white")]
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:], resolution=150)
    _put(server[1], "forms", "bundle.pdf", buf.getvalue())
    job = textract.start_document_analysis(
        DocumentLocation={"S3Object": {"Bucket": "forms", "Name": "bundle.pdf"}}, FeatureTypes=["TABLES", "FORMS", "QUERIES"],
        QueriesConfig={"Queries": [{"Text": "What is the phone number?", "Pages": ["*"]}]},
        OutputConfig={"S3Bucket": "forms", "S3Prefix": "out"})["JobId"]
    deadline = time.monotonic() + 300
    while (r := textract.get_document_analysis(JobId=job))["JobStatus"] == "IN_PROGRESS":
        assert time.monotonic() < deadline
        time.sleep(0.5)
    assert r["JobStatus"] == "PARTIAL_SUCCESS", r
    assert r["Warnings"] == [{"ErrorCode": "PAGE_NOT_READ", "Pages": [3]}]
    blocks, token = [], None
    while True:
        part = textract.get_document_analysis(JobId=job, MaxResults=50, **({"NextToken": token} if token else {}))
        blocks += part["Blocks"]
        if not (token := part.get("NextToken")):
            break
    assert read_tables([b for b in blocks if b["Page"] == 1]) == [rows]
    pairs = {squash(k): v for k, v in read_pairs([b for b in blocks if b["Page"] == 2]).items()}
    assert pairs[squash("Name")] == PAIRS["Name"] and pairs[squash("Joint account")] == "SELECTED"
    index = {b["Id"]: b for b in blocks}
    answered = {b["Page"]: [a["Text"] for a in related(index, b, "ANSWER")] for b in blocks if b["BlockType"] == "QUERY"}
    assert answered == {1: [], 2: [PAIRS["Phone"]]}
    assert (server[1] / "buckets" / "forms" / "out" / job / "1").is_file()
    with pytest.raises(ClientError) as err:  # a text-detection job id is not an analysis job
        textract.get_document_text_detection(JobId=job)
    assert err.value.response["Error"]["Code"] == "InvalidJobIdException"


def test_native_route_and_generated_client(server: tuple[str, Path]) -> None:
    client = Client(base_url=server[0], timeout=300)
    body = BodyAnalyzeDocument(file=File(payload=io.BytesIO(png(form_page(PAIRS, BOXES).image)), file_name="form.png"),
                               feature_types=[BodyAnalyzeDocumentFeatureTypesItem.FORMS,
                                              BodyAnalyzeDocumentFeatureTypesItem.QUERIES],
                               queries=["What is the city?"])
    result = rest_analyze.sync(client=client, body=body)
    assert isinstance(result, DocumentResponse) and result.pages == 1
    blocks = [b.to_dict() for b in result.blocks]
    assert {squash(k): v for k, v in read_pairs(blocks).items()}[squash("City")] == "Denver"
    index = {b["Id"]: b for b in blocks}
    (query,) = [b for b in blocks if b["BlockType"] == "QUERY"]
    assert [a["Text"] for a in related(index, query, "ANSWER")] == ["Denver"]
