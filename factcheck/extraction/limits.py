"""How much text and HTML the importer reads, and for how long: a bound on what any one file can cost.

The pipeline's time grows with the lines, sentences and elements it is given,
and a hostile or broken file can be made of nothing else: 2 MB of ``<div>`` on
one line took 41 s and 400 MB and became an article without a claim, one tag a
line 92 s. So what is handed to extraction is refused, with the limit it broke,
before any work is done on it:

- text (a file's, a pasted one, or what a web page's article came to): at most
  ``MAX_TEXT_CHARS`` characters, ``MAX_LINES`` non-blank lines and
  ``MAX_LINE_CHARS`` characters on one line (each line costs about 0.5 ms
  before its sentences are even found, and a long line's cost grows faster
  than its length). A long read is about 100,000 characters in a few hundred
  lines, a paragraph a few thousand characters (a text pasted without line
  breaks can be one line of a whole article); captions take about three lines a cue, a cue every three or four
  seconds: some 10,000 lines for four hours;
- sentences: at most ``MAX_SENTENCES``, counted once the text is split into
  them and before the costly steps (actors, claimants, scoring: about 1 ms a
  sentence). A long read has about 800, a three-hour debate about 3,000;
- a web page's HTML: at most ``MAX_ELEMENTS`` elements (counted on the source,
  before it is parsed) and ``MAX_DEPTH`` levels of nesting. A news page has a
  few thousand elements (Lighthouse flags a page of over 1,400), nested a few
  dozen deep; trafilatura takes about 17 s on 49,000 paragraphs.

The bytes of a file or a fetched page are bounded before this
(``importer.MAX_FILE_BYTES``, ``FACTCHECK_FETCH_MAX_BYTES``: 2 MB), and
``time_limit()`` bounds the extraction's time whatever passes these checks.
"""

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from lxml import etree

from .parsing import UnreadableText

MAX_TEXT_CHARS = 500_000
MAX_LINES = 12_000
MAX_LINE_CHARS = 100_000
MAX_ELEMENTS = 25_000
MAX_DEPTH = 200
MAX_SENTENCES = 5_000

_START_TAG = re.compile(r"<[A-Za-z]")


def check_text(text: str) -> None:
    """Raises UnreadableText when the text is over one of the limits above, naming it."""
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableText(f"too long to be an article ({len(text):,} characters; the limit is {MAX_TEXT_CHARS:,})")
    lines = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise UnreadableText(
                f"line {number:,} is {len(line):,} characters long; the limit for one paragraph is {MAX_LINE_CHARS:,}"
            )
        lines += bool(line.strip())
    if lines > MAX_LINES:
        raise UnreadableText(f"too many lines to be an article ({lines:,}; the limit is {MAX_LINES:,})")


def check_sentences(count: int) -> None:
    """Raises UnreadableText when an article or transcript has more than MAX_SENTENCES sentences."""
    if count > MAX_SENTENCES:
        raise UnreadableText(f"too many sentences to be an article ({count:,}; the limit is {MAX_SENTENCES:,})")


def check_html(html: str) -> None:
    """Raises UnreadableText when a page's HTML has more elements than MAX_ELEMENTS, counted without parsing it
    (and without counting past the limit)."""
    for count, _ in enumerate(_START_TAG.finditer(html), start=1):
        if count > MAX_ELEMENTS:
            raise UnreadableText(f"too many HTML elements to be a news page (over the limit of {MAX_ELEMENTS:,})")


def check_depth(tree) -> None:
    """Raises UnreadableText when the parsed page nests elements deeper than MAX_DEPTH."""
    depth = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > MAX_DEPTH:
            raise UnreadableText(f"HTML nested too deep to be a news page (over {MAX_DEPTH} levels)")


class TooSlow(UnreadableText):
    """Reading one article took longer than the time allowed."""


@contextmanager
def time_limit(seconds: float | None, *, what: str = "reading it") -> Iterator[None]:
    """Raises TooSlow inside the block once it has run `seconds`.

    A timer signal (SIGALRM) interrupts the Python code of the block, which is pure (no database):
    nothing is left half done. Signals reach the main thread only, so elsewhere (a web server's
    request thread) and with `seconds` None or 0 the block runs without a limit.
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise TooSlow(f"{what} took longer than {seconds:g} seconds, the limit for one article")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
