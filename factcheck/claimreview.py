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

from factcheck.models import Actor, Verdict

# The same escapes as Django's json_script: inside <script> the text must not
# be able to close the element or open a comment, whatever a claim contains.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def organization() -> dict:
    """The desk's organisation as a schema.org Organization."""
    org = settings.FACTCHECK_ORGANIZATION
    return {"@type": "Organization", "name": org["name"], "url": org["url"]}


def claim_review(verdict: Verdict, *, build_absolute_uri, appearances=()) -> dict:
    """The ClaimReview for a published verdict.

    The verdict must come with claim, claim.article and claim.claimant loaded
    (select_related) to keep this free of queries. `build_absolute_uri` is
    request.build_absolute_uri, so URLs carry the scheme and host readers used.
    `appearances` are the claim's confirmed repeats (ClaimMatch, with claim, its article and
    claimant loaded): each is one more item in itemReviewed.appearance.
    """
    claim = verdict.claim
    article = claim.article
    item_reviewed = {"@type": "Claim"}
    if claim.claimant is not None:
        kind = "Person" if claim.claimant.kind == Actor.Kind.PERSON else "Organization"
        item_reviewed["author"] = {
            "@type": kind,
            "name": claim.claimant.name,
            "url": build_absolute_uri(claim.claimant.get_absolute_url()),
        }
    elif article.outlet:
        item_reviewed["author"] = {"@type": "Organization", "name": article.outlet}
    if article.published_on:
        item_reviewed["datePublished"] = article.published_on.isoformat()
    item_reviewed["appearance"] = {
        "@type": "CreativeWork",
        "url": article.url or build_absolute_uri(article.get_absolute_url()),
        "headline": article.title,
    }
    if appearances:
        item_reviewed["appearance"] = [
            item_reviewed["appearance"],
            *(repeat_appearance(match.claim, build_absolute_uri=build_absolute_uri) for match in appearances),
        ]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": build_absolute_uri(claim.get_absolute_url()),
        "claimReviewed": claim.text,
        "datePublished": verdict.published_at.date().isoformat(),
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


def repeat_appearance(claim, *, build_absolute_uri) -> dict:
    """Where else a claim was made: the article (its original URL when known), when and by whom."""
    article = claim.article
    appearance = {
        "@type": "CreativeWork",
        "url": article.url or build_absolute_uri(article.get_absolute_url()),
        "headline": article.title,
    }
    if article.published_on:
        appearance["datePublished"] = article.published_on.isoformat()
    if claim.claimant is not None:
        kind = "Person" if claim.claimant.kind == Actor.Kind.PERSON else "Organization"
        appearance["author"] = {"@type": kind, "name": claim.claimant.name}
    elif article.outlet:
        appearance["author"] = {"@type": "Organization", "name": article.outlet}
    return appearance


def json_ld_script(data: dict) -> SafeString:
    """A <script type="application/ld+json"> element holding data, escaped like json_script."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
