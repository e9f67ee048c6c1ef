"""Keyset ("after this claim") pagination of /claims/, the actor page and the ClaimReview API.

The first pages are numbered; after them the links carry a cursor, and every
page costs the same fixed number of queries however deep it is. A cursor that
names nothing gets a 400 with an explanation, never a 500. Runs on SQLite and,
with DATABASE_URL set, on PostgreSQL.
"""

import pytest
from django.urls import reverse

from factcheck.models import Claim
from factcheck.organization import absolute_url
from factcheck.pagination import NUMBERED_PAGES
from tests.public_factories import make_actor, make_article, make_claim, publish

CLAIMS_URL = reverse("factcheck:claim_list")
API_URL = reverse("factcheck:claimreview_feed")
PER_PAGE = 2
TOTAL = PER_PAGE * (NUMBERED_PAGES + 3) + 1  # three cursor pages after the numbered ones, and one claim more


@pytest.fixture
def archive(db):
    """TOTAL claims, several sharing a checkworthiness and a date, so the id must break ties."""
    article = make_article()
    minister = make_actor(name="Jane Minister", slug="jane-minister")
    return [
        make_claim(article=article, claimant=minister, checkworthiness=round(0.9 - (n // 3) * 0.01, 2))
        for n in range(TOTAL)
    ]


def in_list_order() -> list[str]:
    return list(Claim.objects.order_by(*Claim._meta.ordering).values_list("slug", flat=True))


def shown(response) -> list[str]:
    return [row.record.slug for row in response.context["table"].page.object_list]


def walk(client, url: str, params: dict) -> list[list[str]]:
    """Every page from the first, following the Next links; each page's slugs."""
    pages, query = [], dict(params)
    while True:
        response = client.get(url, query)
        assert response.status_code == 200
        pages.append(shown(response))
        pager = response.context["table"].page.pager
        if not pager.next:
            return pages
        query = {**params, **{name: value for name, value in pager.next.items() if value is not None}}


def test_following_next_walks_every_claim_once_in_order(client, archive):
    pages = walk(client, CLAIMS_URL, {"per_page": PER_PAGE})
    assert [slug for page in pages for slug in page] == in_list_order()
    assert len(pages) == NUMBERED_PAGES + 4


def test_the_first_pages_are_numbered_and_later_ones_use_a_cursor(client, archive):
    tenth = client.get(CLAIMS_URL, {"per_page": PER_PAGE, "page": NUMBERED_PAGES})
    pager = tenth.context["table"].page.pager
    assert pager.numbers == list(range(1, NUMBERED_PAGES + 1))
    assert pager.next == {"page": None, "after": shown(tenth)[-1], "before": None}
    assert f'href="?per_page={PER_PAGE}&amp;after={shown(tenth)[-1]}" rel="next"' in tenth.content.decode()


def test_a_middle_page_after_a_claim_starts_right_after_it(client, archive):
    order = in_list_order()
    anchor = order[PER_PAGE * NUMBERED_PAGES + 1]
    response = client.get(CLAIMS_URL, {"per_page": PER_PAGE, "after": anchor})
    assert shown(response) == order[PER_PAGE * NUMBERED_PAGES + 2 : PER_PAGE * NUMBERED_PAGES + 4]
    page = response.context["table"].page
    assert page.has_next()
    assert page.has_previous()
    assert "Showing 2 of" in response.content.decode()


def test_the_page_before_a_claim_ends_right_before_it(client, archive):
    order = in_list_order()
    anchor = order[-PER_PAGE]
    response = client.get(CLAIMS_URL, {"per_page": PER_PAGE, "before": anchor})
    assert shown(response) == order[-2 * PER_PAGE : -PER_PAGE]


def test_before_near_the_start_gives_the_numbered_first_page(client, archive):
    response = client.get(CLAIMS_URL, {"per_page": PER_PAGE, "before": in_list_order()[1]})
    assert response.context["table"].page.number == 1
    assert shown(response) == in_list_order()[:PER_PAGE]


def test_the_last_page_has_no_next_link(client, archive):
    order = in_list_order()
    response = client.get(CLAIMS_URL, {"per_page": PER_PAGE, "after": order[-2]})
    assert shown(response) == order[-1:]
    assert response.context["table"].page.pager.next is None
    assert 'rel="next"' not in response.content.decode()


def test_a_cursor_keeps_the_filters(client, archive, fact_checker, editor):
    for claim in archive[::2]:
        publish(claim, author=fact_checker, reviewer=editor, rating="false")
    published = list(
        Claim.objects.filter(current_rating="false").order_by(*Claim._meta.ordering).values_list("slug", flat=True)
    )
    response = client.get(CLAIMS_URL, {"per_page": PER_PAGE, "rating": "false", "after": published[3]})
    assert shown(response) == published[4:6]


@pytest.mark.parametrize("cursor", ["no-such-claim", "", "x" * 5000, "'; DROP TABLE factcheck_claim; --", "\x00"])
def test_a_cursor_naming_no_claim_gets_a_400_that_explains(client, archive, cursor):
    response = client.get(CLAIMS_URL, {"after": cursor or "gone"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "no longer exists (or was mistyped)" in page
    assert 'href="/claims/"' in page
    assert Claim.objects.count() == TOTAL


@pytest.mark.parametrize("depth", ["first", "numbered", "cursor", "last"])
def test_every_page_of_claims_costs_the_same_queries(client, archive, depth, django_assert_num_queries):
    order = in_list_order()
    params = {
        "first": {},
        "numbered": {"page": 5},
        "cursor": {"after": order[PER_PAGE * NUMBERED_PAGES + 3]},
        "last": {"after": order[-2]},
    }[depth]
    # The count and the page; a cursor page also looks up its claim.
    with django_assert_num_queries(3 if "after" in params else 2):
        assert client.get(CLAIMS_URL, {"per_page": PER_PAGE, **params}).status_code == 200


def test_a_sorted_list_is_paged_by_number(client, archive):
    response = client.get(CLAIMS_URL, {"per_page": PER_PAGE, "sort": "claimant", "page": NUMBERED_PAGES + 2})
    assert response.context["table"].page.number == NUMBERED_PAGES + 2
    assert not hasattr(response.context["table"].page, "pager")


def test_the_actor_page_pages_by_cursor_after_the_numbered_pages(client, archive, settings, monkeypatch):
    monkeypatch.setattr("factcheck.views.CLAIMS_PER_PAGE", PER_PAGE)
    url = reverse("factcheck:actor_detail", kwargs={"slug": "jane-minister"})
    seen, query = [], {}
    while True:
        response = client.get(url, query)
        assert response.status_code == 200
        page = response.context["page"]
        seen.extend(claim.slug for claim in page.items)
        if not page.pager.next:
            break
        query = {name: value for name, value in page.pager.next.items() if value is not None}
    expected = Claim.objects.order_by("-article__published_on", "-id").values_list("slug", flat=True)
    assert seen == list(expected)
    assert "after" in query


@pytest.mark.parametrize("cursor", ["no-such-claim", "\x00"])
def test_the_actor_page_explains_a_bad_cursor(client, archive, cursor):
    url = reverse("factcheck:actor_detail", kwargs={"slug": "jane-minister"})
    response = client.get(url, {"after": cursor})
    assert response.status_code == 400
    assert "no longer exists" in response.content.decode()


@pytest.fixture
def published_archive(db, fact_checker, editor):
    article = make_article()
    return [publish(make_claim(article=article), author=fact_checker, reviewer=editor) for _ in range(5)]


def test_the_api_pages_by_cursor_after_the_numbered_pages(client, published_archive, monkeypatch):
    monkeypatch.setattr("factcheck.api.API_PER_PAGE", 1)
    monkeypatch.setattr("factcheck.api.NUMBERED_PAGES", 2)
    first = client.get(API_URL).json()
    second = client.get(first["next"]).json()
    assert first["next"].endswith("?page=2")
    assert "?after=" in second["next"]
    third = client.get(second["next"]).json()
    assert third["page"] is None
    assert "?before=" in third["previous"]
    reviews, page = [], first
    while True:
        reviews.extend(review["url"] for review in page["claimReviews"])
        if not page["next"]:
            break
        page = client.get(page["next"]).json()
    newest_first = sorted(published_archive, key=lambda verdict: (verdict.published_at, verdict.pk), reverse=True)
    assert [url.rsplit("#", 1)[0] for url in reviews] == [
        absolute_url(verdict.claim.get_absolute_url()) for verdict in newest_first
    ]


@pytest.mark.parametrize("cursor", ["abc", "999999", "-1", "", "\x00"])
def test_the_api_answers_a_bad_cursor_with_400_json(client, published_archive, cursor):
    response = client.get(API_URL, {"after": cursor or "x"})
    assert response.status_code == 400
    assert "not published (or was mistyped)" in response.json()["error"]


def test_an_api_cursor_page_costs_four_queries(client, published_archive, django_assert_num_queries):
    # The count, the cursor's verdict, the page, and the page's claims' other appearances (repeats).
    with django_assert_num_queries(4):
        assert client.get(API_URL, {"after": published_archive[2].pk}).status_code == 200
