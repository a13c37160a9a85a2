from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_envelope import ErrorEnvelope
from ...models.list_voices_engine_type_0 import ListVoicesEngineType0
from ...models.voice_list import VoiceList
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    language: None | str | Unset = UNSET,
    engine: ListVoicesEngineType0 | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_language: None | str | Unset
    if isinstance(language, Unset):
        json_language = UNSET
    else:
        json_language = language
    params["language"] = json_language

    json_engine: None | str | Unset
    if isinstance(engine, Unset):
        json_engine = UNSET
    elif isinstance(engine, ListVoicesEngineType0):
        json_engine = engine.value
    else:
        json_engine = engine
    params["engine"] = json_engine


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/tts/voices",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorEnvelope | VoiceList | None:
    if response.status_code == 200:
        response_200 = VoiceList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorEnvelope | VoiceList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    language: None | str | Unset = UNSET,
    engine: ListVoicesEngineType0 | None | Unset = UNSET,

) -> Response[ErrorEnvelope | VoiceList]:
    """ List Voices

     The voices text-to-speech speaks (Polly's DescribeVoices), by language code (en-US, ...) and engine.

    Args:
        language (None | str | Unset):
        engine (ListVoicesEngineType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | VoiceList]
     """


    kwargs = _get_kwargs(
        language=language,
engine=engine,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    language: None | str | Unset = UNSET,
    engine: ListVoicesEngineType0 | None | Unset = UNSET,

) -> ErrorEnvelope | VoiceList | None:
    """ List Voices

     The voices text-to-speech speaks (Polly's DescribeVoices), by language code (en-US, ...) and engine.

    Args:
        language (None | str | Unset):
        engine (ListVoicesEngineType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | VoiceList
     """


    return sync_detailed(
        client=client,
language=language,
engine=engine,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    language: None | str | Unset = UNSET,
    engine: ListVoicesEngineType0 | None | Unset = UNSET,

) -> Response[ErrorEnvelope | VoiceList]:
    """ List Voices

     The voices text-to-speech speaks (Polly's DescribeVoices), by language code (en-US, ...) and engine.

    Args:
        language (None | str | Unset):
        engine (ListVoicesEngineType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | VoiceList]
     """


    kwargs = _get_kwargs(
        language=language,
engine=engine,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    language: None | str | Unset = UNSET,
    engine: ListVoicesEngineType0 | None | Unset = UNSET,

) -> ErrorEnvelope | VoiceList | None:
    """ List Voices

     The voices text-to-speech speaks (Polly's DescribeVoices), by language code (en-US, ...) and engine.

    Args:
        language (None | str | Unset):
        engine (ListVoicesEngineType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | VoiceList
     """


    return (await asyncio_detailed(
        client=client,
language=language,
engine=engine,

    )).parsed
