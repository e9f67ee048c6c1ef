"""Load test: wrk on the public pages while an import runs and verdicts are published.

    python -m bench.loadtest [--seconds 60] [--connections 32] [--database-url URL] [--publishes 10]

The database defaults to bench-results/bench.sqlite3 (LOADTEST_DATABASE_URL
or --database-url for another), with 100,000 demo claims generated first when
they are not there; the cache to REDIS_URL or redis://127.0.0.1:6379/3.

Serves the desk under gunicorn (as many workers as production runs, page cache on), drives the public
pages with wrk, and meanwhile runs `manage.py import_seeds` on freshly written
article files in another process and publishes --publishes verdicts (10), spread
over the run, from this one (0 measures what the import alone costs the readers).
Every wrk request says `Accept-Encoding: gzip`, as browsers and CDNs do (cached
pages are sent compressed as stored). It also counts the pages it was served
that were rendered for it (page-cache misses) and the previous copies it was
given while another request re-rendered a page after a change (stale). It
passes when no request failed (no 5xx, no socket error, nothing but 200), the
import succeeded with all its articles and claims, and the published verdict
is on its claim page and in the ClaimReview feed at the very next request,
served through the workers' shared cache. Those checks ask as a browser's
reload does (`Cache-Control: max-age=0`), which is never answered with a stale
copy: a reader who merely follows a link while the page is being re-rendered
gets the previous copy for as long as that render takes.
"""

import argparse
import os
import re
import runpy
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

from bench.server import (
    BIN,
    BROWSER_HEADERS,
    RESULTS,
    ROOT,
    SQLITE_URL,
    gunicorn,
    manage,
    prepare_archive,
    production_env,
    wrk,
)

# Verdicts published while the load runs, one after another, spread over the run (--publishes).
PUBLISHES = 10

WRK_SCRIPT = """
-- Rotates through the public pages and counts 5xx responses, page-cache misses and stale copies across threads.
paths = {%(paths)s}
counter = 0
errors5xx = 0
misses = 0
stale = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
function response(status, headers, body)
  if status >= 500 then errors5xx = errors5xx + 1 end
  if headers["X-Page-Cache"] == "miss" then misses = misses + 1 end
  if headers["X-Page-Cache"] == "stale" then stale = stale + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("errors5xx") end
  io.write(string.format("5xx responses: %%d\\n", total))
  local missed = 0
  for _, thread in ipairs(threads) do missed = missed + thread:get("misses") end
  io.write(string.format("page-cache misses: %%d\\n", missed))
  local served_stale = 0
  for _, thread in ipairs(threads) do served_stale = served_stale + thread:get("stale") end
  io.write(string.format("stale copies: %%d\\n", served_stale))
end
"""


def write_articles(folder: Path, count: int) -> None:
    """Article files in the seeds' format, each a different article with claims of its own.

    The folder's unique name is in every text: the importer skips a text it has seen before.
    """
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for number in range(count):
        title, body = seeds[number % len(seeds)].read_text().split("\n", 1)
        extra = (
            f"On {number % 28 + 1} March, the minister said unemployment fell to {number % 9 + 2}.{number % 10}% "
            f"and that {1000 + number * 37:,} new homes were built in region {number}."
        )
        heading = f"Load test {folder.name} article {number}: {title}"
        (folder / f"load-{number:05d}.txt").write_text(f"{heading}\n{body}\n\n{extra}\n")


def pick_pages_and_draft(publishes: int = PUBLISHES):
    """The pages to request, the drafts in review to publish during the test, and an editor for each."""
    from django.contrib.auth import get_user_model

    from factcheck.models import Actor, Article, Claim, Verdict

    drafts = list(
        Verdict.objects.filter(claim__status=Claim.Status.IN_REVIEW, published_at=None, submitted_at__isnull=False)
        .exclude(sources=None)
        .select_related("claim")
        .order_by("-claim__checkworthiness")[:publishes]
    )
    editors = get_user_model().objects.filter(groups__name="Editor")
    editor = {verdict.pk: editors.exclude(pk=verdict.author_id).first() for verdict in drafts}
    published = list(Claim.objects.published().order_by("-checkworthiness")[:5])
    paths = [
        "/",
        "/claims/",
        "/claims/?status=published",
        "/claims/?q=inflation",
        "/claims/?page=3",
        "/claims/?status=published&rating=false",
        "/claims/?page=12",
        (drafts[0].claim if drafts else published[-1]).get_absolute_url(),
        *(claim.get_absolute_url() for claim in published),
        Actor.objects.filter(claims_made__isnull=False).first().get_absolute_url(),
        Article.objects.first().get_absolute_url(),
        "/corrections/",
        "/api/claimreview.json",
        "/feeds/verdicts/",
        "/healthz",
    ]
    return paths, drafts, editor


