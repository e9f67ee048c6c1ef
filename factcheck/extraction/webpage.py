"""A news page's HTML in, its article out: main text, headline, byline, date, outlet and address.

Separating an article from the page around it (menus, cookie banners, share
bars, teasers, comments, footers) is a solved problem, so the desk does not
grow its own HTML rules: trafilatura, the reference on public main-content
extraction benchmarks, finds the main text, and htmldate (through it) the
page's date. Readers' comments are never taken. What trafilatura leaves
behind (an "Advertisement" line, a citation, a tweet's signature) is then
removed by the plain-text rules in ``clutter.py``, like any other text.

The article's details come from the page's own metadata, in order of trust
(``page_details()``):

- the headline from the page's headline fields (JSON-LD ``headline``,
  ``og:title``, ``twitter:title``, ``<title>``) with the site's name, section
  and dates cut off ("… | DW | 19.01.2020", "… - The Planetary Press"), then
  checked against the page's ``<h1>``: the ``<h1>`` is the headline as readers
  see it, so it wins when it is the same headline (a field cut short, or
  written for sharing, loses to it);
- the first-published date (JSON-LD ``datePublished``,
  ``article:published_time``, ``itemprop="datePublished"``) before htmldate's
  search, and never a modified date. A stamp in UTC may fall on the next day
  for the outlet's readers; the date in the page's address, set when the
  article was first published, then says which day it was;
- the outlet from ``og:site_name`` or the publisher's name in JSON-LD, as
  readers know it: a well-known outlet's name comes from a small table
  (``factcheck/data/outlets.json``: "The New York Times" for "NYTimes",
  "Deutsche Welle" for "DW.COM"), and a domain or a squashed name is never
  shown as the outlet;
- the canonical address, in https when the page gives it both ways.

``read_page()`` returns a ``WebPage``; ``WebPage.as_text()`` lays it out as the
plain text the rest of the pipeline reads: standfirst, then body.
"""

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import trafilatura
from trafilatura.utils import load_html

from .parsing import UnreadableText

# A page whose main text is shorter than this is a index, a gallery or an error page, not an article.
MIN_TEXT_CHARS = 200
_MARKUP_START = ("<!doctype html", "<html", "<head", "<body", "<?xml", "<!--", "<meta", "<title")
OUTLETS_PATH = Path(__file__).resolve().parent.parent / "data" / "outlets.json"
# Separators between a headline and the site's name or section in a page's <title>.
_TITLE_PARTS = re.compile(r"\s+(?:\||[-–—:·•»]|::)\s+|:\s+")
_DATE_PART = re.compile(r"^[\d\s./-]+$|^\w+\.? \d{1,2},? \d{4}$|^\d{1,2} \w+ \d{4}$")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)")
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle", "report"}
# Site names that say nothing: a syndication host's or a platform's label.
_GENERIC_SITE_NAMES = {"hosted", "home", "news", "homepage", "website", "article", "blog", "wordpress"}
# Under this share of its words shared with the headline fields, an <h1> is another headline (a teaser's).
H1_AGREEMENT = 0.6
EARLIEST_DATE = date(1990, 1, 1)


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
        """The standfirst when the page's description is one, then the paragraphs, without the headline.

        The headline is known from the page's metadata; a repeat of it at the top of the text goes, and so
        does a description that is the first paragraph again (or cut from it): the standfirst appears once.
        """
        lines = self.text.split("\n")
        while lines and _same_words(lines[0], self.title):
            lines = lines[1:]  # the headline again, as the first line of the main text
        text = "\n".join(lines)
        opening = _words(" ".join(text.split()[:60]))
        description = " ".join(self.description.split())
        described = _words(description)
        # A description that repeats the first paragraph (or is cut from it) is not a standfirst.
        repeats = bool(described) and (
            " ".join(opening).startswith(" ".join(described[:10])) or _shared(described, opening) >= 0.8
        )
        parts = [] if not description or repeats or _same_words(description, self.title) else [description]
        parts.append(text)
        return "\n\n".join(part for part in parts if part)


def looks_like_html(text: str) -> bool:
    """True when text is an HTML document rather than plain text that mentions a tag."""
    return text.lstrip()[:200].lower().startswith(_MARKUP_START)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


def _same_words(a: str, b: str) -> bool:
    return bool(_words(a)) and _words(a) == _words(b)


def _shared(words: list[str], others: list[str]) -> float:
    """The share of `words` that are among `others`."""
    if not words:
        return 0.0
    pool = set(others)
    return sum(1 for word in words if word in pool) / len(words)


def _squashed(text: str) -> str:
    return "".join(_words(text))


def _date(value: str | None) -> date | None:
    """The date a "2020-01-19T06:05:00+01:00" stamp is written in (its own time zone's day), or None."""
    if not value:
        return None
    try:
        found = date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None
    return found if EARLIEST_DATE <= found <= date.today() else None


@dataclass(frozen=True)
class Outlet:
    name: str
    domains: tuple[str, ...]
    aliases: tuple[str, ...]


