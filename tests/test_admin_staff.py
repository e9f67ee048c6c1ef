"""A managing editor (a superuser) sets up the desk's people in the admin: each role's account can log in
and be credited by name."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.admin_forms import form_data

PASSWORD = "correct horse battery"


@pytest.fixture
def chief(django_user_model, desk_groups):
    return django_user_model.objects.create_superuser(username="chief", password=PASSWORD)


@pytest.fixture
def new_account(client, chief, django_user_model):
    """An account just made with Users → Add (a username and a password), as the managing editor goes on to
    give it a role on its page."""
    client.force_login(chief)
    client.post(
        reverse("admin:auth_user_add"),
        {"username": "lucia", "usable_password": "true", "password1": PASSWORD, "password2": PASSWORD},
    )
    return django_user_model.objects.get(username="lucia")


def save_account(client, account, **changes):
    page = reverse("admin:auth_user_change", args=[account.pk])
    joined = account.date_joined  # shown as a date and a time, each a field of its own
    split = {"date_joined_0": joined.strftime("%Y-%m-%d"), "date_joined_1": joined.strftime("%H:%M:%S")}
    return client.post(page, form_data(client.get(page), **split, **changes))


def test_a_fact_checker_given_their_role_and_name_can_log_in(client, new_account):
    fact_checkers = Group.objects.get(name="Fact-checker")
    response = save_account(
        client, new_account, first_name="Lucía", last_name="Méndez", is_staff="on", groups=[str(fact_checkers.pk)]
    )
    assert response.status_code == 302
    client.logout()
    client.post(reverse("admin:login"), {"username": "lucia", "password": PASSWORD})
    assert client.get(reverse("admin:factcheck_claim_changelist")).status_code == 200


def test_a_role_given_without_staff_status_is_refused_saying_what_to_tick(client, new_account):
    """Saved without it, the person could not log in, and the login page said only that the password was wrong."""
    editors = Group.objects.get(name="Editor")
    response = save_account(client, new_account, first_name="Oliver", last_name="Kim", groups=[str(editors.pk)])
    assert "Tick “Staff status”: as an editor they log in to the admin to work." in response.text
    new_account.refresh_from_db()
    assert not new_account.groups.exists()


def test_a_role_given_without_a_name_is_refused_since_the_public_pages_credit_it(client, new_account):
    fact_checkers = Group.objects.get(name="Fact-checker")
    response = save_account(client, new_account, first_name="Lucía", is_staff="on", groups=[str(fact_checkers.pk)])
    assert "Give their first and last name: as a fact-checker the public pages credit them by it." in response.text
    new_account.refresh_from_db()
    assert not new_account.is_staff


def test_an_account_with_no_desk_role_needs_neither(client, new_account):
    response = save_account(client, new_account, email="lucia@example.org")
    assert response.status_code == 302
