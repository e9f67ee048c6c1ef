"""Public pages. Views are HTTP glue: read the request, ask the models, render.

Only published verdicts are public. Every query here goes through
`Verdict.objects.published()` / `.current()` or the claim's annotated current
rating, and no template is given a draft, its notes, its review comments or
a claim's assignee. Each page runs a fixed number of SQL queries whatever the
number of rows: lists are paginated, related rows come with select_related or
one extra query, and counts are annotations.
"""

import csv
import itertools
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.db import DatabaseError, connection, models
from django.db.models import Count, Prefetch, Q, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import ListView, TemplateView
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin
from django_tables2.rows import BoundRows

from factcheck import sharecards
from factcheck.api import CLAIM_SEARCH_MAX_CHARS, over_search_limit
from factcheck.cache import cache_status
from factcheck.claimreview import claim_review, json_ld_script
from factcheck.filters import ClaimFilter
from factcheck.forms import ReaderReportForm
from factcheck.models import (
    Actor,
    Article,
    Claim,
    FormerActorAddress,
    ReaderReport,
    Verdict,
    VerdictChange,
)
from factcheck.organization import absolute_url
from factcheck.pagination import (
    InvalidCursor,
    KeysetPage,
    Pager,
    beyond,
    count_rows,
    cursor_from,
    numbered_pager,
    page_link,
    paginate,
    query_int,
    query_slugs,
    reverse_order,
)
from factcheck.proxies import client_ip
from factcheck.repeats import SUGGEST_THRESHOLD, appearances_of, published_claims
from factcheck.tables import ClaimTable

CLAIMS_PER_PAGE = 25
CLAIMS_PER_PAGE_CHOICES = [10, 25, 50, 100]
CLAIMS_PER_PAGE_MAX = 100
REPORTS_PER_SENDER_PER_HOUR = 5
# A ceiling for everyone together, so a flood from many addresses cannot fill the table.
REPORTS_PER_HOUR = 200
# The reader form checks a message against published fact-checks once it is this long.
REPORT_CHECK_MIN_CHARS = 20


def is_htmx_swap(request) -> bool:
    """True for an htmx request that wants only a fragment (not a history restore, which needs the page)."""
    return "HX-Request" in request.headers and "HX-History-Restore-Request" not in request.headers


def home(request):
    latest = (
        Verdict.objects.current()
        .select_related("claim__claimant", "claim__article")
        .order_by("-published_at", "-pk")[:8]
    )
    counts = Claim.objects.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in Claim.Status.values},
    )
    return render(
        request,
        "factcheck/home.html",
        {
            "latest": latest,
            "being_checked": counts["researching"] + counts["in_review"],
            "counts": counts,
            "statuses": Claim.Status,
        },
    )


