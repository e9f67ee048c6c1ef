"""Hostile files: how long the importer takes, and how much memory, on the worst text and HTML it can be given.

    python bench/hostile_files.py            # every input, each in a fresh process
    python bench/hostile_files.py --trickle  # and a page sent a byte at a time, against the fetch deadline

Each input is about 2 MB (the largest file accepted) and is read exactly as
``manage.py import_seeds`` reads a file (``importer.prepare_article``: read,
decode, extract; no database), in a process of its own, after a small real
article has been extracted there first so that the models' loading is not
counted. Reported: the outcome (refused and why, or the claims it would make),
the seconds ``prepare_article`` took, and the process's peak RSS growth over
that warm start (``resource.getrusage``).

``--trickle`` serves a page one byte every 0.5 s from a thread on 127.0.0.1
and fetches it with the desk's own deadline (``FACTCHECK_FETCH_TOTAL_SECONDS``,
30 by default): the fetch must end at the deadline, give or take a second.
"""

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

MEGABYTES = 2 * 1024 * 1024 - 1024  # just under the file limit: what a hostile file would be


def _sentences(count: int) -> str:
    return " ".join(
        f"Spending on roads rose {n % 97} percent in {2000 + n % 25}, the council said." for n in range(count)
    )


def hostile_inputs() -> dict[str, tuple[str, bytes]]:
    """{name: (file name, bytes)}: the worst inputs for each part of the importer, each about 2 MB."""
    rng = random.Random(7)
    divs = b"<div>" * (MEGABYTES // 5)
    deep = b"<html><body>" + b"<div>" * 200_000 + b"<p>" + _sentences(20).encode() + b"</p>" + b"</div>" * 200_000
    line = ("Council budget\n\n" + _sentences(30_000)).encode()[:MEGABYTES]
    return {
        "400k <div>s as .txt": ("divs.txt", divs),
        "a headline, then 170k <div>x</div> (.txt)": ("headed.txt", b"Title\n\n" + b"<div>x</div>" * 170_000),
        "a headline, then one <div> a line (.txt)": ("tag-lines.txt", b"Title\n\n" + b"<div>\n" * 349_000),
        "400k <div>s as .html": ("divs.html", divs),
        "200k nested <div>s (.html)": ("deep.html", deep[:MEGABYTES]),
        "one 2 MB line of sentences (.txt)": ("line.txt", line),
        "binary junk (.txt)": ("junk.txt", rng.randbytes(MEGABYTES)),
        "2 MB of one word (.txt)": ("word.txt", b"Budget\n\n" + b"buffalo " * (MEGABYTES // 8 - 1)),
        "2 MB of one word (.html)": ("word.html", b"<html><body><p>" + b"buffalo " * (MEGABYTES // 8 - 4) + b"</p>"),
        "24,990 paragraphs (.html)": ("paragraphs.html", _paragraphs_page(24_990)),
        "11,990 one-sentence lines (.txt)": ("lines.txt", _lines(11_990, "Fares rose {n}% in {year}.")),
        "the most text accepted: 4,990 sentences (.txt)": (
            "longest.txt",
            _lines(
                4_990, "Spending on roads and bridges across the county rose {n} percent in {year}, officials said."
            ),
        ),
    }


def _paragraphs_page(count: int) -> bytes:
    """A page just under the element limit, every element a paragraph of text."""
    body = "".join(f"<p>Roads rose {n % 97} percent, the council said.</p>" for n in range(count))
    return f"<html><head><title>Roads</title></head><body>{body}</body></html>".encode()[:MEGABYTES]


def _lines(count: int, sentence: str) -> bytes:
    """A headline and `count` lines of one sentence each, every one a sentence a claim could come from."""
    lines = [sentence.format(n=n % 97, year=2000 + n % 25) for n in range(count)]
    return ("Council budget\n\n" + "\n".join(lines)).encode()


def measure_one(name: str) -> dict:
    """In this process: warm up, then prepare the named input; what happened, how long, how much memory."""
    import django

    django.setup()
    from factcheck.importer import ImportResult, prepare_article

    file_name, content = hostile_inputs()[name]
    with tempfile.TemporaryDirectory() as folder:
        warm = Path(folder) / "warm.txt"
        warm.write_text("Budget passes\n\nThe council voted 5-4 on Tuesday to approve a $212 million budget.\n")
        prepare_article(warm)
        path = Path(folder) / file_name
        path.write_bytes(content)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        prepared = prepare_article(path)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if isinstance(prepared, ImportResult):
        outcome = f"refused: {prepared.reason}"
    else:
        outcome = f"read: “{prepared.extraction.title[:40]}”, {len(prepared.extraction.claims)} claims"
    return {
        "name": name,
        "bytes": len(content),
        "seconds": seconds,
        "peak_mb": (peak - before) / 1024,
        "outcome": outcome,
    }


def trickle() -> str:
    """A page sent a byte every 0.5 s, fetched with the desk's deadline: how long the fetch took, and its end."""
    import django

    django.setup()
    from django.conf import settings

    from factcheck.fetching import RefusedURL, fetch_page
    from tests.news_server import base_url, serve

    settings.FACTCHECK_FETCH_ALLOWED_NETWORKS = ["127.0.0.1"]
    with serve() as server:
        started = time.monotonic()
        try:
            fetch_page(f"{base_url(server)}/drip?every=0.5")
            ending = "fetched (the deadline did not hold)"
        except RefusedURL as refusal:
            ending = f"refused: {refusal}"
        took = time.monotonic() - started
    deadline = settings.FACTCHECK_FETCH_TOTAL_SECONDS
    return f"deadline {deadline} s, fetch ended after {took:.2f} s ({took - deadline:+.2f} s): {ending}"


def main() -> None:
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(measure_one(sys.argv[2])))
        return
    print("| input | bytes | seconds | peak RSS growth (MB) | outcome |")
    print("|---|---:|---:|---:|---|")
    for name in hostile_inputs():
        done = subprocess.run(
            [sys.executable, __file__, "--one", name], capture_output=True, text=True, timeout=600, check=True
        )
        row = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"| {name} | {row['bytes']:,} | {row['seconds']:.2f} | {row['peak_mb']:.0f} | {row['outcome'][:110]} |")
    if "--trickle" in sys.argv:
        print(trickle())


if __name__ == "__main__":
    main()
