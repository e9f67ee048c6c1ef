"""A news page's HTML in, its article out: main text, headline, byline, date, site and address.

Separating an article from the page around it (menus, cookie banners, share
bars, teasers, comments, footers) is a solved problem, so the desk does not
grow its own HTML rules: trafilatura, the reference on public main-content
extraction benchmarks, finds the main text and reads the page's metadata
(``<meta property="og:…">``, JSON-LD, ``<link rel="canonical">``, ``<time>``).
Readers' comments are never taken. What trafilatura leaves behind (an
"Advertisement" line, a citation, a tweet's signature) is then removed by the
plain-text rules in ``clutter.py``, like any other text.

``read_page()`` returns a ``WebPage``; ``WebPage.as_text()`` lays it out as the
plain text the rest of the pipeline reads: headline, standfirst, body.
"""

from dataclasses import dataclass
from datetime import date

import trafilatura

from .parsing import UnreadableText

# A page whose main text is shorter than this is a index, a gallery or an error page, not an article.
MIN_TEXT_CHARS = 200
_MARKUP_START = ("<!doctype html", "<html", "<head", "<body", "<?xml", "<!--", "<meta", "<title")


@dataclass(frozen=True)
class WebPage:
    title: str
    text: str
    description: str = ""
    author: str = ""
    published_on: date | None = None
    site_name: str = ""
    url: str = ""

    def as_text(self) -> str:
        """Headline, then the standfirst when the page's description is one, then the paragraphs."""
        parts = [self.title]
        text = self.text
        first, _, rest = text.partition("\n")
        if " ".join(first.split()).casefold() == self.title.casefold():
            text = rest  # the headline again, as the first line of the main text
        opening = " ".join(text.split()[:12]).casefold()
        description = " ".join(self.description.split())
        # A description that repeats the first paragraph (or is cut from it) is not a standfirst.
        if description and opening[:60] not in description.casefold() and description.casefold()[:60] not in opening:
            parts.append(description)
        parts.append(text)
        return "\n\n".join(part for part in parts if part)


def looks_like_html(text: str) -> bool:
    """True when text is an HTML document rather than plain text that mentions a tag."""
    return text.lstrip()[:200].lower().startswith(_MARKUP_START)


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_page(html: str, *, url: str = "") -> WebPage:
    """The article in one page's HTML; raises UnreadableText when the page has no article text.

    `url` is where the page was fetched from: it is kept when the page names no canonical address.
    """
    document = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_formatting=False,
        deduplicate=False,
    )
    text = (document.text if document else "") or ""
    if len(text.strip()) < MIN_TEXT_CHARS:
        found = f"only {len(text.strip())} characters of it" if text.strip() else "none"
        raise UnreadableText(f"no article text in the page (main-content extraction found {found})")
    title = " ".join((document.title or "").split())
    return WebPage(
        title=title,
        text=text,
        description=document.description or "",
        author=document.author or "",
        published_on=_date(document.date),
        site_name=" ".join((document.sitename or "").split()),
        url=_web_address(document.url) or _web_address(url),
    )


def _web_address(url: str | None) -> str:
    """url when it is an absolute http(s) address, else "": a page's canonical link is shown to readers as a link,
    so a "javascript:" or "data:" one must never get through."""
    url = (url or "").strip()
    return url if url.lower().startswith(("http://", "https://")) and len(url) <= 1000 else ""
