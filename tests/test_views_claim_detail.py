"""The claim page: the verdict when published, the status otherwise, and the correction history."""

import pytest

from factcheck.models import Claim, Verdict
from tests.public_factories import archived_wording, correct, make_actor, make_claim, publish


@pytest.fixture
def published(db, fact_checker, editor):
    claim = make_claim(text="Taxes are the highest ever.", claimant=make_actor(name="Jane Minister"))
    return publish(
        claim,
        author=fact_checker,
        reviewer=editor,
        rating=Verdict.Rating.MOSTLY_FALSE,
        summary="Higher in 1990.",
        explanation="See [the table](https://stats.example.org/t1).\n\n<script>alert('x')</script>",
    )


def test_a_published_claim_shows_its_verdict(client, published):
    page = client.get(published.claim.get_absolute_url()).content.decode()
    assert "Taxes are the highest ever." in page
    assert "Jane Minister" in page
    assert "Mostly false" in page
    assert "Higher in 1990." in page
    assert "Labour force survey, table 0" in page
    assert "Alice Adeyemi" in page  # author, by display name
    assert "Charlie Castillo" in page  # reviewer
    assert "alice" not in page
    assert "charlie" not in page, "logins are never printed publicly"
    assert published.claim.article.title in page
    assert published.claim.context in page


def test_the_explanation_is_markdown_without_scripts(client, published):
    page = client.get(published.claim.get_absolute_url()).content.decode()
    assert '<a href="https://stats.example.org/t1" rel="noopener noreferrer nofollow">the table</a>' in page
    assert "<script>alert" not in page


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (Claim.Status.NEW, "Awaiting check"),
        (Claim.Status.RESEARCHING, "Being researched"),
        (Claim.Status.IN_REVIEW, "In review"),
        (Claim.Status.DISMISSED, "Dismissed"),
    ],
)
def test_an_unpublished_claim_shows_its_status(client, db, status, words):
    claim = make_claim(status=status)
    page = client.get(claim.get_absolute_url()).content.decode()
    assert words in page
    assert "Our rating" not in page


def test_a_corrected_verdict_shows_its_history(client, published, fact_checker, editor):
    correct(published, author=fact_checker, reviewer=editor, rating=Verdict.Rating.FALSE, note="We misread 1990.")
    page = client.get(published.claim.get_absolute_url()).content.decode()
    assert "Correction history" in page
    assert "rating changed from <strong>Mostly false</strong> to <strong>False</strong>" in page
    assert "We misread 1990." in page
    assert "Earlier versions" in page


def test_an_unknown_claim_is_404(client, db):
    assert client.get("/claims/no-such-claim/").status_code == 404


def test_a_claim_page_offers_an_error_report(client, published):
    page = client.get(published.claim.get_absolute_url()).content.decode()
    assert f"/report/?claim={published.claim.slug}" in page


@pytest.mark.parametrize("corrections", [1, 6])
def test_the_claim_page_runs_a_fixed_number_of_queries(
    client, published, fact_checker, editor, django_assert_max_num_queries, corrections
):
    verdict = published
    for _ in range(corrections):
        verdict = correct(verdict, author=fact_checker, reviewer=editor, rating=Verdict.Rating.FALSE)
    # The claim, its published versions, who wrote each version (the credits), the sources,
    # and the claim's confirmed repeats (its other appearances).
    with django_assert_max_num_queries(5):
        client.get(published.claim.get_absolute_url())


def test_a_corrected_fact_check_opens_with_a_dated_correction_notice_above_the_verdict(
    client, published, fact_checker, editor
):
    correction = correct(
        published, author=fact_checker, reviewer=editor, rating=Verdict.Rating.FALSE, note="Wrong year."
    )
    page = client.get(published.claim.get_absolute_url()).content.decode()
    notice = page.index('class="correction-notice"')
    assert notice < page.index('class="verdict"')
    notice_html = page[notice : page.index("</aside>", notice)]
    assert f'Correction, <time datetime="{correction.published_at:%Y-%m-%dT%H:%M:%S+0000}">' in notice_html
    assert "Wrong year." in notice_html
    assert "rating changed from Mostly false to False</h2>" in notice_html
    assert '<a href="#corrections-title">Correction history</a>' in notice_html
    assert f'<a href="#version-{published.pk}">Read the version before this correction</a>' in notice_html


