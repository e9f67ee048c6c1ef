"""ClaimReview (schema.org) for published verdicts: the JSON-LD on claim pages and the API feed.

Search engines and aggregators read this; see https://schema.org/ClaimReview.
Only a published verdict becomes ClaimReview, so nothing here reads the
desk's internal fields (notes, review comments, assignees).
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from factcheck.models import Actor, Article, Claim, Verdict
from factcheck.models.transcripts import address_at, is_video
from factcheck.organization import absolute_url

# Occasions a transcript records that are events: their recording was made at one (schema.org recordedAt).
EVENT_VENUES = {
    Article.Venue.DEBATE,
    Article.Venue.SPEECH,
    Article.Venue.PRESS_CONFERENCE,
    Article.Venue.HEARING,
}

# The same escapes as Django's json_script: inside <script> the text must not
# be able to close the element or open a comment, whatever a claim contains.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def organization() -> dict:
    """The desk's organisation as a schema.org Organization."""
    org = settings.FACTCHECK_ORGANIZATION
    return {"@type": "Organization", "name": org["name"], "url": org["url"]}


def claimant(claim: Claim, *, build_absolute_uri=absolute_url) -> dict | None:
    """Who made the claim as a schema.org Person or Organization; the outlet for an article's own
    assertion; None when neither is known (a transcript's unidentified speaker)."""
    if claim.claimant is not None:
        kind = "Person" if claim.claimant.kind == Actor.Kind.PERSON else "Organization"
        author = {
            "@type": kind,
            "name": claim.claimant.name,
            "url": build_absolute_uri(claim.claimant.get_absolute_url()),
        }
        if kind == "Person" and claim.claimant.description:
            author["jobTitle"] = claim.claimant.description  # their role when they said it, e.g. "Finance minister"
        return author
    if claim.article.outlet and not claim.article.is_transcript:  # a broadcaster does not say what its guests say
        return {"@type": "Organization", "name": claim.article.outlet}
    return None


def appearances(claim: Claim, repeats=(), *, build_absolute_uri=absolute_url) -> list[dict]:
    """Where the claim can be found, as schema.org CreativeWorks (which came first: first_appearance()).

    The claim's own original comes first when its address is known (the desk's
    own copy of an article is not where the claim was made); then each confirmed
    repeat (`repeats`: ClaimMatch rows with claim, its article and claimant loaded).
    """
    if spoken_here(claim):
        found = [transcript_appearance(claim)]
    else:
        found = [original_appearance(claim)] if claim.original_url else []
    found += [repeat_appearance(match.claim, build_absolute_uri=build_absolute_uri) for match in repeats]
    return found


def first_appearance(claim: Claim, found: list[dict]) -> dict | None:
    """The earliest of the claim's appearances (`found`, from appearances()) that is known to come first: the
    earliest dated, when the claim's own original is among them; else a repeat said before the claim itself
    was. None when neither is known: a repeat said later is not where the claim first appeared."""
    own_listed = spoken_here(claim) or bool(claim.original_url)
    earliest = min(found, key=lambda work: work.get("datePublished", "9999"))  # the first of equals: the own
    if own_listed:
        return earliest
    said_on = claim.said_on or claim.article.published_on
    if said_on and earliest.get("datePublished", "9999") < said_on.isoformat():
        return earliest
    return None


def original_appearance(claim: Claim) -> dict:
    """The claim's own original (its `original_url`) as a CreativeWork."""
    work = {"@type": "CreativeWork", "url": claim.original_url}
    if claim.venue == Claim.Venue.ARTICLE or not claim.venue:
        # Said in (or reported by) the article the desk imported: the original is that article.
        if claim.article.url == claim.original_url:
            work["headline"] = claim.article.title
        if claim.article.outlet:
            work["publisher"] = {"@type": "Organization", "name": claim.article.outlet}
    else:
        work["name"] = claim.get_venue_display()
    if claim.said_on:
        work["datePublished"] = claim.said_on.isoformat()
    return work


def spoken_here(claim: Claim) -> bool:
    """Whether the claim was said in its transcript (not placed elsewhere since by a fact-checker)."""
    return claim.article.is_transcript and claim.venue == claim.article.venue


