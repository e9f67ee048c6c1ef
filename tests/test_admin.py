"""The admin as the desk uses it: lists, claim and article pages, buttons, actions, dashboard, and one full flow."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from model_bakery import baker

from factcheck.models import Actor, Article, Claim, Source, Verdict, record_change
from tests.admin_forms import form_data

PASSWORD = "correct horse battery"


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


def change_url(obj):
    return reverse(f"admin:factcheck_{obj._meta.model_name}_change", args=[obj.pk])


def step_url(obj, step):
    return reverse(f"admin:factcheck_{obj._meta.model_name}_step", args=[obj.pk, step])


def review_url(verdict):
    return reverse("admin:factcheck_verdict_review", args=[verdict.pk])


def messages_on(response):
    return [str(message) for message in response.context["messages"]]


def claims_with_everything(count, fact_checker, editor):
    """Claims with claimant, article, assignee and a current verdict: all a changelist row shows."""
    claims = []
    for number in range(count):
        claim = baker.make(
            Claim,
            text=f"Claim number {number} about the economy.",
            claimant=baker.make(Actor),
            article=baker.make(Article, title=f"Jobs report, part {number}"),
            assignee=fact_checker,
            checkworthiness=number / count,
            current_rating="half_true",  # what Verdict.publish() writes on the claim
        )
        baker.make(
            Verdict,
            claim=claim,
            author=fact_checker,
            reviewer=editor,
            rating="half_true",
            published_at="2026-01-01T00:00Z",
            is_current=True,
        )
        claims.append(claim)
    # The verdicts were written directly: copy their rating onto the claims, as Verdict.publish() does.
    Claim.objects.filter(pk__in=[claim.pk for claim in claims]).refresh_current_verdict()
    return claims


# The claims list


@pytest.mark.parametrize("count", [5, 50])
def test_claim_list_runs_a_fixed_number_of_queries(count, client, fact_checker, editor, django_assert_max_num_queries):
    claims_with_everything(count, fact_checker, editor)
    client.force_login(editor)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("admin:factcheck_claim_changelist"))
    assert response.status_code == 200
    assert response.content.decode().count("Half true") >= count


def test_claim_list_shows_what_the_desk_triages_by(client, fact_checker, editor):
    [claim] = claims_with_everything(1, fact_checker, editor)
    client.force_login(fact_checker)
    page = client.get(reverse("admin:factcheck_claim_changelist")).content.decode()
    for shown in [claim.text, claim.claimant.name, claim.article.title, "alice", "Half true", "Awaiting check"]:
        assert shown in page


def test_assigned_to_me_filter_shows_only_my_claims(client, fact_checker, second_fact_checker):
    mine = baker.make(Claim, text="Mine to check.", assignee=fact_checker)
    baker.make(Claim, text="Bob's to check.", assignee=second_fact_checker)
    client.force_login(fact_checker)
    response = client.get(reverse("admin:factcheck_claim_changelist"), {"mine": "yes"})
    assert list(response.context["cl"].result_list) == [mine]


def test_rating_filter_finds_claims_by_their_current_rating(client, fact_checker, editor):
    [rated] = claims_with_everything(1, fact_checker, editor)
    baker.make(Claim, text="Not rated yet.")
    client.force_login(editor)
    url = reverse("admin:factcheck_claim_changelist")
    assert list(client.get(url, {"rating": "half_true"}).context["cl"].result_list) == [rated]
    assert [claim.text for claim in client.get(url, {"rating": "none"}).context["cl"].result_list] == ["Not rated yet."]


def test_claims_can_be_searched_and_sorted_by_checkworthiness(client, editor):
    baker.make(Claim, text="Inflation is 2%.", checkworthiness=0.2)
    baker.make(Claim, text="Inflation is 9%.", checkworthiness=0.9)
    baker.make(Claim, text="Taxes went up.", checkworthiness=0.5)
    client.force_login(editor)
    url = reverse("admin:factcheck_claim_changelist")
    # Column 4 is "Worth" (claim, status, claimant, worth, ...).
    found = client.get(url, {"q": "inflation", "o": "4"}).context["cl"].result_list
    assert [claim.text for claim in found] == ["Inflation is 2%.", "Inflation is 9%."]


@pytest.mark.parametrize("words", ["Eastbrook Gazette", "Zelenskiy"])
def test_claims_are_found_by_their_articles_outlet_and_by_any_name_their_claimant_goes_by(words, client, editor):
    claimant = baker.make(Actor, name="Volodymyr Zelenskyy", aliases=["Zelenskiy"])
    article = baker.make(Article, title="Bus fares to rise 12 percent", outlet="Eastbrook Gazette")
    baker.make(Claim, text="Fares rose by a third.", article=article, claimant=claimant)
    baker.make(Claim, text="Fares fell last year.")
    client.force_login(editor)
    found = client.get(reverse("admin:factcheck_claim_changelist"), {"q": words}).context["cl"].result_list
    assert [claim.text for claim in found] == ["Fares rose by a third."]


# The claim page


def test_claim_page_shows_the_context_with_the_claim_marked_and_links_the_article(client, fact_checker):
    claim = baker.make(
        Claim,
        text="Unemployment fell to 3.9% in March.",
        context="The minister said  unemployment fell to 3.9% in March. Critics <b>disagreed</b>.",
    )
    client.force_login(fact_checker)
    page = client.get(change_url(claim)).content.decode()
    assert "The minister said  <mark>unemployment fell to 3.9% in March.</mark> Critics &lt;b&gt;disagreed" in page
    assert f'href="{change_url(claim.article)}"' in page


def test_fact_checker_sees_submit_but_not_publish(client, written_verdict, fact_checker):
    client.force_login(fact_checker)
    page = client.get(change_url(written_verdict)).content.decode()
    assert 'name="_submit_for_review"' in page
    assert 'name="_publish"' not in page
    assert "Dismiss…" not in client.get(change_url(written_verdict.claim)).content.decode()


def test_editor_is_sent_from_the_claim_page_to_the_review_screen(client, submitted_verdict, editor):
    client.force_login(editor)
    page = client.get(change_url(submitted_verdict.claim)).content.decode()
    assert f'href="{review_url(submitted_verdict)}"' in page
    assert "Publish</button>" not in page, "publishing happens on the review screen, not next to Dismiss"
    assert "Dismiss…" in page
    review = client.get(review_url(submitted_verdict)).content.decode()
    assert 'name="_publish"' in review
    assert 'name="_send_back"' in review


def test_editor_sees_correct_on_a_published_verdict_which_is_read_only(client, published_verdict, second_editor):
    client.force_login(second_editor)
    page = client.get(change_url(published_verdict)).content.decode()
    assert "Correct this verdict" in page
    assert 'name="summary"' not in page


def test_a_fact_checker_is_told_how_a_published_verdict_gets_corrected(client, published_verdict, fact_checker):
    client.force_login(fact_checker)
    page = client.get(change_url(published_verdict.claim)).content.decode()
    assert "Correct this verdict" not in page
    assert "Ask an editor to start a correction" in page


def test_a_stale_claim_form_is_refused_with_a_clear_error(client, new_claim, editor):
    client.force_login(editor)
    form = client.get(change_url(new_claim)).context["adminform"].form
    meanwhile = reload(new_claim)
    meanwhile.text = "Unemployment fell to 3.8% in March."
    meanwhile.save()

    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({"text": "My edit", "actors": [], "verdicts-TOTAL_FORMS": 0, "verdicts-INITIAL_FORMS": 0})
    response = client.post(change_url(new_claim), data)

    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    assert reload(new_claim).text == "Unemployment fell to 3.8% in March."


def test_a_form_saved_again_after_the_back_button_is_refused_as_your_own_earlier_change(client, new_claim, editor):
    client.force_login(editor)
    page = client.get(change_url(new_claim))
    assert client.post(change_url(new_claim), form_data(page, text="First edit.")).status_code == 302
    response = client.post(change_url(new_claim), form_data(page, text="Second edit, from the page before."))
    assert "changed in another tab or window of yours while you were editing it" in response.content.decode()
    assert reload(new_claim).text == "First edit."


def test_a_button_on_a_stale_page_is_refused(client, submitted_verdict, editor, second_editor):
    client.force_login(editor)
    stale_version = submitted_verdict.version
    submitted_verdict.explanation = "Changed after the editor opened the page."
    record_change(submitted_verdict, by=second_editor, reason="Edited")
    submitted_verdict.save()
    response = client.post(
        review_url(submitted_verdict), {"version": stale_version, "comments": "Looks right.", "_publish": ""}
    )
    assert any("changed by Dana Dvořák while you were editing" in message for message in messages_on(response))
    assert "Looks right." in response.content.decode(), "the comments typed are kept"
    assert reload(submitted_verdict).published_at is None


def test_correct_button_opens_the_new_draft(client, published_verdict, second_editor):
    client.force_login(second_editor)
    response = client.post(step_url(published_verdict, "correct"), {"version": published_verdict.version})
    correction = Verdict.objects.get(corrects=published_verdict)
    assert response.url == change_url(correction)
    assert 'name="correction_note"' in client.get(response.url).content.decode()


def test_the_correction_note_says_where_readers_see_it(client, published_verdict, second_editor):
    client.force_login(second_editor)
    response = client.post(step_url(published_verdict, "correct"), {"version": published_verdict.version})
    assert "Readers see it under “Correction, &lt;date&gt;”" in client.get(response.url).content.decode()


def test_history_is_visible_but_cannot_be_reverted(client, published_verdict, editor):
    client.force_login(editor)
    claim = published_verdict.claim
    history = client.get(reverse("admin:factcheck_claim_history", args=[claim.pk]))
    assert "Verdict published" in history.content.decode()
    first = claim.history.earliest()
    revert = reverse("admin:factcheck_claim_simple_history", args=[claim.pk, first.history_id])
    assert client.post(revert, {"text": "reverted"}).status_code == 403
    assert reload(claim).status == Claim.Status.PUBLISHED


def test_history_shows_a_claims_whole_wording_before_and_after_an_edit(client, new_claim, editor):
    before = "Harbour City council voted 7-4 on Wednesday to raise household water rates by 9 percent, the most yet."
    after = "Harbour City council voted 7-4 to raise household water rates by 9 percent from January."
    claim = new_claim
    for wording in (before, after):
        claim.text = wording
        claim.save()
        claim = reload(claim)
    client.force_login(editor)
    page = client.get(reverse("admin:factcheck_claim_history", args=[claim.pk])).content.decode()
    assert before in page, "never “Harbo[21 chars] …”: the desk reads what the words were"
    assert after in page
    assert "chars]" not in page


# Dismissing with a reason


def test_dismiss_action_asks_for_a_reason_before_dismissing(client, new_claim, editor):
    client.force_login(editor)
    url = reverse("admin:factcheck_claim_changelist")
    asked = client.post(url, {"action": "dismiss", "_selected_action": [new_claim.pk]})
    assert "Reason" in asked.content.decode()
    assert reload(new_claim).status == Claim.Status.NEW

    client.post(
        url,
        {
            "action": "dismiss",
            "_selected_action": [new_claim.pk],
            "apply": "1",
            "reason": "other",
            "details": "Satire.",
        },
    )
    assert reload(new_claim).status == Claim.Status.DISMISSED
    assert reload(new_claim).dismissal_reason == "Satire."


def test_dismissing_without_any_reason_shows_the_form_again(client, new_claim, editor):
    client.force_login(editor)
    response = client.post(reverse("admin:factcheck_claim_dismiss", args=[new_claim.pk]), {"version": 1})
    assert "Choose why the claim is dismissed." in response.content.decode()
    assert reload(new_claim).status == Claim.Status.NEW


def test_no_reason_is_chosen_until_the_editor_chooses_one(client, new_claim, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:factcheck_claim_dismiss", args=[new_claim.pk])).content.decode()
    radios = re.findall(r"<input type=\"radio\"[^>]*>", page)
    assert len(radios) == 4
    assert not any(re.search(r"\schecked[\s>]", radio) for radio in radios)
    assert all(re.search(r"\srequired[\s>]", radio) for radio in radios)


def test_other_needs_the_reason_in_words(client, new_claim, editor):
    client.force_login(editor)
    url = reverse("admin:factcheck_claim_dismiss", args=[new_claim.pk])
    response = client.post(url, {"version": new_claim.version, "reason": "other", "details": " "})
    assert "You chose “Other”: say why the claim is dismissed." in response.content.decode()
    assert reload(new_claim).status == Claim.Status.NEW

    client.post(url, {"version": new_claim.version, "reason": "other", "details": "Satire, not a claim."})
    assert reload(new_claim).dismissal_reason == "Satire, not a claim."


def test_a_usual_reason_is_stored_as_it_reads_with_any_details(client, new_claim, editor):
    client.force_login(editor)
    client.post(
        reverse("admin:factcheck_claim_dismiss", args=[new_claim.pk]),
        {"version": new_claim.version, "reason": "Not worth checking: trivial or not in the public interest"},
    )
    assert reload(new_claim).dismissal_reason == "Not worth checking: trivial or not in the public interest"


def test_the_dismiss_page_says_what_readers_go_on_seeing(client, new_claim, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:factcheck_claim_dismiss", args=[new_claim.pk])).content.decode()
    assert "never published" not in page
    assert "It stays in the public list of\nclaims, marked “Dismissed”, and keeps its own page" in page
    new_claim.dismiss(by=editor, reason="Satire.")
    client.logout()
    listed = client.get(reverse("factcheck:claim_list"), {"status": "dismissed"}).content.decode()
    assert new_claim.get_absolute_url() in listed
    assert client.get(new_claim.get_absolute_url()).status_code == 200


def test_an_editor_restores_a_dismissed_claim_to_the_queue_in_one_step(client, new_claim, editor):
    new_claim.dismiss(by=editor, reason="Satire.")
    client.force_login(editor)
    page = client.get(change_url(new_claim)).content.decode()
    assert "Restore to the queue" in page
    response = client.post(step_url(new_claim, "restore"), {"version": reload(new_claim).version}, follow=True)
    assert "Dismissal undone: the claim is back on the desk." in messages_on(response)
    claim = reload(new_claim)
    assert claim.status == Claim.Status.NEW
    assert claim.dismissal_reason == ""
    undone, dismissed = claim.history.all()[:2]
    assert (undone.history_change_reason, undone.history_user) == ("Dismissal undone", editor)
    assert dismissed.dismissal_reason == "Satire."


def test_the_restore_button_says_where_a_claim_with_a_published_verdict_goes_back_to(client, published_verdict, editor):
    claim = reload(published_verdict.claim)
    claim.dismiss(by=editor, reason="Already checked: a duplicate of another claim")
    client.force_login(editor)
    page = client.get(change_url(claim)).content.decode()
    assert "Restore (back to “Published”)" in page
    assert "Restore to the queue" not in page


def test_a_dismissed_claim_is_restored_from_the_list_too(client, new_claim, editor):
    new_claim.dismiss(by=editor, reason="Satire.")
    client.force_login(editor)
    client.post(reverse("admin:factcheck_claim_changelist"), {"action": "restore", "_selected_action": [new_claim.pk]})
    assert reload(new_claim).status == Claim.Status.NEW


def test_a_fact_checker_is_offered_no_restore_and_cannot_restore(client, new_claim, editor, fact_checker):
    new_claim.dismiss(by=editor, reason="Satire.")
    client.force_login(fact_checker)
    assert "Restore" not in client.get(change_url(new_claim)).content.decode()
    response = client.post(step_url(new_claim, "restore"), {"version": reload(new_claim).version}, follow=True)
    assert "Only an editor can restore a dismissed claim." in messages_on(response)
    assert reload(new_claim).status == Claim.Status.DISMISSED


# Articles and actors


def test_article_page_marks_claims_in_the_body_and_escapes_the_text(client, editor):
    article = baker.make(
        Article,
        body="Intro with <script>alert(1)</script> in it.\nThe rate fell to 2% last year. Then more.",
        removed_clutter=[{"rule": "share-buttons", "line": "Share on <b>Facebook</b>"}],
    )
    claim = baker.make(Claim, article=article, text="The rate fell to 2% last year.")
    client.force_login(editor)
    page = client.get(change_url(article)).content.decode()
    assert f'<a href="{change_url(claim)}">The rate fell to 2% last year.</a></mark>' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert "Share on &lt;b&gt;Facebook&lt;/b&gt;" in page


def test_an_editor_adds_a_claim_from_its_article_never_from_a_form_with_no_article(client, editor):
    """The empty "Add claim" form had no article field, and saving it failed with a server error."""
    client.force_login(editor)
    add_page = reverse("admin:factcheck_claim_add")
    assert client.get(add_page).status_code == 403
    for page in ("admin:index", "admin:factcheck_claim_changelist"):
        assert add_page not in client.get(reverse(page)).content.decode()


def test_actor_page_lists_their_claims(client, editor):
    actor = baker.make(Actor, name="Jane Minister", aliases=["J. Minister"])
    claim = baker.make(Claim, text="Jane said exports doubled.", claimant=actor)
    client.force_login(editor)
    page = client.get(change_url(actor)).content.decode()
    assert f'<a href="{change_url(claim)}">Jane said exports doubled.</a> (made' in page


def test_a_name_with_a_character_that_turns_the_words_after_it_around_is_refused(client, editor):
    actor = baker.make(Actor, name="Jane Minister")
    client.force_login(editor)
    page = client.get(change_url(actor))
    response = client.post(change_url(actor), form_data(page, name="Jane \u202eMinister"))
    assert response.status_code == 200
    assert "invisible character (U+202E)" in response.content.decode()
    assert reload(actor).name == "Jane Minister"


def test_a_name_in_a_right_to_left_script_is_kept_as_written(client, editor):
    actor = baker.make(Actor, name="Jane Minister")
    client.force_login(editor)
    page = client.get(change_url(actor))
    client.post(change_url(actor), form_data(page, name="وزارة الصحة"))
    assert reload(actor).name == "وزارة الصحة"


def test_actors_are_found_by_alias(client, editor):
    actor = baker.make(Actor, name="Volodymyr Zelenskyy", aliases=["Zelensky"])
    client.force_login(editor)
    response = client.get(reverse("admin:factcheck_actor_changelist"), {"q": "zelensky"})
    assert list(response.context["cl"].result_list) == [actor]


def test_merge_action_lets_the_editor_choose_the_actor_to_keep(client, editor):
    keep = baker.make(Actor, name="Volodymyr Zelenskyy")
    duplicate = baker.make(Actor, name="Zelensky")
    claim = baker.make(Claim, claimant=duplicate)
    client.force_login(editor)
    url = reverse("admin:factcheck_actor_changelist")
    selected = {"action": "merge_actors", "_selected_action": [keep.pk, duplicate.pk]}
    assert "Choose the actor to keep" in client.post(url, selected).content.decode()
    client.post(url, {**selected, "apply": "1", "keep": keep.pk})
    assert reload(claim).claimant == keep
    assert reload(keep).aliases == ["Zelensky"]


def test_claim_autocomplete_finds_claims_for_the_verdict_form(client, new_claim, fact_checker):
    client.force_login(fact_checker)
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "unemployment", "app_label": "factcheck", "model_name": "verdict", "field_name": "claim"},
    )
    assert [result["id"] for result in response.json()["results"]] == [str(new_claim.pk)]


# The dashboard


def section(page, section_id):
    return page.split(f'id="{section_id}"')[1].split("</section>")[0]


def test_dashboard_shows_counts_and_the_review_queue(client, submitted_verdict, fact_checker, editor):
    baker.make(Claim, text="Another new one.")
    client.force_login(fact_checker)
    page = client.get(reverse("admin:index")).content.decode()
    assert re.search(r"<strong>1</strong> Awaiting check", page)
    assert re.search(r"<strong>1</strong> In review", page)
    waiting = section(page, "desk-review")
    assert "Unemployment fell to 3.9% in March." in waiting
    assert "Alice Adeyemi" in waiting, "the verdict's author, not the claim's assignee"
    assert "Wait for another editor" in waiting
    assert 'id="desk-my-review"' not in page, "a fact-checker reviews nothing"

    client.force_login(editor)
    page = client.get(reverse("admin:index")).content.decode()
    assert f'href="{review_url(submitted_verdict)}">Review it' in section(page, "desk-my-review")


def test_dashboard_shows_my_drafts_and_what_was_sent_back_with_the_comments(
    client, submitted_verdict, written_verdict, fact_checker, editor
):
    client.force_login(fact_checker)
    assert "Unemployment fell" not in section(client.get(reverse("admin:index")).content.decode(), "desk-drafts")
    submitted_verdict.send_back(by=editor, comments="Cite the revised series, not the first estimate.")
    page = client.get(reverse("admin:index")).content.decode()
    sent_back = section(page, "desk-sent-back")
    assert "Cite the revised series, not the first estimate." in sent_back
    assert "Answer the comments" in sent_back
    verdict_page = client.get(change_url(submitted_verdict)).content.decode()
    assert "Sent back to you with comments by Charlie Castillo." in verdict_page
    assert "Cite the revised series" in verdict_page.split('id="desk-workflow-title"')[1].split("</section>")[0]


# One full flow through the real pages


def log_in(client, user):
    response = client.post(
        reverse("admin:login"), {"username": user.username, "password": PASSWORD, "next": reverse("admin:index")}
    )
    assert response.status_code == 302, "login failed"


def test_full_flow_from_new_claim_to_published_verdict(client, new_claim, fact_checker, editor):
    log_in(client, fact_checker)
    changelist = reverse("admin:factcheck_claim_changelist")
    client.post(changelist, {"action": "assign_to_me", "_selected_action": [new_claim.pk]})
    assert reload(new_claim).assignee == fact_checker

    add_page = client.get(reverse("admin:factcheck_verdict_add"), {"claim": new_claim.pk})
    assert add_page.context["adminform"].form.initial["claim"] == str(new_claim.pk)
    client.post(
        reverse("admin:factcheck_verdict_add"),
        {
            "claim": new_claim.pk,
            "rating": "mostly_true",
            "summary": "Close: the official figure was 4.0%.",
            "explanation": "The statistics office reported 4.0% for March.",
            "notes": "",
            "version": "",
            "sources-TOTAL_FORMS": 1,
            "sources-INITIAL_FORMS": 0,
            "sources-0-title": "Labour market, March",
            "sources-0-url": "https://stats.example/march",
            "sources-0-publisher": "Statistics office",
            "sources-0-accessed_on": "2026-04-02",
        },
    )
    verdict = Verdict.objects.get(claim=new_claim)
    assert verdict.author == fact_checker
    assert Source.objects.get(verdict=verdict).url == "https://stats.example/march"

    page = client.get(change_url(verdict))
    unconfirmed = client.post(change_url(verdict), form_data(page, _submit_for_review=""), follow=True)
    assert any("Confirm the claimant first" in message for message in messages_on(unconfirmed))
    assert reload(new_claim).status != Claim.Status.IN_REVIEW
    client.post(change_url(new_claim), form_data(client.get(change_url(new_claim)), confirm_attribution="on"))
    assert reload(new_claim).attribution_confirmed_by == fact_checker

    page = client.get(change_url(verdict))
    submitted = client.post(change_url(verdict), form_data(page, _submit_for_review=""), follow=True)
    assert "Saved and sent to an editor." in messages_on(submitted)
    assert reload(new_claim).status == Claim.Status.IN_REVIEW

    assert client.get(review_url(verdict)).status_code == 403
    refused = client.post(review_url(verdict), {"version": reload(verdict).version, "_publish": ""})
    assert refused.status_code == 403
    assert reload(verdict).published_at is None

    client.post(reverse("admin:logout"))
    log_in(client, editor)
    published = client.post(review_url(verdict), {"version": reload(verdict).version, "_publish": ""}, follow=True)
    assert "Published." in messages_on(published)
    verdict = reload(verdict)
    assert (verdict.reviewer, verdict.is_current) == (editor, True)
    assert reload(new_claim).status == Claim.Status.PUBLISHED


def test_desk_groups_need_no_superuser(fact_checker, editor):
    assert not fact_checker.is_superuser
    assert not editor.is_superuser
    assert set(Group.objects.values_list("name", flat=True)) >= {"Fact-checker", "Editor"}


def test_claimant_autocomplete_finds_actors(client, new_claim, editor):
    baker.make(Actor, name="Helen Carter")
    client.force_login(editor)
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "carter", "app_label": "factcheck", "model_name": "claim", "field_name": "claimant"},
    )
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["Helen Carter"]


@pytest.mark.parametrize("count", [2, 10])
def test_dashboard_runs_a_fixed_number_of_queries(count, client, fact_checker, editor, django_assert_max_num_queries):
    for number in range(count):
        claim = baker.make(Claim, text=f"Claim number {number} about the economy.")
        verdict = baker.make(Verdict, claim=claim, author=fact_checker, rating="false", summary="s", explanation="e")
        baker.make(Source, verdict=verdict)
        claim.confirm_attribution(by=fact_checker, claimant=None, quotation="")
        verdict.submit_for_review(by=fact_checker)
    client.force_login(editor)
    with django_assert_max_num_queries(21):
        page = client.get(reverse("admin:index")).content.decode()
    assert page.count("Review it") == 2 * count  # waiting for my review, and waiting longest
    client.force_login(fact_checker)
    with django_assert_max_num_queries(21):
        page = client.get(reverse("admin:index")).content.decode()
    assert page.count("Wait for another editor") == count


def test_a_fact_checker_confirms_or_corrects_when_and_where_the_claim_was_said(client, new_claim, fact_checker):
    client.force_login(fact_checker)
    page = client.get(change_url(new_claim))
    assert "When and where it was said" in page.content.decode()
    data = form_data(
        page,
        said_on="2025-02-20",
        venue=Claim.Venue.SPEECH,
        original_url="https://parliament.example/debates/2025-02-20",
    )
    response = client.post(change_url(new_claim), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    saved = reload(new_claim)
    assert (str(saved.said_on), saved.venue, saved.original_url) == (
        "2025-02-20",
        "speech",
        "https://parliament.example/debates/2025-02-20",
    )


def test_a_bad_original_address_or_venue_is_refused_with_nothing_saved(client, new_claim, fact_checker):
    client.force_login(fact_checker)
    form = client.get(change_url(new_claim)).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({"actors": [], "original_url": "not a web address", "venue": "rumour", "verdicts-TOTAL_FORMS": 0})
    data.update({"verdicts-INITIAL_FORMS": 0})
    data.pop("assignee", None)
    response = client.post(change_url(new_claim), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "original_url" in errors
    assert "venue" in errors
    assert reload(new_claim).original_url == ""
