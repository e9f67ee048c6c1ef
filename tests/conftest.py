"""The shared cast: an anonymous reader, two fact-checkers and an editor.

Like healthchecks' alice, bob and charlie, they are made once per test (cheap
on an in-memory database) and named for their role.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from model_bakery import baker


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Production-strength PBKDF2 costs about a second per user made; the tests check roles, not hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def claim_indexes_start_empty(settings):
    """Each test's claim-matching indexes are built from its own claims, in the foreground."""
    from factcheck import repeats

    settings.FACTCHECK_MATCHING_BACKGROUND = False
    settings.FACTCHECK_MATCHING_CHECK_SECONDS = 0
    for index in (repeats.published_claims, repeats.desk_claims, repeats.unchecked_claims):
        index.forget()


@pytest.fixture(scope="session")
def role_permissions(django_db_setup, django_db_blocker) -> dict[str, list[str]]:
    """Each role's permissions (codenames) as the migrations granted them, read once from the test database."""
    with django_db_blocker.unblock():
        return {group.name: list(group.permissions.values_list("codename", flat=True)) for group in Group.objects.all()}


@pytest.fixture
def desk_groups(db, role_permissions):
    """The Fact-checker and Editor groups with the permissions the migrations grant.

    A transactional test (live_server, the browser tests) empties every table when it
    ends; Django recreates the permissions but not the groups' grants, so every test
    that relies on a role gets them back here.
    """
    assert set(role_permissions) >= {"Fact-checker", "Editor"}, "the migrations made no desk roles"
    for name, codenames in role_permissions.items():
        permissions = Permission.objects.filter(content_type__app_label="factcheck", codename__in=codenames)
        assert len(permissions) == len(codenames), f"permissions missing for {name}"
        Group.objects.get_or_create(name=name)[0].permissions.set(permissions)


def _staff(django_user_model, username, role, name):
    first_name, last_name = name.split()
    user = django_user_model.objects.create_user(
        username=username,
        password="correct horse battery",
        is_staff=True,
        first_name=first_name,
        last_name=last_name,
    )
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.fixture
def fact_checker(django_user_model, desk_groups):
    return _staff(django_user_model, "alice", "Fact-checker", "Alice Adeyemi")


@pytest.fixture
def second_fact_checker(django_user_model, desk_groups):
    return _staff(django_user_model, "bob", "Fact-checker", "Bob Brennan")


@pytest.fixture
def editor(django_user_model, desk_groups):
    return _staff(django_user_model, "charlie", "Editor", "Charlie Castillo")


@pytest.fixture
def second_editor(django_user_model, desk_groups):
    return _staff(django_user_model, "dana", "Editor", "Dana Dvořák")


@pytest.fixture
def new_claim(db):
    """A claim fresh from an import, with its article."""
    return baker.make(
        "factcheck.Claim",
        text="Unemployment fell to 3.9% in March.",
        context="The minister said unemployment fell to 3.9% in March, the lowest in a decade.",
        checkworthiness=0.8,
        article=baker.make("factcheck.Article", title="Jobs report", body="Unemployment fell to 3.9% in March."),
    )


@pytest.fixture
def written_verdict(new_claim, fact_checker):
    """A complete draft verdict by the fact-checker: rating, summary, explanation and one source."""
    verdict = baker.make(
        "factcheck.Verdict",
        claim=new_claim,
        author=fact_checker,
        rating="mostly_true",
        summary="Close: the figure was 4.0%.",
        explanation="The statistics office reported 4.0% for March.",
    )
    baker.make("factcheck.Source", verdict=verdict, url="https://stats.example/march", title="Labour market, March")
    # Part of the research: the claimant checked (here, the article's own assertion).
    new_claim.confirm_attribution(by=fact_checker, claimant=None, quotation="")
    return verdict


@pytest.fixture
def submitted_verdict(written_verdict, fact_checker):
    """The written verdict after research, waiting for an editor's review."""
    written_verdict.claim.start_research(by=fact_checker)
    written_verdict.submit_for_review(by=fact_checker)
    return written_verdict


@pytest.fixture
def published_verdict(submitted_verdict, editor):
    """The written verdict, reviewed and published by the editor."""
    submitted_verdict.publish(by=editor)
    return submitted_verdict


ORGANIZATION = {"name": "Factcheck desk", "url": "https://factcheck.example/", "social_handle": ""}


@pytest.fixture(autouse=True)
def organization(settings):
    """The desk's public address differs from the test client's host, so a test can tell which one a URL used."""
    settings.FACTCHECK_ORGANIZATION = dict(ORGANIZATION)
    return settings.FACTCHECK_ORGANIZATION


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts with no cached pages: the page cache outlives the rolled-back test database."""
    from django.core.cache import cache

    cache.clear()


# Sentences of every kind, some of which any model scores as uncertain.
VARIED_SENTENCES = [
    "Annual inflation slowed to 2.7% in October from 3.1% in September, the statistics office said.",
    "Wow, what a day!",
    "Formal membership is off the table.",
    "Putin hinted at freezing the battle lines elsewhere.",
    "Russia is still hitting energy infrastructure.",
    "The council says the new lanes will be finished next spring.",
    "Steve Witkoff and Jared Kushner were there, representing the White House.",
    "Ukraine's constitution literally forbids ceding land.",
    "Most residents we spoke to were unhappy with the plan.",
    "The company expects to hire more staff later this year.",
]


@pytest.fixture
def varied_sentences() -> list[str]:
    return list(VARIED_SENTENCES)


@pytest.fixture(scope="session")
def trained_with_meaning():
    """A model with the meaning cascade, trained on the desk's news sentences only (a few seconds)."""
    from factcheck import checkworthiness
    from factcheck.extraction import scoring

    return scoring.Model(checkworthiness.train(checkworthiness.read_news(), meaning=True).data)


@pytest.fixture
def model_with_meaning(trained_with_meaning, monkeypatch):
    """The desk scores with `trained_with_meaning` for the length of the test."""
    from factcheck.admin import claims as claim_admin
    from factcheck.extraction import scoring

    monkeypatch.setattr(scoring, "model", lambda: trained_with_meaning)
    monkeypatch.setattr(claim_admin, "scoring_model", lambda: trained_with_meaning)
    return trained_with_meaning


@pytest.fixture
def uncertain_sentence(model_with_meaning) -> str:
    """One of `VARIED_SENTENCES` whose wording score that model finds uncertain (so it is embedded)."""
    found = [s for s in VARIED_SENTENCES if model_with_meaning.uncertain(model_with_meaning.wording.logit(s))]
    assert found, "no uncertain sentence among VARIED_SENTENCES for this model"
    return found[0]


@pytest.fixture
def certain_sentence(model_with_meaning) -> str:
    """One of `VARIED_SENTENCES` whose wording score alone decides (it is never embedded)."""
    found = [s for s in VARIED_SENTENCES if not model_with_meaning.uncertain(model_with_meaning.wording.logit(s))]
    assert found, "no certain sentence among VARIED_SENTENCES for this model"
    return found[0]
