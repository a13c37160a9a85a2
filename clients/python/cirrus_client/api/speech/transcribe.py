from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.body_transcribe import BodyTranscribe
from ...models.error_envelope import ErrorEnvelope
from ...models.transcription_response import TranscriptionResponse
from typing import cast



def _get_kwargs(
    *,
    body: BodyTranscribe,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/transcribe",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorEnvelope | TranscriptionResponse | None:
    if response.status_code == 200:
        response_200 = TranscriptionResponse.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorEnvelope | TranscriptionResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BodyTranscribe,

) -> Response[ErrorEnvelope | TranscriptionResponse]:
    """ Transcribe

     Transcribe short audio (the synchronous limit is 5 minutes by default): text, segments, word times
    with probabilities (and speakers, with max_speakers), the detected language; or plain text, SRT or
    WebVTT.

    Args:
        body (BodyTranscribe):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TranscriptionResponse]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    body: BodyTranscribe,

) -> ErrorEnvelope | TranscriptionResponse | None:
    """ Transcribe

     Transcribe short audio (the synchronous limit is 5 minutes by default): text, segments, word times
    with probabilities (and speakers, with max_speakers), the detected language; or plain text, SRT or
    WebVTT.

    Args:
        body (BodyTranscribe):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TranscriptionResponse
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BodyTranscribe,

) -> Response[ErrorEnvelope | TranscriptionResponse]:
    """ Transcribe

     Transcribe short audio (the synchronous limit is 5 minutes by default): text, segments, word times
    with probabilities (and speakers, with max_speakers), the detected language; or plain text, SRT or
    WebVTT.

    Args:
        body (BodyTranscribe):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TranscriptionResponse]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: BodyTranscribe,

) -> ErrorEnvelope | TranscriptionResponse | None:
    """ Transcribe

     Transcribe short audio (the synchronous limit is 5 minutes by default): text, segments, word times
    with probabilities (and speakers, with max_speakers), the detected language; or plain text, SRT or
    WebVTT.

    Args:
        body (BodyTranscribe):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TranscriptionResponse
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