def fetch(url: str) -> tuple[int, str, str]:
    """The page as a reader's reload gets it: never a stale copy (factcheck.cache)."""
    request = urllib.request.Request(url, headers={"Cache-Control": "max-age=0"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers.get("X-Page-Cache", ""), response.read().decode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--articles", type=int, default=100, help="How many article files the import reads.")
    parser.add_argument("--port", type=int, default=8933)
    parser.add_argument("--database-url", default=os.environ.get("LOADTEST_DATABASE_URL", SQLITE_URL))
    parser.add_argument("--claims", type=int, default=100_000, help="Archive size, generated when not there.")
    parser.add_argument("--publishes", type=int, default=PUBLISHES, help="Verdicts published during the run.")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's, as in production)")
    options = parser.parse_args()

    env = production_env(BENCH_PAGE_CACHE="1", DATABASE_URL=options.database_url)
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/3")
    prepare_archive(env, claims=options.claims, reuse=True)
    manage("collectstatic", "--no-input", "--verbosity", "0", env=env)
    os.environ.update(env)
    django.setup()
    from factcheck.models import Article, Claim

    paths, drafts, editor = pick_pages_and_draft(options.publishes)
    RESULTS.mkdir(exist_ok=True)
    script = RESULTS / "loadtest.lua"
    script.write_text(WRK_SCRIPT % {"paths": ", ".join(f'"{path}"' for path in paths)})
    folder = Path(tempfile.mkdtemp(prefix="factcheck-load-"))
    write_articles(folder, options.articles)
    failures = []

    with gunicorn(port=options.port, env=env, workers=options.workers, log_name="loadtest-gunicorn") as base:
        for path in paths:  # warm the workers and the cache
            fetch(base + path)
        outcome = {}
        load = threading.Thread(
            target=lambda: outcome.update(
                result=wrk(
                    base + "/",
                    seconds=options.seconds,
                    connections=options.connections,
                    script=script,
                    headers=BROWSER_HEADERS,
                )
            )
        )
        load.start()
        time.sleep(5)
        started = time.monotonic()
        with (RESULTS / "loadtest-import.log").open("w") as log:
            importing = subprocess.Popen(
                [str(BIN / "python"), "manage.py", "import_seeds", str(folder)],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            time.sleep(5)
            pause = max(1.0, (options.seconds - 20) / max(len(drafts), 1))
            for draft in drafts:
                _, _, before = fetch(base + draft.claim.get_absolute_url())
                if draft.summary in before:
                    failures.append(f"{draft.claim.slug} showed the draft before it was published")
                draft.publish(by=editor[draft.pk])
                _, cache, page = fetch(base + draft.claim.get_absolute_url())
                if draft.summary not in page:
                    failures.append(f"{draft.claim.slug} did not show its new verdict right after publishing ({cache})")
                time.sleep(pause)
            import_status = importing.wait()
            import_seconds = time.monotonic() - started
        load.join()
        _, _, feed = fetch(base + "/api/claimreview.json")
        for draft in drafts:
            if draft.claim.get_absolute_url() not in feed:
                failures.append(f"{draft.claim.slug}'s published verdict is not in the ClaimReview feed")

    result = outcome["result"]
    errors5xx = int(re.search(r"5xx responses: (\d+)", result.output).group(1))
    misses = int(re.search(r"page-cache misses: (\d+)", result.output).group(1))
    stale = int(re.search(r"stale copies: (\d+)", result.output).group(1))
    imported = Article.objects.filter(source_file__contains=folder.name)
    imported_claims = Claim.objects.filter(article__in=imported).count()
    if import_status != 0:
        failures.append(f"import_seeds exited with status {import_status} (see bench-results/loadtest-import.log)")
    if imported.count() != options.articles:
        failures.append(f"{imported.count()} of {options.articles} articles imported")
    if not imported_claims:
        failures.append("the import created no claims")
    if errors5xx or result.socket_errors or result.non_2xx_3xx:
        failures.append(
            f"{errors5xx} 5xx, {result.non_2xx_3xx} non-2xx/3xx, {result.socket_errors} socket errors under load"
        )
    shutil.rmtree(folder)

    print(f"\nLoad test: {options.seconds} s, {options.connections} connections, {len(paths)} public pages in turn")
    workers = options.workers or runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"]
    print(f"gunicorn {workers} workers, page cache on ({env['REDIS_URL']}), {django.db.connection.vendor}")
    print(f"every wrk request with {', '.join(f'{name}: {value}' for name, value in BROWSER_HEADERS.items())}\n")
    print("| measure | value |")
    print("| --- | ---: |")
    print(f"| requests | {result.requests:,} |")
    print(f"| requests/s | {result.requests_per_second:,.0f} |")
    print(f"| latency p50 / p99 ms | {result.latency_p50_ms:.0f} / {result.latency_p99_ms:.0f} |")
    print(f"| 5xx / other non-2xx-3xx / socket errors | {errors5xx} / {result.non_2xx_3xx} / {result.socket_errors} |")
    print(f"| page-cache misses | {misses:,} ({misses / max(result.requests, 1):.1%}) |")
    print(f"| stale copies served during a re-render | {stale:,} ({stale / max(result.requests, 1):.1%}) |")
    print(f"| import during load | {imported.count()} articles, {imported_claims} claims in {import_seconds:.0f} s |")
    visible = sum(1 for draft in drafts if not any(draft.claim.slug in failure for failure in failures))
    published = f"{visible} of {len(drafts)}"
    print(f"| verdicts published during load, on their page at the next request and in the API | {published} |")
    if failures:
        print("\nFAILED: " + "; ".join(failures))
        sys.exit(1)
    print("\nPassed: no errors, import complete, verdict visible at once.")


if __name__ == "__main__":
    main()
