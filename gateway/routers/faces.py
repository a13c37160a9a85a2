"""Native REST for face collections (Rekognition's collections and face search): create, list, describe and
delete collections; index, list and delete faces; search a collection with a photo. The answers carry
Rekognition's shapes (the same dicts the AWS surface returns)."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Path, Query, Request
from pydantic import BaseModel, Field

from gateway.routers.responses import ERRORS
from gateway.routers.vision import Upload, read_upload
from services.errors import Conflict
from services.vision.collections import CollectionNotFound
from services.vision.identity import stored_face

router = APIRouter(prefix="/v1/vision/collections", tags=["vision"], responses=ERRORS)
CollectionId = Annotated[str, Path(pattern=r"^[a-zA-Z0-9_.\-]{1,255}$", description="The collection's id.")]
Quality = Literal["NONE", "AUTO", "LOW", "MEDIUM", "HIGH"]


class CollectionRequest(BaseModel):
    collection_id: str = Field(pattern=r"^[a-zA-Z0-9_.\-]{1,255}$", description="Letters, digits, '_', '.', '-'.")


class CollectionInfo(BaseModel):
    collection_id: str
    face_count: int
    user_count: int
    face_model_version: str
    created_at: float


class CollectionList(BaseModel):
    collections: list[str]
    next_token: str | None = None


class IndexResponse(BaseModel):
    face_records: list[dict[str, Any]]
    unindexed_faces: list[dict[str, Any]]


class FaceList(BaseModel):
    faces: list[dict[str, Any]]
    next_token: str | None = None


class SearchResponse(BaseModel):
    searched_face_bounding_box: dict[str, float]
    searched_face_confidence: float
    face_matches: list[dict[str, Any]]


def _info(found: dict[str, Any]) -> CollectionInfo:
    return CollectionInfo(collection_id=found["id"], face_count=found["face_count"], user_count=found["user_count"],
                          face_model_version=found["face_model"], created_at=found["created_at"])


@router.post("", status_code=201)
async def create_collection(request: Request, body: CollectionRequest) -> CollectionInfo:
    """An empty face collection (Rekognition CreateCollection); 409 when the id is taken."""
    return _info(await asyncio.to_thread(request.app.state.faces.collections.create, body.collection_id))


@router.get("")
async def list_collections(request: Request, limit: Annotated[int, Query(ge=1, le=4096)] = 1000,
                           next_token: str | None = None) -> CollectionList:
    found, token = await asyncio.to_thread(request.app.state.faces.collections.list, limit, next_token)
    return CollectionList(collections=[c for c, _ in found], next_token=token)


@router.get("/{collection_id}")
async def describe_collection(request: Request, collection_id: CollectionId) -> CollectionInfo:
    return _info(await asyncio.to_thread(request.app.state.faces.collections.describe, collection_id))


@router.delete("/{collection_id}", status_code=204)
async def delete_collection(request: Request, collection_id: CollectionId) -> None:
    await asyncio.to_thread(request.app.state.faces.collections.delete, collection_id)


@router.post("/{collection_id}/faces")
async def index_faces(
    request: Request, collection_id: CollectionId, file: Upload,
    external_image_id: Annotated[str | None, Form(pattern=r"^[a-zA-Z0-9_.\-:]{1,255}$")] = None,
    max_faces: Annotated[int | None, Form(ge=1, le=100)] = None, quality_filter: Annotated[Quality, Form()] = "AUTO",
) -> IndexResponse:
    """Find the faces in a photo and keep their descriptors (never the photo) in the collection."""
    out = await request.app.state.faces.index(collection_id, await read_upload(file), external_image_id, max_faces,
                                              quality_filter, {"DEFAULT"})
    return IndexResponse(face_records=out["FaceRecords"], unindexed_faces=out["UnindexedFaces"])


@router.get("/{collection_id}/faces")
async def list_faces(request: Request, collection_id: CollectionId, limit: Annotated[int, Query(ge=1, le=4096)] = 1000,
                     next_token: str | None = None) -> FaceList:
    faces, token = await asyncio.to_thread(request.app.state.faces.collections.faces, collection_id, limit, next_token)
    return FaceList(faces=[stored_face(f) for f in faces], next_token=token)


@router.delete("/{collection_id}/faces/{face_id}", status_code=204)
async def delete_face(request: Request, collection_id: CollectionId,
                      face_id: Annotated[str, Path(pattern=r"^[0-9a-f\-]{36}$")]) -> None:
    deleted, refused = await asyncio.to_thread(request.app.state.faces.collections.delete_faces, collection_id, [face_id])
    if not deleted:
        if refused[0]["Reasons"] == ["FACE_NOT_FOUND"]:
            raise CollectionNotFound(f"no face {face_id} in the collection {collection_id!r}")
        raise Conflict(f"face {face_id} belongs to the user {refused[0]['UserId']!r}; disassociate it first")


@router.post("/{collection_id}/search")
async def search_faces_by_image(
    request: Request, collection_id: CollectionId, file: Upload,
    threshold: Annotated[float, Form(ge=0, le=100)] = 80, max_faces: Annotated[int, Form(ge=1, le=4096)] = 100,
) -> SearchResponse:
    """The collection's faces like the largest face in the photo (Rekognition SearchFacesByImage)."""
    out = await request.app.state.faces.search_by_image(collection_id, await read_upload(file), threshold, max_faces, "NONE")
    return SearchResponse(searched_face_bounding_box=out["SearchedFaceBoundingBox"],
                          searched_face_confidence=out["SearchedFaceConfidence"], face_matches=out["FaceMatches"])
