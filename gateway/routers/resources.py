"""Generic native REST routes over a resource-flow service: list by type, get and delete by ARN.

No ``from __future__ import annotations`` here: the query parameter's type is built per router at run
time, and FastAPI must see it as an object, not a string.
"""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from gateway.routers.responses import ERRORS
from services.resource_schemas import ResourceInfo, ResourceList
from services.resources import ResourceStore

NOT_FOUND = {404: ERRORS[400] | {"description": "No such resource"}, 409: ERRORS[400] | {"description": "In use"}}


def resource_router(prefix: str, tag: str, types: tuple[str, ...], store: Callable[[Request], ResourceStore]) -> APIRouter:
    router = APIRouter(prefix=prefix, tags=[tag], responses={**ERRORS, **NOT_FOUND})
    TypeParam = Annotated[str, Query(description=f"one of {', '.join(types)}", pattern="^(" + "|".join(types) + ")$")]

    @router.get("/resources", name=f"list_{tag}_resources")
    async def list_resources(request: Request, type: TypeParam) -> ResourceList:
        """Resources of one type, oldest first."""
        return ResourceList(resources=[ResourceInfo.of(r) for r in store(request).list(type)])

    @router.get("/resource", name=f"get_{tag}_resource")
    async def get_resource(request: Request, arn: str) -> ResourceInfo:
        """One resource by ARN: status, failure message, parameters and what building produced."""
        return ResourceInfo.of(store(request).get(arn))

    @router.delete("/resource", name=f"delete_{tag}_resource", status_code=204)
    async def delete_resource(request: Request, arn: str) -> None:
        """Delete a resource nothing depends on (409 resource_in_use otherwise)."""
        resource = store(request).get(arn)
        store(request).delete(arn, resource.type)

    return router


def info(resource: Any) -> ResourceInfo:
    return ResourceInfo.of(resource)
