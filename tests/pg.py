"""A throwaway PostgreSQL cluster for tests (Debian's postgresql; `make test` installs it when missing)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager


def pg_bin(name: str) -> str | None:
    found = shutil.which(name) or sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found if isinstance(found, str) else (found[-1] if found else None)


class PostgresCluster:
    """A cluster in a temporary folder on a free loopback port, which a test may stop and start again."""

    def __init__(self) -> None:
        initdb, pg_ctl = pg_bin("initdb"), pg_bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql); `make test` installs it")
        self.pg_ctl = pg_ctl
        self.root = tempfile.mkdtemp(prefix="cirrus-pg-")
        self.data = os.path.join(self.root, "data")
        self.as_user: list[str] = []
        if os.geteuid() == 0:  # postgres refuses to run as root
            shutil.chown(self.root, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        subprocess.run([*self.as_user, initdb, "-D", self.data, "-A", "trust", "-U", "postgres"], check=True,
                       capture_output=True)
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        opts = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run([*self.as_user, self.pg_ctl, "-D", self.data, "-o", opts, "-l", os.path.join(self.root, "log"),
                        "-w", "start"], check=True, capture_output=True)
        import sqlalchemy as sa

        deadline = time.monotonic() + 30
        while True:
            try:
                with sa.create_engine(self.url).connect():
                    return
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self, mode: str = "immediate") -> None:
        subprocess.run([*self.as_user, self.pg_ctl, "-D", self.data, "-m", mode, "stop"], capture_output=True)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


@contextmanager
def running_postgres() -> Iterator[PostgresCluster]:
    cluster = PostgresCluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.remove()


@contextmanager
def postgres_cluster() -> Iterator[str]:
    """Start a cluster on a free loopback port; yield its SQLAlchemy URL; remove it afterwards."""
    with running_postgres() as cluster:
        yield cluster.url
