from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_envelope import ErrorEnvelope
from ...models.face_list import FaceList
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    collection_id: str,
    *,
    limit: int | Unset = 1000,
    next_token: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_next_token: None | str | Unset
    if isinstance(next_token, Unset):
        json_next_token = UNSET
    else:
        json_next_token = next_token
    params["next_token"] = json_next_token


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/vision/collections/{collection_id}/faces".format(collection_id=quote(str(collection_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorEnvelope | FaceList | None:
    if response.status_code == 200:
        response_200 = FaceList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorEnvelope | FaceList]:
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
    limit: int | Unset = 1000,
    next_token: None | str | Unset = UNSET,

) -> Response[ErrorEnvelope | FaceList]:
    """ List Faces

    Args:
        collection_id (str): The collection's id.
        limit (int | Unset):  Default: 1000.
        next_token (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | FaceList]
     """


    kwargs = _get_kwargs(
        collection_id=collection_id,
limit=limit,
next_token=next_token,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    collection_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 1000,
    next_token: None | str | Unset = UNSET,

) -> ErrorEnvelope | FaceList | None:
    """ List Faces

    Args:
        collection_id (str): The collection's id.
        limit (int | Unset):  Default: 1000.
        next_token (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | FaceList
     """


    return sync_detailed(
        collection_id=collection_id,
client=client,
limit=limit,
next_token=next_token,

    ).parsed

async def asyncio_detailed(
    collection_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 1000,
    next_token: None | str | Unset = UNSET,

) -> Response[ErrorEnvelope | FaceList]:
    """ List Faces

    Args:
        collection_id (str): The collection's id.
        limit (int | Unset):  Default: 1000.
        next_token (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | FaceList]
     """


    kwargs = _get_kwargs(
        collection_id=collection_id,
limit=limit,
next_token=next_token,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    collection_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 1000,
    next_token: None | str | Unset = UNSET,

) -> ErrorEnvelope | FaceList | None:
    """ List Faces

    Args:
        collection_id (str): The collection's id.
        limit (int | Unset):  Default: 1000.
        next_token (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | FaceList
     """


    return (await asyncio_detailed(
        collection_id=collection_id,
client=client,
limit=limit,
next_token=next_token,

    )).parsed
