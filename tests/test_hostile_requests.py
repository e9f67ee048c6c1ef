"""Every URL the desk serves, public and staff, asked hostile questions: never a 5xx.

The URLs come from the URL resolver, so a page added later is fuzzed without
anyone remembering to list it. Path parameters are filled with an existing
row's slug or id and with bogus ones (BOGUS_IDS). Each page is first requested
plainly, recording which query parameters its view reads by name and which ones
its links and GET forms carry (the admin's filters, sorting and paging). Then:

- public pages get each value of HOSTILE_VALUES in all those parameters at once,
  each parameter the view reads by name gets the CORE values on its own, and
  every parameter is sent twice;
- staff pages, as a superuser, get a few values of the corpus at once (taking
  turns across pages, so the whole corpus reaches the admin) and the parameters
  that end a request early on their own; as a fact-checker, one value.

The corpus is fixed (no randomness), so a run on SQLite and one on PostgreSQL
ask exactly the same questions, and a failure names the request that caused it.
"""

import logging
import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from factcheck.models import ImportItem, ImportJob, ReaderReport
from factcheck.pagination import parse_int
from factcheck.sitemaps import SITEMAPS
from tests.public_factories import correct, make_actor, make_claim, publish

# Raw query-string values, already percent-encoded as a client would send them.
HOSTILE_VALUES = {
    "superscript digit": quote("²"),
    "arabic-indic digit": quote("٣"),
    "fullwidth digits": quote("１２"),
    "nul": "%00",
    "nul inside": "1%002",
    "control characters": "%01%08%1B%7F%C2%85",
    "lone surrogate": "%ED%A0%80",
    "invalid utf-8": "%FF%FE%C3",
    "huge number": str(10**30),
    "huge negative number": str(-(10**30)),
    "negative": "-1",
    "zero": "0",
    "float": "1.5e308",
    "not a number": "abc",
    "10 kB": "x" * 10_000,
    "markup": quote('<img src=x onerror="alert(1)">'),
    "path traversal": quote("../../etc/passwd"),
    "bad date": "2025-02-30",
    "last year a date can hold": "9999",
    "far date": "99999-12-31",
    "date with superscript": quote("2025-0²-01"),
    "lookup injection": quote("id__gt=0"),
    "empty": "",
}
# Sent to each parameter of a public page on its own (the whole corpus goes to all of them at once).
CORE = ["superscript digit", "nul", "lone surrogate", "huge number", "not a number"]
# A parameter sent twice, hostile second (getlist() readers see both, get() the last).
REPEATED = "{name}=1&{name}=%C2%B2"
# Parameters that end a request early when hostile (a bad cursor is a 400, a bad `_to_field` is refused):
# sent on their own, so that they do not hide what the page does with the others.
MASKING = {"after", "before", "_to_field"}
# Staff pages cost more (the claim list runs its filters' counts): a superuser's visit to each sends this
# many values of the corpus to all its parameters at once, taking turns; a fact-checker's sends one.
ADMIN_VALUES_PER_PAGE = 3

# What staff pages' masking parameters get on their own (Django's admin read an empty `_to_field` as a field).
ADMIN_ALONE = ["empty", "superscript digit"]

# Parameters the admin reads without linking to them (and the desk's paging, read on its error pages).
ADMIN_PARAMETERS = ["page", "p", "o", "q", "e", "all", "_popup", "_to_field", "_changelist_filters"]


class LinkParameters(HTMLParser):
    """The query-parameter names in a page's links and the field names of its GET forms."""

    def __init__(self):
        super().__init__()
        self.names: set[str] = set()
        self._in_get_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for attribute in ("href", "hx-get", "data-hx-get", "action"):
            if query := urlsplit(attrs.get(attribute) or "").query:
                self.names.update(name for name, _ in parse_qsl(query, keep_blank_values=True))
        if tag == "form":
            self._in_get_form = (attrs.get("method") or "get").lower() == "get"
        if tag in ("input", "select", "textarea") and self._in_get_form and attrs.get("name"):
            self.names.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


