"""A throwaway PostgreSQL server for tests, from Debian's postgresql package."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def server_binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_postgres() -> Iterator[str]:
    """Start a PostgreSQL server in a fresh folder; yields its SQLAlchemy URL."""
    bindir = server_binaries()
    assert bindir is not None
    # not under pytest's tmp_path: that is private to root, and the server runs as postgres
    folder = Path(tempfile.mkdtemp(prefix="govwatch-pg-"))
    data = folder / "data"
    data.mkdir()
    port = _free_port()
    # the server refuses to run as root: use the package's postgres account then
    as_user: list[str] = []
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        os.chown(folder, account.pw_uid, account.pw_gid)
        os.chown(data, account.pw_uid, account.pw_gid)
        as_user = [shutil.which("runuser") or "runuser", "-u", "postgres", "--"]
    run = lambda *args: subprocess.run(  # noqa: E731
        [*as_user, *args], check=True, capture_output=True, text=True
    )
    run(str(bindir / "initdb"), "-D", str(data), "-U", "govwatch", "--auth=trust", "-E", "UTF8")
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    run(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-l", str(folder / "log"),
        "start")  # fmt: skip
    try:
        yield f"postgresql+psycopg://govwatch@127.0.0.1:{port}/postgres"
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)
