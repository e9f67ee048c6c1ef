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
  for the outlet's readers: it is moved to the outlet's time zone when the page
  gives it (a stamp in local time, "10:01 pm PST" beside a time), and the date
  in the page's address, set when the article was first published, says which
  day it was. Without published fields, the date the byline shows (before
  any "Updated") or its ``<time>`` stamp comes before htmldate's search;
- the outlet from ``og:site_name`` or the publisher's name in JSON-LD, as
  readers know it: a well-known outlet's name comes from a small table
  (``factcheck/data/outlets.json``: "The New York Times" for "NYTimes",
  "Deutsche Welle" for "DW.COM"), a slogan after the name goes ("LinkNaija |
  Nigeria's popular …"), and a shouted domain or a squashed name is never
  shown as the outlet; a site that names itself by its address in lower case
  ("cleveland.com") is known by that address, unless its <title> or copyright
  line spells the same letters apart ("Barron's", "Hawaii News Now");
- the canonical address, in https when the page gives it both ways.

Before trafilatura runs, ``layout`` undoes what the page's layout does to its article (pop-up cards inside
paragraphs, an article split by an advertisement, a page laid out in a table) and reads what the page shows
as furniture (``layout.page_furniture()``): blocks that are all links, lists of other stories, a bold label
over another story's headline.

