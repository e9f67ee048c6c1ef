"""Whatever bytes arrive, the importer either imports them whole or refuses them whole, without a traceback."""

import uuid

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factcheck.importer import FAILED, MAX_FILE_BYTES, import_article
from factcheck.models import Actor, Article, Claim

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
articles = st.lists(
    st.one_of(
        words,
        st.sampled_from(
            ["Advertisement", "\u2728 Don't miss: more", "#a #b", "Sponsored content", "  \u2022 Label: item 5%", ""]
        ),
        st.from_regex(r"[A-Z][a-z]+ [A-Z][a-z]+ said \d{1,3}% of [a-z]+ (rose|fell) in 20\d\d\.", fullmatch=True),
    ),
    max_size=25,
)


def rows():
    return (Article.objects.count(), Claim.objects.count(), Actor.objects.count())


def import_bytes(tmp_path, raw):
    """Import raw bytes from a new file; examples share one database, so compare before and after."""
    path = tmp_path / f"fuzz-{uuid.uuid4().hex}.txt"
    path.write_bytes(raw)
    before = rows()
    result = import_article(path=path)
    after = rows()
    if result.outcome == FAILED:
        assert after == before, "a refused file left data behind"
        assert result.reason
    elif result.outcome == "created":
        assert Article.objects.filter(source_file=result.path).exists()
        assert after[:2] == (before[0] + 1, before[1] + result.claims_created)
    else:
        assert after == before
    return result


@FUZZ
@given(lines=articles, newline=st.sampled_from(["\n", "\r\n", "\r"]), bom=st.booleans())
def test_random_articles_with_any_line_endings_and_bom_import_whole_or_not_at_all(db, tmp_path, lines, newline, bom):
    raw = ("\ufeff" if bom else "") + newline.join(lines)
    import_bytes(tmp_path, raw.encode("utf-8"))


@FUZZ
@given(raw=st.binary(max_size=2000))
@example(raw=b"\x00")
@example(raw=b"Title\n\n\x00body")
@example(raw=b"\xef\xbb\xbf")
@example(raw=b"\x1b[31mTitle\x07\x08\n\nBody 5% in 2025.")
def test_random_bytes_never_raise(db, tmp_path, raw):
    import_bytes(tmp_path, raw)


@FUZZ
@given(head=words, tail=words)
def test_mixed_encodings_are_refused_whole(db, tmp_path, head, tail):
    raw = f"Title {head}\n\n".encode() + "Caf\u00e9 cr\u00e8me 5%".encode("latin-1") + tail.encode("utf-8")
    assert import_bytes(tmp_path, raw).outcome == FAILED


@FUZZ
@given(text=st.text(min_size=1, max_size=300))
def test_any_unicode_including_control_characters_never_raises(db, tmp_path, text):
    import_bytes(tmp_path, text.encode("utf-8", "surrogatepass"))


def test_a_very_long_line_imports_or_is_refused_cleanly(db, tmp_path):
    line = "Exports rose 5% in 2025, officials said. " * 2_000
    result = import_bytes(tmp_path, f"Trade\n\n{line}".encode())
    assert result.outcome == "created"


@pytest.mark.parametrize("size", [MAX_FILE_BYTES + 1, MAX_FILE_BYTES * 3])
def test_a_file_over_the_size_limit_is_refused_without_reading_it_all(db, tmp_path, size):
    result = import_bytes(tmp_path, b"Title\n\n" + b"a" * size)
    assert result.outcome == FAILED
    assert "too large" in result.reason
