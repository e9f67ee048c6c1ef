"""A published claim's wording (its words, claimant, quotation, when and where it was said) is part of what
two people approved: it changes only through a correction that someone other than its authors publishes,
with its public note, and until then every reader-facing surface shows the words that were checked."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from model_bakery import baker

from factcheck.models import Actor, Claim, Verdict, record_change
from tests.admin_forms import form_data
from tests.public_factories import archived_wording

CHECKED = "Unemployment fell to 3.9% in March."
REWORDED = "Unemployment fell to 3.8% in February."


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


def change_url(obj):
    return reverse(f"admin:factcheck_{obj._meta.model_name}_change", args=[obj.pk])


def reader_surfaces(client, claim) -> dict[str, str]:
    """Everything a reader, a feed reader or a search engine is given about published claims."""
    urls = {
        "claim page": claim.get_absolute_url(),
        "claim list": reverse("factcheck:claim_list"),
        "CSV": reverse("factcheck:claim_csv"),
        "RSS feed": reverse("factcheck:verdict_feed"),
        "Atom feed": reverse("factcheck:verdict_atom_feed"),
        "ClaimReview API": reverse("factcheck:claimreview_feed"),
        "corrections": reverse("factcheck:correction_list"),
    }
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        body = b"".join(response.streaming_content) if response.streaming else response.content
        pages[name] = body.decode()
    return pages


@pytest.fixture
def minister(db):
    return baker.make(Actor, name="Jane Minister", slug="jane-minister", kind=Actor.Kind.PERSON)


def write_correction(published_verdict, *, started_by, written_by, note="We had the month wrong.", **wording):
    """A correction of the published verdict, started by `started_by`, its claim wording changed by `written_by`."""
    correction = published_verdict.start_correction(by=started_by)
    for name, value in wording.items():
        setattr(correction, name, value)
    correction.correction_note = note
    record_change(correction, by=written_by, reason="Edited")
    correction.save()
    return reload(correction)


def test_a_fact_checker_editing_a_published_claim_in_the_admin_cannot_change_what_readers_see(
    client, published_verdict, fact_checker, minister
):
    claim = published_verdict.claim
    client.force_login(fact_checker)
    page = client.get(change_url(claim))
    assert "To change any of them, an editor starts a correction of the verdict" in page.content.decode()
    data = form_data(page, text=REWORDED, claimant=minister.pk, quotation="quote", said_on="2020-01-01")
    client.post(change_url(claim), data)

    stored = reload(claim)
    assert (stored.text, stored.claimant, stored.said_on) == (CHECKED, None, None)
    seen = client.get(claim.get_absolute_url()).content.decode()
    assert CHECKED in seen
    assert REWORDED not in seen
    assert "Jane Minister" not in seen


def test_no_save_or_bulk_update_changes_a_published_claims_wording(published_verdict, fact_checker, minister):
    changes = {
        "text": REWORDED,
        "claimant": minister,
        "said_on": date(2020, 1, 1),
        "venue": Claim.Venue.SPEECH,
        "original_url": "https://elsewhere.example/",
    }
    for name, value in changes.items():
        claim = reload(published_verdict.claim)
        setattr(claim, name, value)
        record_change(claim, by=fact_checker, reason="Edited")
        with pytest.raises(PermissionDenied, match="change only through a correction"):
            claim.save()
    with pytest.raises(PermissionDenied, match="change only through a correction"):
        Claim.objects.filter(pk=published_verdict.claim_id).update(text=REWORDED)
    assert reload(published_verdict.claim).text == CHECKED
    # What is not wording is still the desk's to change.
    claim = reload(published_verdict.claim)
    claim.checkworthiness = 0.2
    claim.save()
    assert reload(claim).checkworthiness == 0.2


def test_an_unpublished_claim_stays_editable_in_the_admin(client, new_claim, fact_checker):
    client.force_login(fact_checker)
    page = client.get(change_url(new_claim))
    client.post(change_url(new_claim), form_data(page, text=REWORDED, said_on="2025-02-01"))
    assert (reload(new_claim).text, reload(new_claim).said_on) == (REWORDED, date(2025, 2, 1))


def test_a_correction_with_new_wording_published_by_a_second_editor_changes_it_with_the_note(
    client, published_verdict, fact_checker, editor, second_editor
):
    correction = write_correction(
        published_verdict,
        started_by=second_editor,
        written_by=fact_checker,
        checked_text=REWORDED,
        checked_said_on=date(2025, 2, 28),
        note="We misread the month and the figure the minister gave.",
    )
    correction.submit_for_review(by=fact_checker)
    correction.publish(by=editor)

    claim = reload(published_verdict.claim)
    assert (claim.text, claim.said_on) == (REWORDED, date(2025, 2, 28))
    assert reload(published_verdict).checked_text == CHECKED, "the earlier version keeps the words it checked"
    page = client.get(claim.get_absolute_url()).content.decode()
    assert f'<h1 class="claim-text">{REWORDED}</h1>' in page
    assert "We misread the month and the figure the minister gave." in page
    assert "This correction also changed the claim&#x27;s words, when it was said;" in page
    assert f"The claim as checked then: {CHECKED}" in page
    corrections = client.get(reverse("factcheck:correction_list")).content.decode()
    assert "It also changed the claim&#x27;s words, when it was said." in corrections
    assert REWORDED in client.get(reverse("factcheck:claimreview_feed")).content.decode()


def test_whoever_wrote_the_new_wording_cannot_publish_it_alone(published_verdict, editor, second_editor, settings):
    settings.FACTCHECK_SOLO_CORRECTIONS = True  # even where a lone editor may publish a correction of the rating
    correction = write_correction(
        published_verdict, started_by=second_editor, written_by=second_editor, checked_text=REWORDED
    )
    correction.submit_for_review(by=second_editor)
    with pytest.raises(PermissionDenied, match="two-person rule"):
        reload(correction).publish(by=second_editor)
    assert reload(published_verdict.claim).text == CHECKED
    reload(correction).publish(by=editor)
    assert reload(published_verdict.claim).text == REWORDED


def test_readers_see_the_reviewed_words_while_a_new_wording_waits_for_review(
    client, published_verdict, fact_checker, second_editor, minister
):
    correction = write_correction(
        published_verdict,
        started_by=second_editor,
        written_by=fact_checker,
        checked_text=REWORDED,
        checked_claimant=minister,
        checked_quotation=Claim.Quotation.QUOTE,
    )
    correction.submit_for_review(by=fact_checker)
    # Meanwhile the fact-checker also tries the claim's own page, as the desk could before.
    client.force_login(fact_checker)
    page = client.get(change_url(published_verdict.claim))
    client.post(change_url(published_verdict.claim), form_data(page, text=REWORDED, claimant=minister.pk))
    client.logout()
    for name, page in reader_surfaces(client, published_verdict.claim).items():
        assert REWORDED not in page, name
        assert "Jane Minister" not in page, name
    assert CHECKED in client.get(reverse("factcheck:claimreview_feed")).content.decode()
    assert CHECKED in client.get(reverse("factcheck:verdict_feed")).content.decode()


def test_the_correction_form_carries_the_claims_wording_and_the_review_screen_shows_the_change(
    client, published_verdict, fact_checker, editor, second_editor
):
    correction = published_verdict.start_correction(by=second_editor)
    client.force_login(fact_checker)
    page = client.get(change_url(correction))
    assert 'name="checked_text"' in page.content.decode()
    client.post(change_url(correction), form_data(page, checked_text=REWORDED, correction_note="Wrong month."))
    assert reload(correction).checked_text == REWORDED
    assert reload(published_verdict.claim).text == CHECKED, "readers see the new words only once published"
    assert "claim's words" in reload(correction).changes.get().fields

    reload(correction).submit_for_review(by=fact_checker)
    client.force_login(editor)
    review = client.get(reverse("admin:factcheck_verdict_review", args=[correction.pk])).content.decode()
    assert "The claim&#x27;s words" in review
    assert "<del>3.9%</del>" in review
    assert "<ins>3.8%</ins>" in review


def test_a_correction_cannot_give_a_claimant_a_quotation_they_did_not_make(
    published_verdict, fact_checker, second_editor
):
    correction = write_correction(
        published_verdict,
        started_by=second_editor,
        written_by=fact_checker,
        checked_quotation=Claim.Quotation.QUOTE,
    )
    with pytest.raises(ValidationError, match="neither quoted nor paraphrased"):
        correction.submit_for_review(by=fact_checker)


def test_confirming_the_claimant_of_a_published_claim_confirms_only_what_readers_see(
    published_verdict, second_fact_checker, minister
):
    claim = reload(published_verdict.claim)
    claim.confirm_attribution(by=second_fact_checker, claimant=None, quotation="")
    assert reload(claim).attribution_confirmed_by == second_fact_checker
    with pytest.raises(ValidationError, match="goes into a correction"):
        reload(claim).confirm_attribution(by=second_fact_checker, claimant=minister, quotation="quote")
    assert reload(claim).claimant is None


def test_merging_a_published_claims_claimant_into_its_duplicate_still_works(
    published_verdict, fact_checker, editor, second_editor, minister
):
    duplicate = baker.make(Actor, name="J. Minister", slug="j-minister", kind=Actor.Kind.PERSON)
    correction = write_correction(
        published_verdict,
        started_by=second_editor,
        written_by=fact_checker,
        checked_claimant=duplicate,
        checked_quotation=Claim.Quotation.PARAPHRASE,
    )
    correction.submit_for_review(by=fact_checker)
    correction.publish(by=editor)
    assert reload(published_verdict.claim).claimant == duplicate

    minister.merge([duplicate], by=editor)
    assert reload(published_verdict.claim).claimant == minister
    assert reload(correction).checked_claimant == minister
    assert reload(correction).published_at is not None
    assert Verdict.objects.filter(checked_claimant__name="J. Minister").count() == 0


def test_a_corrected_article_date_leaves_a_published_claims_date_to_a_correction(client, published_verdict, editor):
    checked = archived_wording(published_verdict.claim, venue=Claim.Venue.ARTICLE)  # said in the article
    article = checked.article
    unchecked = baker.make(Claim, article=article, text="Vacancies rose.", venue=Claim.Venue.ARTICLE, said_on=None)
    client.force_login(editor)
    page = client.get(change_url(article))
    response = client.post(change_url(article), form_data(page, published_on="2026-03-03"), follow=True)
    said = {claim.pk: claim.said_on for claim in Claim.objects.filter(article=article)}
    assert said == {checked.pk: None, unchecked.pk: date(2026, 3, 3)}
    messages = [str(message) for message in response.context["messages"]]
    assert any("1 claim said in the article has a published verdict" in message for message in messages)