@cache
def outlets(path: Path = OUTLETS_PATH) -> tuple[Outlet, ...]:
    """The table of well-known outlets: the name readers know, the domains, the other names pages use."""
    table = json.loads(Path(path).read_text(encoding="utf-8"))
    return tuple(
        Outlet(entry["name"], tuple(entry.get("domains", ())), tuple(entry.get("aliases", ())))
        for entry in table["outlets"]
    )


def _host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def known_outlet(*, name: str = "", url: str = "") -> str:
    """The well-known outlet's name for a site name or an address, or ""."""
    host, squashed = _host(url), _squashed(name)
    for outlet in outlets():
        if host and any(host == domain or host.endswith("." + domain) for domain in outlet.domains):
            return outlet.name
        if squashed and squashed in {_squashed(known) for known in (outlet.name, *outlet.aliases)}:
            return outlet.name
    return ""


def readable_site_name(name: str) -> bool:
    """Whether a site name reads as an outlet's name: not a domain ("DW.COM"), not run together in lower case
    ("detroitnews"), not shouted ("THE HERALD"), not a platform's label ("Hosted"). A well-known outlet's
    run-together name ("HeraldSun", "NYTimes") is in the table of outlets."""
    name = name.strip()
    if not name or len(name) > 80 or name.casefold() in _GENERIC_SITE_NAMES:
        return False
    if re.search(r"\w\.[a-z]{2,10}\b|^www\.", name, re.IGNORECASE):
        return False  # "DW.COM", "jpost.com", "Express.co.uk"
    letters = [char for char in name if char.isalpha()]
    if len(letters) < 2:
        return False  # a date or a number: "19.01.2020"
    if len(letters) > 5 and all(char.isupper() for char in letters):
        return False
    return not (" " not in name and len(letters) > 5 and name.islower())  # "detroitnews"


class _Metadata:
    """What a page says about itself: its meta tags, JSON-LD, <title>, <h1> and canonical link."""

    def __init__(self, tree):
        self.meta: dict[str, str] = {}
        for element in tree.iter("meta") if tree is not None else ():
            key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
            value = " ".join((element.get("content") or "").split())
            if key and value and key not in self.meta:
                self.meta[key] = value
        self.linked: list[dict] = []
        self.publisher = ""
        for script in tree.iter("script") if tree is not None else ():
            if "ld+json" in (script.get("type") or "").lower() and script.text:
                self._read_json_ld(script.text)
        title = tree.find(".//title") if tree is not None else None
        self.title = " ".join((title.text_content() if title is not None else "").split())
        self.h1s = [" ".join(h1.text_content().split()) for h1 in (tree.iter("h1") if tree is not None else ())]
        self.canonical = ""
        for link in tree.iter("link") if tree is not None else ():
            if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
                self.canonical = link.get("href").strip()
                break
        self.published_in_page = [
            element.get("datetime") or element.get("content") or ""
            for element in (tree.xpath('//*[@itemprop="datePublished"]') if tree is not None else [])
        ]

    def _read_json_ld(self, text: str) -> None:
        try:
            data = json.loads(text)
        except ValueError:
            return
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
                continue
            if not isinstance(item, dict):
                continue
            stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
            types = item.get("@type", "")
            types = {str(kind).lower() for kind in (types if isinstance(types, list) else [types])}
            if types & _ARTICLE_TYPES or any(kind.endswith("newsarticle") for kind in types):
                self.linked.append(item)
                publisher = item.get("publisher")
                publisher = publisher[0] if isinstance(publisher, list) and publisher else publisher
                if isinstance(publisher, dict) and isinstance(publisher.get("name"), str) and not self.publisher:
                    self.publisher = " ".join(publisher["name"].split())

    def linked_field(self, key: str) -> str:
        for item in self.linked:
            value = item.get(key)
            if isinstance(value, str) and value.strip():
                return " ".join(value.split())
        return ""


def headline(fields: list[str], h1s: list[str], site_names: list[str], url: str) -> str:
    """The headline from the page's headline fields without site name, section and dates, checked against its <h1>.

    Returns "" when the page has neither headline fields nor an <h1>.
    """
    known = {_squashed(name) for name in site_names if name}
    known |= {name.removeprefix("the") for name in known}
    host = _host(url)
    if host:
        known |= {_squashed(host), _squashed(host.rsplit(".", 1)[0]), _squashed(host.split(".")[0])}
    known.discard("")

    def is_site_part(part: str) -> bool:
        squashed = _squashed(part)
        if not squashed or _DATE_PART.match(part.strip()):
            return True
        short = len(part.split()) <= 4
        return any(squashed == name or (short and len(squashed) >= 2 and name.startswith(squashed)) for name in known)

    cleaned = []
    for field in fields:
        parts = [part for part in _TITLE_PARTS.split(field) if part.strip()]
        # Cut site names and dates from either end: "Headline | Section | Site", "Site: Headline".
        while len(parts) > 1 and is_site_part(parts[-1]):
            parts.pop()
        while len(parts) > 1 and is_site_part(parts[0]):
            parts.pop(0)
        if parts:
            # Rejoin what is left with the separators the field had.
            start, end = field.find(parts[0]), field.rfind(parts[-1]) + len(parts[-1])
            cleaned.append(field[start:end].strip())
    best = next((title for title in cleaned if title), "")
    candidates = [h1 for h1 in h1s if 2 <= len(h1.split()) <= 40]
    if not best:
        return candidates[0] if len(candidates) == 1 else ""
    # The <h1> is the headline as readers see it when it is the same headline as one of the fields.
    for h1 in candidates:
        for title in cleaned:
            a, b = _words(h1), _words(title)
            agrees = _shared(b, a) >= H1_AGREEMENT or _shared(a, b) >= H1_AGREEMENT
            if agrees and len(a) <= 2 * len(b) + 3:  # not a headline with a standfirst run into it
                return h1
    return best


