"""The public API: published fact-checks as ClaimReview JSON, and a search for them by a claim's words.

Both answer only from published verdicts. The search counts against a per-client limit a minute,
shared with the reader form's live check (`over_search_limit`).
"""

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from factcheck.claimreview import claim_review
from factcheck.models import Verdict
from factcheck.organization import absolute_url
from factcheck.pagination import (
    NUMBERED_PAGES,
    InvalidCursor,
    beyond,
    count_rows,
    cursor_from,
    parse_int,
    query_int,
    reverse_order,
)
from factcheck.proxies import client_ip
from factcheck.ratelimits import count_this_minute
from factcheck.repeats import appearances_of, published_claims

API_PER_PAGE = 100
# The longest text the claim-search API matches, and the most results it returns.
CLAIM_SEARCH_MAX_CHARS = 1000
CLAIM_SEARCH_MAX_RESULTS = 20


def over_search_limit(request) -> bool:
    """Count this request against its client's searches this minute; True when it is one too many.

    Counted in the shared cache, or in this process while Redis is away (factcheck/ratelimits.py).
    """
    client = salted_hmac("factcheck.claim-search", client_ip(request), algorithm="sha256").hexdigest()[:32]
    return count_this_minute("claim-search", client) > settings.FACTCHECK_CLAIM_SEARCH_PER_MINUTE


@never_cache
@require_GET
def claim_search_api(request):
    """Published fact-checks matching a text, best first: GET /api/claims/search?text=…[&limit=5].

    JSON: {"text", "results": [{"claim", "url", "score", "rating", "ratingValue", "datePublished",
    "claimant"}]}. A missing or too long text is a 400 with an "error"; more than
    FACTCHECK_CLAIM_SEARCH_PER_MINUTE searches a minute from one client is a 429.
    """
    if over_search_limit(request):
        response = JsonResponse({"error": "Too many searches; try again in a minute."}, status=429)
        response["Retry-After"] = "60"
        return response
    text = " ".join(request.GET.get("text", "").split())
    if not text:
        return JsonResponse({"error": "Say what to search for: ?text=the claim's words"}, status=400)
    if len(text) > CLAIM_SEARCH_MAX_CHARS:
        return JsonResponse(
            {"error": f"The text is too long (at most {CLAIM_SEARCH_MAX_CHARS} characters)."}, status=400
        )
    limit = min(max(query_int(request, "limit", 5), 1), CLAIM_SEARCH_MAX_RESULTS)
    ratings = dict(Verdict.Rating.choices)
    values = {rating: value for value, rating in enumerate(Verdict.Rating.values, 1)}
    results = [
        {
            "claim": claim.text,
            "url": absolute_url(claim.get_absolute_url()),
            "score": claim.match_score,
            "rating": ratings[claim.current_rating],
            "ratingValue": values[claim.current_rating],
            "datePublished": claim.current_published_at.date().isoformat(),
            "claimant": claim.claimant.name if claim.claimant else None,
        }
        for claim in published_claims.search(text, limit=limit)
    ]
    return JsonResponse({"text": text, "results": results}, json_dumps_params={"ensure_ascii": False})


def claimreview_feed(request):
    """Published verdicts as ClaimReview, newest first, 100 to a page, with links to the next and previous.

    Pages 1 to NUMBERED_PAGES by number (`?page=3`), then by cursor
    (`?after=<id of the last verdict shown>`), which costs the same at any depth.
    """
    order = ["-published_at", "-id"]
    current = Verdict.objects.current().order_by(*order)
    url = absolute_url(reverse("factcheck:claimreview_feed"))
    count, count_qualifier = count_rows(current)
    # A deferred join, still one query: sort and slice the verdicts alone, then join claims, articles and
    # claimants for this page's rows only (at 100,000 verdicts, sorting the joined rows cost 80-600 ms).
    shown = current.with_first_published().select_related("claim__article", "claim__claimant")
    number = None
    try:
        cursor = cursor_from(request)
    except InvalidCursor:
        cursor = ("after", "")  # unprintable: answered as naming nothing, below
    if cursor:
        direction, value = cursor
        verdict_id = parse_int(value)
        anchor = (
            Verdict.objects.current().filter(pk=verdict_id).values_list("published_at", "id").first()
            if verdict_id is not None
            else None
        )
        if anchor is None:
            message = (
                "This page link points after a verdict that is not published (or was mistyped). "
                "Start again from the first page."
            )
            return JsonResponse({"error": message, "first": url}, status=400)
        before = direction == "before"
        window = current.filter(beyond(order, anchor, before=before)).order_by(
            *(reverse_order(order) if before else order)
        )
        verdicts = list(shown.filter(pk__in=window.values("pk")[: API_PER_PAGE + 1]))
        more = len(verdicts) > API_PER_PAGE
        if more:
            verdicts = verdicts[1:] if before else verdicts[:-1]
        has_next, has_previous = more or before, True
        if before and not more:
            number, has_previous = 1, False
    else:
        pages = max(1, -(-count // API_PER_PAGE))
        number = min(max(query_int(request, "page", 1), 1), pages)
        bottom = (number - 1) * API_PER_PAGE
        verdicts = list(shown.filter(pk__in=current.values("pk")[bottom : bottom + API_PER_PAGE]))
        has_next, has_previous = number < pages, number > 1
    if not has_next or not verdicts:
        following = None
    elif number is not None and number < NUMBERED_PAGES:
        following = f"{url}?page={number + 1}"
    else:
        following = f"{url}?after={verdicts[-1].pk}"
    if not has_previous or not verdicts:
        preceding = None
    elif number is not None:
        preceding = f"{url}?page={number - 1}" if number > 2 else url
    else:
        preceding = f"{url}?before={verdicts[0].pk}"
    appearances = appearances_of(verdict.claim_id for verdict in verdicts)
    return JsonResponse(
        {
            "organization": dict(settings.FACTCHECK_ORGANIZATION),
            "count": count,
            # Past 10,000 the count is PostgreSQL's estimate, or on SQLite 10,000 meaning "more than".
            "countIsExact": not count_qualifier,
            "page": number,
            "pages": max(1, -(-count // API_PER_PAGE)),
            "next": following,
            "previous": preceding,
            "claimReviews": [
                claim_review(verdict, repeats=appearances.get(verdict.claim_id, ())) for verdict in verdicts
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