class _PlainClaimPaginator(Paginator):
    """Pages of claims, counted and sliced on the plain claims, by number or "after this claim".

    `plain` is the same filtered, ordered claims without select_related: COUNT
    and the page's ids come from it alone, and the rows with their article and
    claimant are fetched for those ids only, in the same single query. When
    `keyset` is true (the list in its own order, however filtered) the first
    pages keep their numbers and later ones are found by cursor (`cursor` is
    ("after" or "before", a claim's slug)); see factcheck/pagination.py.
    """

    def __init__(self, object_list, per_page, *, plain=None, keyset=False, cursor=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.plain = plain
        self.keyset = keyset
        self.cursor = cursor

    @cached_property
    def count(self):
        if self.plain is None:
            return super().count
        count, self.count_qualifier = count_rows(self.plain)
        return count

    count_qualifier = ""  # "about" or "more than" when the count is not exact (see count_rows)

    def page(self, number):
        if self.plain is None:
            return super().page(number)
        if self.keyset and self.cursor:
            return self._page_after(*self.cursor)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        records = list(self._shown().filter(pk__in=self.plain.values("pk")[bottom:top]))
        page = self._get_page(self._rows(records), number, self)
        if self.keyset:
            page.pager = numbered_pager(number, self.num_pages, last_key=records[-1].slug if records else None)
        return page

    def _page_after(self, direction: str, slug: str):
        order = Claim._meta.ordering
        anchor = Claim.objects.filter(slug=slug).values_list(*(name.lstrip("-") for name in order)).first()
        if anchor is None:
            raise InvalidCursor()
        before = direction == "before"
        window = (
            self.plain.filter(beyond(order, anchor, before=before))
            .order_by(*(reverse_order(order) if before else order))
            .values("pk")[: self.per_page + 1]
        )
        records = list(self._shown().filter(pk__in=window))
        more = len(records) > self.per_page
        if before and not more:
            self.cursor = None  # nothing before these but the first page: show it, numbered
            return self.page(1)
        if more:
            records = records[1:] if before else records[:-1]
        page = KeysetPage(self._rows(records), self, has_next=more or before, has_previous=True)
        page.pager = Pager(
            first=page_link(),
            previous=page_link(before=records[0].slug) if records else None,
            next=page_link(after=records[-1].slug) if page.has_next() and records else None,
        )
        return page

    def _shown(self):
        """The claims as the table shows them (with article and claimant), in the table's order."""
        return self.object_list.data.data

    def _rows(self, records):
        bound_rows = self.object_list  # django-tables2's BoundRows over the ordered claims
        return BoundRows(data=records, table=bound_rows.table, pinned_data=bound_rows.pinned_data)


class ClaimListView(SingleTableMixin, FilterView):
    """Every claim with its status, filtered, searched, sorted and paged.

    With htmx the form and the page links fetch only the results fragment
    and push the full URL, so what the reader sees can always be shared.
    """

    model = Claim
    table_class = ClaimTable
    filterset_class = ClaimFilter
    # An unknown filter value shows an error by its field and is ignored, rather than emptying the list.
    strict = False
    template_name = "factcheck/claim_list.html"

    def get_queryset(self):
        # The original of a repeat, for the link from its "Already checked" badge to that fact-check.
        return Claim.objects.with_current_verdict().select_related("article", "claimant", "repeat_of")

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except InvalidCursor as error:
            # A stale or mistyped "after this claim" link: say so, and offer the first page.
            return render(
                request, "factcheck/invalid_cursor.html", {"message": str(error), "list_url": request.path}, status=400
            )

    def get_table(self, **kwargs):
        table = self.get_table_class()(data=self.get_table_data(), **kwargs)
        RequestConfig(self.request, paginate=False).configure(table)  # sorting; unknown columns are ignored
        per_page = min(max(query_int(self.request, "per_page", CLAIMS_PER_PAGE), 1), CLAIMS_PER_PAGE_MAX)
        try:
            table.paginate(
                paginator_class=_PlainClaimPaginator,
                page=query_int(self.request, "page", 1),
                per_page=per_page,
                cursor=cursor_from(self.request),
                **self.plain_claims(table),
            )
        except EmptyPage:
            table.page = table.paginator.page(table.paginator.num_pages)
        return table

    def plain_claims(self, table) -> dict:
        """The paginator's `plain` claims (these filters, this order, no joins) and whether keyset pages apply.

        Keyset pages need the list's own order, which its indexes serve; a sort
        by a column, or PostgreSQL's best-match-first search, is paged by number."""
        shown = table.data.data
        if not isinstance(shown, models.QuerySet) or shown.query.is_empty():
            return {}
        plain = Claim.objects.all()
        if self.filterset.is_bound:
            plain = self.filterset.filter_queryset(plain)
        ordering = list(shown.query.order_by)
        if ordering:
            plain = plain.order_by(*ordering)
        return {"plain": plain, "keyset": ordering in ([], Claim._meta.ordering)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["per_page_choices"] = CLAIMS_PER_PAGE_CHOICES
        context["per_page"] = context["table"].paginator.per_page
        return context

    def get_template_names(self):
        if is_htmx_swap(self.request):
            return [f"{self.template_name}#results"]
        return [self.template_name]

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        patch_vary_headers(response, ["HX-Request"])
        return response


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a streamed response."""

    def write(self, value):
        return value


def _spreadsheet_safe(value) -> str:
    """A cell that a spreadsheet will not run as a formula (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def claim_csv(request):
    """The filtered claims as CSV, streamed row by row so a large archive never sits in memory.

    A checked claim has its rating, when that was published and the address of its fact-check
    (`fact_check_url`): its own, or for a repeat ("Already checked") the original's, whose verdict it shares.
    `claimant_confirmed` is "no" while the claimant is the importer's reading that nobody has confirmed."""
    queryset = ClaimFilter(request.GET or None, queryset=Claim.objects.with_current_verdict()).qs
    rows = queryset.values_list(
        "slug",
        "text",
        "claimant__name",
        "article__title",
        "article__outlet",
        "said_on",
        "venue",
        "original_url",
        "status",
        "current_rating",
        "current_published_at",
        "repeat_of__slug",
        "attribution_confirmed_at",
    )
    claims_url = absolute_url(reverse("factcheck:claim_list"))
    checked = (Claim.Status.PUBLISHED, Claim.Status.REPEAT)
    status_labels = dict(Claim.Status.choices)
    rating_labels = dict(Verdict.Rating.choices)
    venue_labels = dict(Claim.Venue.choices)

    def lines():
        writer = csv.writer(_Echo())
        yield writer.writerow(
            [
                "url",
                "claim",
                "claimant",
                "article",
                "outlet",
                "said_on",
                "said_where",
                "original_url",
                "status",
                "rating",
                "verdict_published_at",
                "fact_check_url",
                "claimant_confirmed",
            ]
        )
        for (
            slug,
            text,
            claimant,
            title,
            outlet,
            said_on,
            venue,
            original_url,
            status,
            rating,
            published_at,
            original_slug,
            confirmed_at,
        ) in rows.iterator(chunk_size=2000):
            fact_check = ""
            if status == Claim.Status.PUBLISHED:
                fact_check = f"{claims_url}{slug}/"
            elif status == Claim.Status.REPEAT and original_slug:
                fact_check = f"{claims_url}{original_slug}/"
            yield writer.writerow(
                [
                    f"{claims_url}{slug}/",
                    _spreadsheet_safe(text),
                    _spreadsheet_safe(claimant),
                    _spreadsheet_safe(title),
                    _spreadsheet_safe(outlet),
                    said_on.isoformat() if said_on else "",
                    venue_labels.get(venue, ""),
                    _spreadsheet_safe(original_url),
                    status_labels.get(status, status),
                    rating_labels.get(rating, "") if status in checked else "",
                    published_at.isoformat() if published_at and status in checked else "",
                    fact_check,
                    # A claimant nobody has confirmed is the software's reading of the article, as the list says.
                    ("yes" if confirmed_at else "no") if claimant else "",
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="claims.csv"'
    return response


def claim_detail(request, slug):
    claim = get_object_or_404(Claim.objects.select_related("article", "claimant", "repeat_of"), slug=slug)
    versions = list(
        Verdict.objects.published()
        .filter(claim=claim)
        .select_related("author", "reviewer", "corrects")
        .prefetch_related(Prefetch("changes", queryset=VerdictChange.objects.select_related("changed_by")), "sources")
        .order_by("-published_at", "-pk")
    )
    verdict = next((version for version in versions if version.is_current), None)
    # Each earlier version is readable in full, with when the next one replaced it.
    for newer, version in itertools.pairwise(versions):
        version.replaced_at = newer.published_at
        version.claim = claim  # already loaded: an earlier version shows the claim as it was checked then
    # Where else it was said (its confirmed repeats), in one query.
    appearances = appearances_of([claim.pk]).get(claim.pk, [])
    # A repeat (linked automatically or confirmed) of a published claim shares that claim's verdict.
    repeat_of = claim.repeat_of if claim.status == Claim.Status.REPEAT else None
    context = {
        "claim": claim,
        "verdict": verdict,
        "statuses": Claim.Status,
        **sharecards.claim_tags(claim),
        "appearances": appearances,
        "repeat_of": repeat_of,
    }
    if verdict is not None:
        verdict.claim = claim  # already loaded, with article and claimant
        verdict.first_published_at = versions[-1].published_at
        # Each correction says what changed; the first version has nothing to correct.
        corrections = [version for version in versions if version.corrects_id]
        context.update(
            {
                "sources": verdict.sources.all(),
                "credits": verdict.credits(versions),
                "corrections": corrections,
                "latest_correction": corrections[0] if corrections else None,
                "earlier_versions": [version for version in versions if not version.is_current],
                "claim_review": json_ld_script(claim_review(verdict, repeats=appearances)),
                **sharecards.fact_check_tags(verdict, corrected=bool(corrections)),
            }
        )
    return render(request, "factcheck/claim_detail.html", context)


def claim_share_card(request, slug):
    """The published fact-check as a PNG for social networks: rating, claim, who said it, when and where,
    and the desk's name.

    Drawn once per content (the cache key is a hash of what the card shows), so
    a correction that changes the rating gets a new card and nothing else redraws it.
    """
    claim = get_object_or_404(Claim.objects.published().select_related("claimant", "article"), slug=slug)
    verdict = get_object_or_404(Verdict.objects.current().only("rating"), claim=claim)
    card = sharecards.ShareCard(
        rating=verdict.get_rating_display(),
        rating_value=verdict.rating_value,
        claim=claim.words_shown(),
        claimant=claim.claimant.name if claim.claimant else "",
        quoted=claim.shows_quotation_marks,
        desk=settings.FACTCHECK_ORGANIZATION["name"],
        said_on=f"{claim.said_on.day} {claim.said_on:%B %Y}" if claim.said_on else "",
        outlet=claim.article.outlet,
    )
    return sharecards.png_response(card)


def desk_share_card(request):
    """The desk's own card, for pages that are not one fact-check (the lists, the home page)."""
    card = sharecards.ShareCard(desk=settings.FACTCHECK_ORGANIZATION["name"], claim="", claimant="")
    return sharecards.png_response(card)


class ActorListView(ListView):
    template_name = "factcheck/actor_list.html"
    context_object_name = "actors"
    paginate_by = 50

    def get_queryset(self):
        return (
            Actor.objects.annotate(
                claim_count=Count("claims_made"),
                published_count=Count("claims_made", filter=Q(claims_made__status=Claim.Status.PUBLISHED)),
            )
            .filter(claim_count__gt=0)
            .order_by("name")
        )

    def paginate_queryset(self, queryset, page_size):
        return _paginate(self.request, queryset, page_size)


def _paginate(request, queryset, per_page: int):
    """(paginator, page, object_list, is_paginated) for ListView, forgiving any page number."""
    paginator = Paginator(queryset, per_page)
    page = paginator.get_page(query_int(request, "page", 1))
    return paginator, page, page.object_list, page.has_other_pages()


def actor_detail(request, slug):
    actor = Actor.objects.filter(slug=slug).first()
    if actor is None:
        # An address the actor had before a rename or a merge: links and search results keep working.
        former = get_object_or_404(FormerActorAddress.objects.select_related("actor"), slug=slug)
        return redirect(former.actor, permanent=True)
    claims = Claim.objects.filter(claimant=actor).with_current_verdict().select_related("article", "repeat_of")
    counts = {
        row["current_rating"]: row["count"]
        for row in claims.published()
        .filter(current_rating__isnull=False)
        .values("current_rating")
        .annotate(count=Count("pk"))
        .order_by()
    }
    scorecard_total = sum(counts.values())
    most = max(counts.values(), default=0)
    scorecard = [
        {
            "rating": rating,
            "label": label,
            "count": counts.get(rating, 0),
            "percent": round(100 * counts.get(rating, 0) / scorecard_total) if scorecard_total else 0,
            # Bars are drawn relative to the largest count, so the chart uses its full width.
            "bar": round(100 * counts.get(rating, 0) / most, 1) if most else 0,
        }
        for rating, label in Verdict.Rating.choices
    ]
    try:
        # Latest said first, undated last (the earliest possible date stands in for none, so the
        # cursor of the keyset pages is never NULL).
        page = paginate(
            claims.annotate(said_sort=Coalesce("said_on", Value(date.min))),
            order=["-said_sort", "-id"],
            per_page=CLAIMS_PER_PAGE,
            number=query_int(request, "page", 1),
            cursor=cursor_from(request),
        )
    except InvalidCursor as error:
        return render(
            request, "factcheck/invalid_cursor.html", {"message": str(error), "list_url": request.path}, status=400
        )
    return render(
        request,
        "factcheck/actor_detail.html",
        {"actor": actor, "scorecard": scorecard, "scorecard_total": scorecard_total, "page": page},
    )


class ArticleListView(ListView):
    template_name = "factcheck/article_list.html"
    context_object_name = "articles"
    paginate_by = 25

    def get_queryset(self):
        return (
            Article.objects.only("title", "slug", "outlet", "published_on", "url")
            .annotate(claim_count=Count("claims"))
            .order_by("-published_on", "-imported_at", "-pk")
        )

    def paginate_queryset(self, queryset, page_size):
        return _paginate(self.request, queryset, page_size)


def article_detail(request, slug):
    # The body is deferred: the page quotes claims in their context but never republishes the article.
    article = get_object_or_404(Article.objects.defer("body", "removed_clutter"), slug=slug)
    claims = (
        Claim.objects.filter(article=article)
        .with_current_verdict()
        .select_related("claimant", "repeat_of")
        .order_by("position", "pk")
    )
    return render(request, "factcheck/article_detail.html", {"article": article, "claims": claims})


class MethodologyView(TemplateView):
    template_name = "factcheck/methodology.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ratings"] = [
            {"rating": rating, "label": label, "definition": Verdict.RATING_DEFINITIONS[rating], "value": value}
            for value, (rating, label) in enumerate(Verdict.Rating.choices, 1)
        ]
        return context


class CorrectionListView(ListView):
    template_name = "factcheck/correction_list.html"
    context_object_name = "corrections"
    paginate_by = 25

    def get_queryset(self):
        return Verdict.objects.corrections().select_related("claim", "corrects").order_by("-published_at", "-pk")

    def paginate_queryset(self, queryset, page_size):
        return _paginate(self.request, queryset, page_size)


def sender_hash(request) -> str:
    """A salted hash of the sender's address: enough to count their reports, useless to identify them.

    The address behind the trusted proxies (`client_ip`), as for the search API and login lockouts:
    behind nginx REMOTE_ADDR is the proxy's, and every reader would share one limit.
    """
    return salted_hmac("factcheck.reader-report", client_ip(request), algorithm="sha256").hexdigest()


def report(request):
    """The reader form. Spam is discarded silently; floods get 429 Too Many Requests."""
    if request.method == "POST":
        form = ReaderReportForm(request.POST)
        if form.is_valid():
            if form.is_spam():
                return redirect("factcheck:report_thanks")
            sender = sender_hash(request)
            hour_ago = timezone.now() - timedelta(hours=1)
            recent = ReaderReport.objects.filter(submitted_at__gte=hour_ago)
            if (
                recent.filter(sender_hash=sender).count() >= REPORTS_PER_SENDER_PER_HOUR
                or recent.count() >= REPORTS_PER_HOUR
            ):
                form.add_error(None, "We have received many messages from you in the last hour. Please try later.")
                return render(request, "factcheck/report_form.html", {"form": form}, status=429)
            reader_report = form.save(commit=False)
            reader_report.sender_hash = sender
            reader_report.save()
            thanks = reverse("factcheck:report_thanks")
            if reader_report.kind == ReaderReport.Kind.SUGGESTION:
                # A claim we have already checked: show the reader our verdict at once.
                checked = published_claims.search(reader_report.message, limit=3, min_score=SUGGEST_THRESHOLD)
                if checked:
                    thanks += "?" + "&".join(f"checked={claim.slug}" for claim in checked)
            return redirect(thanks)
    else:
        initial = {}
        if claim_slug := request.GET.get("claim"):
            initial = {"kind": ReaderReport.Kind.ERROR, "claim": claim_slug[:255]}
        form = ReaderReportForm(initial=initial)
    return render(request, "factcheck/report_form.html", {"form": form})


def report_thanks(request):
    """Thanks, with the published fact-checks of the claim the reader suggested, when we have them."""
    slugs = query_slugs(request, "checked", limit=3)
    checked = []
    if slugs:
        found = (
            Claim.objects.with_current_verdict()
            .filter(slug__in=slugs, current_rating__isnull=False)
            .in_bulk(field_name="slug")
        )
        checked = [found[slug] for slug in dict.fromkeys(slugs) if slug in found]
    return render(request, "factcheck/report_thanks.html", {"checked": checked})


@never_cache
@require_GET
def report_checked(request):
    """The reader form's live check: published fact-checks the message being typed matches (an HTML fragment).

    Empty for a short message or when nothing matches well enough; counts against the same
    per-client limit as the search API (429, which htmx leaves unswapped, beyond it).
    """
    if over_search_limit(request):
        return HttpResponse(status=429, headers={"Retry-After": "60"})
    message = " ".join(request.GET.get("message", "").split())[:CLAIM_SEARCH_MAX_CHARS]
    checked = []
    if len(message) >= REPORT_CHECK_MIN_CHARS:
        checked = published_claims.search(message, limit=3, min_score=SUGGEST_THRESHOLD)
    return render(request, "factcheck/includes/already_checked.html", {"checked": checked, "live": True})


def robots_txt(request):
    """Crawlers may read every public page; the admin, the CSV export and the reader form are not for them.

    A moved admin (DJANGO_ADMIN_PATH) is left out on purpose: robots.txt is public, and naming an
    unguessable path here would give it away. The admin's pages ask not to be indexed themselves.
    """
    lines = ["User-agent: *"]
    if settings.ADMIN_PATH == "admin/":
        lines.append(f"Disallow: {reverse('admin:index')}")
    lines += [
        f"Disallow: {reverse('factcheck:claim_csv')}",
        f"Disallow: {reverse('factcheck:report')}",
        "Allow: /",
        "",
        f"Sitemap: {absolute_url(reverse('factcheck:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


FAVICON = Path(__file__).resolve().parent / "static" / "factcheck" / "favicon.ico"


@require_GET
def favicon(request):
    """/favicon.ico, which browsers ask for on every site whatever the page links (the admin links none)."""
    response = HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@never_cache
def healthz(request):
    """Liveness: the process answers. Touches no database."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request):
    """Readiness, as JSON: the database and the cache, each "ok" or "unavailable", and whether this instance serves.

    200 whenever the database answers: without the cache (Redis) every page is
    rendered from the database and the rate limits count in each process, so
    the instance still serves, slower. 503 when the database does not answer.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except DatabaseError:
        database = "unavailable"
    serving = database == "ok"
    return JsonResponse(
        {"database": database, "cache": cache_status(), "serving": serving}, status=200 if serving else 503
    )
