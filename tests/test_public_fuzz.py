"""Every public query parameter and form, fuzzed: never a 500, and nothing a reader sent comes back unescaped."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PAGES = [
    "factcheck:home",
    "factcheck:claim_list",
    "factcheck:claim_csv",
    "factcheck:actor_list",
    "factcheck:article_list",
    "factcheck:correction_list",
    "factcheck:methodology",
    "factcheck:verdict_feed",
    "factcheck:verdict_atom_feed",
    "factcheck:claimreview_feed",
    "factcheck:report",
]
KNOWN_PARAMETERS = [
    "q",
    "status",
    "rating",
    "claimant",
    "article",
    "said_after",
    "said_before",
    "date_after",
    "date_before",
    "sort",
    "page",
    "per_page",
    "kind",
    "claim",
]
MARKUP = "<b data-fuzz>x</b>"

# Any text, including control characters, lone surrogates filtered by the client's encoding, and markup.
values = st.one_of(
    st.text(max_size=300),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.sampled_from(["", "0", "-1", "999999999", "1e9", "NaN", "published", "true", "..", "%00", MARKUP]),
    st.text(max_size=20).map(lambda text: f"{text}{MARKUP}"),
)
queries = st.dictionaries(
    st.one_of(st.sampled_from(KNOWN_PARAMETERS), st.text(min_size=1, max_size=20)), values, max_size=6
)
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def printable(query: dict) -> dict:
    # HTTP query strings carry bytes; surrogates cannot be encoded and a real client cannot send them.
    return {
        key.encode("utf-8", "replace").decode(): value.encode("utf-8", "replace").decode()
        for key, value in query.items()
    }


@pytest.mark.parametrize("url_name", PAGES)
@FUZZ
@given(query=queries)
def test_no_query_string_makes_a_public_page_fail_or_echo_markup(url_name, query, published_verdict):
    response = Client().get(reverse(url_name), printable(query))
    assert response.status_code < 500
    if not response.streaming and response.status_code == 200:
        assert MARKUP not in response.content.decode(errors="replace")


@FUZZ
@given(query=queries)
def test_no_query_string_makes_a_claim_page_fail(query, published_verdict):
    response = Client().get(published_verdict.claim.get_absolute_url(), printable(query))
    assert response.status_code == 200


@FUZZ
@given(
    form=st.fixed_dictionaries(
        {"kind": values, "message": values, "link": values, "email": values, "claim": values, "website": values}
    )
)
def test_no_reader_form_submission_fails_or_echoes_markup(form, db):
    response = Client().post(reverse("factcheck:report"), printable(form))
    assert response.status_code < 500
    assert MARKUP not in response.content.decode(errors="replace")


@pytest.mark.parametrize("slug", ["no-such-claim", "a" * 300, "%00", "..%2f..%2fetc"])
def test_unknown_slugs_are_404_not_500(client, db, slug):
    for name in ("factcheck:claim_detail", "factcheck:actor_detail", "factcheck:article_detail"):
        assert client.get(reverse(name, kwargs={"slug": "x"}).replace("/x/", f"/{slug}/")).status_code == 404


def test_the_search_box_shows_what_the_reader_typed_as_text(client, db):
    page = client.get(reverse("factcheck:claim_list"), {"q": MARKUP}).content.decode()
    assert "&lt;b data-fuzz&gt;x&lt;/b&gt;" in page
    assert MARKUP not in page
