"""``cirrus jobs ...``: list, show, watch (a live progress bar), stop and start jobs on a running server."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any

import httpx
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

FINAL = ("COMPLETED", "FAILED", "STOPPED")
console = Console()


def _call(args: argparse.Namespace, method: str, path: str, **kw: Any) -> Any:
    try:
        r = httpx.request(method, args.url.rstrip("/") + path, timeout=30, **kw)
    except httpx.HTTPError as exc:
        raise SystemExit(f"cannot reach Cirrus at {args.url}: {exc} (is `cirrus serve` running? see --url)") from None
    if r.status_code >= 400:
        error = r.json().get("error", {}) if r.headers.get("content-type", "").startswith("application/json") else {}
        raise SystemExit(f"error {r.status_code}: {error.get('message', r.text)}")
    return r.json()


def _list(args: argparse.Namespace) -> int:
    """A table on a terminal; tab-separated lines when piped (every field whole, for scripts)."""
    params = {"state": args.state} if args.state else {}
    rows = []
    for job in _call(args, "GET", "/v1/jobs", params=params)["jobs"]:
        progress = f"{job['items_done']}/{job['items_total'] if job['items_total'] is not None else '?'}"
        submitted = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(job["submitted_at"]))
        rows.append((job["id"], job["kind"], job["name"] or "-", job["state"], progress, submitted))
    headers = ("id", "kind", "name", "state", "progress", "submitted")
    if not console.is_terminal:
        print("\n".join("\t".join(row) for row in [headers, *rows]))
        return 0
    table = Table(*headers)
    for row in rows:
        table.add_row(*row)
    console.print(table)
    return 0


def _show(args: argparse.Namespace) -> int:
    print(json.dumps(_call(args, "GET", f"/v1/jobs/{args.id}"), indent=2))
    return 0


def _watch(args: argparse.Namespace, job_id: str | None = None) -> int:
    job_id = job_id or args.id
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        bar = progress.add_task(job_id, total=None)
        while True:
            job = _call(args, "GET", f"/v1/jobs/{job_id}")
            progress.update(bar, total=job["items_total"], completed=job["items_done"],
                            description=f"{job_id[:8]} {job['state']}")
            if job["state"] in FINAL:
                break
            time.sleep(args.interval)
    if job["state"] == "COMPLETED":
        console.print(f"[green]COMPLETED[/] {job['items_done']} items ({job['items_failed']} failed) → {job['output_uri']}")
        return 0
    console.print(f"[red]{job['state']}[/] {job.get('failure_reason') or ''}")
    return 1


def _stop(args: argparse.Namespace) -> int:
    print(_call(args, "POST", f"/v1/jobs/{args.id}/stop")["state"])
    return 0


def _start(args: argparse.Namespace) -> int:
    body = {
        "task": args.task, "input_uri": args.input_uri, "output_uri": args.output_uri,
        "input_format": args.format, "language": args.language, "name": args.name, "client_token": args.client_token,
    }
    job = _call(args, "POST", "/v1/jobs/text", json=body)
    print(job["id"])
    return _watch(args, job["id"]) if args.watch else 0


def add_parser(sub: Any) -> None:
    jobs = sub.add_parser("jobs", help="list, watch, stop and start jobs on a running server")
    jobs.add_argument("--url", default=os.environ.get("CIRRUS_URL", "http://127.0.0.1:8080"), help="the server (CIRRUS_URL)")
    jobs.add_argument("--interval", type=float, default=0.5, help="seconds between polls for watch")
    verbs = jobs.add_subparsers(dest="verb", required=True)
    p = verbs.add_parser("list", help="jobs, newest first")
    p.add_argument("--state", choices=["SUBMITTED", "IN_PROGRESS", "COMPLETED", "FAILED", "STOP_REQUESTED", "STOPPED"])
    p.set_defaults(func=_list)
    for verb, func, text in (("show", _show, "a job as JSON"), ("watch", _watch, "a live progress bar until it ends"),
                             ("stop", _stop, "stop a job")):
        p = verbs.add_parser(verb, help=text)
        p.add_argument("id")
        p.set_defaults(func=func)
    p = verbs.add_parser("start", help="start a text job over a bucket prefix")
    p.add_argument("task", choices=["sentiment", "entities", "key_phrases", "language"])
    p.add_argument("input_uri", help="s3://BUCKET/PREFIX")
    p.add_argument("output_uri", help="s3://BUCKET/PREFIX")
    p.add_argument("--format", choices=["ONE_DOC_PER_FILE", "ONE_DOC_PER_LINE"], default="ONE_DOC_PER_FILE")
    p.add_argument("--language", default="en")
    p.add_argument("--name")
    p.add_argument("--client-token")
    p.add_argument("--watch", action="store_true", help="show a progress bar until the job ends")
    p.set_defaults(func=_start)


def main(argv: list[str]) -> int:  # for `python -m cirrus.jobs_cli`
    parser = argparse.ArgumentParser(prog="cirrus")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
