"""Getting into the admin: password guessing is locked out.

Logins go through the admin's real login form, as an attacker's would. That
the admin works under the Content-Security-Policy is tested in a browser:
tests/browser/test_admin_csp_browser.py.
"""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

PASSWORD = "correct horse battery"
ATTACKER = "203.0.113.66"
NEWSROOM = "198.51.100.7"


def log_in(client, username, password, *, address):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


def guess_wrong(client, username, times, *, address=ATTACKER):
    return [log_in(client, username, f"guess {n}", address=address).status_code for n in range(times)]


def is_logged_in(client):
    return "_auth_user_id" in client.session


def test_a_wrong_password_shows_the_form_again(client, editor):
    response = log_in(client, "charlie", "not it", address=ATTACKER)
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.content.decode()
    assert not is_logged_in(client)


def test_repeated_wrong_passwords_lock_the_guesser_out(client, editor):
    limit = settings.AXES_FAILURE_LIMIT
    statuses = guess_wrong(client, "charlie", limit)
    assert statuses == [200] * (limit - 1) + [429]
    assert "too many login attempts" in log_in(client, "charlie", "again", address=ATTACKER).content.decode()


def test_a_locked_out_guesser_cannot_log_in_even_with_the_right_password(client, editor):
    guess_wrong(client, "charlie", settings.AXES_FAILURE_LIMIT)
    response = log_in(client, "charlie", PASSWORD, address=ATTACKER)
    assert response.status_code == 429
    assert not is_logged_in(client)


def test_the_editor_being_guessed_at_can_still_log_in_from_the_newsroom(client, editor):
    guess_wrong(client, "charlie", settings.AXES_FAILURE_LIMIT)
    response = log_in(client, "charlie", PASSWORD, address=NEWSROOM)
    assert response.status_code == 302
    assert is_logged_in(client)


def test_failures_for_one_user_do_not_lock_out_another_user_at_the_same_address(client, editor, fact_checker):
    guess_wrong(client, "charlie", settings.AXES_FAILURE_LIMIT)
    response = log_in(client, "alice", PASSWORD, address=ATTACKER)
    assert response.status_code == 302


def test_a_lockout_ends_after_the_cooloff(client, editor):
    guess_wrong(client, "charlie", settings.AXES_FAILURE_LIMIT)
    # The cool-off is counted from the last failure, so moving that back in
    # time is the same as waiting.
    last_failure = AccessAttempt.objects.get().attempt_time
    AccessAttempt.objects.update(attempt_time=last_failure - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    response = log_in(client, "charlie", PASSWORD, address=ATTACKER)
    assert response.status_code == 302


def test_a_successful_login_forgets_earlier_failures(client, editor):
    limit = settings.AXES_FAILURE_LIMIT
    guess_wrong(client, "charlie", limit - 1, address=NEWSROOM)
    assert log_in(client, "charlie", PASSWORD, address=NEWSROOM).status_code == 302
    client.logout()
    assert guess_wrong(client, "charlie", limit - 1, address=NEWSROOM) == [200] * (limit - 1)
    assert log_in(client, "charlie", PASSWORD, address=NEWSROOM).status_code == 302


def test_the_lockout_is_recorded_for_the_desk_to_see(client, editor):
    guess_wrong(client, "charlie", settings.AXES_FAILURE_LIMIT)
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address) == ("charlie", ATTACKER)
    assert attempt.failures_since_start == settings.AXES_FAILURE_LIMIT


PROXY = "10.0.0.2"


def log_in_through_proxy(client, username, password, *, forwarded_for):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_a_proxy_the_lockout_follows_the_real_client_not_the_proxy(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in_through_proxy(client, "charlie", f"guess {n}", forwarded_for=ATTACKER)
    assert log_in_through_proxy(client, "charlie", PASSWORD, forwarded_for=ATTACKER).status_code == 429
    assert log_in_through_proxy(client, "charlie", PASSWORD, forwarded_for=NEWSROOM).status_code == 302


def test_a_forged_forwarded_for_entry_does_not_escape_the_lockout(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The attacker makes up the left part; the proxy appends the real address.
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in_through_proxy(client, "charlie", f"guess {n}", forwarded_for=f"192.0.2.{n}, {ATTACKER}")
    response = log_in_through_proxy(client, "charlie", PASSWORD, forwarded_for=f"{NEWSROOM}, {ATTACKER}")
    assert response.status_code == 429


def test_without_a_trusted_proxy_forwarded_for_is_ignored(client, editor):
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("admin:login"),
            {"username": "charlie", "password": f"guess {n}"},
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    assert log_in(client, "charlie", PASSWORD, address=ATTACKER).status_code == 429


def test_a_login_whose_next_points_off_the_site_lands_on_the_admin_front_page(client, editor):
    for unsafe in ("https://evil.example/", "//evil.example/admin/", "javascript:alert(1)"):
        client.logout()
        response = client.post(
            reverse("admin:login"),
            {"username": "charlie", "password": PASSWORD, "next": unsafe},
            REMOTE_ADDR=NEWSROOM,
        )
        assert response.status_code == 302
        assert response.url == reverse("admin:index")
        assert client.get(response.url).status_code == 200
