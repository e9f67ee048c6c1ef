"""Extraction quality on the web fixtures (tests/fixtures/web): title, clutter, body lines that are article text.

    python bench/web_fixture_figures.py

For each saved page and text-browser dump: whether the title is the headline,
how many of its body lines are the article's own text (against the page's
.json), how many of the article's paragraphs made it into the body or dek, and
how many clutter pieces leaked into a claim or an actor. The same measures as
tests/extraction/test_web_pages.py, printed.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")


def main() -> None:
    import django

    django.setup()
    from tests.extraction.test_web_pages import DUMPS, PAGES, expected, extracted, squash

    total_body = total_article = total_paragraphs = total_found = leaks_total = titles = 0
    for path in PAGES + DUMPS:
        spec, extraction = expected(path), extracted(path)
        article = {squash(p) for p in spec["article_text"]}
        body = [squash(line.removeprefix("• ")) for line in extraction.body.split("\n") if line.strip()]
        in_article = sum(1 for line in body if line in article)
        found = sum(1 for p in article if p in {*body, squash(extraction.dek)})
        texts = [c.text for c in extraction.claims] + [a.name for a in extraction.actors]
        leaks = sum(1 for piece in spec["clutter"] for text in texts if piece in text)
        title_ok = extraction.title == spec["title"]
        titles += title_ok
        total_body, total_article = total_body + len(body), total_article + in_article
        total_paragraphs, total_found, leaks_total = (
            total_paragraphs + len(article),
            total_found + found,
            leaks_total + leaks,
        )
        print(
            f"{path.name:45} title {'right' if title_ok else 'WRONG'}; "
            f"body {in_article}/{len(body)} lines article text; {found}/{len(article)} paragraphs kept; "
            f"{len(extraction.claims)} claims, {len(extraction.actors)} actors, {leaks} clutter leaks; "
            f"{len(extraction.removed_clutter)} lines removed"
        )
    print(
        f"ALL {len(PAGES + DUMPS)} files: titles right {titles}/{len(PAGES + DUMPS)}; body lines that are article text "
        f"{total_article}/{total_body} = {total_article / total_body:.1%}; article paragraphs kept "
        f"{total_found}/{total_paragraphs} = {total_found / total_paragraphs:.1%}; "
        f"clutter in claims or actors: {leaks_total}"
    )


if __name__ == "__main__":
    main()