class ReadParameters:
    """Records the names a view looks up in any QueryDict while the block runs."""

    METHODS = ("get", "getlist", "__getitem__", "__contains__", "pop")

    def __enter__(self):
        self.names: set[str] = set()
        self._originals = {name: getattr(QueryDict, name) for name in self.METHODS}
        for method, original in self._originals.items():
            setattr(QueryDict, method, self._recording(original))
        return self

    def _recording(self, original):
        def method(querydict, key, *args, **kwargs):
            if isinstance(key, str):
                self.names.add(key)
            return original(querydict, key, *args, **kwargs)

        return method

    def __exit__(self, *exc):
        for method, original in self._originals.items():
            setattr(QueryDict, method, original)


def url_patterns(patterns=None, prefix=""):
    """(route, pattern) for every URL the resolver knows, routes joined from their includes."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


# Ids in paths: not a number, a superscript digit, a NUL, a number no column holds, a lone surrogate.
BOGUS_IDS = ["abc", "%C2%B2", "%00", str(10**30), "%ED%A0%80"]

PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\((?!\?P<)[^)]*\)|\(\?P<(?P<group>\w+)>[^)]*\)")


def model_of(route: str):
    """The model an admin route is about (admin/<app>/<model>/...), or None."""
    parts = route.removeprefix(settings.ADMIN_PATH).split("/")
    try:
        return apps.get_model(parts[0], parts[1])
    except (LookupError, ValueError, IndexError):
        return None


def path_values(route: str, pattern, rows: dict) -> list[str]:
    """Concrete paths for a route: each parameter an existing row's key, then bogus ones."""
    route = route.removeprefix("^").replace("^", "").replace("$", "")
    names = [match.group("name") or match.group("group") or "arg" for match in PARAMETER.finditer(route)]
    if not names:
        return ["/" + route]
    model = model_of(route)
    existing = rows.get(model)
    if "slug" in names:
        kind = route.split("/")[0]
        real = {"claims": rows["claim"].slug, "actors": rows["actor"].slug, "articles": rows["article"].slug}[kind]
        fillings = [[real], ["no-such-thing"], ["a" * 300]]
    elif names == ["section"]:
        fillings = [[name] for name in SITEMAPS] + [["no-such-section"], ["9" * 40]]
    elif names == ["url"]:  # the admin's catch-all
        fillings = [["no/such/page"], ["%00"], ["%ED%A0%80"]]
    else:
        real = []
        for name in names:
            if name in ("step", "decision"):
                real.append("no-such-step")
            elif name in ("content_type_id",):
                real.append(str(rows["content_type"].pk))
            elif name in ("object_id", "pk", "id", "arg") and existing is not None and not real:
                real.append(str(existing.pk))
            elif name == "proposal_pk" or name == "match_pk":
                real.append("1")
            elif existing is not None and real and len(names) == 2 and "history" in route:
                real.append(str(existing.history.first().history_id) if hasattr(existing, "history") else "1")
            else:
                real.append(str(rows["claim"].pk))
        fillings = [real] + [[value if i == 0 else real[i] for i in range(len(names))] for value in BOGUS_IDS]
        if len(names) > 1:
            fillings += [[real[0], *(value for _ in names[1:])] for value in BOGUS_IDS]
    paths = []
    for values in fillings:
        filled = iter(values)
        paths.append("/" + PARAMETER.sub(lambda _, filled=filled: next(filled), route))
    return paths


@pytest.fixture
def rows(db, fact_checker, editor, django_user_model):
    """One of every kind of row a URL can name."""
    from django.contrib.contenttypes.models import ContentType

    actor = make_actor(name="Jane Minister")
    claim = make_claim(claimant=actor)
    verdict = publish(claim, author=fact_checker, reviewer=editor)
    correct(verdict, author=fact_checker, reviewer=editor, rating="false", note="Wrong table.")
    make_claim(article=claim.article)
    job = ImportJob.objects.create(submitted_by=fact_checker)
    ImportItem.objects.create(job=job, kind=ImportItem.Kind.TEXT, name="Pasted text", content=b"Title\n\nBody.")
    ReaderReport.objects.create(kind=ReaderReport.Kind.ERROR, claim=claim, message="Wrong year.", sender_hash="x")
    superuser = django_user_model.objects.create_superuser("root", "root@example.org", "correct horse battery")
    found = {"claim": claim, "actor": actor, "article": claim.article, "verdict": verdict, "superuser": superuser}
    found["content_type"] = ContentType.objects.get_for_model(claim)
    for model in apps.get_models():
        found.setdefault(model, model._default_manager.order_by("pk").first())
    return found


