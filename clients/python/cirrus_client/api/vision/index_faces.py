from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.body_index_faces import BodyIndexFaces
from ...models.error_envelope import ErrorEnvelope
from ...models.index_response import IndexResponse
from typing import cast



def _get_kwargs(
    collection_id: str,
    *,
    body: BodyIndexFaces,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/vision/collections/{collection_id}/faces".format(collection_id=quote(str(collection_id), safe=""),),
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorEnvelope | IndexResponse | None:
    if response.status_code == 200:
        response_200 = IndexResponse.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())



        return response_400

    if response.status_code == 413:
        response_413 = ErrorEnvelope.from_dict(response.json())



        return response_413

    if response.status_code == 422:
        response_422 = ErrorEnvelope.from_dict(response.json())



        return response_422

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(response.json())



        return response_429

    if response.status_code == 503:
        response_503 = ErrorEnvelope.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorEnvelope | IndexResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    collection_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: BodyIndexFaces,

) -> Response[ErrorEnvelope | IndexResponse]:
    """ Index Faces

     Find the faces in a photo and keep their descriptors (never the photo) in the collection.

    Args:
        collection_id (str): The collection's id.
        body (BodyIndexFaces):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | IndexResponse]
     """


    kwargs = _get_kwargs(
        collection_id=collection_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    collection_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: BodyIndexFaces,

) -> ErrorEnvelope | IndexResponse | None:
    """ Index Faces

     Find the faces in a photo and keep their descriptors (never the photo) in the collection.

    Args:
        collection_id (str): The collection's id.
        body (BodyIndexFaces):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | IndexResponse
     """


    return sync_detailed(
        collection_id=collection_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    collection_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: BodyIndexFaces,

) -> Response[ErrorEnvelope | IndexResponse]:
    """ Index Faces

     Find the faces in a photo and keep their descriptors (never the photo) in the collection.

    Args:
        collection_id (str): The collection's id.
        body (BodyIndexFaces):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | IndexResponse]
     """


    kwargs = _get_kwargs(
        collection_id=collection_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    collection_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: BodyIndexFaces,

) -> ErrorEnvelope | IndexResponse | None:
    """ Index Faces

     Find the faces in a photo and keep their descriptors (never the photo) in the collection.

    Args:
        collection_id (str): The collection's id.
        body (BodyIndexFaces):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | IndexResponse
     """


    return (await asyncio_detailed(
        collection_id=collection_id,
client=client,
body=body,

    )).parsed
