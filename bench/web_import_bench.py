"""Web-import benchmark: N saved news pages of about 100 KB each into a fresh SQLite database.

    python bench/web_import_bench.py 1000 [JOBS]

Pages are made like real ones: an article of 10–16 paragraphs (taken from the
test fixtures, shuffled, with their numbers and names varied and a serial in
the headline, so that every article is distinct) inside about 100 KB of page:
a cookie banner, a 200-link menu, inline scripts and JSON-LD, a share bar, an
advert, 30 teasers of other stories, 40 readers' comments and a footer. They
are imported exactly as ``manage.py import_seeds FOLDER`` does
(``importer.import_paths``), in this process so that memory can be sampled:
peak RSS after the first tenth of the pages and at the end (flat memory means
the two are close). DEBUG is off, as in production. JOBS > 1 extracts in that
many other processes (``import_seeds --jobs``); their peak RSS is reported too.
"""

import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.import_bench import ROOT, SURNAMES, RssSampler

WEB = ROOT / "tests" / "fixtures" / "web"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
TARGET_BYTES = 100 * 1024


def paragraphs() -> list[str]:
    """Article paragraphs from the test fixtures: the web pages' article text and the plain-text articles'."""
    found = []
    for path in sorted(WEB.glob("*.json")):
        found += [p for p in json.loads(path.read_text(encoding="utf-8"))["article_text"] if len(p.split()) > 12]
    for path in sorted(ARTICLES.glob("*.txt")):
        found += [p for p in path.read_text(encoding="utf-8").split("\n\n")[1:] if len(p.split()) > 12]
    return found


def chrome(rng: random.Random, serial: int) -> tuple[str, str]:
    """(what comes before the article, what comes after it): a news site's page around an article."""
    sections = ["World", "Politics", "Business", "Science", "Climate", "Culture", "Sport", "Opinion", "Tech", "Health"]
    menu = "".join(f'<li><a href="/{s.lower()}/{n}">{s} {n}</a></li>' for n in range(20) for s in sections)  # 200 links
    config = json.dumps({"ads": [{"slot": f"slot-{n}", "sizes": [[300, 250], [728, 90]]} for n in range(400)]})
    before = (
        '<div class="consent"><p>We use cookies to improve your experience and to show you personalised '
        "advertising. Read our cookie policy.</p><button>Accept all</button></div>"
        '<a href="#main">Skip to main content</a>'
        f'<header><a href="/">The Daily Example</a><nav><ul>{menu}</ul></nav>'
        '<a href="/signin">Sign in</a> <a href="/subscribe">Subscribe</a></header>'
        f"<script>window.__CONFIG__ = {config};</script>"
    )
    teasers = "".join(
        f'<li><a href="/story/{serial}-{n}">{escape(rng.choice(sections))} story {n}: council votes on plan '
        f"{rng.randint(1, 99)}</a> <span>{rng.randint(1, 23)} hours ago</span></li>"
        for n in range(30)
    )
    comments = "".join(
        f'<div class="comment"><p class="user">reader{rng.randint(100, 999)}</p><p>I have read this twice and '
        f"I still think the figure of {rng.randint(2, 90)}% is wrong, as anyone who lives here knows.</p></div>"
        for _ in range(40)
    )
    after = (
        f'<section class="onward"><h2>More on this story</h2><ul>{teasers}</ul></section>'
        f'<section id="comments"><h2>Comments ({rng.randint(40, 900)})</h2>{comments}</section>'
        "<footer><p>© 2026 Example News Media Limited. All rights reserved.</p></footer>"
    )
    return before, after


def page(serial: int, pool: list[str], rng: random.Random) -> str:
    chosen = rng.sample(pool, rng.randint(10, 16))
    body = "".join(
        f"<p>{escape(re.sub(r'\\d+', lambda m: str(rng.randint(2, 999)), text))}</p>".replace(
            "Haddad", rng.choice(SURNAMES)
        )
        for text in chosen
    )
    headline = f"Council and ministry clash over plan no. {serial} as figures are disputed"
    before, after = chrome(rng, serial)
    head = (
        f"<title>{headline} | The Daily Example</title>"
        f'<meta property="og:title" content="{headline}">'
        '<meta property="og:site_name" content="The Daily Example">'
        f'<link rel="canonical" href="https://daily.example/news/{serial}">'
        f'<meta property="article:published_time" content="2026-0{1 + serial % 9}-1{serial % 10}T08:00:00Z">'
    )
    article = (
        f'<main id="main"><article><h1>{headline}</h1><p class="byline">By {rng.choice(SURNAMES)} Reporter</p>'
        f'<div class="share">Share on Facebook Share on X</div><div class="body">{body}'
        '<aside class="ad"><p>Advertisement</p></aside></div></article>'
    )
    html = f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{before}{article}{after}</main>"
    padding = max(0, TARGET_BYTES - len(html.encode()) - 30)
    # The rest of a real page's weight: more inline script (tracking, hydration state).
    return f"{html}<script>/*{'x' * padding}*/</script></body></html>"


def main(count: int, jobs: int = 1) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="web-import-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from factcheck.importer import import_paths
    from factcheck.models import Actor, Article, Claim

    settings.DEBUG = False  # see bench/import_bench.py: Django's query log would be what is measured
    call_command("migrate", verbosity=0)
    folder = workdir / "pages"
    folder.mkdir()
    rng, pool = random.Random(count), paragraphs()
    sizes = []
    for serial in range(count):
        html = page(serial, pool, rng)
        sizes.append(len(html.encode()))
        (folder / f"{serial:06}.html").write_text(html, encoding="utf-8")
    tenth = max(1, count // 10)
    sampler = RssSampler({tenth, count})
    started, cpu_started = time.perf_counter(), time.process_time()
    summary = import_paths(paths=[folder], on_result=sampler, jobs=jobs)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(
        f"{count} pages of {min(sizes) / 1024:.0f}–{max(sizes) / 1024:.0f} KB "
        f"(mean {sum(sizes) / len(sizes) / 1024:.0f} KB) in {elapsed:.1f} s = {count / elapsed:.1f} pages/s, "
        f"CPU {cpu:.1f} s; peak RSS {sampler.samples[tenth]:.0f} MB after {tenth} pages, "
        f"{sampler.samples[count]:.0f} MB after {count}; {summary}; rows: {Article.objects.count()} articles, "
        f"{Claim.objects.count()} claims, {Actor.objects.count()} actors; jobs {jobs}, "
        f"peak RSS of an extracting process {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000, int(sys.argv[2]) if len(sys.argv) > 2 else 1)
