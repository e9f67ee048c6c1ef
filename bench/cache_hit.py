"""The in-process cost of a page-cache hit: time per hit, the cache calls it makes, bytes stored.

    DATABASE_URL=... REDIS_URL=redis://127.0.0.1:6379/3 python -m bench.cache_hit [--hits 300]

Requests each URL twice (a miss, then a hit), then times `--hits` hits with
Django's test client, for a reader who accepts gzip (as browsers do: the
stored body is sent as it is) and for one who does not (it is inflated), and
reports which cache methods one hit called (each is a round trip with Redis)
and how big the stored entry is beside the page.
"""

import argparse
import os
import pickle
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.test import Client  # noqa: E402

from factcheck import cache as page_cache  # noqa: E402


class CountingCache:
    def __init__(self, real, calls: list):
        self.real, self.calls = real, calls

    def __getattr__(self, name):
        attribute = getattr(self.real, name)
        if not callable(attribute):
            return attribute

        def counted(*args, **kwargs):
            self.calls.append(name)
            return attribute(*args, **kwargs)

        return counted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hits", type=int, default=300)
    options = parser.parse_args()
    client = Client()
    real = page_cache._cache
    print(
        "| URL | Accept-Encoding | median ms | p95 ms | cache calls per hit | bytes sent | page bytes | stored bytes |"
    )
    print("| --- | --- | ---: | ---: | --- | ---: | ---: | ---: |")
    for url in ["/healthz", "/claims/", "/api/claimreview.json"]:
        client.get(url)
        client.get(url)
        page = client.get(url)
        for headers in ({}, {"Accept-Encoding": "gzip"}):
            timings = []
            for _ in range(options.hits):
                started = time.perf_counter()
                response = client.get(url, headers=headers)
                timings.append((time.perf_counter() - started) * 1000)
            calls = []
            page_cache._cache = lambda: CountingCache(real(), calls)  # noqa: B023
            response = client.get(url, headers=headers)
            page_cache._cache = real
            entry = real().get(page_cache._page_key(response.wsgi_request)) if url != "/healthz" else None
            stored = len(pickle.dumps(entry)) if entry else 0
            p95 = sorted(timings)[int(0.95 * (len(timings) - 1))]
            print(
                f"| {url} | {headers.get('Accept-Encoding', '—')} | {statistics.median(timings):.2f} | {p95:.2f} "
                f"| {', '.join(calls) or '—'} | {len(response.content):,} | {len(page.content):,} | {stored:,} |"
            )


if __name__ == "__main__":
    main()
