"""The admin's reader reports: what readers sent, read by the desk and marked handled."""

from django.urls import reverse

from factcheck.models import ReaderReport
from tests.public_factories import make_claim


def report_about(claim):
    return ReaderReport.objects.create(
        kind=ReaderReport.Kind.ERROR,
        claim=claim,
        message="Table 4 says 3,100 jobs, not 1,900.",
        email="reader@example.org",
        sender_hash="x" * 64,
    )


def test_a_report_links_its_claim_instead_of_listing_every_claim_on_the_desk(client, editor):
    claim = make_claim(text="The harbour expansion will create 4,000 jobs.")
    make_claim(text="Class sizes are the smallest in a generation.")
    report = report_about(claim)
    client.force_login(editor)
    page = client.get(reverse("admin:factcheck_readerreport_change", args=[report.pk])).content.decode()
    assert reverse("admin:factcheck_claim_change", args=[claim.pk]) in page
    assert claim.get_absolute_url() in page
    assert 'name="claim"' not in page
    assert "Class sizes are the smallest" not in page


def test_marking_a_report_handled_leaves_the_readers_words_as_they_sent_them(client, editor):
    report = report_about(make_claim())
    client.force_login(editor)
    response = client.post(
        reverse("admin:factcheck_readerreport_change", args=[report.pk]),
        {"handled": "on", "message": "Nothing wrong here.", "email": "", "claim": ""},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.handled
    assert report.message == "Table 4 says 3,100 jobs, not 1,900."
    assert report.email == "reader@example.org"
    assert report.claim is not None


def test_the_front_page_says_what_readers_sent_that_nobody_has_handled(client, editor):
    claim = make_claim()
    report_about(claim)
    report_about(claim)
    ReaderReport.objects.create(kind=ReaderReport.Kind.SUGGESTION, message="Check the mayor.", handled=True)
    client.force_login(editor)
    page = client.get(reverse("admin:index")).content.decode()
    listed = reverse("admin:factcheck_readerreport_changelist")
    assert f'<a href="{listed}?handled__exact=0&amp;kind__exact=error"><strong>2</strong> error reports</a>' in page
    assert "suggestion" not in page.split('class="desk-reports"')[1].split("</p>")[0], "handled ones are not counted"
