"""What one file may cost the importer is bounded: text and HTML over the limits are refused, naming the limit,
before the costly steps run, and extraction that runs too long is stopped."""

import time

import pytest

from factcheck.extraction import UnreadableText, extract_page, extract_text
from factcheck.extraction.limits import TooSlow, time_limit

SENTENCE = "Spending on roads rose 5 percent in 2024, the council said."


def page(body: str) -> str:
    return f"<html><head><title>Roads budget</title></head><body>{body}</body></html>"


def refusal(read, text: str, *, within: float = 2.0) -> str:
    """Why `read` refused the text, after checking that it did so within `within` seconds."""
    started = time.monotonic()
    with pytest.raises(UnreadableText) as refused:
        read(text)
    assert time.monotonic() - started < within, "refused only after the costly steps had run"
    return str(refused.value)


def test_a_text_of_400_000_div_tags_is_refused_at_once_as_too_long():
    text = "Title\n\n" + "<div>x</div>" * 170_000
    assert refusal(extract_text, text) == "too long to be an article (2,040,007 characters; the limit is 500,000)"


def test_a_text_with_one_enormous_line_is_refused_naming_the_line():
    text = "Council budget\n\n" + "buffalo " * 15_000
    assert refusal(extract_text, text) == ("line 3 is 120,000 characters long; the limit for one paragraph is 100,000")


def test_a_text_of_too_many_lines_is_refused():
    text = "Council budget\n\n" + "Fares rose.\n" * 12_001
    assert refusal(extract_text, text) == "too many lines to be an article (12,002; the limit is 12,000)"


def test_an_article_of_too_many_sentences_is_refused_before_they_are_scored():
    text = "Council budget\n\n" + "\n\n".join(" ".join([SENTENCE] * 10) for _ in range(501))
    assert refusal(extract_text, text, within=10) == "too many sentences to be an article (5,010; the limit is 5,000)"


def test_a_page_of_too_many_elements_is_refused_before_it_is_parsed():
    assert refusal(extract_page, page("<div>" * 400_000)) == (
        "too many HTML elements to be a news page (over the limit of 25,000)"
    )


def test_a_page_nested_too_deep_is_refused():
    html = page("<div>" * 1_000 + f"<p>{SENTENCE * 5}</p>" + "</div>" * 1_000)
    assert refusal(extract_page, html) == "HTML nested too deep to be a news page (over 200 levels)"


def test_a_page_whose_article_is_too_long_is_refused():
    html = page(f"<article><p>{' '.join([SENTENCE] * 9_000)}</p></article>")
    assert refusal(extract_page, html, within=15).startswith("too long to be an article (")


def test_an_ordinary_article_is_within_every_limit():
    text = "Council budget\n\n" + "\n\n".join(" ".join([SENTENCE] * 8) for _ in range(100))
    assert len(extract_text(text).sentences) == 800


def spin_within(seconds: float) -> None:
    with time_limit(seconds):
        while True:
            pass


def test_extraction_that_runs_too_long_is_stopped_with_a_clear_message():
    started = time.monotonic()
    with pytest.raises(TooSlow, match=r"^reading it took longer than 0.5 seconds, the limit for one article$"):
        spin_within(0.5)
    assert time.monotonic() - started < 1.5


def test_the_time_limit_is_lifted_when_the_block_ends():
    with time_limit(0.2):
        pass
    time.sleep(0.4)  # no alarm left behind to go off here
