"""A real PostgreSQL server for the store tests (a pytest plugin: `pytest_plugins = ["conftest_pg"]`).

The server comes from, in order: DETENTE_TEST_PG_URL (a server .ci/run started: an admin URL
whose user may create databases), else the PostgreSQL binaries on this machine (Debian's
`postgresql` package), started here on 127.0.0.1 in a temporary folder for the session. Without
either the PostgreSQL tests are skipped, except when DETENTE_REQUIRE_PG=1 (as in CI), where a
missing server is a failure. Every test gets a new, empty database.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

SKIP_REASON = (
    "no PostgreSQL server: the binaries initdb and pg_ctl are not installed (apt-get install postgresql) "
    "and DETENTE_TEST_PG_URL is not set"
)


def pg_bindir() -> Path | None:
    """Where initdb and pg_ctl are: DETENTE_PG_BIN, Debian's versioned folder, or PATH."""
    candidates = [os.environ.get("DETENTE_PG_BIN", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version, reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).resolve().parent))
    for c in candidates:
        if c and (Path(c) / "initdb").exists() and (Path(c) / "pg_ctl").exists():
            return Path(c)
    return None


def _version(path: str) -> float:
    try:
        return float(Path(path).parent.name)
    except ValueError:
        return 0.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalServer:
    """initdb + pg_ctl in a temporary folder; as root, run as the `postgres` system user."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="detente-pg-"))
        self.port = _free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:  # initdb refuses to run as root
            shutil.chown(self.dir, "postgres", "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, text=True)

    def start(self) -> str:
        data = self.dir / "data"
        self._run(str(self.bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "detente", "-E", "UTF8")
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(self.dir / "log"),
            "-w",
            "start",
        )
        return f"postgresql://detente@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    """An admin URL of a running PostgreSQL server, or a skip (a failure when it is required)."""
    url = os.environ.get("DETENTE_TEST_PG_URL")
    if url:
        yield url
        return
    bindir = pg_bindir()
    if bindir is None:
        if os.environ.get("DETENTE_REQUIRE_PG") == "1":
            pytest.fail(SKIP_REASON + " (DETENTE_REQUIRE_PG=1)")
        pytest.skip(SKIP_REASON)
    server = LocalServer(bindir)
    try:
        url = server.start()
    except subprocess.CalledProcessError as exc:
        server.stop()
        pytest.fail(f"could not start PostgreSQL from {bindir}: {exc.stderr}")
    yield url
    server.stop()


def database_maker(pg_admin_url: str, prefix: str) -> Iterator[Callable[[], str]]:
    """A function making new, empty databases on the server; all dropped when the generator ends."""
    import psycopg

    admin = pg_admin_url.replace("postgresql+psycopg://", "postgresql://")
    made: list[str] = []

    def make() -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return admin.rsplit("/", 1)[0] + f"/{name}"

    yield make
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in made:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def new_pg_database(pg_admin_url: str) -> Iterator[Callable[[], str]]:
    """Make new, empty databases on the session's server; all dropped after the test."""
    yield from database_maker(pg_admin_url, "detente_test")


@pytest.fixture
def pg_url(new_pg_database: Callable[[], str]) -> str:
    """A new, empty database on the session's server; dropped after the test."""
    return new_pg_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on a SQLite file and on a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return str(request.getfixturevalue("pg_url"))
