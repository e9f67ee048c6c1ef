"""Requests per second under gunicorn (2 workers) for every kind of public page and /healthz, side by side.

    DATABASE_URL=... python -m bench.throughput [--seconds 10] [--rounds 3] [--connections 16] [--cache]

/healthz touches no database and renders no template: it is the ceiling of
Django, gunicorn and this machine, and the other pages are reported as a share
of it, measured in the same run. With --cache every public page goes through
cache_public_page (set REDIS_URL for a cache the two workers share). wrk runs
on the same machine, so it takes CPU from the server: compare ratios, not
absolute figures, between machines.

Every request, /healthz's too, says `Accept-Encoding: gzip`, as every browser
and CDN does, so cached pages are sent as stored, compressed; `--plain` sends
no Accept-Encoding (every page is then sent inflated).
"""

import argparse
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

from bench.server import BROWSER_HEADERS, gunicorn, manage, production_env, wrk


def public_paths(env: dict[str, str]) -> dict[str, str]:
    """Every kind of public page, picked in this process with the server's settings."""
    os.environ.update(env)
    django.setup()
    from factcheck.models import Actor, Verdict

    verdict = Verdict.objects.current().select_related("claim__article").order_by("-published_at", "-id").first()
    return {
        "/healthz": "/healthz",
        "home": "/",
        "/claims/": "/claims/",
        "/claims/ filtered": "/claims/?status=published&rating=false",
        "claim page": verdict.claim.get_absolute_url(),
        "actor page": Actor.objects.filter(claims_made__isnull=False).first().get_absolute_url(),
        "/actors/": "/actors/",
        "article page": verdict.claim.article.get_absolute_url(),
        "/articles/": "/articles/",
        "/corrections/": "/corrections/",
        "/methodology/": "/methodology/",
        "RSS feed": "/feeds/verdicts/",
        "/api/claimreview.json": "/api/claimreview.json",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="wrk seconds per URL and round.")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8931)
    parser.add_argument("--cache", action="store_true", help="Serve the public pages through the page cache.")
    parser.add_argument("--label", default="")
    parser.add_argument("--only", default="", help="Comma-separated page names to measure besides /healthz.")
    parser.add_argument("--plain", action="store_true", help="Send no Accept-Encoding (browsers send gzip).")
    options = parser.parse_args()
    headers = {} if options.plain else BROWSER_HEADERS

    env = production_env(BENCH_PAGE_CACHE="1" if options.cache else "0")
    # Production settings serve static files from the collected manifest: without it every page is a 500.
    manage("collectstatic", "--no-input", "--verbosity", "0", env=env)
    paths = public_paths(env)
    if options.only:
        paths = {name: path for name, path in paths.items() if name in {"/healthz", *options.only.split(",")}}
    rounds = {name: [] for name in paths}
    with gunicorn(port=options.port, env=env, log_name="throughput-gunicorn") as base:
        for path in paths.values():
            wrk(base + path, seconds=2, connections=options.connections, headers=headers)  # warm up: workers, cache
        # Round after round, so that a burst of load from elsewhere on the machine
        # falls on every URL alike; each URL's median round is reported.
        for _ in range(options.rounds):
            for name, path in paths.items():
                rounds[name].append(
                    wrk(base + path, seconds=options.seconds, connections=options.connections, headers=headers)
                )
    results = {
        name: sorted(runs, key=lambda run: run.requests_per_second)[len(runs) // 2] for name, runs in rounds.items()
    }

    ceiling = results["/healthz"].requests_per_second
    cache = "page cache on" if options.cache else "no page cache"
    sent = ", ".join(f"{name}: {value}" for name, value in headers.items()) or "no Accept-Encoding"
    print(
        f"\n{options.label} gunicorn 2 workers, {cache}, wrk {options.connections} connections, {options.seconds} s, "
        f"every request with {sent}\n"
    )
    print("| URL | requests/s | share of /healthz | p50 ms | p99 ms | non-2xx/3xx | socket errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, result in results.items():
        share = result.requests_per_second / ceiling
        print(
            f"| {name} | {result.requests_per_second:,.0f} | {share:.0%} | {result.latency_p50_ms:.1f} "
            f"| {result.latency_p99_ms:.1f} | {result.non_2xx_3xx} | {result.socket_errors} |"
        )


if __name__ == "__main__":
    main()
