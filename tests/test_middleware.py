"""A lost database gives readers a 503 page, and the desk recovers when it returns.

The first tests use views that raise, and no database at all: pytest-django
refuses any query from a test not marked for the database, so they also prove
the 503 page never asks the database for anything. The last test kills a
real PostgreSQL connection.
"""

from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.handlers.wsgi import WSGIHandler
from django.db import InterfaceError, OperationalError, connection, connections
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import path

from factcheck import views


def database_gone(request):
    raise OperationalError("terminating connection due to administrator command")


def connection_closed(request):
    raise InterfaceError("connection already closed")


def programming_mistake(request):
    raise ValueError("a bug, not an outage")


def count_users(request):
    return HttpResponse(str(get_user_model().objects.count()))


urlpatterns = [
    path("gone", database_gone),
    path("closed", connection_closed),
    path("bug", programming_mistake),
    path("users", count_users),
    path("readyz", views.readyz),
]

pytestmark = pytest.mark.urls(__name__)


@pytest.mark.parametrize("url", ["/gone", "/closed"])
def test_a_lost_database_connection_gives_a_503_page_not_a_traceback(client, url):
    response = client.get(url)
    assert response.status_code == 503
    page = response.content.decode()
    assert "Back in a moment" in page
    assert "Traceback" not in page
    assert "administrator command" not in page
    assert "already closed" not in page


def test_the_503_page_tells_clients_when_to_retry_and_not_to_cache_it(client):
    response = client.get("/gone")
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]


def test_the_503_page_has_no_inline_script_or_style_for_the_csp_to_block(client):
    page = client.get("/gone").content.decode().lower()
    assert "<script" not in page
    assert "<style" not in page
    assert "style=" not in page


def test_the_outage_is_logged_for_the_operators(client, caplog):
    client.get("/gone")
    assert "Database unavailable while serving GET /gone" in caplog.text


def test_other_errors_are_still_errors(client):
    client.raise_request_exception = False
    assert client.get("/bug").status_code == 500


def wsgi_get(url: str) -> tuple[int, bytes]:
    """GET through Django's real WSGI handler, which (unlike the test client)
    runs the request_started/request_finished signals that close broken and
    expired connections, as gunicorn would."""
    environ = RequestFactory().get(url).environ
    environ["wsgi.input"] = BytesIO()
    statuses = []
    response = WSGIHandler()(environ, lambda status, headers: statuses.append(int(status.split()[0])))
    body = b"".join(response)
    response.close()  # fires request_finished
    return statuses[0], body


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def terminate_from_another_connection(pid: int) -> None:
    """What a database restart or failover does to the desk's connection."""
    administrator = connections.create_connection("default")
    try:
        with administrator.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            assert cursor.fetchone()[0] is True
    finally:
        administrator.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("health_checks", "first_status_after_outage"),
    [(True, 200), (False, 503)],
    ids=["with-connection-health-checks", "without-health-checks"],
)
def test_the_desk_recovers_after_its_postgresql_connection_is_killed(
    monkeypatch, health_checks, first_status_after_outage
):
    """A persistent connection (DATABASE_CONN_MAX_AGE) is killed between two
    requests. With CONN_HEALTH_CHECKS (the production setting) Django notices
    and reconnects before the view runs; without them the next request is a
    503, never a 500, and the one after that works again."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 600)
    monkeypatch.setitem(connection.settings_dict, "CONN_HEALTH_CHECKS", health_checks)
    get_user_model().objects.create_user(username="reader")

    assert wsgi_get("/users") == (200, b"1")
    pid = backend_pid()
    terminate_from_another_connection(pid)

    status, body = wsgi_get("/users")
    assert status == first_status_after_outage
    if status == 503:
        assert b"Back in a moment" in body
    assert wsgi_get("/users") == (200, b"1")
    assert wsgi_get("/readyz")[0] == 200
    assert backend_pid() != pid
