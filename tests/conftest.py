"""The shared cast: an anonymous reader, two fact-checkers and an editor.

Like healthchecks' alice, bob and charlie, they are made once per test (cheap
on an in-memory database) and named for their role.
"""

import pytest
from django.contrib.auth.models import Group


def _staff(django_user_model, username, role):
    user = django_user_model.objects.create_user(username=username, password="correct horse battery", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.fixture
def fact_checker(django_user_model):
    return _staff(django_user_model, "alice", "Fact-checker")


@pytest.fixture
def second_fact_checker(django_user_model):
    return _staff(django_user_model, "bob", "Fact-checker")


@pytest.fixture
def editor(django_user_model):
    return _staff(django_user_model, "charlie", "Editor")


@pytest.fixture
def second_editor(django_user_model):
    return _staff(django_user_model, "dana", "Editor")
