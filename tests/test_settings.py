import os
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


@pytest.mark.parametrize("value", ["maybe", "2", "yes please"])
def test_a_misspelt_debug_flag_is_an_error_not_a_guess(value):
    result = run_with({"DJANGO_DEBUG": value})
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be 1 or 0" in result.stderr


def test_development_needs_nothing_set():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    result = subprocess.run(CHECK, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
