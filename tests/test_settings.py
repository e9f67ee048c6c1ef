import json
import os
import re
import subprocess
import sys

import pytest

CHECK = [sys.executable, "manage.py", "check"]


def run_with(env):
    return subprocess.run(CHECK, env={**os.environ, **env}, capture_output=True, text=True, timeout=60)


def test_production_refuses_to_start_without_a_secret_key():
    result = run_with({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "", "DJANGO_ALLOWED_HOSTS": "desk.example"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_with({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": ""})
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


PRODUCTION_BASICS = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "desk.example"}
ORGANIZATION = {
    "FACTCHECK_ORGANIZATION_NAME": "Riverton Fact Check",
    "FACTCHECK_ORGANIZATION_URL": "https://desk.example/",
}


@pytest.mark.parametrize(
    ("missing", "value"),
    [
        ("FACTCHECK_ORGANIZATION_NAME", ""),
        ("FACTCHECK_ORGANIZATION_NAME", "Factcheck desk"),  # the development default
        ("FACTCHECK_ORGANIZATION_URL", ""),
        ("FACTCHECK_ORGANIZATION_URL", "http://127.0.0.1:8000/"),  # the development default
    ],
)
def test_production_refuses_to_start_as_the_default_organisation(missing, value):
    result = run_with({**PRODUCTION_BASICS, **ORGANIZATION, missing: value})
    assert result.returncode != 0
    assert f"DJANGO_DEBUG=0 needs {missing}" in result.stderr


def test_production_starts_with_its_own_organisation():
    result = run_with({**PRODUCTION_BASICS, **ORGANIZATION})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "url",
    ["desk.example", "ftp://desk.example/", "https://", "https://desk.example/?x=1", "https://desk.example/news/"],
)
def test_an_organisation_url_that_is_not_the_site_root_is_an_error(url):
    result = run_with({"FACTCHECK_ORGANIZATION_URL": url})
    assert result.returncode != 0
    assert "FACTCHECK_ORGANIZATION_URL must be" in result.stderr


def test_a_social_handle_must_look_like_one():
    result = run_with({"FACTCHECK_ORGANIZATION_SOCIAL_HANDLE": "not a handle"})
    assert result.returncode != 0
    assert "FACTCHECK_ORGANIZATION_SOCIAL_HANDLE" in result.stderr


@pytest.mark.parametrize("value", ["maybe", "2", "yes please"])
def test_a_misspelt_debug_flag_is_an_error_not_a_guess(value):
    result = run_with({"DJANGO_DEBUG": value})
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be 1 or 0" in result.stderr


def test_a_log_level_is_read_in_any_case_and_a_misspelt_one_is_named():
    assert run_with({"DJANGO_LOG_LEVEL": "info"}).returncode == 0
    result = run_with({"DJANGO_LOG_LEVEL": "LOUD"})
    assert result.returncode != 0
    assert "DJANGO_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not 'LOUD'" in result.stderr


def test_development_needs_nothing_set():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    result = subprocess.run(CHECK, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


# A production environment as an operator would set it: DEBUG off, a real key,
# the site's host name, the shared cache. Everything else is left to the
# settings' defaults.
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k3y-" + "z9Q!x7#Lp2@w" * 6,
    "DJANGO_ALLOWED_HOSTS": "desk.example",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "FACTCHECK_ORGANIZATION_NAME": "Riverton Fact Check",
    "FACTCHECK_ORGANIZATION_URL": "https://desk.example/",
}

# Asks the desk, started with the given environment, for one page and prints
# its status and headers as JSON. /healthz needs neither the database nor the
# collected static files, so only the settings are under test.
FETCH = """
import json, sys
import django
django.setup()
from django.test import Client
from django.urls import reverse
path, secure, extra = sys.argv[1], sys.argv[2] == "https", json.loads(sys.argv[3])
response = Client().get(path, secure=secure, headers={"host": "desk.example", **extra})
print(json.dumps({"status": response.status_code, "headers": dict(response.headers),
                  "admin": reverse("admin:index")}))
"""

SETTING = """
import json, sys
import django
django.setup()
from django.conf import settings
print(json.dumps({name: getattr(settings, name) for name in sys.argv[1:]}))
"""


def outside_django():
    """This process's environment without its DJANGO_* variables: other test
    modules set some (DJANGO_ALLOW_ASYNC_UNSAFE for Playwright) that a real
    deployment would not have."""
    return {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}


def run_python(code, *args, env):
    """Run code in a fresh interpreter under env; return what it printed last, as JSON."""
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        env={**outside_django(), "DJANGO_SETTINGS_MODULE": "factcheck.settings", "PYTHONPATH": ".", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def fetch(path, env, *, scheme="https", headers=None):
    return run_python(FETCH, path, scheme, json.dumps(headers or {}), env=env)


def settings_under(env, *names):
    return run_python(SETTING, *names, env=env)


def parse_policy(header):
    """A Content-Security-Policy header as {directive: [values]}."""
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {name: values for name, *values in directives}


def test_production_passes_the_deploy_check_with_no_warning():
    result = subprocess.run(
        [*CHECK, "--deploy", "--fail-level", "WARNING"],
        env={**outside_django(), **PRODUCTION},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_warns_of_production_without_a_shared_cache():
    """Without Redis each gunicorn worker and the import worker cache pages on their own: a publish through one
    is missing from the others' cached pages for minutes."""
    without_redis = {name: value for name, value in PRODUCTION.items() if name != "REDIS_URL"}
    result = subprocess.run(
        [*CHECK, "--deploy", "--fail-level", "WARNING"],
        env={**outside_django(), **without_redis},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "REDIS_URL is not set" in result.stdout + result.stderr


def test_production_redirects_plain_http_to_https():
    response = fetch("/favicon.ico", PRODUCTION, scheme="http")
    assert response["status"] == 301
    assert response["headers"]["Location"] == "https://desk.example/favicon.ico"


def test_production_tells_browsers_to_use_https_for_a_year_subdomains_included():
    response = fetch("/healthz", PRODUCTION)
    assert response["status"] == 200
    assert response["headers"]["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_hsts_duration_and_preload_come_from_the_environment():
    env = {**PRODUCTION, "DJANGO_SECURE_HSTS_SECONDS": "600", "DJANGO_SECURE_HSTS_PRELOAD": "0"}
    response = fetch("/healthz", env)
    assert response["headers"]["Strict-Transport-Security"] == "max-age=600; includeSubDomains"


def test_production_pages_forbid_framing_and_leaking_the_referrer_and_opener():
    headers = fetch("/favicon.ico", PRODUCTION)["headers"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_ssl_redirect_can_be_switched_off_to_try_production_on_plain_http():
    response = fetch("/healthz", {**PRODUCTION, "DJANGO_SECURE_SSL_REDIRECT": "0"}, scheme="http")
    assert response["status"] == 200


def test_behind_a_tls_proxy_its_forwarded_proto_header_counts_as_https():
    env = {**PRODUCTION, "DJANGO_SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https"}
    forwarded = fetch("/favicon.ico", env, scheme="http", headers={"x-forwarded-proto": "https"})
    assert forwarded["status"] == 200
    assert "Strict-Transport-Security" in forwarded["headers"]
    not_forwarded = fetch("/favicon.ico", env, scheme="http")
    assert not_forwarded["status"] == 301


def test_a_load_balancer_probing_an_instance_by_address_over_plain_http_learns_its_health(tmp_path):
    """A load balancer probes each app server itself: by its address, over http, without X-Forwarded-Proto.
    The host check answered such a probe 400 and the HTTPS redirect 301, whatever the database's state."""
    env = {
        **PRODUCTION,
        "DJANGO_SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
        "REDIS_URL": "",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'desk.sqlite3'}",
    }
    probe = {"host": "10.0.0.5:8000"}
    assert fetch("/healthz", env, scheme="http", headers=probe)["status"] == 200
    ready = fetch("/readyz", env, scheme="http", headers=probe)
    assert ready["status"] == 200
    assert "frame-ancestors 'none'" in ready["headers"]["Content-Security-Policy"], "headers as on every page"
    database_gone = {**env, "DATABASE_URL": "postgres://desk@127.0.0.1:9/desk"}
    assert fetch("/readyz", database_gone, scheme="http", headers=probe)["status"] == 503


@pytest.mark.parametrize(
    "value", ["X-Forwarded-Proto", "HTTP_X_FORWARDED_PROTO,https,extra", "X_FORWARDED_PROTO,https"]
)
def test_a_malformed_proxy_ssl_header_is_an_error(value):
    result = run_with({**PRODUCTION, "DJANGO_SECURE_PROXY_SSL_HEADER": value})
    assert result.returncode != 0
    assert "DJANGO_SECURE_PROXY_SSL_HEADER must be" in result.stderr


def test_production_cookies_travel_only_over_https_and_stay_out_of_javascript():
    cookies = settings_under(
        PRODUCTION, "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY"
    )
    assert cookies == dict.fromkeys(cookies, True)


def test_development_cookies_work_on_plain_http():
    cookies = settings_under({"DJANGO_DEBUG": "1"}, "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE")
    assert cookies == {"SESSION_COOKIE_SECURE": False, "CSRF_COOKIE_SECURE": False}


def test_the_admin_lives_at_the_path_from_the_environment():
    env = {"DJANGO_ADMIN_PATH": "newsroom-back-office", "DJANGO_ALLOWED_HOSTS": "desk.example"}
    moved = fetch("/newsroom-back-office/login/", env)
    assert moved["admin"] == "/newsroom-back-office/"
    assert moved["status"] == 200
    assert fetch("/admin/login/", env)["status"] == 404


def test_an_empty_admin_path_is_an_error():
    result = run_with({"DJANGO_ADMIN_PATH": "/"})
    assert result.returncode != 0
    assert "DJANGO_ADMIN_PATH" in result.stderr


def test_every_page_carries_the_content_security_policy(client):
    policy = parse_policy(client.get("/healthz").headers["Content-Security-Policy"])
    assert policy == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }


def test_production_has_the_same_content_security_policy_as_development(client):
    production = fetch("/healthz", PRODUCTION)["headers"]["Content-Security-Policy"]
    assert production == client.get("/healthz").headers["Content-Security-Policy"]


def test_scripts_a_page_marks_with_the_nonce_are_allowed_by_the_policy(client):
    first = client.get("/admin/login/")
    policy = parse_policy(first.headers["Content-Security-Policy"])
    nonces = set(re.findall(r'<script[^>]* nonce="([^"]+)"', first.content.decode()))
    assert len(nonces) == 1
    assert policy["script-src"] == ["'self'", f"'nonce-{nonces.pop()}'"]
    second = parse_policy(client.get("/admin/login/").headers["Content-Security-Policy"])
    assert second["script-src"] != policy["script-src"], "a nonce must never be reused"


def test_solo_corrections_are_off_unless_switched_on_and_a_misspelling_is_an_error():
    from django.conf import settings

    assert settings.FACTCHECK_SOLO_CORRECTIONS is False
    result = run_with({"FACTCHECK_SOLO_CORRECTIONS": "sometimes"})
    assert result.returncode != 0
    assert "FACTCHECK_SOLO_CORRECTIONS" in result.stderr


def test_the_organisation_url_is_kept_as_the_site_root_with_a_slash():
    found = settings_under(
        {**PRODUCTION, "FACTCHECK_ORGANIZATION_URL": "https://desk.example"}, "FACTCHECK_ORGANIZATION"
    )
    assert found["FACTCHECK_ORGANIZATION"]["url"] == "https://desk.example/"
    assert found["FACTCHECK_ORGANIZATION"]["name"] == "Riverton Fact Check"


# What `make run` sets: the desk without debug pages, tried over plain http on this machine.
LOCAL_TRIAL = {"DJANGO_DEBUG": "0", "DJANGO_LOCAL_TRIAL": "1", "DJANGO_SECRET_KEY": "t" * 60}


def test_a_local_trial_runs_without_debug_pages_on_plain_http():
    values = settings_under(
        LOCAL_TRIAL,
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "WHITENOISE_USE_FINDERS",
    )
    assert values == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "WHITENOISE_USE_FINDERS": True,
    }


# Serves a static file in the desk started with the given environment and no collected static files.
STATIC_FILE = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.test import Client
settings.STATIC_ROOT = sys.argv[1]
response = Client().get("/static/factcheck/desk.css", headers={"host": "localhost"})
print(json.dumps({"status": response.status_code}))
"""


def test_a_local_trial_serves_static_files_without_warning_that_none_were_collected(tmp_path):
    """`make run` never runs collectstatic; it warned "No directory at: staticfiles/" at every start."""
    result = subprocess.run(
        [sys.executable, "-c", STATIC_FILE, str(tmp_path / "staticfiles")],
        env={**outside_django(), "DJANGO_SETTINGS_MODULE": "factcheck.settings", "PYTHONPATH": ".", **LOCAL_TRIAL},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert json.loads(result.stdout.splitlines()[-1]) == {"status": 200}, result.stderr
    assert "No directory at" not in result.stderr


def test_a_mistyped_address_in_a_local_trial_gets_the_desks_own_404_page():
    env = {**LOCAL_TRIAL, "DJANGO_ALLOWED_HOSTS": "localhost"}
    code = FETCH.replace('"host": "desk.example"', '"host": "localhost"').replace(
        '"admin": reverse("admin:index")', '"admin": reverse("admin:index"), "body": response.content.decode()'
    )
    response = run_python(code, "/no-such-page/", "http", "{}", env=env)
    assert response["status"] == 404
    assert "<h1>Page not found</h1>" in response["body"]
    assert "Traceback" not in response["body"]
    assert "URLconf" not in response["body"], "never Django's debug page"


def test_a_local_trial_refuses_to_serve_a_host_other_than_this_machine():
    result = run_with({**LOCAL_TRIAL, "DJANGO_ALLOWED_HOSTS": "desk.example"})
    assert result.returncode != 0
    assert "DJANGO_LOCAL_TRIAL serves over plain http, for this machine only" in result.stderr


def test_a_local_trial_still_needs_a_real_secret_key():
    result = run_with({**LOCAL_TRIAL, "DJANGO_SECRET_KEY": ""})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


# Reads the intake generation (the one an import bumps), after bumping it when asked to, and prints it.
INTAKE_GENERATION = """
import json, sys
import django
django.setup()
from factcheck import cache
if sys.argv[1:] == ["bump"]:
    cache.bump_intake_generation()
print(json.dumps(cache.intake_generation()))
"""


def test_in_a_local_trial_an_article_the_worker_imports_makes_the_sites_pages_stale():
    """`make run` is two processes and no Redis: the site's cached pages must see the worker's changes."""
    site_sees = run_python(INTAKE_GENERATION, env=LOCAL_TRIAL)
    run_python(INTAKE_GENERATION, "bump", env=LOCAL_TRIAL)  # the import worker saves an article
    assert run_python(INTAKE_GENERATION, env=LOCAL_TRIAL) == site_sees + 1


def test_make_run_serves_as_a_local_trial():
    from pathlib import Path

    recipe = Path("Makefile").read_text().split("\nrun:")[1].split("\nworker:")[0]
    assert "DJANGO_DEBUG=0 DJANGO_LOCAL_TRIAL=1" in recipe


@pytest.mark.parametrize("url", ["127.0.0.1:6379", "http://127.0.0.1:6379/0", "redis.internal:6379/0"])
def test_a_redis_address_without_its_scheme_is_refused_at_start_without_repeating_it(url):
    """Read only at the first request, it failed every page and /readyz with a server error instead."""
    result = run_with({**PRODUCTION, "REDIS_URL": url})
    assert result.returncode != 0
    assert "REDIS_URL must start with redis://, rediss:// or unix://" in result.stderr
    assert url not in result.stderr, "a Redis address may hold a password"


def test_the_redis_cache_waits_a_bounded_time_and_backs_off_after_a_failure():
    """Without timeouts a hung Redis would hold every worker until gunicorn killed it."""
    code = "import json; from django.conf import settings; print(json.dumps(settings.CACHES['default']))"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        env={**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/0", "REDIS_TIMEOUT_MS": "300"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    cache = json.loads(result.stdout.strip().splitlines()[-1])
    assert cache["BACKEND"] == "factcheck.cache.RedisCache"
    assert cache["OPTIONS"] == {"socket_connect_timeout": 0.3, "socket_timeout": 0.3}
    assert cache["RETRY_SECONDS"] == 2
