"""A spoken claim on the public pages and in ClaimReview: who said it, in which transcript, and when."""

import json
import re
from pathlib import Path

import pytest

from factcheck.claimreview import claim_review
from factcheck.importer import import_text
from factcheck.models import Article, Claim, Verdict
from tests.public_factories import publish

TRANSCRIPTS = Path(__file__).parent / "fixtures" / "transcripts"


@pytest.fixture
def spoken_claim(db, fact_checker, editor):
    """Amara Okafor's claim in the WebVTT debate, published."""
    import_text(text=(TRANSCRIPTS / "harbour_debate.vtt").read_text(), source="harbour_debate.vtt")
    claim = Claim.objects.get(text__startswith="Bus fares rose by 12 percent")
    publish(claim, author=fact_checker, reviewer=editor, rating=Verdict.Rating.MOSTLY_TRUE)
    return claim


def page_text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", response.content.decode().replace(">\n", "> ")).split())


def test_a_spoken_claim_says_who_said_it_in_which_transcript_and_when(client, spoken_claim):
    response = client.get(spoken_claim.get_absolute_url())
    assert response.status_code == 200
    assert (
        "Amara Okafor said, in Harbour City mayoral debate (Harbour TV, 4 November 2026), "
        "at 00:00:16 (play the original from there):" in page_text(response)
    )
    assert "“Bus fares rose by 12 percent in 2025 because the state cut its transit grant by $40 million.”" in (
        page_text(response)
    )
    html = response.content.decode()
    assert 'href="https://www.youtube.com/watch?v=hcdebate26&amp;t=16s"' in html, "the original, from that moment"
    assert '<time datetime="PT0H0M16S">00:00:16</time>' in html


def test_a_spoken_claims_context_is_the_previous_turn_and_its_own(client, spoken_claim):
    text = page_text(client.get(spoken_claim.get_absolute_url()))
    assert "Priya Raman: Good evening and welcome to the Harbour City mayoral debate." in text
    assert "Amara Okafor: Thank you, Priya." in text


def test_claimreview_reviews_a_claim_that_appeared_in_the_transcripts_video_by_its_speaker(client, spoken_claim):
    verdict = Verdict.objects.select_related("claim__article", "claim__claimant").get(claim=spoken_claim)
    item = claim_review(verdict)["itemReviewed"]
    assert item["author"]["@type"] == "Person"
    assert item["author"]["name"] == "Amara Okafor"
    assert item["appearance"][0] == {
        "@type": "VideoObject",
        "name": "Harbour City mayoral debate",
        "url": "https://www.youtube.com/watch?v=hcdebate26&t=16s",
        "datePublished": "2026-11-04",
        "publisher": {"@type": "Organization", "name": "Harbour TV"},
        "recordedAt": {"@type": "Event", "name": "Harbour City mayoral debate", "startDate": "2026-11-04"},
    }
    html = client.get(spoken_claim.get_absolute_url()).content.decode()
    embedded = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert embedded["itemReviewed"]["appearance"] == item["appearance"]


def test_an_unidentified_speakers_claim_is_credited_to_nobody_not_the_broadcaster(db, fact_checker, editor):
    captions = (
        "WEBVTT\n\nNOTE\nBroadcaster: Radio Harbour\n\n"
        "00:00:02.000 --> 00:00:05.000\nUnemployment fell to 3.9 percent in March 2026.\n"
    )
    import_text(text=captions, source="unnamed.vtt")
    claim = Claim.objects.get()
    verdict = publish(claim, author=fact_checker, reviewer=editor)
    verdict = Verdict.objects.select_related("claim__article", "claim__claimant").get(pk=verdict.pk)
    assert "author" not in claim_review(verdict)["itemReviewed"]


def test_a_transcripts_page_lists_its_claims_with_when_each_was_said(client, spoken_claim):
    article = Article.objects.get()
    text = page_text(client.get(article.get_absolute_url()))
    assert "Transcript: Debate" in text
    assert "Claims in this transcript" in text
    assert "Amara Okafor · at 00:00:16" in text