def query_string(values: dict[str, str]) -> str:
    return "&".join(f"{quote(name)}={value}" for name, value in values.items())


def ask(client, path: str, query: str = ""):
    response = client.get(f"{path}?{query}" if query else path)
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    return response


def clients_for(route: str, rows: dict, fact_checker) -> list[tuple[str, Client]]:
    """Who asks: a reader for public pages; for staff pages a superuser and a fact-checker."""
    if not route.startswith(settings.ADMIN_PATH):
        return [("reader", Client(raise_request_exception=False))]
    superuser = Client(raise_request_exception=False)
    superuser.force_login(rows["superuser"])
    checker = Client(raise_request_exception=False)
    checker.force_login(fact_checker)
    return [("superuser", superuser), ("fact-checker", checker)]


def every_url():
    # readyz answers 503 when the database is down, by design; it reads no parameter.
    return [(route, pattern) for route, pattern in url_patterns() if route != "readyz"]


def parameters_of(route: str, path: str, baseline, read: set[str]) -> set[str]:
    """The query parameters a page reads by name, links to or asks for in a GET form."""
    names = set(read)
    if route.startswith(settings.ADMIN_PATH):
        names |= set(ADMIN_PARAMETERS)
        if route.endswith("/add/") and (model := model_of(route)):
            # An add form takes its initial values from the query string, by field name.
            names |= {field.name for field in model._meta.get_fields() if field.concrete}
    if baseline.status_code == 200 and "html" in baseline.get("Content-Type", ""):
        links = LinkParameters()
        links.feed(baseline.content.decode(errors="replace"))
        names |= links.names
    return names - {"csrfmiddlewaretoken"}


class Fuzz:
    """The requests of one run, and the ones answered with a 5xx."""

    def __init__(self):
        self.requests = 0
        self.failures: list[str] = []
        self.turn = 0

    def ask(self, who: str, client, path: str, query: str = ""):
        self.requests += 1
        response = ask(client, path, query)
        if response.status_code >= 500:
            error = response.exc_info[1] if response.exc_info else ""
            self.failures.append(f"{who} GET {path}?{query[:150]} -> {response.status_code} {error!r:.200}")
        return response

    def values(self, how_many: int) -> list[str]:
        """`how_many` values of the corpus, taking turns, so that over a run each value reaches every
        kind of page while each page gets only a few requests."""
        corpus = list(HOSTILE_VALUES.values())
        chosen = [corpus[(self.turn + n) % len(corpus)] for n in range(min(how_many, len(corpus)))]
        self.turn += how_many
        return chosen


def test_no_hostile_request_to_any_url_gets_a_server_error(rows, fact_checker, settings):
    settings.DEBUG = False
    settings.FACTCHECK_CLAIM_SEARCH_PER_MINUTE = 10**9  # the rate limit would answer 429 before the fuzz
    fuzz = Fuzz()
    logging.disable(logging.CRITICAL)  # every 404 and 400 would be logged
    try:
        for route, pattern in every_url():
            public = not route.startswith(settings.ADMIN_PATH)
            for first, (who, client) in zip((True, False), clients_for(route, rows, fact_checker), strict=False):
                real_path, *bogus_paths = path_values(route, pattern, rows)
                for path in bogus_paths if first else ():
                    fuzz.ask(who, client, path)
                with ReadParameters() as read:
                    baseline = fuzz.ask(who, client, real_path)
                names = parameters_of(route, real_path, baseline, read.names)
                together = sorted(names - MASKING)
                budget = len(HOSTILE_VALUES) if public else ADMIN_VALUES_PER_PAGE if first else 1
                for value in fuzz.values(budget):
                    fuzz.ask(who, client, real_path, query_string(dict.fromkeys(together, value)))
                if first:
                    fuzz.ask(who, client, real_path, "&".join(REPEATED.format(name=quote(name)) for name in together))
                    # On their own: what a public view reads by name, and on staff pages the masking ones.
                    alone = sorted(read.names | (names & MASKING)) if public else sorted(names & MASKING)
                    for name in alone:
                        for key in CORE if public else ADMIN_ALONE:
                            fuzz.ask(who, client, real_path, query_string({name: HOSTILE_VALUES[key]}))
    finally:
        logging.disable(logging.NOTSET)
    print(f"{fuzz.requests} requests, {len(fuzz.failures)} answered 5xx")
    assert not fuzz.failures, "\n".join(fuzz.failures[:40]) + f"\n({len(fuzz.failures)} of {fuzz.requests} requests)"


