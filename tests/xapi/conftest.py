"""A real LRS for the xAPI tests: Ralph on 127.0.0.1 (a free port), its file-system backend in a
temporary folder, basic auth written with ``ralph auth --write-to-disk``, served by uvicorn
(through ``ralph_server.py``, which lets the file-system backend append: see there).
Started once per test session and stopped at its end; ``ralph.stop()`` / ``ralph.start()``
take it down and bring it back on the same port and data (for the "LRS goes down" tests).

Also a tiny stdlib HTTP stub (``stub_lrs``) whose answers a test sets, for 400 and 5xx.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from simulator.core.loader import ScenarioLoader
from simulator.core.xapi import config as xconfig

ROOT = Path(__file__).resolve().parents[2]
KEY, SECRET = "simulator-ci", "ci-secret-7"
HOME_PAGE = "https://training.example.org"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Ralph:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/xAPI/"
        (folder / "app").mkdir(parents=True)
        (folder / "data").mkdir()
        self.env = {**os.environ,
                    "RALPH_APP_DIR": str(folder / "app"), "RALPH_AUTH_FILE": str(folder / "app" / "auth.json"),
                    "RALPH_RUNSERVER_BACKEND": "fs",
                    "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / "data"),
                    "RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH": str(folder / "data")}
        self.process: subprocess.Popen | None = None
        subprocess.run([sys.executable, "-m", "ralph", "auth", "--username", KEY, "--password", SECRET,
                        "--scope", "all", "--agent-ifi-account", "simulator-ci", HOME_PAGE, "--write-to-disk"],
                       env=self.env, cwd=folder, check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        self.log = open(self.folder / "ralph.log", "ab")
        self.process = subprocess.Popen([sys.executable, str(Path(__file__).with_name("ralph_server.py")),
                                         str(self.port)],
                                        env=self.env, cwd=self.folder, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("Ralph stopped at start: " + (self.folder / "ralph.log").read_text()[-2000:])
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__lbheartbeat__", timeout=1).close()
                return
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        raise RuntimeError("Ralph did not answer within 30 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None
        if getattr(self, "log", None):
            self.log.close()

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def statements(self, **query) -> list[dict]:
        from simulator.core.xapi.client import LrsClient

        return LrsClient(self.url, KEY, SECRET).all_statements(query)


@pytest.fixture(scope="session")
def ralph(tmp_path_factory):
    import importlib.util

    missing = [name for name in ("ralph", "uvicorn", "fastapi", "requests") if importlib.util.find_spec(name) is None]
    if missing:  # pragma: no cover - the test extra installs them
        message = f"Ralph is not installed (missing {', '.join(missing)}): pip install -e '.[test]'"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = Ralph(tmp_path_factory.mktemp("ralph"))
    server.start()
    yield server
    server.stop()
    assert not server.running


@pytest.fixture
def live_ralph(ralph):
    """Ralph, running (a test that stopped it gets it back)."""
    if not ralph.running:
        ralph.start()
    yield ralph
    if not ralph.running:
        ralph.start()


class StubLrs:
    """Answers POST /xAPI/statements with ``status`` for statements whose JSON holds a word in
    ``refuse`` (400), or with ``status_all`` for every request; records what it received."""

    def __init__(self) -> None:
        self.refuse: set[str] = set()
        self.status_all: int | None = None
        self.received: list[list[dict]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _answer(self, status: int, body: object) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if stub.status_all:
                    return self._answer(stub.status_all, {"detail": "stub says no"})
                if self.path.startswith("/xAPI/about"):
                    return self._answer(200, {"version": ["1.0.3"]})
                return self._answer(200, {"statements": [], "more": ""})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if stub.status_all:
                    return self._answer(stub.status_all, {"detail": "stub says no"})
                if any(word in json.dumps(s) for s in body for word in stub.refuse):
                    return self._answer(400, {"detail": "a statement does not validate"})
                stub.received.append(body)
                return self._answer(200, [s["id"] for s in body])

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/xAPI/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def ids(self) -> list[str]:
        return [s["id"] for batch in self.received for s in batch]


@pytest.fixture
def stub_lrs():
    stub = StubLrs()
    yield stub
    stub.close()


def load(name: str):
    result = ScenarioLoader().load(ROOT / "scenarios" / name)
    assert result.scenario is not None, result.diagnostics
    return result.scenario


@pytest.fixture(scope="session")
def luggage():
    result = ScenarioLoader().load(ROOT / "docs" / "examples" / "lost-luggage.yaml")  # the format example
    assert result.scenario is not None, result.diagnostics
    return result.scenario


@pytest.fixture(scope="session")
def breachy():
    return load("cash-withdrawal-queue.yaml")


def opt_in(data_dir: Path, endpoint: str = "http://127.0.0.1:9/xAPI/", **extra) -> xconfig.LrsSettings:
    """Save settings that opt in to sending (the secret goes to a file: no keyring in tests)."""
    settings = xconfig.LrsSettings(enabled=True, endpoint=endpoint, key=KEY, secret=SECRET, home_page=HOME_PAGE,
                                   activity_base="https://training.example.org/scenarios/", **extra)
    xconfig.save(data_dir, settings)
    return settings


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch):
    monkeypatch.setenv("SIMULATOR_NO_KEYRING", "1")
