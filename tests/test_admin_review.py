"""The verdict form's workflow buttons, the review screen and the preview, through the real admin pages."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from model_bakery import baker

from factcheck.models import Claim, Verdict, record_change
from tests.admin_forms import form_data

ADD = reverse("admin:factcheck_verdict_add")


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


def change_url(obj):
    return reverse(f"admin:factcheck_{obj._meta.model_name}_change", args=[obj.pk])


def review_url(verdict):
    return reverse("admin:factcheck_verdict_review", args=[verdict.pk])


def messages_on(response):
    return [str(message) for message in response.context["messages"]]


def new_verdict_data(claim, **fields):
    data = {
        "claim": claim.pk,
        "rating": "mostly_true",
        "summary": "Close: the official figure was 4.0%.",
        "explanation": "The statistics office reported 4.0% for March.",
        "notes": "",
        "sources-TOTAL_FORMS": 1,
        "sources-INITIAL_FORMS": 0,
        "sources-0-title": "Labour market, March",
        "sources-0-url": "https://stats.example/march",
        "sources-0-publisher": "Statistics office",
        "sources-0-accessed_on": "2026-04-02",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


# Nothing typed is lost


def test_a_new_verdict_for_a_published_claim_is_refused_on_save_saying_how_to_correct_it(
    client, published_verdict, fact_checker
):
    client.force_login(fact_checker)
    before = Verdict.objects.count()
    response = client.post(ADD, new_verdict_data(published_verdict.claim, explanation="My whole new reasoning."))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["claim"] == [
        "This claim's verdict is published. To change it, an editor opens that verdict and starts a correction."
    ]
    assert form.data["explanation"] == "My whole new reasoning."
    assert Verdict.objects.count() == before


def test_submit_on_an_incomplete_new_verdict_shows_errors_next_to_the_fields_and_keeps_the_typing(
    client, new_claim, fact_checker
):
    client.force_login(fact_checker)
    response = client.post(
        ADD, new_verdict_data(new_claim, summary="", explanation="Half my reasoning, typed.", _submit_for_review="")
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["summary"] == ["A verdict submitted for review needs a summary."]
    page = response.content.decode()
    assert "Half my reasoning, typed." in page
    assert 'value="https://stats.example/march"' in page, "the source typed is kept too"
    assert not Verdict.objects.exists()


def test_submit_without_any_source_says_so(client, new_claim, fact_checker):
    client.force_login(fact_checker)
    response = client.post(
        ADD,
        new_verdict_data(
            new_claim,
            **{
                "sources-0-title": "",
                "sources-0-url": "",
                "sources-0-publisher": "",
                "sources-0-accessed_on": timezone.localdate().isoformat(),
            },
            _submit_for_review="",
        ),
    )
    assert "Add at least one source before submitting" in response.content.decode()
    assert not Verdict.objects.exists()


def test_the_only_editor_submitting_their_own_verdict_is_told_nobody_can_review_it(client, new_claim, editor):
    new_claim.confirm_attribution(by=editor, claimant=None, quotation="")
    client.force_login(editor)
    response = client.post(ADD, new_verdict_data(new_claim, _submit_for_review=""), follow=True)
    assert Verdict.objects.get().in_review
    assert any("Nobody on the desk can review it yet" in message for message in messages_on(response))
    front_page = client.get(reverse("admin:index")).content.decode()
    assert "Nobody can review it yet: every editor on the desk wrote it" in front_page
    assert "Wait for another editor&#x27;s review" not in front_page


def test_an_editor_whose_verdict_another_editor_can_review_is_told_to_wait_for_them(
    client, new_claim, editor, second_editor
):
    new_claim.confirm_attribution(by=editor, claimant=None, quotation="")
    client.force_login(editor)
    response = client.post(ADD, new_verdict_data(new_claim, _submit_for_review=""), follow=True)
    assert not any("Nobody on the desk" in message for message in messages_on(response))
    assert "Wait for another editor&#x27;s review" in client.get(reverse("admin:index")).content.decode()


def test_submit_on_a_complete_new_verdict_saves_it_and_sends_it_to_review(client, new_claim, fact_checker):
    new_claim.confirm_attribution(by=fact_checker, claimant=None, quotation="")
    client.force_login(fact_checker)
    response = client.post(ADD, new_verdict_data(new_claim, _submit_for_review=""), follow=True)
    verdict = Verdict.objects.get()
    assert "Saved and sent to an editor." in messages_on(response)
    assert verdict.in_review
    assert verdict.summary == "Close: the official figure was 4.0%."
    assert reload(new_claim).status == Claim.Status.IN_REVIEW


def test_an_empty_verdict_cannot_be_saved(client, new_claim, fact_checker):
    client.force_login(fact_checker)
    response = client.post(ADD, new_verdict_data(new_claim, rating="", summary="", explanation=""))
    assert "Write a rating, a summary or an explanation" in response.content.decode()
    assert not Verdict.objects.exists()


def test_a_draft_has_no_unrated_title():
    assert str(Verdict(claim=Claim(text="Taxes rose."))).startswith("Draft, not yet rated")


def test_sources_default_to_accessed_today_and_have_labels(client, new_claim, fact_checker):
    client.force_login(fact_checker)
    page = client.get(ADD, {"claim": new_claim.pk}).content.decode()
    today = timezone.localdate().isoformat()
    assert re.search(
        rf'name="sources-0-accessed_on"[^>]*value="{today}"|value="{today}"[^>]*name="sources-0-accessed_on"', page
    )
    assert 'for="id_sources-0-url">' in page


# The two-person rule through the admin


def test_an_editors_edit_of_a_submitted_verdict_is_proposed_to_its_author_who_accepts_it(
    client, submitted_verdict, fact_checker, editor
):
    """A desk of two: the editor fixes the verdict, the fact-checker takes the fix in, the editor publishes."""
    client.force_login(editor)
    page = client.get(change_url(submitted_verdict))
    notice = page.content.decode().split('id="desk-proposing"')[1].split("</div>")[0]
    assert "they go\n  to Alice Adeyemi as a proposal" in notice, "the editor is told before saving"
    data = form_data(page, rating="false", summary="False: the figure was 4.0%, not 3.9%.", _publish="")
    response = client.post(change_url(submitted_verdict), data, follow=True)
    assert any("they went to Alice Adeyemi as a proposal" in message for message in messages_on(response))
    verdict = reload(submitted_verdict)
    assert (verdict.published_at, verdict.summary) == (None, "Close: the figure was 4.0%.")
    assert verdict.authors() == [fact_checker]
    assert 'name="summary"' not in response.content.decode(), "one proposal waits at a time"

    # The fact-checker sees the change word by word and accepts it in one click.
    client.force_login(fact_checker)
    page = client.get(change_url(verdict)).content.decode()
    proposal = page.split('id="desk-proposal-title"')[1].split("</section>")[0]
    assert "<del>Close:</del> <ins>False:</ins> the figure was <del>4.0%.</del> <ins>4.0%, not 3.9%.</ins>" in proposal
    assert "<del>Mostly true</del> <ins>False</ins>" in proposal
    accept = re.search(r'action="([^"]+/accept/)"', proposal).group(1)
    response = client.post(accept, {"version": verdict.version}, follow=True)
    assert "Accepted: Charlie Castillo's changes are in the verdict, as yours." in messages_on(response)
    verdict = reload(verdict)
    assert (verdict.rating, verdict.summary) == ("false", "False: the figure was 4.0%, not 3.9%.")
    assert re.search(
        r"</time>: Alice Adeyemi, accepting Charlie Castillo’s proposal \(rating, summary\)</li>",
        response.content.decode(),
    )

    # Both have seen each other's words: the editor publishes, and nobody else was needed.
    client.force_login(editor)
    client.post(review_url(verdict), {"version": verdict.version, "_publish": ""})
    assert reload(verdict).reviewer == editor
    assert reload(verdict).is_current


def test_the_proposer_cannot_accept_their_own_proposal_in_the_admin(client, submitted_verdict, editor):
    proposal = reload(submitted_verdict).propose_changes(by=editor, changes={"summary": "Mine."})
    client.force_login(editor)
    page = client.get(change_url(submitted_verdict)).content.decode()
    assert "/accept/" not in page
    assert "Withdraw my proposal" in page
    accept = reverse("admin:factcheck_verdict_proposal", args=[submitted_verdict.pk, proposal.pk, "accept"])
    response = client.post(accept, {"version": reload(submitted_verdict).version}, follow=True)
    assert any("the verdict's author accepts or rejects them" in message for message in messages_on(response))
    assert reload(submitted_verdict).summary == "Close: the figure was 4.0%."
    review = client.get(review_url(submitted_verdict)).content.decode()
    assert 'name="_publish"' not in review
    assert "Your proposed changes wait for Alice Adeyemi" in review


def test_a_rejected_proposal_is_reported_to_the_editor_who_may_publish_the_verdict_as_written(
    client, submitted_verdict, fact_checker, editor
):
    proposal = reload(submitted_verdict).propose_changes(by=editor, changes={"rating": "false"})
    client.force_login(fact_checker)
    reject = reverse("admin:factcheck_verdict_proposal", args=[submitted_verdict.pk, proposal.pk, "reject"])
    client.post(reject, {"version": reload(submitted_verdict).version, "answer": "A 0.1-point gap is close."})
    client.force_login(editor)
    page = client.get(change_url(submitted_verdict)).content.decode()
    assert "rejected by Alice Adeyemi (“A 0.1-point gap is close.”)" in page
    client.post(review_url(submitted_verdict), {"version": reload(submitted_verdict).version, "_publish": ""})
    assert reload(submitted_verdict).rating == "mostly_true"
    assert reload(submitted_verdict).is_current


def test_editor_who_only_reads_and_presses_publish_on_the_form_publishes(client, submitted_verdict, editor):
    client.force_login(editor)
    page = client.get(change_url(submitted_verdict))
    client.post(change_url(submitted_verdict), form_data(page, _publish=""))
    assert reload(submitted_verdict).is_current


def test_a_submitted_verdict_is_read_only_to_its_author(client, submitted_verdict, fact_checker):
    client.force_login(fact_checker)
    page = client.get(change_url(submitted_verdict)).content.decode()
    assert 'name="summary"' not in page
    assert "read-only until an editor sends it back" in page
    response = client.post(change_url(submitted_verdict), {"summary": "Sneaky edit", "version": 2})
    assert response.status_code == 403
    assert reload(submitted_verdict).summary == "Close: the figure was 4.0%."


def test_editor_sees_why_there_is_no_publish_button_on_their_own_verdict(client, new_claim, editor):
    verdict = baker.make(Verdict, claim=new_claim, author=editor, rating="false", summary="No.", explanation="Because.")
    baker.make("factcheck.Source", verdict=verdict)
    new_claim.confirm_attribution(by=editor, claimant=None, quotation="")
    verdict.submit_for_review(by=editor)
    client.force_login(editor)
    page = client.get(change_url(new_claim)).content.decode()
    assert "You wrote this verdict, so someone else must review and publish it (two-person rule)." in page


# The review screen


def test_review_screen_shows_the_claim_the_rendered_verdict_and_its_sources(client, submitted_verdict, editor):
    submitted_verdict.claim.context = "The minister said unemployment fell to 3.9% in March."
    submitted_verdict.claim.save()
    Verdict.objects.filter(pk=submitted_verdict.pk).update(explanation="The office reported **4.0%**.")
    client.force_login(editor)
    page = client.get(review_url(submitted_verdict)).content.decode()
    assert "The minister said unemployment fell to 3.9% in March." in page
    assert "Mostly true" in page
    assert "<strong>4.0%</strong>" in page
    assert 'href="https://stats.example/march"' in page
    assert "Alice Adeyemi" in page


@pytest.mark.parametrize(
    ("venue", "said"),
    [
        ("interview", "Said on a date nobody has recorded yet, in an interview."),
        ("broadcast", "Said on a date nobody has recorded yet, in a TV or radio broadcast."),
        ("other", "Said on a date nobody has recorded yet."),
    ],
)
def test_review_screen_says_where_the_claim_was_said_as_a_sentence(venue, said, client, submitted_verdict, editor):
    Claim.objects.filter(pk=submitted_verdict.claim_id).update(venue=venue, said_on=None)
    client.force_login(editor)
    page = client.get(review_url(submitted_verdict)).content.decode()
    assert said in " ".join(re.sub(r"<[^>]+>", "", page).split())


def test_review_screen_never_puts_a_paraphrase_in_quotation_marks(client, submitted_verdict, editor):
    claim = submitted_verdict.claim
    minister = baker.make("factcheck.Actor", name="Jane Minister", description="")
    Claim.objects.filter(pk=claim.pk).update(claimant=minister, quotation=Claim.Quotation.PARAPHRASE)
    client.force_login(editor)
    page = client.get(review_url(submitted_verdict)).content.decode()
    assert '<p class="desk-claim-text">Unemployment fell to 3.9% in March.</p>' in page
    assert "Jane Minister, paraphrased by the article" in page
    preview = client.get(reverse("admin:factcheck_verdict_preview", args=[submitted_verdict.pk])).content.decode()
    assert "not a quotation" in preview  # as the preview of the public page words it


def test_send_back_without_comments_is_refused_and_with_comments_reaches_the_author(client, submitted_verdict, editor):
    client.force_login(editor)
    refused = client.post(review_url(submitted_verdict), {"version": submitted_verdict.version, "_send_back": ""})
    assert "Say what needs more work" in refused.content.decode()
    assert reload(submitted_verdict).in_review
    client.post(
        review_url(submitted_verdict),
        {"version": submitted_verdict.version, "comments": "Cite the revision.", "_send_back": ""},
    )
    verdict = reload(submitted_verdict)
    assert verdict.sent_back
    assert verdict.review_comments == "Cite the revision."


def submitted_correction(published, *, by, **changes) -> Verdict:
    """A correction of `published` written by `by` (with its public note) and submitted for review."""
    correction = published.start_correction(by=by)
    for name, value in {"correction_note": "The office revised March.", **changes}.items():
        setattr(correction, name, value)
    record_change(correction, by=by, reason="Corrected")
    correction.save()
    correction.submit_for_review(by=by)
    return correction


def test_review_of_a_correction_shows_the_published_version_and_a_diff(
    client, published_verdict, editor, second_editor
):
    correction = submitted_correction(published_verdict, by=editor, summary="Close: the revised figure was 4.1%.")
    client.force_login(second_editor)
    page = client.get(review_url(correction)).content.decode()
    assert "What changed since the published version" in page
    assert "Close: the <ins>revised</ins> figure was <del>4.0%.</del> <ins>4.1%.</ins>" in page
    client.post(review_url(correction), {"version": reload(correction).version, "_publish": ""})
    public = client.get(published_verdict.claim.get_absolute_url()).content.decode()
    assert "Alice Adeyemi" in public, "the original fact-checker keeps the credit"
    assert "Corrected by" in public


def test_the_review_screen_compares_the_explanation_as_readers_see_it_not_its_markdown(
    client, published_verdict, editor, second_editor
):
    correction = submitted_correction(
        published_verdict,
        by=editor,
        explanation="The office reported **4.1%** for March, [revised](https://stats.example/rev).",
    )
    client.force_login(second_editor)
    page = client.get(review_url(correction)).content.decode()
    explanation = page.split("<h3>Explanation</h3>")[1].split("</div>")[0]
    assert "**" not in explanation
    assert "](" not in explanation
    assert "<del>statistics</del>" in explanation
    assert "<del>4.0%</del> <strong><ins>4.1%</ins></strong>" in explanation
    assert (
        '<a href="https://stats.example/rev" rel="noopener noreferrer nofollow"><ins>revised</ins></a>' in explanation
    )


def test_a_proposal_diff_escapes_what_was_typed(client, submitted_verdict, fact_checker, editor):
    reload(submitted_verdict).propose_changes(
        by=editor, changes={"summary": "<script>alert(1)</script>", "explanation": "<img src=x onerror=alert(1)>"}
    )
    client.force_login(fact_checker)
    page = client.get(change_url(submitted_verdict)).content.decode()
    proposal = page.split('id="desk-proposal-title"')[1].split("</section>")[0]
    assert "<script>" not in proposal
    assert "<img" not in proposal
    assert "&lt;script&gt;" in proposal


def test_fact_checkers_cannot_open_the_review_screen(client, submitted_verdict, fact_checker):
    client.force_login(fact_checker)
    assert client.get(review_url(submitted_verdict)).status_code == 403


# The preview


def test_the_preview_of_a_draft_is_for_staff_only(client, written_verdict, fact_checker):
    preview = reverse("admin:factcheck_verdict_preview", args=[written_verdict.pk])
    assert client.get(preview).status_code == 302  # to the login page
    assert "Close: the figure was 4.0%." not in client.get(written_verdict.claim.get_absolute_url()).content.decode()
    client.force_login(fact_checker)
    response = client.get(preview)
    page = response.content.decode()
    assert "Preview for the desk: not published" in page
    assert "Close: the figure was 4.0%." in page
    assert 'content="noindex, nofollow"' in page
    assert "no-store" in response["Cache-Control"]


def test_view_on_site_of_a_draft_opens_the_preview(client, written_verdict, fact_checker):
    client.force_login(fact_checker)
    page = client.get(change_url(written_verdict)).content.decode()
    assert reverse("admin:factcheck_verdict_preview", args=[written_verdict.pk]) in page


# History


def test_history_shows_minutes_and_names_never_microseconds_or_deleted_nobody(client, published_verdict, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:factcheck_verdict_history", args=[published_verdict.pk])).content.decode()
    assert "pk=None" not in page
    assert not re.search(r"\d{2}:\d{2}:\d{2}\.\d{6}", page), "no microseconds"
    assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}<", page)
    assert "Charlie Castillo (charlie)" in page


def who_changed_what(client, verdict) -> list[str]:
    page = client.get(change_url(verdict)).content.decode()
    listed = re.search(r"Who changed what.*?<ul>(.*?)</ul>", page, flags=re.DOTALL).group(1)
    return re.findall(r"</time>: (.*?)</li>", listed)


def test_who_changed_what_names_each_part_once_per_save(client, new_claim, fact_checker, second_fact_checker):
    client.force_login(fact_checker)
    data = new_verdict_data(
        new_claim,
        **{
            "sources-TOTAL_FORMS": 2,
            "sources-1-title": "Revised series",
            "sources-1-url": "https://stats.example/revised",
            "sources-1-accessed_on": "2026-04-03",
        },
    )
    client.post(ADD, data)
    verdict = Verdict.objects.get()
    assert verdict.changes.count() == 3, "the verdict's text and each source are recorded"
    assert who_changed_what(client, verdict) == ["Alice Adeyemi (rating, summary, explanation, sources)"]

    client.force_login(second_fact_checker)
    page = client.get(change_url(verdict))
    client.post(change_url(verdict), form_data(page, summary="The official figure was 4.0%, not 3.9%."))
    assert who_changed_what(client, verdict) == [
        "Alice Adeyemi (rating, summary, explanation, sources)",
        "Bob Brennan (summary)",
    ]


def test_a_source_an_editor_adds_on_the_form_is_proposed_not_added(client, submitted_verdict, fact_checker, editor):
    client.force_login(editor)
    page = client.get(change_url(submitted_verdict))
    data = form_data(
        page,
        **{
            "sources-1-title": "Revised series",
            "sources-1-url": "https://stats.example/revised",
            "sources-1-accessed_on": "2026-04-03",
        },
        _publish="",
    )
    response = client.post(change_url(submitted_verdict), data, follow=True)
    assert any("as a proposal" in message for message in messages_on(response))
    verdict = reload(submitted_verdict)
    assert verdict.published_at is None
    assert verdict.sources.count() == 1
    proposal = verdict.open_proposal()
    assert proposal.parts == ["sources"]
    assert [source["title"] for source in proposal.sources] == ["Labour market, March", "Revised series"]

    client.force_login(fact_checker)
    shown = client.get(change_url(verdict)).content.decode().split('id="desk-proposal-title"')[1]
    assert "<ins>Revised series" in shown.split("</section>")[0]
    proposal.accept(by=fact_checker, version=verdict.version)
    assert reload(verdict).sources.count() == 2
    assert editor not in reload(verdict).authors()


def test_a_second_fact_checker_who_edits_a_draft_is_its_co_author_not_a_proposer(
    client, written_verdict, fact_checker, second_fact_checker
):
    client.force_login(second_fact_checker)
    page = client.get(change_url(written_verdict))
    assert 'id="desk-proposing"' not in page.content.decode()
    client.post(change_url(written_verdict), form_data(page, summary="The official figure was 4.0%."))
    assert reload(written_verdict).summary == "The official figure was 4.0%."
    assert reload(written_verdict).authors() == [fact_checker, second_fact_checker]


def test_solo_correction_through_the_review_screen_is_marked_in_public(client, settings, published_verdict, editor):
    settings.FACTCHECK_SOLO_CORRECTIONS = True
    correction = published_verdict.start_correction(by=editor)
    correction.summary = "Close: the revised figure was 4.0%."
    correction.correction_note = "We linked the revised series."
    record_change(correction, by=editor, reason="Corrected")
    correction.save()
    correction.submit_for_review(by=editor)
    client.force_login(editor)
    client.post(review_url(correction), {"version": reload(correction).version, "_publish": ""})
    assert reload(correction).solo_correction
    public = client.get(published_verdict.claim.get_absolute_url()).content.decode()
    assert "Correction published without a second review by" in public
    log = client.get(reverse("factcheck:correction_list")).content.decode()
    assert "Published by one editor without a second review: the rating did not change." in log


def test_submitting_a_correction_without_its_note_shows_the_error_at_the_note(client, published_verdict, editor):
    correction = published_verdict.start_correction(by=editor)
    client.force_login(editor)
    page = client.get(change_url(correction))
    data = form_data(page, summary="Close: the revised figure was 4.1%.", _submit_for_review="")
    response = client.post(change_url(correction), data)
    assert response.context["adminform"].form.errors["correction_note"] == [
        "A correction needs its public note before it is submitted."
    ]
    assert "Close: the revised figure was 4.1%." in response.content.decode()
    assert reload(correction).submitted_at is None