``read_page()`` returns a ``WebPage``; ``WebPage.as_text()`` lays it out as the
plain text the rest of the pipeline reads: standfirst, then body.
"""

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import trafilatura
from trafilatura.utils import load_html

from . import layout
from .clutter import _MONTH, ALERT, MONTHS, find_date, is_navigation
from .limits import check_depth
from .parsing import UnreadableText
from .places import is_country_or_region, is_place

# A page whose main text is shorter than this is a index, a gallery or an error page, not an article.
MIN_TEXT_CHARS = 200
_MARKUP_START = ("<!doctype html", "<html", "<head", "<body", "<?xml", "<!--", "<meta", "<title")
OUTLETS_PATH = Path(__file__).resolve().parent.parent / "data" / "outlets.json"
# Separators between a headline and the site's name or section in a page's <title>.
_TITLE_PARTS = re.compile(r"\s+(?:\||[-–—:·•»]|::)\s+|:\s+")
_DATE_PART = re.compile(r"^[\d\s./-]+$|^\w+\.? \d{1,2},? \d{4}$|^\d{1,2} \w+ \d{4}$")
# A date in the page's address: "/2019/11/18/", "/2010/POLITICS/08/13/", "/2019/nov/18/", "…-testimony-2019-11-19/".
_URL_DATE = re.compile(r"[/_-]((?:19|20)\d{2})[/-](?:[A-Za-z]{2,20}/)?(\d{1,2}|[A-Za-z]{3,9})[/-](\d{1,2})(?:[/_.-]|$)")
_MONTH_WORD = re.compile(_MONTH.replace(r"\.", ""), re.IGNORECASE)
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle", "report"}
# Site names that say nothing: a syndication host's or a platform's label.
_GENERIC_SITE_NAMES = {"hosted", "home", "news", "homepage", "website", "article", "blog", "wordpress"}
# Under this share of its words shared with the headline fields, an <h1> is another headline (a teaser's).
H1_AGREEMENT = 0.6
EARLIEST_DATE = date(1990, 1, 1)
# A line that repeats a headline of this many words is the headline again, wherever the page repeats it.
MIN_HEADLINE_WORDS = 3
# A stamp in UTC falls on the day before for the outlet's readers only when it is this early: the day before
# ends at 10:00 UTC in Hawaii, the farthest west a news outlet's readers are. A page also shows other stories'
# dates, so the day before being shown somewhere on it says nothing about a stamp later than that.
LATEST_UTC_HOUR_OF_DAY_BEFORE = 10


@dataclass(frozen=True)
class WebPage:
    title: str
    text: str
    description: str = ""
    author: str = ""
    published_on: date | None = None
    site_name: str = ""
    url: str = ""
    # The words of the page's link-only blocks ("SEE MORE: <a>…</a>", a list of other stories' links), each
    # folded by ``furniture_key()``: lines of the text that read the same are the page's, not the article's.
    furniture: frozenset[str] = frozenset()

    def article_text(self) -> str:
        """The main text without the headline, which is known from the metadata: the page may repeat it as its
        first line, and again under the date or in a caption. A headline of one or two words ("Transcript")
        may be a line of the article, so it stays."""
        lines = self.text.split("\n")
        while lines and _same_words(lines[0], self.title):
            lines = lines[1:]
        if len(_words(self.title)) >= MIN_HEADLINE_WORDS:
            lines = [line for line in lines if not _same_words(line, self.title)]
        return "\n".join(lines)

    def as_text(self) -> str:
        """The standfirst when the page's description is one, then the paragraphs, without the headline.

        A repeat of the headline at the top of the text goes, and so does a description that is the first
        paragraph again (or cut from it): the standfirst appears once.
        """
        text = self.article_text()
        description = _without_headline(" ".join(self.description.split()), self.title)
        described = _words(description)
        # The text's opening, as long as the description at least: a page may give its whole article as its
        # description.
        opening = _words(" ".join(text.split()[: max(60, 2 * len(described))]))
        # A description that repeats the first paragraph (or is cut from it) is not a standfirst; nor is one the
        # text opens with after a line of its own (the page's address).
        repeats = bool(described) and (
            " ".join(opening[:80]).find(" ".join(described[:10])) >= 0 or _shared(described, opening) >= 0.8
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


def _without_headline(description: str, title: str) -> str:
    """The description without an opening sentence that quotes the whole headline: "Read 'Apple says Steve Jobs
    resigning as CEO' on Yahoo! News." is the page's share text, not its standfirst."""
    title = " ".join(title.split())
    at = description.casefold().find(title.casefold()) if len(title.split()) >= 3 else -1
    if at < 0 or at > 40:
        return description
    stop = re.compile(r"\.\s+").search(description, at + len(title))
    return description[stop.end() :] if stop else ""


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


# A stamp's time and its offset from UTC: "2019-11-20T05:57:50Z", "2019-11-19 21:57:00 -0800".
_STAMP = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$")
# Time zones a page shows beside a time ("10:01 pm PST"), in hours from UTC. ET and PT stand for both halves
# of the year; a date is a day earlier in either, which is all that is asked of them here.
ZONE_HOURS = {
    "EST": -5, "EDT": -4, "ET": -5, "CST": -6, "CDT": -5, "CT": -6, "MST": -7, "MDT": -6, "MT": -7, "PST": -8,
    "PDT": -7, "PT": -8, "AKST": -9, "AKDT": -8, "HST": -10, "GMT": 0, "UTC": 0, "BST": 1, "CET": 1, "CEST": 2,
    "EET": 2, "EEST": 3, "MSK": 3, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
}  # fmt: skip
# Where a byline's dates turn from the first-published one to a later one: "… 2:26 PM HST - Updated November 18".
_UPDATED = re.compile(r"\b(?:updated|last modified|modified|last updated)\b", re.IGNORECASE)
_SHOWN_ZONE = re.compile(r"\d\s*(?:[ap]\.?m\.?)?\s*\b(" + "|".join(ZONE_HOURS) + r")\b", re.IGNORECASE)


def _utc_stamp(value: str) -> datetime | None:
    """A stamp given in UTC ("…Z", "+00:00"), as a datetime; None for a stamp in a local time or a bare date."""
    match = _STAMP.match(str(value or ""))
    zone = match.group(4) if match else None
    if zone is None or (zone != "Z" and zone[1:].replace(":", "") != "0000"):
        return None
    day, hour, minute = match.group(1), int(match.group(2)), int(match.group(3))
    try:
        return datetime.fromisoformat(day).replace(hour=hour, minute=minute)
    except ValueError:
        return None


def _offset_hours(value: str) -> float | None:
    """The offset from UTC a stamp is written in ("-0800" is -8), or None when it gives none or is in UTC."""
    match = _STAMP.match(str(value or ""))
    if not match or not match.group(4) or match.group(4) == "Z":
        return None
    sign = -1 if match.group(4)[0] == "-" else 1
    digits = match.group(4)[1:].replace(":", "")
    hours = sign * (int(digits[:2]) + int(digits[2:]) / 60)
    return hours or None


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


def copyright_outlet(lines: list[str]) -> str:
    """The outlet the first of these copyright lines names ("© 2026 Riverton Daily. All rights reserved."),
    as readers know it; "" when none names one that reads as a name. A pasted text's only mention of its
    outlet is often this line, which the clutter rules take out of the body."""
    for line in lines:
        match = _COPYRIGHT_LINE.search(" ".join(line.split())[:300])
        name = match.group(1).strip() if match else ""
        if not name or name.casefold().startswith("all rights"):
            continue
        if known := known_outlet(name=name):
            return known
        if readable_site_name(name):
            return name
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


# The article's or the page's own publisher, not a reviewed item's or a book's.
_MICRODATA_PUBLISHER = (
    "//*[@itemscope][contains(@itemtype, 'Article') or contains(@itemtype, 'BlogPosting')"
    " or contains(@itemtype, 'WebPage')]//*[@itemprop='publisher']//*[@itemprop='name']"
)
_COPYRIGHT_TEXT = "//text()[contains(., '©') or contains(., 'Copyright') or contains(., 'COPYRIGHT')]"
_COPYRIGHT_LINE = re.compile(
    r"(?:©|\b(?:Copyright|COPYRIGHT|copyright)\b)(?:\s*\([cC]\)|\s*©)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s*)?"
    r"((?:The |the )?[A-Z][\w'’&-]*(?: (?:[A-Z&][\w'’&-]*|of|and))*)"
)


class _Metadata:
    """What a page says about itself: its meta tags, JSON-LD, <title>, <h1> and canonical link."""

    def __init__(self, tree):
        self.meta: dict[str, str] = {}
        for element in tree.iter("meta") if tree is not None else ():
            key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
            # (some saving tools write a meta tag's value as value="…")
            value = " ".join((element.get("content") or element.get("value") or "").split())
            if key and value and key not in self.meta:
                self.meta[key] = value
        self.linked: list[dict] = []
        self.publisher = ""
        self.stamps: list[str] = []
        for script in tree.iter("script") if tree is not None else ():
            if "ld+json" in (script.get("type") or "").lower() and script.text:
                self._read_json_ld(script.text)
        # The publisher given in schema.org microdata, when no JSON-LD names one.
        for name in tree.xpath(_MICRODATA_PUBLISHER) if tree is not None and not self.publisher else ():
            text = name.get("content") or name.get("value") or name.text_content()
            if text and text.strip():
                self.publisher = " ".join(text.split())
                break
        title = tree.find(".//title") if tree is not None else None
        self.title = " ".join((title.text_content() if title is not None else "").split())
        self.h1s = [" ".join(h1.text_content().split()) for h1 in (tree.iter("h1") if tree is not None else ())]
        # The names a copyright line gives: "Copyright 2019 Harbour News Now. All rights reserved.", "© 2019 Quay".
        self.copyright_names = [
            match.group(1).strip()
            for text in [self.meta.get("copyright", ""), *(tree.xpath(_COPYRIGHT_TEXT) if tree is not None else [])]
            if (match := _COPYRIGHT_LINE.search(" ".join(str(text).split())[:300]))
        ]
        self.canonical = ""
        for link in tree.iter("link") if tree is not None else ():
            if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
                self.canonical = link.get("href").strip()
                break
        self.published_in_page = [
            element.get("datetime") or element.get("content") or element.get("value") or ""
            for element in (tree.xpath('//*[@itemprop="datePublished"]') if tree is not None else [])
        ]
        # What the page says about its own time zone: stamps written in a local time, and the dates and zones
        # it shows its readers beside a time ("10:01 pm PST, Tuesday, November 19, 2019").
        self.stamps += [value for value in self.meta.values() if _STAMP.match(value)]
        self.shown: list[str] = []
        self.local_dates: list[date] = []
        # What the byline shows as first published, in the order the page shows it: a date written for readers
        # ("November 18, 2019 at 2:26 PM HST - Updated …"), and a <time> element's stamp.
        self.shown_published: list[date] = []
        self.time_stamps: list[str] = []
        for element in tree.xpath(_DATE_ELEMENTS) if tree is not None else ():
            value = (element.get("datetime") or element.get("content") or element.get("value") or "").strip()
            if _STAMP.match(value):
                self.stamps.append(value)
                if element.tag == "time":
                    self.time_stamps.append(value)
            elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and (day := _date(value)):
                self.local_dates.append(day)  # a date alone is the day as the outlet gives it
            shown = " ".join(element.text_content().split())
            if shown and len(shown) <= 160:
                self.shown.append(shown)
                if day := find_date(shown):
                    self.local_dates.append(day)
                # A bare <time> may date another story in a list; a byline's or a timestamp's block is the article's.
                if element.tag != "time" and (day := find_date(_UPDATED.split(shown)[0])):
                    self.shown_published.append(day)

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
                self.stamps.extend(
                    str(item[key]) for key in ("datePublished", "dateModified", "dateCreated") if item.get(key)
                )

    def offset_hours(self) -> float | None:
        """The outlet's offset from UTC, from a stamp written in local time or a zone shown beside a time."""
        for stamp in self.stamps:
            if (hours := _offset_hours(stamp)) is not None:
                return hours
        for shown in self.shown:
            if match := _SHOWN_ZONE.search(shown):
                return ZONE_HOURS[match.group(1).upper()]
        return None

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
    # An <h1> with the site's name run into it ("… la InfantaUltima Hora Mallorca") or a button's label after it
    # ("… flying in storms Add to ...") is the field's headline.
    for h1 in candidates:
        for title in cleaned:
            rest = h1[len(title) :]
            button = len(rest.split()) <= 4 and rest.rstrip().endswith(("...", "…"))
            if (
                len(title.split()) >= 3
                and h1.casefold().startswith(title.casefold())
                and (rest[:1].isalnum() or button)
            ):
                return title
    # The <h1> is the headline as readers see it when it is the same headline as one of the fields.
    for h1 in candidates:
        for title in cleaned:
            a, b = _words(h1), _words(title)
            # An <h1> inside the field is its headline, with a section's name left over ("… | Politics") or more
            # words after it ("Florida, Alabama grandstanding? Urban Meyer, Nick Saban take stands"), but not a
            # blog's name that the field carries after the headline ("Jessica Livingston: Why Startups Need …
            # - The Accelerators").
            inside = _shared(a, b) >= H1_AGREEMENT and (2 * len(a) >= len(b) or b[: len(a)] == a)
            agrees = _shared(b, a) >= H1_AGREEMENT or inside
            if agrees and len(a) <= 2 * len(b) + 3:  # not a headline with a standfirst run into it
                return h1
    return best


