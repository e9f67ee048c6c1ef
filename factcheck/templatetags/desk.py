"""Template helpers for the public pages: Markdown made safe, rating badges."""

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import SafeString, mark_safe

from factcheck.models import Verdict
from factcheck.tables import status_badge

register = template.Library()

# What an explanation may use: paragraphs, emphasis, lists, quotes, links,
# code and subheadings. Everything else (scripts, styles, images, iframes,
# event handlers) is stripped, so a pasted payload shows as harmless text.
ALLOWED_TAGS = {
    "p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h2", "h3", "h4", "hr", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


@register.filter
def markdown(text: str) -> SafeString:
    """Markdown rendered to HTML, then sanitised with nh3 (links get rel="noopener noreferrer nofollow")."""
    html = markdown_lib.markdown(text or "", output_format="html")
    # nh3 has just removed everything unsafe.
    return mark_safe(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer nofollow",
        )
    )


@register.simple_tag
def claim_status(claim) -> SafeString:
    """The claim's status in words, with the rating when published (needs current_rating annotated)."""
    return status_badge(claim.status, getattr(claim, "current_rating", None))


@register.inclusion_tag("factcheck/includes/rating_badge.html")
def rating_badge(rating: str, size: str = ""):
    """A rating as a badge: the label in words plus a marker shape, so it reads without colour."""
    return {
        "rating": rating,
        "label": Verdict.Rating(rating).label if rating in Verdict.Rating.values else "",
        "value": Verdict.Rating.values.index(rating) + 1 if rating in Verdict.Rating.values else None,
        "size": size,
    }
