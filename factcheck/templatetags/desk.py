"""Template helpers for the public pages: Markdown made safe, claims as shown, rating badges."""

import itertools
import re

import markdown as markdown_lib
import nh3
from django import template
from django.template.defaultfilters import stringfilter
from django.utils.safestring import SafeString, mark_safe

from factcheck.models import Verdict
from factcheck.tables import original_url, shortened, status_badge, unconfirmed_mark

register = template.Library()

# What an explanation may use: paragraphs, emphasis, lists, quotes, links,
# code, subheadings and tables. Everything else (scripts, styles, images,
# iframes, event handlers) is stripped, so a pasted payload shows as harmless text.
ALLOWED_TAGS = {
    "p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h2", "h3", "h4", "hr", "sup", "sub",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}


def _scope_table_headers(html: str) -> str:
    """Mark Markdown's table headings as column headings (screen readers announce them with each cell).

    Markdown's table extension writes headings only in a table's first row, as bare `<th>`
    or with an alignment style, which the sanitiser drops (the CSP forbids inline styles).
    """
    return re.sub(r"<th(?: [^>]*)?>", '<th scope="col">', html)


@register.filter
def markdown(text: str) -> SafeString:
    """Markdown (with tables) rendered to HTML, then sanitised with nh3 (links get rel="noopener noreferrer nofollow").

    A table is wrapped in a scrollable, focusable region so that a wide one
    scrolls on a phone instead of widening the page.
    """
    html = markdown_lib.markdown(text or "", extensions=["tables"], output_format="html")
    cleaned = nh3.clean(
        _scope_table_headers(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    # Wrapped after cleaning, so these attributes are ours, never the author's.
    numbers = itertools.count(1)
    cleaned = re.sub(
        "<table>",
        lambda _: f'<div class="table-scroll" role="region" aria-label="Table {next(numbers)}" tabindex="0"><table>',
        cleaned,
    ).replace("</table>", "</table></div>")
    # nh3 has just removed everything unsafe.
    return mark_safe(cleaned)


@register.filter
@stringfilter
def shorten(text: str, length: int) -> str:
    """truncatechars, quicker for a text that is already short enough (lists show dozens)."""
    return shortened(text, int(length))


@register.filter
def as_shown(claim, length=None) -> str:
    """The claim as every public list shows it (Claim.as_shown): a quotation in quotation marks, anything else
    as written, shortened to `length` characters when given: ``{{ claim|as_shown:240 }}``."""
    return claim.as_shown(int(length) if length else None)


@register.simple_tag
def claim_status(claim) -> SafeString:
    """The claim's status in words, with the rating when it is checked (its own, or the original's for a repeat,
    linking to that fact-check when the original was loaded with the claim)."""
    return status_badge(claim.status, getattr(claim, "current_rating", None), original_url(claim))


@register.inclusion_tag("factcheck/includes/rating_badge.html")
def rating_badge(rating: str, size: str = ""):
    """A rating as a badge: the label in words plus a marker shape, so it reads without colour."""
    return {
        "rating": rating,
        "label": Verdict.Rating(rating).label if rating in Verdict.Rating.values else "",
        "value": Verdict.Rating.values.index(rating) + 1 if rating in Verdict.Rating.values else None,
        "size": size,
    }


@register.simple_tag
def unconfirmed_claimant(claim) -> SafeString:
    """After a claimant's name in a list: that it is the software's reading until someone confirms it."""
    return unconfirmed_mark(claim)