# Elements that give the article's date and time, as a stamp for machines and as text for readers.
_DATE_ELEMENTS = (
    "//time | //*[@itemprop='datePublished' or @itemprop='dateCreated' or @itemprop='dateModified']"
    " | //*[contains(@class, 'timestamp') or contains(@class, 'dateline') or contains(@class, 'byline')"
    " or contains(@class, 'publish') or contains(@class, 'author_date') or contains(@class, 'author-date')"
    " or contains(@class, 'post-date') or contains(@class, 'entry-date') or contains(@class, 'article-date')]"
)


def first_published(meta: _Metadata, *, url: str, found_by_search: date | None) -> date | None:
    """The first-published date: the page's published fields, then htmldate's search (`found_by_search`).

    The date is the outlet's readers': a stamp in UTC ("2019-11-20T05:57:50Z") is moved to the outlet's time
    zone when the page gives it (a stamp in local time, "10:01 pm PST" beside a time), or else to the day
    before when the page shows its readers that day. The date in the page's address, set when the article was
    first published, is that day too: it wins over a UTC stamp one day later, and over htmldate's search, unless
    the byline shows readers the stamp's day (the address may give the day of the hearing it reports).
    A page without published fields is read by its byline: the date it shows readers before any "Updated",
    else its <time> stamp, and only then htmldate's search (which may find when the page was served).
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
    stamp = next((stamp for stamp in stamps if _date(stamp)), None)
    if stamp is None:
        # No published field: the date the byline shows its readers, else its <time> stamp ("1 day ago"), before
        # htmldate's search (which may take a stamp of when the page was served) and the address's (which some
        # platforms write in UTC). They only settle the day: one further from the search's dates another story.
        shown = [day.isoformat() for day in meta.shown_published] + meta.time_stamps
        stamp = next((day for day in shown if _date(day) and _within_a_day(_date(day), found_by_search)), None)
    published = _date(stamp) if stamp else found_by_search
    utc = _utc_stamp(stamp) if stamp else None
    if utc is not None:
        hours = meta.offset_hours()
        if hours is not None:
            published = _date((utc + timedelta(hours=hours)).date().isoformat()) or published
        elif utc.hour < LATEST_UTC_HOUR_OF_DAY_BEFORE and utc.date() - timedelta(days=1) in meta.local_dates:
            published = utc.date() - timedelta(days=1)
    if published is not None and meta.shown_published and abs((meta.shown_published[0] - published).days) == 1:
        # The byline's day, a day from the stamp's: the day readers are shown ("Nov 19, 2019, 8:15 pm CST" beside a
        # stamp written "2019-11-20T02:15:49-06:00", UTC labelled as local time).
        published = meta.shown_published[0]
    address_date = _address_date(url)
    shown = published is not None and published in meta.shown_published
    if address_date and (stamp is None or published is None or 0 <= (published - address_date).days <= 1):
        # Unless the page shows its readers the stamp's day: the address may carry the day of the event.
        return published if shown and published != address_date and stamp is not None else address_date
    return published


def _within_a_day(day: date, other: date | None) -> bool:
    """Whether `other` (htmldate's search) is none, or agrees with `day` to a day, or is `day` with its day and month
    swapped (its search read "10/04/2016" day first where the page's own stamp says 2016-10-04)."""
    return (
        other is None
        or abs((day - other).days) <= 1
        or (other.year == day.year and other.month == day.day and other.day == day.month)
    )


def _address_date(url: str) -> date | None:
    """The date the page's address gives ("/2019/11/18/", "/2019/nov/18/"), or None."""
    found = _URL_DATE.search(urlsplit(url).path) if url else None
    if not found:
        return None
    year, month, day = found.groups()
    month_number = int(month) if month.isdigit() else _MONTH_WORD.fullmatch(month) and MONTHS[month[:3].lower()]
    if not month_number:
        return None
    try:
        return date(int(year), month_number, int(day))
    except ValueError:
        return None


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


_DOMAIN_NAME = re.compile(r"^(?:https?://)?(?:www\.)?([^\W_][\w&'’-]*?)((?:\.[a-z]{2,10}){1,2})/?$", re.IGNORECASE)
# A brand this short is known by its address ("NJ.com"); a longer one by its name ("SpaceNews" of SpaceNews.com).
MIN_BRAND_LETTERS = 5


def site_brand(name: str) -> str:
    """The outlet's name in a site name given as its address: "SpaceNews.com" is "SpaceNews", "NJ.com" stays
    "NJ.com"; any other name as it is."""
    name = " ".join(name.split())
    match = _DOMAIN_NAME.match(name)
    if not match:
        return name
    brand = match.group(1)
    return brand if sum(char.isalpha() for char in brand) >= MIN_BRAND_LETTERS else brand + match.group(2)


_CAPITAL_INSIDE = re.compile(r"^[A-Z][a-z]+[A-Z]")
# A section's name given as the site's: never the outlet.
_SECTION_NAME = re.compile(
    r"^(?:letters?(?: to the editor)?|opinions?|editorials?|comment|commentary|news|world|politics|business|sports?"
    r"|local|national|international|entertainment|lifestyle|culture|science|technology|tech|health|breaking news)$",
    re.IGNORECASE,
)
_CONTINENTS = {"europe", "asia", "africa", "america", "americas", "oceania", "antarctica"}


# An edition named in its own language: "Business Insider Deutschland".
_EDITIONS = frozenset(
    (
        "deutschland", "españa", "italia", "nederland", "polska", "österreich",
        "schweiz", "suisse", "brasil", "méxico", "sverige", "norge", "danmark", "suomi", "türkiye", "россия",
    )
)  # fmt: skip


def _without_edition(name: str) -> str:
    """An outlet's name without the edition's place it ends with: "The Real Deal New York" is "The Real Deal",
    "Business Insider Deutschland" is "Business Insider".
    Not a continent ("Radio Free Europe"), nor a place the name is "of" ("The Times of India")."""
    words = name.split()
    # The longest place the name ends with: "PolitiFact West Virginia" ends with West Virginia, not Virginia.
    cut = next((cut for cut in range(max(1, len(words) - 3), len(words)) if is_place(" ".join(words[cut:]))), None)
    if cut is None and len(words) > 1 and words[-1].casefold() in _EDITIONS:
        cut = len(words) - 1
    if cut is None:
        return name
    place, rest = " ".join(words[cut:]), words[:cut]
    named = [word for word in rest if word.lower() != "the"]
    # One word left is the outlet only when it is a brand written with a capital inside ("PolitiFact"): "Radio
    # Canada" stays whole.
    one_brand = len(named) == 1 and bool(_CAPITAL_INSIDE.search(named[0]))
    if (
        place.lower() in _CONTINENTS
        or (len(named) < 2 and not one_brand)
        or rest[-1].lower() in {"of", "for", "de", "in", "on", "and"}
    ):
        return name
    return " ".join(rest)


_LOWER_CASE_ADDRESS = re.compile(
    r"^(?:https?://)?(?:www\.)?([a-z0-9][a-z0-9-]*(?:\.[a-z]{2,10}){1,2})/?(?:\s+[-|–—:·]\s+.*)?$"
)
_SLOGAN = re.compile(r"\s+[|–—-]\s+")
_COPYRIGHT_NAME = re.compile(r"^(?:copyright\b|©|\(c\)\s)", re.IGNORECASE)


def outlet_name(meta: _Metadata, *, title_site: str, found: str, url: str) -> str:
    """The outlet as readers know it: the page's site name when it reads as one, a well-known outlet's name
    from the table, or the site name the page's <title> ends with; "" when none reads as a name.

    A site name that is a place ("U.S.") is the page's section, not its outlet; one given as an address is read
    as the brand it spells ("SpaceNews.com"), unless it is written in lower case or shouted. A name run
    together ("Barrons", "harbournewsnow.com") is spelled as the page spells it elsewhere, in its <title>'s
    suffix or its copyright line ("Barron's", "Harbour News Now"): never split by guessing, as "SFGate" is
    written run together on purpose."""
    name = _site_name(meta, title_site=title_site, found=found, url=url)
    return spelled_out(name, [title_site, *meta.copyright_names], url=url)


def _letters(name: str) -> str:
    return re.sub(r"[\W_]+", "", name).casefold()


def spelled_out(name: str, spellings: list[str], *, url: str = "") -> str:
    """The outlet's name as the page spells it with its spaces and apostrophes: one of `spellings` with the same
    letters as the name, or as the brand of its address when the name is an address or missing; the name as it
    is when none fits."""
    address = _DOMAIN_NAME.match(name) or _DOMAIN_NAME.match(_host(url))
    own = {_letters(name)} | (
        {_letters(address.group(1))} if address and (not name or address.re.match(name)) else set()
    )
    breaks = len(re.findall(r"[\W_]", name))
    for spelling in spellings:
        spelling = " ".join(spelling.split())
        if (
            _letters(spelling) in own - {""}
            and len(re.findall(r"[\W_]", spelling)) > breaks
            and not (_DOMAIN_NAME.match(spelling))
        ):
            return spelling
    return name


def _site_name(meta: _Metadata, *, title_site: str, found: str, url: str) -> str:
    site_name = meta.meta.get("og:site_name", "")
    names = [site_name, meta.publisher, meta.meta.get("application-name", ""), title_site, found]
    # A brand before a slogan: "LinkNaija | Nigeria's popular news site", "Autoracing | F1 | Indy".
    names = [_SLOGAN.split(" ".join(name.split()))[0] for name in names]
    # A country or a region is a section ("U.S.", "World"), never the outlet; a city's name may be one ("Time");
    # a copyright line is not a name; and a name run together in lower case ("cleveland") is not made readable by
    # a capital another reader of the page put on it ("Cleveland").
    names = [
        name
        for name in names
        if name.strip()
        and not is_country_or_region(name)
        and not _SECTION_NAME.match(" ".join(name.split()))
        and not _COPYRIGHT_NAME.match(name)
        and not (name != site_name and site_name.islower() and name.casefold() == site_name.casefold())
        # "nj" beside the "nj.com" the <title> ends with: the address is the name
        and not (name == site_name and name.islower() and title_site.casefold().startswith(name.casefold() + "."))
    ]
    # A page on a well-known outlet's address that does not name its site is that outlet's, whatever its blog
    # calls itself ("NewsFeed" on newsfeed.time.com); a site that names itself is that (MSN, syndicating).
    by_address = known_outlet(url=url)
    strong = {_SLOGAN.split(" ".join(name.split()))[0] for name in (site_name, meta.publisher) if name}
    for name in names:
        if known := known_outlet(name=name):
            return known
        if readable_site_name(name):
            return _without_edition(" ".join(name.split())) if name in strong or not by_address else by_address
    # Only then a name written as an address ("Spokesman.com" where the publisher is "The Spokesman-Review").
    for name in names:
        brand = site_brand(name)
        if readable_site_name(brand):
            return brand
        address = _DOMAIN_NAME.match(brand)
        readable = address and readable_site_name(address.group(1)) and not address.group(1).islower()
        if readable and address.group(2).islower():
            return brand  # "NJ.com", never "DW.COM"
    if known := known_outlet(url=url):
        return known
    # Last, a site that names itself by its address in lower case ("cleveland.com", "pixelmonkey.org - Andrew
    # Montalenti's blog"): that is the name its readers know. Never a shouted one ("DW.COM").
    for name in names:
        if address := _LOWER_CASE_ADDRESS.match(" ".join(name.split())):
            return address.group(1)
    return ""


def read_page(html: str, *, url: str = "") -> WebPage:
    """The article in one page's HTML; raises UnreadableText when the page has no article text.

    `url` is where the page was fetched from: it is kept when the page names no canonical address.
    """
    tree = load_html(html)
    if tree is not None:
        check_depth(tree)
    meta = _Metadata(tree)
    if tree is not None:
        layout.without_pop_ups(tree)
        layout.without_form_fields(tree)
        layout.without_pull_quotes(tree)
        layout.without_layout_tables(tree)
        layout.with_article_parts_joined(tree)
    furniture = layout.page_furniture(tree)
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
    # trafilatura's title, unless it is an <h1> read back ("POLITICO Politico Logo", a logo's text) on a page that
    # gives its headline in its own fields: an <h1> is the headline only when they agree with it.
    found_title = " ".join((document.title or "").split())
    own = [meta.meta.get("og:title", ""), meta.linked_field("headline"), meta.meta.get("twitter:title", "")]
    fields = [*own, meta.title, "" if found_title in meta.h1s and any(own) else found_title]
    title = headline([field for field in fields if field], meta.h1s, site_names, address or url)
    # The site's name as its <title> ends: "Headline | Site | 19.01.2020".
    title_site = _title_site(meta.title, title)
    return WebPage(
        title=title or " ".join((document.title or "").split()),
        text=text,
        description=document.description or "",
        author=document.author or "",
        published_on=first_published(meta, url=address or url, found_by_search=_date(document.date)),
        site_name=outlet_name(meta, title_site=title_site, found=document.sitename or "", url=address or url),
        url=address,
        furniture=furniture,
    )


def _title_site(page_title: str, headline: str) -> str:
    """The site's name in the page's <title>: the part after the headline ("Headline | Site | 19.01.2020"), or
    before it ("The Space Review: Headline"); "" when every part is the headline's own ("Russia and Syria: …")."""
    parts = [part for part in _TITLE_PARTS.split(page_title) if part.strip() and not _DATE_PART.match(part)]
    if len(parts) < 2:
        return ""
    own = set(_words(headline))
    if not set(_words(parts[-1])) <= own:
        return parts[-1]
    # Before the headline only a name of two words or more, never a label ("Breaking News: …", "Opinion: …").
    first = parts[0]
    if (
        len(first.split()) >= 2
        and not set(_words(first)) <= own
        and not (ALERT.match(first.upper()) or is_navigation(first))
    ):
        return first
    return ""


def _web_address(url: str | None) -> str:
    """url when it is an absolute http(s) address, else "": a page's canonical link is shown to readers as a link,
    so a "javascript:" or "data:" one must never get through."""
    url = (url or "").strip()
    return url if url.lower().startswith(("http://", "https://")) and len(url) <= 1000 else ""
