from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_envelope import ErrorEnvelope
from ...models.forecast_items import ForecastItems
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    forecast_arn: str,
    limit: int | Unset = 1000,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["forecast_arn"] = forecast_arn

    params["limit"] = limit


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/forecast/items",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorEnvelope | ForecastItems | None:
    if response.status_code == 200:
        response_200 = ForecastItems.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorEnvelope | ForecastItems]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    forecast_arn: str,
    limit: int | Unset = 1000,

) -> Response[ErrorEnvelope | ForecastItems]:
    """ List Forecast Items

     The item ids an ACTIVE forecast covers.

    Args:
        forecast_arn (str):
        limit (int | Unset):  Default: 1000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ForecastItems]
     """


    kwargs = _get_kwargs(
        forecast_arn=forecast_arn,
limit=limit,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    forecast_arn: str,
    limit: int | Unset = 1000,

) -> ErrorEnvelope | ForecastItems | None:
    """ List Forecast Items

     The item ids an ACTIVE forecast covers.

    Args:
        forecast_arn (str):
        limit (int | Unset):  Default: 1000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ForecastItems
     """


    return sync_detailed(
        client=client,
forecast_arn=forecast_arn,
limit=limit,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    forecast_arn: str,
    limit: int | Unset = 1000,

) -> Response[ErrorEnvelope | ForecastItems]:
    """ List Forecast Items

     The item ids an ACTIVE forecast covers.

    Args:
        forecast_arn (str):
        limit (int | Unset):  Default: 1000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ForecastItems]
     """


    kwargs = _get_kwargs(
        forecast_arn=forecast_arn,
limit=limit,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    forecast_arn: str,
    limit: int | Unset = 1000,

) -> ErrorEnvelope | ForecastItems | None:
    """ List Forecast Items

     The item ids an ACTIVE forecast covers.

    Args:
        forecast_arn (str):
        limit (int | Unset):  Default: 1000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ForecastItems
     """


    return (await asyncio_detailed(
        client=client,
forecast_arn=forecast_arn,
limit=limit,

    )).parsed