def test_the_correction_notice_says_what_changed_once(client, published, fact_checker, editor):
    correct(
        published,
        author=fact_checker,
        reviewer=editor,
        rating=Verdict.Rating.MOSTLY_FALSE,
        note="We cited the 2019 table; the 2020 table gives the same result.",
    )
    page = client.get(published.claim.get_absolute_url()).content.decode()
    notice = page[page.index('class="correction-notice"') : page.index("</aside>")]
    assert notice.count("We cited the 2019 table") == 1
    assert "rating" not in notice.split("</h2>")[0], "an unchanged rating is not announced"
    assert "The rating stays" not in notice


def test_each_earlier_version_is_readable_in_full_with_its_dates(client, published, fact_checker, editor):
    correct(
        published,
        author=fact_checker,
        reviewer=editor,
        rating=Verdict.Rating.FALSE,
        note="Wrong year.",
        summary="Never higher than in 1990.",
        explanation="The **corrected** comparison.",
    )
    page = client.get(published.claim.get_absolute_url()).content.decode()
    earlier = page[page.index('<details class="earlier-version">') : page.index("</details>")]
    assert f'id="version-{published.pk}"' in earlier, "the notice's link into it"
    assert f'<time datetime="{published.published_at:%Y-%m-%dT%H:%M:%S+0000}">' in earlier
    assert "corrected <time" in earlier
    assert "rated Mostly false" in earlier
    assert "Higher in 1990." in earlier
    assert '<a href="https://stats.example.org/t1" rel="noopener noreferrer nofollow">the table</a>' in earlier
    assert "Labour force survey, table 0" in earlier
    assert "<script>alert" not in earlier


def test_a_corrected_fact_check_shows_when_it_was_first_published_and_updated(client, published, fact_checker, editor):
    correction = correct(published, author=fact_checker, reviewer=editor, rating=Verdict.Rating.FALSE)
    page = client.get(published.claim.get_absolute_url()).content.decode()
    first = published.published_at
    assert f'<dt>First published</dt><dd><time datetime="{first:%Y-%m-%dT%H:%M:%S+0000}">' in page
    assert f'<dt>Updated</dt><dd><time datetime="{correction.published_at:%Y-%m-%dT%H:%M:%S+0000}">' in page


def test_a_fact_check_never_corrected_has_no_notice_and_no_updated_date(client, published):
    page = client.get(published.claim.get_absolute_url()).content.decode()
    assert "correction-notice" not in page
    assert "<dt>First published</dt>" in page
    assert "<dt>Updated</dt>" not in page


def test_the_latest_of_several_corrections_is_the_one_up_front(client, published, fact_checker, editor):
    second = correct(published, author=fact_checker, reviewer=editor, rating=Verdict.Rating.FALSE, note="First fix.")
    correct(second, author=fact_checker, reviewer=editor, rating=Verdict.Rating.HALF_TRUE, note="Second fix.")
    page = client.get(published.claim.get_absolute_url()).content.decode()
    notice = page[page.index('class="correction-notice"') : page.index('class="verdict"')]
    assert "Second fix." in notice
    assert "First fix." not in notice
    assert "Correction history (2 corrections)" in notice


def test_the_claim_page_says_when_and_where_the_claim_was_made_with_a_link_to_the_original(client, published):
    archived_wording(
        published.claim,
        said_on="2025-02-20",
        venue=Claim.Venue.INTERVIEW,
        original_url="https://radio.example.org/jane?t=1&x=2",
    )
    page = client.get(published.claim.get_absolute_url()).content.decode()
    assert '<dt>Said on</dt><dd><time datetime="2025-02-20">20 February 2025</time></dd>' in page
    assert "<dt>Where</dt><dd>Interview</dd>" in page
    assert '<a href="https://radio.example.org/jane?t=1&amp;x=2" rel="noopener noreferrer nofollow">' in page


def test_a_claim_with_nothing_known_about_when_and_where_shows_no_empty_block(client, db):
    claim = make_claim(said_on=None, venue="", original_url="")
    assert "claim-said" not in client.get(claim.get_absolute_url()).content.decode()


def test_markdown_tables_become_accessible_tables(client, db, fact_checker, editor):
    claim = make_claim()
    publish(
        claim,
        author=fact_checker,
        reviewer=editor,
        explanation="Rates:\n\n| Year | Rate |\n|:-----|-----:|\n| 2020 | 4.1% |\n| 2024 | 3.9% |",
    )
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "| Year |" not in page
    assert '<div class="table-scroll" role="region" aria-label="Table 1" tabindex="0"><table>' in page
    assert '<th scope="col">Year</th>' in page
    assert "<td>4.1%</td>" in page
    assert "style=" not in page  # alignment styles would break the Content-Security-Policy
