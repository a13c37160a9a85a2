from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_envelope import ErrorEnvelope
from ...models.job_info import JobInfo
from ...models.text_job_request import TextJobRequest
from typing import cast



def _get_kwargs(
    *,
    body: TextJobRequest,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/jobs/text",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorEnvelope | JobInfo | None:
    if response.status_code == 201:
        response_201 = JobInfo.from_dict(response.json())



        return response_201

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())



        return response_400

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())



        return response_404

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorEnvelope | JobInfo]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TextJobRequest,

) -> Response[ErrorEnvelope | JobInfo]:
    """ Start Text Job

     Run a text task over every object under input_uri; results go to output_uri in AWS's layout (pii:
    offsets or redacted documents; topics: topic-terms.csv and doc-topics.csv; classification:
    predictions.jsonl
    from a trained custom classifier, as Comprehend writes them).

    Args:
        body (TextJobRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | JobInfo]
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
    body: TextJobRequest,

) -> ErrorEnvelope | JobInfo | None:
    """ Start Text Job

     Run a text task over every object under input_uri; results go to output_uri in AWS's layout (pii:
    offsets or redacted documents; topics: topic-terms.csv and doc-topics.csv; classification:
    predictions.jsonl
    from a trained custom classifier, as Comprehend writes them).

    Args:
        body (TextJobRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | JobInfo
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TextJobRequest,

) -> Response[ErrorEnvelope | JobInfo]:
    """ Start Text Job

     Run a text task over every object under input_uri; results go to output_uri in AWS's layout (pii:
    offsets or redacted documents; topics: topic-terms.csv and doc-topics.csv; classification:
    predictions.jsonl
    from a trained custom classifier, as Comprehend writes them).

    Args:
        body (TextJobRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | JobInfo]
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
    body: TextJobRequest,

) -> ErrorEnvelope | JobInfo | None:
    """ Start Text Job

     Run a text task over every object under input_uri; results go to output_uri in AWS's layout (pii:
    offsets or redacted documents; topics: topic-terms.csv and doc-topics.csv; classification:
    predictions.jsonl
    from a trained custom classifier, as Comprehend writes them).

    Args:
        body (TextJobRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | JobInfo
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
