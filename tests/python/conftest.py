"""Fixtures for the real-client tests: a `moisson` server built by cargo, on a free port,
over a fresh SQLite database loaded with the redistributable fixtures of tests/data."""
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("MOISSON_BIN", ROOT / "target" / "debug" / "moisson"))
ADMIN_TOKEN = "test-admin-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, base: str, db: str, proc: subprocess.Popen):
        self.base, self.db, self.proc = base, db, proc
        self.admin_token = ADMIN_TOKEN


def start_server(tmp: Path, import_paths) -> Server:
    assert BIN.exists(), f"{BIN} is missing: run `cargo build --bin moisson` first (scripts/test does)"
    db = f"sqlite://{tmp / 'moisson.db'}"
    if import_paths:
        subprocess.run([str(BIN), "import", "--database", db, *map(str, import_paths)],
                       check=False, capture_output=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, MOISSON_ADMIN_TOKEN=ADMIN_TOKEN, MOISSON_PUBLIC_URL=base)
    # Logs go to a file: a pipe nobody reads would fill up and block the server.
    log = open(tmp / "server.log", "wb")
    proc = subprocess.Popen([str(BIN), "serve", "--listen", f"127.0.0.1:{port}", "--database", db],
                            env=env, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/ready", timeout=1) as r:
                if r.status == 200:
                    return Server(base, db, proc)
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("moisson did not become ready: " + (tmp / "server.log").read_text(errors="replace"))


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """One server for the session, loaded with tests/data/iso19139 and tests/data/dublin-core."""
    tmp = tmp_path_factory.mktemp("moisson")
    srv = start_server(tmp, [ROOT / "tests" / "data" / "iso19139", ROOT / "tests" / "data" / "dublin-core"])
    yield srv
    srv.proc.terminate()
    srv.proc.wait(timeout=10)
