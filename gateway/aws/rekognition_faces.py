"""Rekognition face identity on the AWS surface: CompareFaces; collections (Create/Describe/List/Delete),
IndexFaces, ListFaces, DeleteFaces, SearchFaces, SearchFacesByImage; users (CreateUser, DeleteUser,
ListUsers, AssociateFaces, DisassociateFaces, SearchUsers, SearchUsersByImage); RecognizeCelebrities and
GetCelebrityInfo against the operator's gallery. botocore's shapes have checked types and ranges; names are
checked against AWS's patterns here."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from gateway.aws.protocol import AwsError, operation
from gateway.aws.rekognition import PREFIX, attributes, read_image
from services import ACCOUNT
from services.vision.identity import FACE_MODEL_VERSION, stored_face

NAMES = {
    "CollectionId": re.compile(r"[a-zA-Z0-9_.\-]{1,255}"),
    "UserId": re.compile(r"[a-zA-Z0-9_.\-:]{1,128}"),
    "ExternalImageId": re.compile(r"[a-zA-Z0-9_.\-:]{1,255}"),
}
FACE_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def name(payload: dict[str, Any], field: str, required: bool = True) -> Any:
    value = payload.get(field)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not NAMES[field].fullmatch(value):
        raise AwsError("InvalidParameterException", f"{field} must match {NAMES[field].pattern}")
    return value


def face_ids(payload: dict[str, Any], field: str = "FaceIds") -> list[str]:
    ids = payload.get(field) or []
    bad = [f for f in ids if not FACE_ID.fullmatch(f)]
    if bad:
        raise AwsError("InvalidParameterException", f"{field} holds {bad[0]!r}, which is not a FaceId (a lowercase UUID)")
    return ids


def face_id(payload: dict[str, Any]) -> Any:
    value = payload.get("FaceId")
    return None if value is None else face_ids({"FaceId": [value]}, "FaceId")[0]


def collection_arn(collection_id: str) -> str:
    return f"aws:rekognition:us-east-1:{ACCOUNT}:collection/{collection_id}"


def _quality(payload: dict[str, Any], default: str) -> str:
    return payload.get("QualityFilter") or default


@operation(PREFIX, "CompareFaces")
async def compare_faces(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    source, target = await asyncio.gather(read_image(state, payload, "SourceImage"), read_image(state, payload, "TargetImage"))
    return await state.faces.compare(source, target, float(payload.get("SimilarityThreshold", 80)),
                                     _quality(payload, "NONE"))


@operation(PREFIX, "CreateCollection")
async def create_collection(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    collection = name(payload, "CollectionId")
    await asyncio.to_thread(state.faces.collections.create, collection)
    return {"StatusCode": 200, "CollectionArn": collection_arn(collection), "FaceModelVersion": FACE_MODEL_VERSION}


@operation(PREFIX, "DescribeCollection")
async def describe_collection(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    info = await asyncio.to_thread(state.faces.collections.describe, name(payload, "CollectionId"))
    return {"FaceCount": info["face_count"], "UserCount": info["user_count"], "FaceModelVersion": info["face_model"],
            "CollectionARN": collection_arn(info["id"]),
            "CreationTimestamp": info["created_at"]}


@operation(PREFIX, "ListCollections")
async def list_collections(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    found, token = await asyncio.to_thread(state.faces.collections.list, int(payload.get("MaxResults") or 1000),
                                           payload.get("NextToken"))
    out: dict[str, Any] = {"CollectionIds": [c for c, _ in found], "FaceModelVersions": [v for _, v in found]}
    if token:
        out["NextToken"] = token
    return out


@operation(PREFIX, "DeleteCollection")
async def delete_collection(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    await asyncio.to_thread(state.faces.collections.delete, name(payload, "CollectionId"))
    return {"StatusCode": 200}


@operation(PREFIX, "IndexFaces")
async def index_faces(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    collection = name(payload, "CollectionId")
    external = name(payload, "ExternalImageId", required=False)
    image = await read_image(state, payload)
    max_faces = payload.get("MaxFaces")
    return await state.faces.index(collection, image, external, int(max_faces) if max_faces else None,
                                   _quality(payload, "AUTO"), attributes(payload, "DetectionAttributes"))


@operation(PREFIX, "ListFaces")
async def list_faces(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    collection = name(payload, "CollectionId")
    user = name(payload, "UserId", required=False)
    only = face_ids(payload) or None
    faces, token = await asyncio.to_thread(state.faces.collections.faces, collection,
                                           int(payload.get("MaxResults") or 1000), payload.get("NextToken"), user, only)
    out: dict[str, Any] = {"Faces": [stored_face(f) for f in faces], "FaceModelVersion": FACE_MODEL_VERSION}
    if token:
        out["NextToken"] = token
    return out


@operation(PREFIX, "DeleteFaces")
async def delete_faces(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    deleted, refused = await asyncio.to_thread(state.faces.collections.delete_faces, name(payload, "CollectionId"),
                                               face_ids(payload))
    return {"DeletedFaces": deleted, "UnsuccessfulFaceDeletions": refused}


@operation(PREFIX, "SearchFaces")
async def search_faces(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    return await state.faces.search(name(payload, "CollectionId"), face_id(payload),
                                    float(payload.get("FaceMatchThreshold", 80)), int(payload.get("MaxFaces") or 100))


@operation(PREFIX, "SearchFacesByImage")
async def search_faces_by_image(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    collection = name(payload, "CollectionId")
    image = await read_image(state, payload)
    return await state.faces.search_by_image(collection, image, float(payload.get("FaceMatchThreshold", 80)),
                                             int(payload.get("MaxFaces") or 100), _quality(payload, "NONE"))


@operation(PREFIX, "CreateUser")
async def create_user(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    await asyncio.to_thread(state.faces.collections.create_user, name(payload, "CollectionId"),
                            name(payload, "UserId"), payload.get("ClientRequestToken"))
    return {}


@operation(PREFIX, "DeleteUser")
async def delete_user(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    await asyncio.to_thread(state.faces.collections.delete_user, name(payload, "CollectionId"), name(payload, "UserId"))
    return {}


@operation(PREFIX, "ListUsers")
async def list_users(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    users, token = await asyncio.to_thread(state.faces.collections.users, name(payload, "CollectionId"),
                                           int(payload.get("MaxResults") or 500), payload.get("NextToken"))
    out: dict[str, Any] = {"Users": [{"UserId": u, "UserStatus": "ACTIVE" if n else "CREATED"} for u, n in users]}
    if token:
        out["NextToken"] = token
    return out


@operation(PREFIX, "AssociateFaces")
async def associate_faces(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    return await state.faces.associate(name(payload, "CollectionId"), name(payload, "UserId"), face_ids(payload),
                                       float(payload.get("UserMatchThreshold", 75)))


@operation(PREFIX, "DisassociateFaces")
async def disassociate_faces(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    return await state.faces.disassociate(name(payload, "CollectionId"), name(payload, "UserId"), face_ids(payload))


@operation(PREFIX, "SearchUsers")
async def search_users(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    return await state.faces.search_users(name(payload, "CollectionId"), name(payload, "UserId", required=False),
                                          face_id(payload), float(payload.get("UserMatchThreshold", 80)),
                                          int(payload.get("MaxUsers") or 10))


@operation(PREFIX, "SearchUsersByImage")
async def search_users_by_image(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    collection = name(payload, "CollectionId")
    image = await read_image(state, payload)
    return await state.faces.search_users_by_image(collection, image, float(payload.get("UserMatchThreshold", 80)),
                                                   int(payload.get("MaxUsers") or 10), _quality(payload, "NONE"))


@operation(PREFIX, "RecognizeCelebrities")
async def recognize_celebrities(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    return await state.faces.recognize_celebrities(await read_image(state, payload))


@operation(PREFIX, "GetCelebrityInfo")
async def get_celebrity_info(state: Any, payload: dict[str, Any]) -> dict[str, Any]:
    return await state.faces.celebrity_info(payload["Id"])
