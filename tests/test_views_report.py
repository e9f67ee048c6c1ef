"""The reader form: stored for editors, rate-limited per sender, size-limited, with a honeypot and CSRF."""

import pytest
from django.test import Client
from django.urls import reverse

from factcheck.models import ReaderReport
from factcheck.views import REPORTS_PER_SENDER_PER_HOUR
from tests.public_factories import make_claim

URL = reverse("factcheck:report")


def message(**fields):
    return {"kind": "suggestion", "message": "The mayor said bus fares doubled.", **fields}


def test_a_suggestion_is_stored_for_editors(client, db):
    response = client.post(URL, message(link="https://news.example.org/bus", email="reader@example.org"))
    assert response.status_code == 302
    assert response["Location"] == reverse("factcheck:report_thanks")
    report = ReaderReport.objects.get()
    assert report.message == "The mayor said bus fares doubled."
    assert report.link == "https://news.example.org/bus"
    assert len(report.sender_hash) == 64
    assert "127.0.0.1" not in report.sender_hash


def test_an_error_report_links_to_its_claim(client, db):
    claim = make_claim()
    page = client.get(URL, {"claim": claim.slug}).content.decode()
    assert f'value="{claim.slug}"' in page
    assert '<input type="radio" name="kind" value="error" id="id_kind_1" required checked>' in page
    client.post(URL, message(kind="error", claim=claim.slug))
    assert ReaderReport.objects.get().claim == claim


def test_a_reader_reporting_an_error_is_shown_which_claim_the_report_is_about(client, db):
    claim = make_claim(text="Bus fares <b>doubled</b> this year.")
    page = client.get(URL, {"claim": claim.slug}).content.decode()
    link = f'<a href="{claim.get_absolute_url()}">Bus fares &lt;b&gt;doubled&lt;/b&gt; this year.</a>'
    assert f"About the claim {link}" in page
    resent = client.post(URL, message(kind="error", claim=claim.slug, message="")).content.decode()
    assert "About the claim" in resent, "still named when the form comes back with an error"
    assert "About the claim" not in client.get(URL).content.decode()


def test_the_honeypot_discards_robots_quietly(client, db):
    response = client.post(URL, message(website="http://spam.example"))
    assert response.status_code == 302
    assert not ReaderReport.objects.exists()


def test_a_sender_is_limited_per_hour(client, db):
    for _ in range(REPORTS_PER_SENDER_PER_HOUR):
        assert client.post(URL, message()).status_code == 302
    response = client.post(URL, message())
    assert response.status_code == 429
    assert ReaderReport.objects.count() == REPORTS_PER_SENDER_PER_HOUR
    other_sender = client.post(URL, message(), REMOTE_ADDR="192.0.2.7")
    assert other_sender.status_code == 302


def test_behind_a_proxy_each_reader_has_their_own_limit(client, db, settings):
    """Every request arrives from the proxy's address: counted by it, one reader's messages used up everyone's."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(REPORTS_PER_SENDER_PER_HOUR):
        assert client.post(URL, message(), HTTP_X_FORWARDED_FOR="198.51.100.4", **proxy).status_code == 302
    assert client.post(URL, message(), HTTP_X_FORWARDED_FOR="198.51.100.4", **proxy).status_code == 429
    assert client.post(URL, message(), HTTP_X_FORWARDED_FOR="198.51.100.9", **proxy).status_code == 302


def test_behind_a_proxy_a_forged_forwarded_address_does_not_escape_the_limit(client, db, settings):
    """Only the entry the trusted proxy added counts: what the reader put before it is ignored."""
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(REPORTS_PER_SENDER_PER_HOUR):
        forged = f"203.0.113.{number}, 198.51.100.4"
        assert client.post(URL, message(), HTTP_X_FORWARDED_FOR=forged, REMOTE_ADDR="10.0.0.2").status_code == 302
    response = client.post(URL, message(), HTTP_X_FORWARDED_FOR="203.0.113.99, 198.51.100.4", REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 429


def test_an_oversized_message_is_refused(client, db):
    response = client.post(URL, message(message="x" * 4001))
    assert response.status_code == 200
    assert "at most 4000 characters" in response.content.decode()
    assert not ReaderReport.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "praise"},
        {"message": ""},
        {"link": "javascript:alert(1)"},
        {"email": "not an email"},
        {"claim": "no-such-claim"},
        {"message": "\x00 null bytes"},
    ],
)
def test_invalid_reports_are_refused_without_error(client, db, fields):
    response = client.post(URL, message(**fields))
    assert response.status_code == 200
    assert not ReaderReport.objects.exists()


def test_the_form_needs_a_csrf_token(db):
    csrf_client = Client(enforce_csrf_checks=True)
    assert csrf_client.post(URL, message()).status_code == 403
    page = csrf_client.get(URL).content.decode()
    assert "csrfmiddlewaretoken" in page


def test_every_field_is_labelled(client, db):
    page = client.get(URL).content.decode()
    for field in ["id_message", "id_link", "id_email", "id_website", "id_kind_0", "id_kind_1"]:
        assert f'for="{field}"' in page


def test_a_message_that_was_not_sent_says_so_first_with_a_link_to_each_field_at_fault(client, db):
    assert "<title>Suggest a claim" in client.get(URL).content.decode()
    page = client.post(URL, message(message="", link="not an address")).content.decode()
    assert "<title>Error: Suggest a claim" in page
    summary = page.split('id="form-problems"')[1].split("</div>")[0]
    assert "Your message was not sent" in summary
    assert '<a href="#id_message">Your message</a>: This field is required.' in summary
    assert "Link to where it was said or to your evidence (optional)</a>: Enter a valid URL." in summary
    assert "email" not in summary.lower()
    # The summary comes before the fields, so that it is what a reader meets first.
    assert page.index('id="form-problems"') < page.index('id="id_message"')


@pytest.mark.parametrize("slug", ["no-such-claim", "bad\x00slug", "<b>markup</b>"])
def test_an_error_report_about_an_unknown_claim_says_so_and_can_be_sent_again(client, db, slug):
    response = client.post(URL, message(kind="error", claim=slug))
    assert response.status_code == 200
    page = response.content.decode()
    assert "We could not find the fact-check this report is about" in page
    assert f'value="{slug}"' not in page
    assert not ReaderReport.objects.exists()
    again = client.post(URL, message(kind="error", claim=""))
    assert again.status_code == 302
    assert ReaderReport.objects.get().message == "The mayor said bus fares doubled."


def test_the_thanks_page_ignores_checked_values_that_cannot_name_a_claim(client, db):
    # PostgreSQL refuses a NUL in a query outright, so on it this was a 500.
    response = client.get(reverse("factcheck:report_thanks"), {"checked": ["bad\x00slug", "²", "x" * 10_000]})
    assert response.status_code == 200
