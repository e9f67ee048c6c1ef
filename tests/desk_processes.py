"""A whole desk in separate processes: a SQLite file, `manage.py` commands, the import worker, a web server.

For tests that need what an in-process test cannot give: a real worker process
to kill and restart, a real web server for the browser. Everything runs on
127.0.0.1 in a temporary folder and is stopped when the test ends.
"""

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Desk:
    """A migrated desk on a SQLite file, and the processes started on it."""

    def __init__(self, folder: Path, **env: str):
        self.database = folder / "desk.sqlite3"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "factcheck.settings",
            "DATABASE_URL": f"sqlite:///{self.database}",
            "FACTCHECK_FETCH_ALLOWED_NETWORKS": "127.0.0.1",
            "PYTHONUNBUFFERED": "1",
            **env,
        }
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.processes: list[subprocess.Popen] = []
        self.logs = folder

    def manage(self, *args: str, timeout: float = 120) -> str:
        """Run a manage.py command to completion; its output, or an AssertionError with it."""
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def python(self, code: str) -> object:
        """Run Python code in a Django shell on this desk; the JSON it prints last, decoded."""
        output = self.manage("shell", "--no-imports", "-c", code)
        return json.loads(output.strip().splitlines()[-1])

    def start(self, *args: str, name: str) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("ab")
        process = subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def start_worker(self, *extra: str) -> subprocess.Popen:
        return self.start(
            "import_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2", *extra, name="worker"
        )

    def start_web(self, port: int) -> subprocess.Popen:
        process = self.start("runserver", "--noreload", f"127.0.0.1:{port}", name="web")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return process
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"the web server did not start: {(self.logs / 'web.log').read_text()}")

    def query(self, sql: str, *params) -> list[tuple]:
        with sqlite3.connect(self.database, timeout=20) as connection:
            return connection.execute(sql, params).fetchall()

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
