"""The ``cirrus`` command: ``cirrus serve`` runs the gateway, workers and stores in one process."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path


def _serve(args: argparse.Namespace) -> int:
    from models.device import openmp_env

    os.environ.update(openmp_env(dict(os.environ)))  # before torch loads its OpenMP runtime (see models/device.py)
    from cirrus.settings import Settings
    from gateway.app import create_app
    from gateway.server import serve

    if args.config:
        os.environ["CIRRUS_CONFIG_FILE"] = str(args.config)
    overrides = {k: v for k, v in {"host": args.host, "port": args.port, "data_dir": args.data_dir}.items() if v}
    settings = Settings(**overrides)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_app(settings)
    serve(app, settings)
    return 0


def _openapi(args: argparse.Namespace) -> int:
    import json

    from cirrus.settings import Settings
    from gateway.app import create_app

    schema = create_app(Settings()).openapi()
    text = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    if args.output:
        Path(args.output).write_text(text)
    else:
        sys.stdout.write(text)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cirrus", description="Self-hosted AI services behind AWS-compatible APIs.")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the gateway with embedded workers and stores")
    serve.add_argument("--host", help="bind address (default 127.0.0.1, CIRRUS_HOST)")
    serve.add_argument("--port", type=int, help="port (default 8080, CIRRUS_PORT)")
    serve.add_argument("--data-dir", type=Path, help="data directory (default ./data, CIRRUS_DATA_DIR)")
    serve.add_argument("--config", type=Path, help="a TOML settings file (CIRRUS_CONFIG_FILE)")
    serve.set_defaults(func=_serve)
    openapi = sub.add_parser("openapi", help="print the OpenAPI schema without starting a server")
    openapi.add_argument("-o", "--output", help="write to this file")
    openapi.set_defaults(func=_openapi)
    from cirrus.jobs_cli import add_parser as add_jobs

    add_jobs(sub)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
