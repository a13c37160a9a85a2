"""Face identity through the unmodified AWS SDK against a started Cirrus: CompareFaces, collections, users and
celebrities, on real faces that ship with scikit-image (the astronaut, and LFW people). Measured with dlib's
descriptor: astronaut vs mirrored astronaut 0.19 (similarity 97.7), vs LFW people 0.73-0.93 (below 72)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from skimage import data

from tests.e2e.conftest import start_server
from tests.vision_util import lfw_face, mirrored, png, strip

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "clients" / "python"))

from cirrus_client import Client
from cirrus_client.api.vision import compare_faces as rest_compare
from cirrus_client.api.vision import create_collection as rest_create
from cirrus_client.api.vision import delete_collection as rest_delete_collection
from cirrus_client.api.vision import delete_face as rest_delete_face
from cirrus_client.api.vision import describe_collection as rest_describe
from cirrus_client.api.vision import index_faces as rest_index
from cirrus_client.api.vision import list_faces as rest_list_faces
from cirrus_client.api.vision import search_faces_by_image as rest_search
from cirrus_client.models import (
    BodyCompareFaces,
    BodyIndexFaces,
    BodySearchFacesByImage,
    CollectionInfo,
    CollectionRequest,
    CompareResponse,
    IndexResponse,
    SearchResponse,
)
from cirrus_client.types import File

pytestmark = pytest.mark.slow

ASTRONAUT = png(data.astronaut(), "JPEG")
MIRRORED = png(mirrored(data.astronaut()), "JPEG")
PEOPLE = [png(lfw_face(i), "JPEG") for i in (1, 2, 3)]
NO_FACE = png(data.coffee(), "JPEG")


def client(url: str) -> object:
    return boto3.client("rekognition", endpoint_url=url, region_name="us-east-1", aws_access_key_id="x",
                        aws_secret_access_key="y", config=Config(retries={"max_attempts": 1}, read_timeout=300))


@pytest.fixture(scope="module")
def rek(server_with_dir: tuple[str, Path]) -> object:
    return client(server_with_dir[0])


def error(exc: pytest.ExceptionInfo[ClientError]) -> str:
    return str(exc.value.response["Error"]["Code"])


def test_compare_faces_matches_one_person_and_not_others(rek: object) -> None:
    same = rek.compare_faces(SourceImage={"Bytes": ASTRONAUT}, TargetImage={"Bytes": MIRRORED})  # type: ignore[attr-defined]
    assert len(same["FaceMatches"]) == 1 and same["FaceMatches"][0]["Similarity"] > 90
    assert same["SourceImageFace"]["Confidence"] > 80 and same["UnmatchedFaces"] == []
    match = same["FaceMatches"][0]["Face"]
    assert {"BoundingBox", "Confidence", "Landmarks", "Pose", "Quality"} <= set(match)

    group = png(strip(lfw_face(1), lfw_face(2), lfw_face(3)), "JPEG")
    others = rek.compare_faces(SourceImage={"Bytes": ASTRONAUT}, TargetImage={"Bytes": group})  # type: ignore[attr-defined]
    assert others["FaceMatches"] == [] and len(others["UnmatchedFaces"]) == 3
    # a low enough threshold lets the nearest stranger through: the threshold is what decides, not a canned answer
    loose = rek.compare_faces(SourceImage={"Bytes": ASTRONAUT}, TargetImage={"Bytes": group}, SimilarityThreshold=0)  # type: ignore[attr-defined]
    scores = [m["Similarity"] for m in loose["FaceMatches"]]
    assert len(scores) == 3 and scores == sorted(scores, reverse=True) and max(scores) < 80

    with pytest.raises(ClientError) as exc:
        rek.compare_faces(SourceImage={"Bytes": NO_FACE}, TargetImage={"Bytes": ASTRONAUT})  # type: ignore[attr-defined]
    assert error(exc) == "InvalidParameterException" and "no face" in str(exc.value)


def test_native_compare_through_the_generated_client(server_with_dir: tuple[str, Path]) -> None:
    body = BodyCompareFaces(source=File(io.BytesIO(ASTRONAUT), "a.jpg"), target=File(io.BytesIO(MIRRORED), "b.jpg"))
    out = rest_compare.sync(client=Client(base_url=server_with_dir[0], timeout=300), body=body)
    assert isinstance(out, CompareResponse) and out.matches[0]["Similarity"] > 90 and out.unmatched == []


def test_native_collections_through_the_generated_client(server_with_dir: tuple[str, Path]) -> None:
    client = Client(base_url=server_with_dir[0], timeout=300)
    created = rest_create.sync(client=client, body=CollectionRequest(collection_id="rest-crew"))
    assert isinstance(created, CollectionInfo) and created.face_count == 0
    again = rest_create.sync_detailed(client=client, body=CollectionRequest(collection_id="rest-crew"))
    assert again.status_code == 409
    indexed = rest_index.sync(client=client, collection_id="rest-crew", body=BodyIndexFaces(
        file=File(io.BytesIO(ASTRONAUT), "a.jpg"), external_image_id="eileen"))
    assert isinstance(indexed, IndexResponse) and len(indexed.face_records) == 1
    face_id = indexed.face_records[0]["Face"]["FaceId"]
    found = rest_search.sync(client=client, collection_id="rest-crew", body=BodySearchFacesByImage(
        file=File(io.BytesIO(MIRRORED), "b.jpg")))
    assert isinstance(found, SearchResponse) and found.face_matches[0]["Face"]["ExternalImageId"] == "eileen"
    assert found.face_matches[0]["Similarity"] > 90
    listed = rest_list_faces.sync(client=client, collection_id="rest-crew")
    assert [f["FaceId"] for f in listed.faces] == [face_id]  # type: ignore[union-attr]
    assert rest_delete_face.sync_detailed(client=client, collection_id="rest-crew", face_id=face_id).status_code == 204
    assert rest_delete_face.sync_detailed(client=client, collection_id="rest-crew", face_id=face_id).status_code == 404
    assert rest_describe.sync(client=client, collection_id="rest-crew").face_count == 0  # type: ignore[union-attr]
    assert rest_delete_collection.sync_detailed(client=client, collection_id="rest-crew").status_code == 204
    assert rest_describe.sync_detailed(client=client, collection_id="rest-crew").status_code == 404


def test_collection_index_search_list_delete(rek: object) -> None:
    created = rek.create_collection(CollectionId="team")  # type: ignore[attr-defined]
    assert created["StatusCode"] == 200 and created["CollectionArn"].endswith("collection/team")
    with pytest.raises(ClientError) as exc:
        rek.create_collection(CollectionId="team")  # type: ignore[attr-defined]
    assert error(exc) == "ResourceAlreadyExistsException"
    with pytest.raises(ClientError) as exc:
        rek.create_collection(CollectionId="../etc")  # type: ignore[attr-defined]
    assert error(exc) == "InvalidParameterException"

    astro = rek.index_faces(CollectionId="team", Image={"Bytes": ASTRONAUT}, ExternalImageId="eileen",  # type: ignore[attr-defined]
                            DetectionAttributes=["ALL"])
    (record,) = astro["FaceRecords"]
    assert record["Face"]["ExternalImageId"] == "eileen" and record["FaceDetail"]["Gender"]["Value"] == "Female"
    for n, person in enumerate(PEOPLE):  # small upscaled faces: blurry, so indexed only with QualityFilter NONE
        auto = rek.index_faces(CollectionId="team", Image={"Bytes": person}, ExternalImageId=f"p{n}")  # type: ignore[attr-defined]
        assert auto["FaceRecords"] == [] and "LOW_SHARPNESS" in auto["UnindexedFaces"][0]["Reasons"]
        kept = rek.index_faces(CollectionId="team", Image={"Bytes": person}, ExternalImageId=f"p{n}", QualityFilter="NONE")  # type: ignore[attr-defined]
        assert len(kept["FaceRecords"]) == 1
    group = png(strip(lfw_face(1), lfw_face(2)), "JPEG")
    capped = rek.index_faces(CollectionId="team", Image={"Bytes": group}, MaxFaces=1, QualityFilter="NONE")  # type: ignore[attr-defined]
    assert len(capped["FaceRecords"]) == 1 and capped["UnindexedFaces"][0]["Reasons"] == ["EXCEEDS_MAX_FACES"]
    assert rek.describe_collection(CollectionId="team")["FaceCount"] == 5  # type: ignore[attr-defined]

    found = rek.search_faces_by_image(CollectionId="team", Image={"Bytes": MIRRORED})  # type: ignore[attr-defined]
    assert [m["Face"]["ExternalImageId"] for m in found["FaceMatches"]] == ["eileen"]
    assert found["FaceMatches"][0]["Similarity"] > 90 and found["SearchedFaceConfidence"] > 80
    face_id = record["Face"]["FaceId"]
    again = rek.search_faces(CollectionId="team", FaceId=face_id, FaceMatchThreshold=0, MaxFaces=10)  # type: ignore[attr-defined]
    assert face_id not in [m["Face"]["FaceId"] for m in again["FaceMatches"]] and len(again["FaceMatches"]) == 4
    assert all(m["Similarity"] < 80 for m in again["FaceMatches"])

    first = rek.list_faces(CollectionId="team", MaxResults=2)  # type: ignore[attr-defined]
    rest = rek.list_faces(CollectionId="team", MaxResults=10, NextToken=first["NextToken"])  # type: ignore[attr-defined]
    listed = [f["FaceId"] for f in first["Faces"] + rest["Faces"]]
    assert len(listed) == len(set(listed)) == 5 and "NextToken" not in rest
    with pytest.raises(ClientError) as exc:
        rek.list_faces(CollectionId="team", NextToken="not-ours")  # type: ignore[attr-defined]
    assert error(exc) == "InvalidPaginationTokenException"

    missing = "00000000-0000-0000-0000-000000000000"
    gone = rek.delete_faces(CollectionId="team", FaceIds=[listed[-1], missing])  # type: ignore[attr-defined]
    assert gone["DeletedFaces"] == [listed[-1]]
    assert gone["UnsuccessfulFaceDeletions"] == [{"FaceId": missing, "Reasons": ["FACE_NOT_FOUND"]}]
    assert rek.describe_collection(CollectionId="team")["FaceCount"] == 4  # type: ignore[attr-defined]
    assert "team" in rek.list_collections()["CollectionIds"]  # type: ignore[attr-defined]
    rek.delete_collection(CollectionId="team")  # type: ignore[attr-defined]
    with pytest.raises(ClientError) as exc:
        rek.search_faces(CollectionId="team", FaceId=face_id)  # type: ignore[attr-defined]
    assert error(exc) == "ResourceNotFoundException"


def test_users_associate_search_and_guard_deletion(rek: object) -> None:
    rek.create_collection(CollectionId="staff")  # type: ignore[attr-defined]
    eileen = rek.index_faces(CollectionId="staff", Image={"Bytes": ASTRONAUT})["FaceRecords"][0]["Face"]["FaceId"]  # type: ignore[attr-defined]
    twin = rek.index_faces(CollectionId="staff", Image={"Bytes": MIRRORED})["FaceRecords"][0]["Face"]["FaceId"]  # type: ignore[attr-defined]
    stranger = rek.index_faces(CollectionId="staff", Image={"Bytes": PEOPLE[0]}, QualityFilter="NONE")["FaceRecords"][0]["Face"]["FaceId"]  # type: ignore[attr-defined]
    rek.create_user(CollectionId="staff", UserId="eileen", ClientRequestToken="t1")  # type: ignore[attr-defined]
    rek.create_user(CollectionId="staff", UserId="eileen", ClientRequestToken="t1")  # type: ignore[attr-defined]  # a retry
    with pytest.raises(ClientError) as exc:
        rek.create_user(CollectionId="staff", UserId="eileen")  # type: ignore[attr-defined]
    assert error(exc) == "ConflictException"
    assert rek.list_users(CollectionId="staff")["Users"] == [{"UserId": "eileen", "UserStatus": "CREATED"}]  # type: ignore[attr-defined]

    linked = rek.associate_faces(CollectionId="staff", UserId="eileen", FaceIds=[eileen])  # type: ignore[attr-defined]
    assert linked["AssociatedFaces"] == [{"FaceId": eileen}] and linked["UserStatus"] == "ACTIVE"
    more = rek.associate_faces(CollectionId="staff", UserId="eileen", FaceIds=[twin, stranger])  # type: ignore[attr-defined]
    assert more["AssociatedFaces"] == [{"FaceId": twin}]
    (refused,) = more["UnsuccessfulFaceAssociations"]
    assert refused["FaceId"] == stranger and refused["Reasons"] == ["LOW_MATCH_CONFIDENCE"] and refused["Confidence"] < 75

    by_image = rek.search_users_by_image(CollectionId="staff", Image={"Bytes": MIRRORED})  # type: ignore[attr-defined]
    assert [m["User"]["UserId"] for m in by_image["UserMatches"]] == ["eileen"] and by_image["UserMatches"][0]["Similarity"] > 90
    assert rek.search_users_by_image(CollectionId="staff", Image={"Bytes": PEOPLE[1]})["UserMatches"] == []  # type: ignore[attr-defined]
    by_face = rek.search_users(CollectionId="staff", FaceId=stranger, UserMatchThreshold=0)  # type: ignore[attr-defined]
    assert by_face["SearchedFace"] == {"FaceId": stranger} and by_face["UserMatches"][0]["Similarity"] < 80

    blocked = rek.delete_faces(CollectionId="staff", FaceIds=[twin])  # type: ignore[attr-defined]
    assert blocked["DeletedFaces"] == [] and blocked["UnsuccessfulFaceDeletions"][0]["Reasons"] == ["ASSOCIATED_TO_AN_EXISTING_USER"]
    assert {f["FaceId"] for f in rek.list_faces(CollectionId="staff", UserId="eileen")["Faces"]} == {eileen, twin}  # type: ignore[attr-defined]
    freed = rek.disassociate_faces(CollectionId="staff", UserId="eileen", FaceIds=[twin, stranger])  # type: ignore[attr-defined]
    assert freed["DisassociatedFaces"] == [{"FaceId": twin}]
    assert freed["UnsuccessfulFaceDisassociations"][0]["Reasons"] == ["ASSOCIATED_TO_A_DIFFERENT_USER"]
    rek.delete_user(CollectionId="staff", UserId="eileen")  # type: ignore[attr-defined]
    assert rek.list_users(CollectionId="staff")["Users"] == []  # type: ignore[attr-defined]
    assert rek.delete_faces(CollectionId="staff", FaceIds=[eileen])["DeletedFaces"] == [eileen]  # type: ignore[attr-defined]
    with pytest.raises(ClientError) as exc:
        rek.associate_faces(CollectionId="staff", UserId="nobody", FaceIds=[twin])  # type: ignore[attr-defined]
    assert error(exc) == "ResourceNotFoundException"


def test_celebrities_come_from_the_operators_gallery(rek: object) -> None:
    unknown = rek.recognize_celebrities(Image={"Bytes": ASTRONAUT})  # type: ignore[attr-defined]
    assert unknown["CelebrityFaces"] == [] and len(unknown["UnrecognizedFaces"]) == 1  # no gallery yet
    rek.create_collection(CollectionId="celebrities")  # type: ignore[attr-defined]
    rek.index_faces(CollectionId="celebrities", Image={"Bytes": ASTRONAUT}, ExternalImageId="Eileen_Collins")  # type: ignore[attr-defined]
    known = rek.recognize_celebrities(Image={"Bytes": MIRRORED})  # type: ignore[attr-defined]
    (celebrity,) = known["CelebrityFaces"]
    assert celebrity["Name"] == "Eileen Collins" and celebrity["MatchConfidence"] > 90 and known["UnrecognizedFaces"] == []
    assert rek.get_celebrity_info(Id=celebrity["Id"])["Name"] == "Eileen Collins"  # type: ignore[attr-defined]
    stranger = rek.recognize_celebrities(Image={"Bytes": PEOPLE[2]})  # type: ignore[attr-defined]
    assert stranger["CelebrityFaces"] == [] and len(stranger["UnrecognizedFaces"]) == 1
    with pytest.raises(ClientError) as exc:
        rek.get_celebrity_info(Id="0123456789abcdef")  # type: ignore[attr-defined]
    assert error(exc) == "ResourceNotFoundException"


def test_indexed_faces_survive_kill_9(tmp_path: Path) -> None:
    proc, url = start_server(tmp_path)
    try:
        rek = client(url)
        rek.create_collection(CollectionId="durable")  # type: ignore[attr-defined]
        face = rek.index_faces(CollectionId="durable", Image={"Bytes": ASTRONAUT})["FaceRecords"][0]["Face"]  # type: ignore[attr-defined]
    finally:
        proc.kill()
        proc.wait(10)
    proc, url = start_server(tmp_path)
    try:
        rek = client(url)
        assert rek.describe_collection(CollectionId="durable")["FaceCount"] == 1  # type: ignore[attr-defined]
        found = rek.search_faces_by_image(CollectionId="durable", Image={"Bytes": MIRRORED})  # type: ignore[attr-defined]
        assert [m["Face"]["FaceId"] for m in found["FaceMatches"]] == [face["FaceId"]]  # the index was rebuilt from SQL
    finally:
        proc.terminate()
        proc.wait(10)
