"""gunicorn.conf.py: the production server's settings, and a real start with them."""

import os
import runpy
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CONF = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"
GUNICORN = Path(sys.executable).with_name("gunicorn")


def conf_under(monkeypatch, **env):
    for name in ("GUNICORN_WORKERS", "GUNICORN_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))


def test_gunicorn_runs_two_workers_per_core_and_one_with_a_timeout_and_an_access_log_by_default(monkeypatch):
    monkeypatch.setattr(os, "process_cpu_count", lambda: 2)
    conf = conf_under(monkeypatch)
    assert conf["workers"] == 5
    assert conf["timeout"] == 30
    assert conf["accesslog"] == "-"


def test_gunicorn_workers_and_timeout_come_from_the_environment(monkeypatch):
    conf = conf_under(monkeypatch, GUNICORN_WORKERS="5", GUNICORN_TIMEOUT="12")
    assert (conf["workers"], conf["timeout"]) == (5, 12)


def test_a_misspelt_number_of_workers_is_named_at_start(monkeypatch):
    with pytest.raises(ValueError, match="GUNICORN_WORKERS must be a whole number, not 'four'"):
        conf_under(monkeypatch, GUNICORN_WORKERS="four")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed next to this Python")
def test_gunicorn_serves_the_desk_with_production_settings(tmp_path):
    """What `make run-prod` ends with, on plain http as in a local trial."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "k3y-" + "z9Q!x7#Lp2@w" * 6,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "FACTCHECK_ORGANIZATION_NAME": "Riverton Fact Check",
        "FACTCHECK_ORGANIZATION_URL": f"http://127.0.0.1:{port}/",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'trial.sqlite3'}",
        "GUNICORN_WORKERS": "1",
    }
    server = subprocess.Popen(
        [str(GUNICORN), "--config", str(CONF), "--bind", f"127.0.0.1:{port}"],
        cwd=CONF.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        assert response.status == 200
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    finally:
        server.terminate()
        log, _ = server.communicate(timeout=30)
    assert '"GET /healthz HTTP/1.1" 200' in log