def first_published(meta: _Metadata, *, url: str, found_by_search: date | None) -> date | None:
    """The first-published date: the page's published fields, then htmldate's search (`found_by_search`).

    A stamp one day after the date in the page's address is the same moment in UTC: the address's date is the
    one the outlet's readers saw.
    """
    stamps = [
        meta.linked_field("datePublished"),
        meta.meta.get("article:published_time", ""),
        *meta.published_in_page,
        meta.meta.get("datepublished", ""),
        meta.meta.get("pubdate", ""),
        meta.meta.get("publish-date", ""),
        meta.meta.get("sailthru.date", ""),
    ]
    published = next((found for stamp in stamps if (found := _date(stamp))), None) or found_by_search
    in_address = _URL_DATE.search(urlsplit(url).path) if url else None
    if in_address:
        try:
            address_date = date(*(int(part) for part in in_address.groups()))
        except ValueError:
            address_date = None
        if address_date and (published is None or 0 <= (published - address_date).days <= 1):
            return address_date
    return published


def canonical_address(meta: _Metadata, *, found: str, fetched: str) -> str:
    """The page's canonical address (its link, og:url, then where it was fetched), in https when the page gives
    it so anywhere; "" when it names none."""
    candidates = [_web_address(u) for u in (meta.canonical, meta.meta.get("og:url", ""), found, fetched)]
    candidates = [candidate for candidate in candidates if candidate]
    if not candidates:
        return ""
    address = candidates[0]
    if address.lower().startswith("http://") and any(other.lower().startswith("https://") for other in candidates):
        address = "https://" + address[len("http://") :]
    return address


def outlet_name(meta: _Metadata, *, title_site: str, found: str, url: str) -> str:
    """The outlet as readers know it: the page's site name when it reads as one, a well-known outlet's name
    from the table, or the site name the page's <title> ends with; "" when none reads as a name."""
    names = [meta.meta.get("og:site_name", ""), meta.publisher, meta.meta.get("application-name", "")]
    names += [title_site, found]
    for name in names:
        if known := known_outlet(name=name):
            return known
        if readable_site_name(name):
            return " ".join(name.split())
    if known := known_outlet(url=url):
        return known
    return ""


def read_page(html: str, *, url: str = "") -> WebPage:
    """The article in one page's HTML; raises UnreadableText when the page has no article text.

    `url` is where the page was fetched from: it is kept when the page names no canonical address.
    """
    tree = load_html(html)
    meta = _Metadata(tree)
    document = trafilatura.bare_extraction(
        tree if tree is not None else html,
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
    address = canonical_address(meta, found=document.url or "", fetched=url)
    site_names = [meta.meta.get("og:site_name", ""), meta.publisher, document.sitename or ""]
    fields = [
        meta.meta.get("og:title", ""),
        meta.linked_field("headline"),
        meta.meta.get("twitter:title", ""),
        meta.title,
        " ".join((document.title or "").split()),
    ]
    title = headline([field for field in fields if field], meta.h1s, site_names, address or url)
    # The site's name as its <title> ends: "Headline | Site | 19.01.2020".
    title_parts = [part for part in _TITLE_PARTS.split(meta.title) if part.strip() and not _DATE_PART.match(part)]
    title_site = title_parts[-1] if len(title_parts) > 1 and not _same_words(title_parts[-1], title) else ""
    return WebPage(
        title=title or " ".join((document.title or "").split()),
        text=text,
        description=document.description or "",
        author=document.author or "",
        published_on=first_published(meta, url=address or url, found_by_search=_date(document.date)),
        site_name=outlet_name(meta, title_site=title_site, found=document.sitename or "", url=address or url),
        url=address,
    )


def _web_address(url: str | None) -> str:
    """url when it is an absolute http(s) address, else "": a page's canonical link is shown to readers as a link,
    so a "javascript:" or "data:" one must never get through."""
    url = (url or "").strip()
    return url if url.lower().startswith(("http://", "https://")) and len(url) <= 1000 else ""
