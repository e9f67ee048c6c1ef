"""Latency and SQL queries per public page, measured in-process with Django's test client.

    DATABASE_URL=... python -m bench.pages [--runs 30] [--label "SQLite, 100k claims"]

Runs against whatever database DATABASE_URL names (fill it first with
`manage.py generate_demo_data`), with DEBUG off and without the page cache:
the figures are the cost of rendering. Prints a Markdown table: median and
95th percentile in milliseconds, and the queries each page ran (the same on
every run, or the table says so).
"""

import argparse
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("BENCH_PAGE_CACHE", "0")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from factcheck.models import Actor, Claim, Verdict  # noqa: E402


def public_pages() -> dict[str, str]:
    """The pages to measure, picked from the archive: the busiest claimant, a corrected claim, a deep
    page reached by cursor (page 20,000 at a million claims, the middle at smaller sizes), a rare word."""
    corrected = Verdict.objects.corrections().select_related("claim").first()
    claim = corrected.claim if corrected else Claim.objects.published().first()
    actor = Actor.objects.annotate(said=Count("claims_made")).order_by("-said").first()
    said = actor.claims_made.count()
    claims = Claim.objects.count()
    deep_page = 20_000 if claims > 20_000 * 25 else max(2, claims // 25 // 2)
    # The claim just before page deep_page: its slug is the cursor of that page's URL.
    anchor = Claim.objects.order_by(*Claim._meta.ordering).values_list("slug", flat=True)[(deep_page - 1) * 25 - 1]
    api_anchor = (
        Verdict.objects.current()
        .order_by("-published_at", "-id")
        .values_list("pk", flat=True)[min(50_000, Verdict.objects.current().count() // 2)]
    )
    rare = Claim.objects.filter(text__contains="new homes").values_list("text", flat=True).first()
    rare_word = next(word for word in rare.split() if word[0].isdigit() and "," in word)
    rare_matches = Claim.objects.search(rare_word).count()
    common_matches = Claim.objects.search("inflation").count()
    return {
        "/claims/ first page": "/claims/",
        "/claims/ filtered (published, rated false)": "/claims/?status=published&rating=false",
        f"/claims/ searched, common word (“inflation”, {common_matches:,} matches)": "/claims/?q=inflation",
        f"/claims/ searched, rare word (“{rare_word}”, {rare_matches:,} matches)": f"/claims/?q={rare_word}",
        f"/claims/ page {deep_page:,} by cursor": f"/claims/?after={anchor}",
        "claim page (corrected verdict)": claim.get_absolute_url(),
        f"actor page (busiest claimant, {said:,} claims)": actor.get_absolute_url(),
        "ClaimReview feed /api/claimreview.json": "/api/claimreview.json",
        "ClaimReview feed, deep page by cursor": f"/api/claimreview.json?after={api_anchor}",
        "RSS feed /feeds/verdicts/": "/feeds/verdicts/",
        "Atom feed /feeds/verdicts/atom/": "/feeds/verdicts/atom/",
        "/healthz": "/healthz",
    }


def measure(client: Client, url: str, runs: int) -> tuple[list[float], set[int], int]:
    """Milliseconds for each run, the distinct query counts seen, and the status code."""
    client.get(url)  # warm: templates compiled, connection open
    timings, query_counts = [], set()
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        query_counts.add(len(queries))
    return timings, query_counts, response.status_code


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--label", default=connection.vendor)
    options = parser.parse_args()

    client = Client()
    claims = Claim.objects.count()
    print(f"\n{options.label}: {claims:,} claims, {options.runs} runs per page, no page cache\n")
    print("| page | median ms | p95 ms | SQL queries | status |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, url in public_pages().items():
        timings, query_counts, status = measure(client, url, options.runs)
        if status != 200:
            raise SystemExit(f"{url} answered {status}: the figures would time an error page.")
        queries = "/".join(str(count) for count in sorted(query_counts))
        median, p95 = statistics.median(timings), percentile(timings, 0.95)
        print(f"| {name} | {median:.1f} | {p95:.1f} | {queries} | {status} |")


if __name__ == "__main__":
    main()