def transcript_appearance(claim: Claim) -> dict:
    """The transcript a claim was said in as a CreativeWork: a VideoObject when its original is a video, a
    PodcastEpisode for a podcast, recorded at an Event for a debate, speech, press conference or hearing.
    Its address starts at the moment the claim was said where the player allows it."""
    article = claim.article
    url = claim.original_url or article.url
    if is_video(url):
        kind = "VideoObject"
    elif article.venue == Article.Venue.PODCAST:
        kind = "PodcastEpisode"
    else:
        kind = "CreativeWork"
    work = {"@type": kind, "name": article.title}
    if url:
        work["url"] = address_at(url, claim.said_at_seconds) or url
    if claim.said_on:
        work["datePublished"] = claim.said_on.isoformat()
    if article.outlet:
        work["publisher"] = {"@type": "Organization", "name": article.outlet}
    if article.venue in EVENT_VENUES:
        event = {"@type": "Event", "name": article.title}
        if claim.said_on:
            event["startDate"] = claim.said_on.isoformat()
        work["recordedAt"] = event
    return work


def repeat_appearance(claim: Claim, *, build_absolute_uri=absolute_url) -> dict:
    """Where else a claim was made: its original address (else the article's, else the desk's copy), when and
    by whom."""
    article = claim.article
    appearance = {
        "@type": "CreativeWork",
        "url": claim.original_url or article.url or build_absolute_uri(article.get_absolute_url()),
        "headline": article.title,
    }
    said_on = claim.said_on or article.published_on
    if said_on:
        appearance["datePublished"] = said_on.isoformat()
    if author := claimant(claim, build_absolute_uri=build_absolute_uri):
        appearance["author"] = {"@type": author["@type"], "name": author["name"]}
    return appearance


def claim_review(verdict: Verdict, *, build_absolute_uri=absolute_url, repeats=()) -> dict:
    """The ClaimReview for a published verdict.

    The verdict must come with claim, claim.article and claim.claimant loaded
    (select_related) to keep this free of queries; `first_published_at` (from
    `Verdict.objects.with_first_published()`) gives a corrected fact-check its
    original date, else the verdict's own publication date is used. Addresses
    are made absolute at the organisation's URL. `repeats` are the claim's confirmed
    repeats (ClaimMatch, with claim, its article and claimant loaded): each is one
    more item in itemReviewed.appearance.
    """
    claim = verdict.claim
    item_reviewed = {"@type": "Claim"}
    if author := claimant(claim, build_absolute_uri=build_absolute_uri):
        item_reviewed["author"] = author
    if claim.claimant is not None:
        # Say whether the words reviewed are the claimant's own or the article's account of them.
        if claim.quotation == claim.Quotation.QUOTE:
            item_reviewed["description"] = f"Quoted: {claim.claimant.name}'s own words."
        else:
            by = claim.article.outlet or "the article"
            item_reviewed["description"] = f"Paraphrased by {by}: the article's words, not a quotation."
    if claim.said_on:
        item_reviewed["datePublished"] = claim.said_on.isoformat()
    if found := appearances(claim, repeats, build_absolute_uri=build_absolute_uri):
        if first := first_appearance(claim, found):
            item_reviewed["firstAppearance"] = first
        item_reviewed["appearance"] = found
    first_published = getattr(verdict, "first_published_at", None) or verdict.published_at
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": build_absolute_uri(claim.get_absolute_url()),
        # The words as the claim page gives them: a quotation without the "…,” she said" around it.
        "claimReviewed": claim.words_shown(),
        "datePublished": first_published.date().isoformat(),
        "author": organization(),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": verdict.rating_value,
            "bestRating": len(Verdict.Rating.values),
            "worstRating": 1,
            "alternateName": verdict.get_rating_display(),
        },
        "itemReviewed": item_reviewed,
    }
    if verdict.published_at.date() != first_published.date():
        review["dateModified"] = verdict.published_at.date().isoformat()
    return review


def json_ld_script(data: dict) -> SafeString:
    """A <script type="application/ld+json"> element holding data, escaped like json_script."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