# The known cases, each as a user would meet it.

PUBLIC_HTML_PAGES = [
    "factcheck:home",
    "factcheck:claim_list",
    "factcheck:actor_list",
    "factcheck:article_list",
    "factcheck:correction_list",
    "factcheck:methodology",
    "factcheck:report",
    "factcheck:report_thanks",
]


@pytest.mark.parametrize("number", ["²", "٣", "１", "1_0", str(10**30), "-3"])
def test_a_page_number_that_is_not_plain_digits_shows_the_first_page(client, db, number):
    for name in PUBLIC_HTML_PAGES:
        response = client.get(reverse(name), {"page": number})
        assert response.status_code == 200, name
        assert '<link rel="canonical" href="https://factcheck.example' in response.content.decode()
        assert "?page=" not in response.content.decode().split('rel="canonical"')[1].split(">")[0]


@pytest.mark.parametrize(
    ("typed", "number"), [("12", 12), ("-2", -2), ("²", None), ("٣", None), (" 7", None), ("", None)]
)
def test_only_ascii_digits_are_read_as_a_number(typed, number):
    assert parse_int(typed) == number


def test_the_claimreview_feed_refuses_a_cursor_in_other_digits(client, db):
    response = client.get(reverse("factcheck:claimreview_feed"), {"after": "²"})
    assert response.status_code == 400
    assert "Start again from the first page" in response.json()["error"]


def test_a_verdict_form_prefilled_with_a_claim_id_that_is_no_number_selects_no_claim(client, editor, new_claim):
    client.force_login(editor)
    for typed in ("abc", "²", "%00", str(10**30)):
        response = client.get(reverse("admin:factcheck_verdict_add") + f"?claim={typed}")
        assert response.status_code == 200
    selected = client.get(reverse("admin:factcheck_verdict_add"), {"claim": new_claim.pk}).content.decode()
    assert f'<option value="{new_claim.pk}" selected>' in selected


def test_the_history_of_an_id_that_is_no_number_is_not_found(client, editor, new_claim):
    client.force_login(editor)
    version = new_claim.history.first().history_id
    for path in (f"{new_claim.pk}/history/abc/", "abc/history/", f"abc/history/{version}/", "%C2%B2/history/"):
        assert client.get(f"/admin/factcheck/claim/{path}").status_code == 404, path
    assert client.get(f"/admin/factcheck/claim/{new_claim.pk}/history/{version}/").status_code == 200


def test_an_empty_to_field_is_dropped_from_an_admin_address(client, editor, new_claim):
    client.force_login(editor)
    change = reverse("admin:factcheck_claim_change", args=[new_claim.pk])
    response = client.get(change, {"_to_field": "", "_changelist_filters": "status=new"})
    assert response.status_code == 302
    assert response.url == f"{change}?_changelist_filters=status%3Dnew"
    assert client.get(response.url).status_code == 200


@pytest.mark.parametrize("year", ["9999", str(10**30), "²"])
def test_a_date_drill_down_beyond_what_a_date_holds_shows_the_whole_list(client, editor, new_claim, year):
    client.force_login(editor)
    articles = reverse("admin:factcheck_article_changelist")
    response = client.get(articles, {"published_on__year": year})
    assert response.status_code == 302
    assert response.url == articles
    assert client.get(articles, {"published_on__year": "2025"}).status_code == 200
