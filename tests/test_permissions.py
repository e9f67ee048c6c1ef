"""Who may do what: anonymous, fact-checker and editor against every transition and admin action.

The verdicts come from the shared cast: written by the fact-checker, published
by the editor; the two-person rule has its own tests.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from model_bakery import baker

from factcheck.models import Actor, Claim, Source, Verdict
from tests.admin_forms import form_data

ROLES = ["anonymous", "fact_checker", "editor"]


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


@pytest.fixture
def person(role, request, db):
    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


def draft(claim, author):
    verdict = baker.make(Verdict, claim=claim, author=author, rating="false", summary="No.", explanation="Because.")
    baker.make(Source, verdict=verdict, url="https://example.org/evidence")
    Claim.objects.filter(pk=claim.pk).update(attribution_confirmed_at=timezone.now())  # researched: claimant checked
    claim.refresh_from_db()
    return verdict


def take_claim(person, new_claim, **_):
    new_claim.assign(person, by=person)


def hand_claim_to_someone_else(person, new_claim, second_fact_checker, **_):
    new_claim.assign(second_fact_checker, by=person)


def start_research(person, new_claim, **_):
    new_claim.start_research(by=person)


def dismiss(person, new_claim, **_):
    new_claim.dismiss(by=person, reason="An opinion, not a checkable fact.")


def restore(person, new_claim, editor, **_):
    new_claim.dismiss(by=editor, reason="An opinion, not a checkable fact.")
    new_claim.restore(by=person)


def submit_for_review(person, written_verdict, **_):
    written_verdict.submit_for_review(by=person)


def send_back(person, submitted_verdict, **_):
    submitted_verdict.send_back(by=person, comments="Needs a primary source.")


def publish(person, submitted_verdict, **_):
    submitted_verdict.publish(by=person)


def start_correction(person, published_verdict, **_):
    published_verdict.start_correction(by=person)


def merge_actors(person, **_):
    keep, duplicate = baker.make(Actor, _quantity=2)
    keep.merge([duplicate], by=person)


ALLOWED = {
    # transition: the roles that may make it
    take_claim: {"fact_checker", "editor"},
    hand_claim_to_someone_else: {"editor"},
    start_research: {"fact_checker", "editor"},
    dismiss: {"editor"},
    restore: {"editor"},
    submit_for_review: {"fact_checker", "editor"},
    send_back: {"editor"},
    publish: {"editor"},
    start_correction: {"editor"},
    merge_actors: {"editor"},
}


def fixtures_for(step, request, *, besides: str) -> dict:
    """The fixtures a step function names as arguments, except `besides`, which the test passes itself."""
    names = step.__code__.co_varnames[: step.__code__.co_argcount]
    return {name: request.getfixturevalue(name) for name in names if name != besides}


@pytest.mark.parametrize("transition", ALLOWED, ids=lambda transition: transition.__name__)
def test_each_role_may_make_exactly_its_transitions(transition, role, person, request):
    fixtures = fixtures_for(transition, request, besides="person")
    if role in ALLOWED[transition]:
        transition(person, **fixtures)
    else:
        with pytest.raises(PermissionDenied):
            transition(person, **fixtures)


def test_groups_come_from_the_migration_with_editor_only_powers(fact_checker, editor):
    editor_only = ["publish_verdict", "assign_claim", "dismiss_claim", "merge_actors"]
    for codename in editor_only:
        assert editor.has_perm(f"factcheck.{codename}")
        assert not fact_checker.has_perm(f"factcheck.{codename}")
    for codename in ["change_claim", "add_verdict", "change_verdict", "add_source", "view_article", "view_actor"]:
        assert fact_checker.has_perm(f"factcheck.{codename}")
        assert editor.has_perm(f"factcheck.{codename}")


def test_nobody_on_the_desk_can_delete_claims_or_verdicts(fact_checker, editor):
    for user in (fact_checker, editor):
        assert not user.has_perm("factcheck.delete_claim")
        assert not user.has_perm("factcheck.delete_verdict")


def test_not_even_a_superuser_deletes_a_published_verdict(client, published_verdict, django_user_model):
    """Deleting it left its claim "Published" with no verdict and the fact-check gone without a word."""
    chief = django_user_model.objects.create_superuser(username="chief", password="correct horse battery")
    client.force_login(chief)
    delete_page = reverse("admin:factcheck_verdict_delete", args=[published_verdict.pk])
    assert delete_page not in client.get(reverse("admin:factcheck_verdict_change", args=[published_verdict.pk])).text
    assert client.post(delete_page, {"post": "yes"}).status_code == 403
    page = client.post(
        reverse("admin:factcheck_verdict_changelist"),
        {"action": "delete_selected", "_selected_action": [published_verdict.pk], "post": "yes"},
    ).text
    assert "published: correct it instead" in page
    with pytest.raises(ValidationError, match="correct it instead"):
        published_verdict.delete()
    assert Verdict.objects.filter(pk=published_verdict.pk, is_current=True).exists()


def test_a_superuser_may_still_delete_a_draft(client, written_verdict, django_user_model):
    chief = django_user_model.objects.create_superuser(username="chief", password="correct horse battery")
    client.force_login(chief)
    client.post(reverse("admin:factcheck_verdict_delete", args=[written_verdict.pk]), {"post": "yes"})
    assert not Verdict.objects.filter(pk=written_verdict.pk).exists()


@pytest.mark.parametrize("status", [Claim.Status.NEW, Claim.Status.RESEARCHING])
def test_the_author_may_submit_but_not_publish(status, new_claim, editor, second_editor):
    Claim.objects.filter(pk=new_claim.pk).update(status=status)
    verdict = draft(Claim.objects.get(pk=new_claim.pk), editor)
    verdict.submit_for_review(by=editor)
    with pytest.raises(PermissionDenied):
        verdict.publish(by=editor)
    assert verdict.available_transitions(editor) == []
    assert verdict.available_transitions(second_editor) == ["send_back", "publish"]


def test_anonymous_visitors_are_sent_to_the_login_page_from_the_admin(client):
    response = client.get(reverse("admin:factcheck_claim_changelist"))
    assert response.status_code == 302
    assert "login" in response.url


# The same matrix through the admin: bulk actions and the buttons on claim and verdict pages.

CLAIMS = reverse("admin:factcheck_claim_changelist")


def post_step(client, obj, step):
    url = reverse(f"admin:factcheck_{obj._meta.model_name}_step", args=[obj.pk, step])
    return client.post(url, {"version": obj.version})


def action_assign_to_me(client, new_claim, **_):
    client.post(CLAIMS, {"action": "assign_to_me", "_selected_action": [new_claim.pk]})
    return Claim.objects.get(pk=new_claim.pk).assignee_id is not None


def action_start_research(client, new_claim, **_):
    client.post(CLAIMS, {"action": "start_research", "_selected_action": [new_claim.pk]})
    return Claim.objects.get(pk=new_claim.pk).status == Claim.Status.RESEARCHING


def action_dismiss(client, new_claim, **_):
    client.post(
        CLAIMS,
        {
            "action": "dismiss",
            "_selected_action": [new_claim.pk],
            "apply": "1",
            "reason": "other",
            "details": "Satire.",
        },
    )
    return Claim.objects.get(pk=new_claim.pk).status == Claim.Status.DISMISSED


def action_restore(client, new_claim, editor, **_):
    new_claim.dismiss(by=editor, reason="Satire.")
    client.post(CLAIMS, {"action": "restore", "_selected_action": [new_claim.pk]})
    return Claim.objects.get(pk=new_claim.pk).status == Claim.Status.NEW


def action_merge_actors(client, **_):
    keep, duplicate = baker.make(Actor, _quantity=2)
    client.post(
        reverse("admin:factcheck_actor_changelist"),
        {"action": "merge_actors", "_selected_action": [keep.pk, duplicate.pk], "apply": "1", "keep": keep.pk},
    )
    return not Actor.objects.filter(pk=duplicate.pk).exists()


def button_take(client, new_claim, **_):
    post_step(client, new_claim, "take")
    return Claim.objects.get(pk=new_claim.pk).assignee_id is not None


def button_start_research(client, new_claim, **_):
    post_step(client, new_claim, "start_research")
    return Claim.objects.get(pk=new_claim.pk).status == Claim.Status.RESEARCHING


def button_dismiss(client, new_claim, **_):
    url = reverse("admin:factcheck_claim_dismiss", args=[new_claim.pk])
    client.post(url, {"version": new_claim.version, "reason": "other", "details": "Satire."})
    return Claim.objects.get(pk=new_claim.pk).status == Claim.Status.DISMISSED


def button_restore(client, new_claim, editor, **_):
    new_claim.dismiss(by=editor, reason="Satire.")
    post_step(client, new_claim, "restore")
    return Claim.objects.get(pk=new_claim.pk).status == Claim.Status.NEW


def edit_article(client, new_claim, **_):
    url = reverse("admin:factcheck_article_change", args=[new_claim.article_id])
    client.post(url, {"title": new_claim.article.title, "outlet": "Riverton Herald", "url": "", "published_on": ""})
    return Claim.objects.get(pk=new_claim.pk).article.outlet == "Riverton Herald"


def button_submit(client, written_verdict, **_):
    url = reverse("admin:factcheck_verdict_change", args=[written_verdict.pk])
    page = client.get(url)
    if page.status_code == 200:
        client.post(url, form_data(page, _submit_for_review=""))
    else:
        client.post(url, {"version": written_verdict.version, "_submit_for_review": ""})
    return Verdict.objects.get(pk=written_verdict.pk).submitted_at is not None


def post_review(client, verdict, button):
    url = reverse("admin:factcheck_verdict_review", args=[verdict.pk])
    return client.post(url, {"version": verdict.version, "comments": "Needs a primary source.", button: ""})


def button_send_back(client, submitted_verdict, **_):
    post_review(client, submitted_verdict, "_send_back")
    return Verdict.objects.get(pk=submitted_verdict.pk).submitted_at is None


def button_publish(client, submitted_verdict, **_):
    post_review(client, submitted_verdict, "_publish")
    return Verdict.objects.get(pk=submitted_verdict.pk).is_current


def button_correct(client, published_verdict, **_):
    post_step(client, published_verdict, "correct")
    return Verdict.objects.filter(corrects=published_verdict).exists()


ADMIN_ALLOWED = {
    action_assign_to_me: {"fact_checker", "editor"},
    action_start_research: {"fact_checker", "editor"},
    action_dismiss: {"editor"},
    action_restore: {"editor"},
    action_merge_actors: {"editor"},
    button_take: {"fact_checker", "editor"},
    button_start_research: {"fact_checker", "editor"},
    button_dismiss: {"editor"},
    button_restore: {"editor"},
    edit_article: {"editor"},
    button_submit: {"fact_checker", "editor"},
    button_send_back: {"editor"},
    button_publish: {"editor"},
    button_correct: {"editor"},
}


@pytest.mark.parametrize("admin_step", ADMIN_ALLOWED, ids=lambda admin_step: admin_step.__name__)
def test_each_role_may_use_exactly_its_admin_actions_and_buttons(admin_step, role, person, client, request):
    fixtures = fixtures_for(admin_step, request, besides="client")
    if person.is_authenticated:
        client.force_login(person)
    assert admin_step(client, **fixtures) == (role in ADMIN_ALLOWED[admin_step])


def test_actions_a_role_may_not_use_are_not_offered(client, fact_checker, editor):
    client.force_login(fact_checker)
    offered = dict(client.get(CLAIMS).context["action_form"].fields["action"].choices)
    assert {"assign_to_me", "start_research"} <= offered.keys()
    assert "dismiss" not in offered
    assert "restore" not in offered
    client.force_login(editor)
    offered = dict(client.get(CLAIMS).context["action_form"].fields["action"].choices)
    assert {"dismiss", "restore"} <= offered.keys()
