"""Dump the OpenAPI schema from the app (no server) and generate clients/python from it.

    python scripts/generate_client.py          # rewrite clients/openapi.json and clients/python
    python scripts/generate_client.py --check  # exit 1 if either has drifted from the app
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = ROOT / "clients"
SCHEMA = CLIENTS / "openapi.json"
CONFIG = CLIENTS / "openapi-python-client.yaml"
CLIENT = CLIENTS / "python"


def dump_schema() -> str:
    sys.path.insert(0, str(ROOT))
    from cirrus.settings import Settings
    from gateway.app import create_app

    return json.dumps(create_app(Settings()).openapi(), indent=2, sort_keys=True) + "\n"


def generate(schema_path: Path, out: Path) -> None:
    exe = Path(sys.executable).parent / "openapi-python-client"
    cmd = [str(exe) if exe.exists() else "openapi-python-client", "generate", "--path", str(schema_path)]
    cmd += ["--output-path", str(out), "--config", str(CONFIG), "--overwrite"]
    subprocess.run(cmd, check=True, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})


def diff_trees(a: Path, b: Path) -> list[str]:
    cmp = filecmp.dircmp(a, b, ignore=["__pycache__"])
    out = [f"only in committed: {x}" for x in cmp.left_only] + [f"only in generated: {x}" for x in cmp.right_only]
    out += [f"differs: {x}" for x in filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)[1]]
    for sub in cmp.common_dirs:
        out += [f"{sub}/{line}" for line in diff_trees(a / sub, b / sub)]
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    schema = dump_schema()
    if not args.check:
        SCHEMA.write_text(schema)
        generate(SCHEMA, CLIENT)
        print(f"wrote {SCHEMA.relative_to(ROOT)} and {CLIENT.relative_to(ROOT)}/")
        return 0
    problems = []
    if not SCHEMA.exists() or SCHEMA.read_text() != schema:
        problems.append("clients/openapi.json differs from the app's schema")
    with tempfile.TemporaryDirectory() as tmp:
        fresh_schema = Path(tmp) / "openapi.json"
        fresh_schema.write_text(schema)
        generate(fresh_schema, Path(tmp) / "python")
        if not CLIENT.exists():
            problems.append("clients/python is missing")
        else:
            problems += [f"clients/python: {p}" for p in diff_trees(CLIENT, Path(tmp) / "python")]
    if problems:
        print("the client has drifted from the schema; run `make client`:\n  " + "\n  ".join(problems))
        return 1
    print("schema and client are up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
