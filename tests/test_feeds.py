"""RSS and Atom feeds of published fact-checks, read with feedparser as a feed reader would."""

import html
import re
from datetime import timedelta
from xml.etree import ElementTree

import feedparser
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from factcheck.models import Claim, Verdict
from tests.public_factories import correct, make_actor, make_article, make_claim, publish

ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = ["factcheck:verdict_feed", "factcheck:verdict_atom_feed"]
LONG_CLAIM = (
    "Taxes on working families are higher today than at any time since the national statistics office "
    "started counting in 1975, and they rose again this year."
)


@pytest.fixture
def verdict(db, fact_checker, editor):
    fact_checker.first_name, fact_checker.last_name = "Alice", "Okafor"
    fact_checker.save()
    make_claim(text="Still in review.", status=Claim.Status.IN_REVIEW)
    return publish(
        make_claim(text=LONG_CLAIM, claimant=make_actor(name="Jane Minister")),
        author=fact_checker,
        reviewer=editor,
        rating=Verdict.Rating.FALSE,
        summary="Higher in 1990.",
    )


def read_feed(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_the_rss_feed_lists_published_verdicts(client, verdict):
    response = client.get(reverse("factcheck:verdict_feed"))
    assert response["Content-Type"].startswith("application/rss+xml")
    items = ElementTree.fromstring(response.content).findall("./channel/item")
    assert [item.findtext("title") for item in items] == [f"False: {LONG_CLAIM}"]
    assert items[0].findtext("link") == f"https://factcheck.example{verdict.claim.get_absolute_url()}"
    assert "Higher in 1990." in items[0].findtext("description")


def test_the_atom_feed_lists_published_verdicts(client, verdict):
    response = client.get(reverse("factcheck:verdict_atom_feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = ElementTree.fromstring(response.content).findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [f"False: {LONG_CLAIM}"]


@pytest.mark.parametrize("url_name", FEEDS)
def test_feeds_parse_cleanly_with_absolute_ids_full_titles_authors_and_ratings(client, verdict, url_name):
    parsed = read_feed(client, url_name)
    claim_url = f"https://factcheck.example{verdict.claim.get_absolute_url()}"
    assert parsed.feed.link == "https://factcheck.example/claims/"
    [entry] = parsed.entries
    assert entry.id == claim_url
    assert entry.link == claim_url
    assert entry.title == f"False: {LONG_CLAIM}"
    assert "…" not in entry.title
    assert entry.author == "Alice Okafor"
    assert [tag.term for tag in entry.tags] == ["False"]
    assert "Rating: False." in entry.summary


@pytest.mark.parametrize("url_name", FEEDS)
def test_every_id_in_the_feeds_is_an_absolute_address(client, db, fact_checker, editor, url_name):
    for _ in range(3):
        publish(make_claim(), author=fact_checker, reviewer=editor)
    parsed = read_feed(client, url_name)
    assert len(parsed.entries) == 3
    assert all(entry.id.startswith("https://factcheck.example/claims/") for entry in parsed.entries)


def test_the_feed_names_the_desk_when_the_fact_checker_has_no_name_on_record(client, db, editor):
    # Publishing now needs every credited person's name; an archive from before that rule may lack one.
    nameless = get_user_model().objects.create_user("nameless-login")
    publish(make_claim(), author=nameless, reviewer=editor)
    [entry] = read_feed(client, "factcheck:verdict_atom_feed").entries
    assert entry.author == "Factcheck desk"
    assert "nameless-login" not in entry.author


def test_the_feed_names_the_fact_checker_by_their_display_name(client, db, fact_checker, editor):
    publish(make_claim(), author=fact_checker, reviewer=editor)
    [entry] = read_feed(client, "factcheck:verdict_atom_feed").entries
    assert entry.author == fact_checker.get_full_name()
    assert fact_checker.get_username() not in entry.author


@pytest.mark.parametrize("url_name", FEEDS)
def test_a_correction_updates_the_entry_and_keeps_its_id_and_first_publication(
    client, verdict, fact_checker, editor, url_name, django_capture_on_commit_callbacks
):
    before = read_feed(client, url_name).entries
    with django_capture_on_commit_callbacks(execute=True):  # the page cache goes stale on commit
        correction = correct(
            verdict, author=fact_checker, reviewer=editor, rating=Verdict.Rating.MOSTLY_FALSE, note="Wrong year."
        )
    after = read_feed(client, url_name).entries
    assert len(after) == 1
    assert after[0].id == before[0].id
    assert after[0].title == f"Mostly false: {LONG_CLAIM}"
    assert shown_text(after[0].summary_detail).startswith("Correction: Wrong year.")
    assert [tag.term for tag in after[0].tags] == ["Mostly false"]
    published = after[0].published_parsed
    assert published == before[0].published_parsed
    assert published[:6] == verdict.published_at.utctimetuple()[:6]
    if url_name == "factcheck:verdict_atom_feed":
        assert after[0].updated_parsed[:6] == correction.published_at.utctimetuple()[:6]
        assert correction.published_at - verdict.published_at == timedelta(days=2)
        assert after[0].updated_parsed != after[0].published_parsed


@pytest.mark.parametrize("rows", [3, 30])
def test_feeds_run_a_fixed_number_of_queries(client, db, fact_checker, editor, django_assert_max_num_queries, rows):
    for _ in range(rows):
        publish(make_claim(), author=fact_checker, reviewer=editor)
    # The fact-checks, and where each was said again (confirmed repeats).
    with django_assert_max_num_queries(2):
        client.get(reverse("factcheck:verdict_feed"))
    with django_assert_max_num_queries(2):
        client.get(reverse("factcheck:verdict_atom_feed"))


# What an imported page could put in a claim, a name or an outlet, and an editor in a note.
HOSTILE = """<img src=x onerror="alert('feed')"> & <b>bold</b> &amp;"""


def shown_text(detail) -> str:
    """What a feed reader shows for a parsed text construct: plain text as it is, HTML as its text."""
    if detail.type == "text/plain":
        return detail.value
    return html.unescape(re.sub(r"<[^>]*>", "", detail.value))


@pytest.mark.parametrize("url_name", FEEDS)
def test_feeds_send_claims_names_outlets_and_notes_as_text_never_as_markup(client, db, fact_checker, editor, url_name):
    claim = make_claim(
        text=f"Taxes rose {HOSTILE} last year.",
        claimant=make_actor(name=f"Jane {HOSTILE} Minister"),
        article=make_article(outlet=f"The {HOSTILE} Record"),
    )
    verdict = publish(claim, author=fact_checker, reviewer=editor)
    correct(
        verdict,
        author=fact_checker,
        reviewer=editor,
        rating=Verdict.Rating.FALSE,
        note=f"Fixed {HOSTILE}.",
        summary=f"Lower {HOSTILE} in fact.",
    )
    [entry] = read_feed(client, url_name).entries
    assert shown_text(entry.title_detail) == f"False: Taxes rose {HOSTILE} last year."
    summary = shown_text(entry.summary_detail)
    for text in (
        f"Correction: Fixed {HOSTILE}.",
        f"According to The {HOSTILE} Record, Jane {HOSTILE} Minister: Taxes rose {HOSTILE} last year.",
        f"Rating: False. Lower {HOSTILE} in fact.",
    ):
        assert text in summary
    assert "<img" not in entry.summary_detail.value or entry.summary_detail.type == "text/plain"


@pytest.mark.parametrize("url_name", FEEDS)
def test_an_apostrophe_in_a_title_reads_as_one_whether_a_reader_takes_it_as_text_or_html(
    client, db, fact_checker, editor, url_name
):
    publish(make_claim(text="Riverton's bus fares rose 40% last year."), author=fact_checker, reviewer=editor)
    [entry] = read_feed(client, url_name).entries
    assert entry.title.endswith(": Riverton's bus fares rose 40% last year.")
    assert shown_text(entry.title_detail).endswith(": Riverton's bus fares rose 40% last year.")


def test_the_atom_feed_labels_its_summaries_as_text(client, verdict):
    response = client.get(reverse("factcheck:verdict_atom_feed"))
    [summary] = ElementTree.fromstring(response.content).findall(f"{ATOM}entry/{ATOM}summary")
    assert summary.get("type") == "text"
    assert summary.text.startswith("According to")
