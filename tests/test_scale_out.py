"""Two app servers on one PostgreSQL and one Redis: a publish through one shows through the other at once.

Starts two gunicorn instances on different ports against the test database,
with the public pages behind the page cache (factcheck.urls) and the cache
in Redis. Skipped unless the tests run on PostgreSQL and Redis answers.
"""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import Group
from django.db import connection

from factcheck.demo_data import generate_demo_archive
from factcheck.models import Claim, Verdict

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("SCALE_OUT_REDIS_URL", "redis://127.0.0.1:6379/3")


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.skipif(not redis_answers(), reason="needs Redis on 127.0.0.1:6379"),
    pytest.mark.django_db(transaction=True),
]


class Visitor:
    """An HTTP client that keeps its cookies (Secure ones too: these servers speak plain HTTP on 127.0.0.1)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, dict, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.update({name: morsel.value for name, morsel in SimpleCookie(header).items()})
        return response.status, dict(response.headers), response.read().decode()

    def csrf_token(self, path: str) -> str:
        _, _, page = self.request("GET", path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


@pytest.fixture
def servers():
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "scale-out-test-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "FACTCHECK_ORGANIZATION_NAME": "Riverton Fact Check",
        "FACTCHECK_ORGANIZATION_URL": "http://127.0.0.1/",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "REDIS_URL": REDIS_URL,
        "PYTHONPATH": str(ROOT),
    }
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [sys.executable, "-c", "import redis, sys; redis.Redis.from_url(sys.argv[1]).flushdb()", REDIS_URL], check=True
    )
    ports, processes = [], []
    for _ in range(2):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            ports.append(probe.getsockname()[1])
        gunicorn = Path(sys.executable).parent / "gunicorn"
        processes.append(
            subprocess.Popen(
                [str(gunicorn), "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{ports[-1]}", "--workers", "2"],
                cwd=ROOT,
                env={**env, "GUNICORN_LOG_LEVEL": "warning"},
                stdout=subprocess.DEVNULL,
            )
        )
    try:
        for port in ports:
            # Generous: two gunicorns booting on a busy 2-core machine can take most of a minute.
            deadline = time.monotonic() + 120
            while True:
                try:
                    Visitor(port).request("GET", "/healthz")
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
        yield ports
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


def test_a_verdict_published_through_one_server_shows_through_the_other(servers, django_user_model, desk_groups):
    generate_demo_archive(claims=60, seed=5)
    draft = Verdict.objects.filter(claim__status=Claim.Status.IN_REVIEW, published_at=None).first()
    # Hashed as the servers hash (the test settings use a fast hasher they do not know).
    password = PBKDF2PasswordHasher().encode("correct horse battery", "scaleoutsalt")
    editor = django_user_model.objects.create(
        username="dana", password=password, is_staff=True, first_name="Dana", last_name="Okafor"
    )
    editor.groups.add(Group.objects.get(name="Editor"))
    first, second = servers
    reader = Visitor(second)
    page = draft.claim.get_absolute_url()
    reader.request("GET", page)
    _, headers, before = reader.request("GET", page)
    assert headers["X-Page-Cache"] == "hit"
    assert draft.summary not in before

    admin = f"/{settings.ADMIN_PATH}"
    editor_browser = Visitor(first)
    token = editor_browser.csrf_token(f"{admin}login/")
    status, _, _ = editor_browser.request(
        "POST",
        f"{admin}login/",
        {"username": "dana", "password": "correct horse battery", "csrfmiddlewaretoken": token},
    )
    assert status == 302
    # Editors publish from the review screen.
    review = f"{admin}factcheck/verdict/{draft.pk}/review/"
    token = editor_browser.csrf_token(review)
    status, _, _ = editor_browser.request(
        "POST", review, {"csrfmiddlewaretoken": token, "version": draft.version, "_publish": ""}
    )
    assert status == 302
    assert Verdict.objects.get(pk=draft.pk).is_current

    _, headers, after = reader.request("GET", page)
    assert draft.summary in after
    assert headers["X-Page-Cache"] == "miss"
