"""The claim list: filters, search, sorting, paging, htmx fragments, CSV, and bad query strings."""

import csv
import io

import pytest
from django.urls import reverse

from factcheck.models import Actor, Claim, Verdict
from tests.public_factories import archived_wording, make_actor, make_article, make_claim, publish

URL = reverse("factcheck:claim_list")
CSV_URL = reverse("factcheck:claim_csv")


@pytest.fixture
def desk(db, fact_checker, editor):
    """One claim in every status, two of them published with different ratings."""
    minister = make_actor(name="Jane Minister", slug="jane-minister")
    mayor = make_actor(name="Tom Mayor", slug="tom-mayor", kind="organization")
    budget = make_article(title="Budget debate", slug="budget-debate")
    transport = make_article(title="Transport plan", slug="transport-plan", published_on="2024-01-10")
    claims = {
        "new": make_claim(text="Bus fares doubled since 2010.", article=transport, claimant=mayor),
        "researching": make_claim(text="Rents rose 40 percent.", article=budget, status=Claim.Status.RESEARCHING),
        "in_review": make_claim(text="Crime fell by half.", article=budget, status=Claim.Status.IN_REVIEW),
        "dismissed": make_claim(text="We are the best city.", article=budget, status=Claim.Status.DISMISSED),
        "false": make_claim(text="Taxes are the highest ever.", article=budget, claimant=minister),
        "true": make_claim(text="Unemployment fell to 4 percent.", article=budget, claimant=minister),
    }
    publish(claims["false"], author=fact_checker, reviewer=editor, rating=Verdict.Rating.FALSE)
    publish(claims["true"], author=fact_checker, reviewer=editor, rating=Verdict.Rating.TRUE)
    return claims


def listed(response) -> str:
    return response.content.decode()


def test_every_status_is_shown_in_words(client, desk):
    page = listed(client.get(URL))
    for words in [
        "Awaiting check",
        "Being researched",
        "In review",
        "Dismissed",
        "Published: False",
        "Published: True",
    ]:
        assert words in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"status": "in_review"}, ["Crime fell by half."], ["Rents rose", "Taxes are"]),
        ({"rating": "false"}, ["Taxes are the highest ever."], ["Unemployment fell", "Crime fell"]),
        ({"claimant": "jane-minister"}, ["Taxes are", "Unemployment fell"], ["Bus fares"]),
        ({"claimant": "mayor"}, ["Bus fares"], ["Taxes are"]),
        ({"article": "transport-plan"}, ["Bus fares"], ["Taxes are"]),
        ({"article": "budget"}, ["Taxes are", "Rents rose"], ["Bus fares"]),
        ({"said_before": "2024-12-31"}, ["Bus fares"], ["Taxes are"]),
        ({"said_after": "2025-01-01"}, ["Taxes are"], ["Bus fares"]),
        ({"q": "unemployment"}, ["Unemployment fell"], ["Taxes are", "Bus fares"]),
    ],
)
def test_filters_narrow_the_list(client, desk, query, shown, hidden):
    page = listed(client.get(URL, query))
    for text in shown:
        assert text in page
    for text in hidden:
        assert text not in page


def test_a_link_from_an_actors_page_shows_their_name_in_the_claimant_box_not_their_address(client, desk):
    page = listed(client.get(URL, {"claimant": "jane-minister"}))
    assert 'name="claimant" value="Jane Minister"' in page
    assert "jane-minister" not in page.split('name="claimant"')[1].split(">")[0]


def test_a_link_from_an_articles_page_shows_its_title_in_the_article_box_not_its_address(client, desk):
    page = listed(client.get(URL, {"article": "transport-plan"}))
    assert 'name="article" value="Transport plan"' in page


def test_sending_the_name_shown_for_an_actor_lists_that_actor_not_everyone_whose_name_holds_it(client, desk):
    namesake = make_actor(name="Jane Minister Jr", slug="jane-minister-jr")
    make_claim(text="Her son said the tram was late.", article=desk["new"].article, claimant=namesake)
    page = listed(client.get(URL, {"claimant": "Jane Minister"}))
    assert "Taxes are" in page
    assert "Her son said" not in page
    assert "Her son said" in listed(client.get(URL, {"claimant": "Jane Min"})), "part of a name still finds all"


def test_a_link_to_a_merged_or_renamed_actors_claims_still_lists_them_under_the_name_kept(client, desk, editor):
    minister = Actor.objects.get(slug="jane-minister")
    duplicate = make_actor(name="J. Minister", slug="j-minister")
    make_claim(text="School meals are free everywhere.", article=desk["new"].article, claimant=duplicate)
    minister.merge([duplicate], by=editor)
    minister.name = "Jane Minister-Hart"
    minister.save()
    for address in ("jane-minister", "j-minister"):
        page = listed(client.get(URL, {"claimant": address}))
        assert "Taxes are" in page
        assert "School meals" in page
        assert "Bus fares" not in page
        assert 'name="claimant" value="Jane Minister-Hart"' in page


def test_columns_sort_both_ways(client, desk):
    ascending = listed(client.get(URL, {"sort": "claimant"}))
    descending = listed(client.get(URL, {"sort": "-claimant"}))
    assert ascending.index("Jane Minister") < ascending.index("Tom Mayor")
    assert descending.index("Tom Mayor") < descending.index("Jane Minister")
    assert 'aria-sort="ascending"' in ascending


@pytest.mark.parametrize("sort", ["claimant", "-claimant", "said", "-said"])
def test_claims_with_no_claimant_or_date_sort_last_both_ways(client, desk, sort):
    Claim.objects.filter(pk=desk["researching"].pk).update(said_on=None)
    rows = listed(client.get(URL, {"sort": sort})).split("<tbody>")[1].split("</tr>")[:-1]
    blank_claimant = [n for n, row in enumerate(rows) if '<td data-label="Claimant">—</td>' in row]
    named = [n for n, row in enumerate(rows) if '<td data-label="Claimant"><a' in row]
    if "claimant" in sort:
        assert max(named) < min(blank_claimant), "claims without a claimant come last"
    else:
        undated = [n for n, row in enumerate(rows) if '<td data-label="Said">—</td>' in row]
        assert undated == [len(rows) - 1], "the claim nobody dated comes last"


def test_a_claimant_nobody_confirmed_is_marked_as_the_softwares_reading(
    client, desk, fact_checker, django_capture_on_commit_callbacks
):
    page = listed(client.get(URL, {"q": "Bus fares"}))
    assert 'Tom Mayor</bdi></a><span class="unconfirmed"> (the software’s reading, not yet confirmed)</span>' in page
    with django_capture_on_commit_callbacks(execute=True):  # the cached list is stale once this commits
        desk["new"].confirm_attribution(by=fact_checker, claimant=desk["new"].claimant, quotation="paraphrase")
    page = listed(client.get(URL, {"q": "Bus fares"}))
    assert "Tom Mayor</bdi></a></td>" in page
    assert "software’s reading" not in page


def test_status_sorts_in_workflow_order(client, desk):
    page = listed(client.get(URL, {"sort": "status"})).split("<tbody>")[1]
    assert page.index("Awaiting check") < page.index("In review") < page.index("Published: False")
    assert page.index("Published: False") < page.index("Published: True") < page.index(">Dismissed<")


def test_pages_hold_per_page_claims(client, desk):
    first = client.get(URL, {"per_page": 2})
    assert first.context["table"].paginator.count == 6
    assert len(first.context["table"].page) == 2
    assert "Showing 1–2 of 6 claims" in listed(first)
    third = client.get(URL, {"per_page": 2, "page": 3})
    assert "Showing 5–6 of 6 claims" in listed(third)


def test_per_page_is_capped_at_100(client, desk):
    response = client.get(URL, {"per_page": 100000})
    assert response.context["table"].paginator.per_page == 100


def test_htmx_gets_only_the_results_and_caches_vary_on_it(client, desk):
    response = client.get(URL, {"status": "new"}, headers={"HX-Request": "true"})
    body = listed(response)
    assert body.lstrip().startswith('<section id="claim-results"')
    assert "<html" not in body
    assert "Bus fares doubled" in body
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_full_page(client, desk):
    response = client.get(URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in listed(response)


def test_the_page_works_without_javascript(client, desk):
    page = listed(client.get(URL))
    assert 'method="get" action="/claims/"' in page
    assert 'href="?sort=claimant"' in page


def read_csv(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="claims.csv"' in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_holds_the_filtered_set(client, desk):
    rows = read_csv(client.get(CSV_URL, {"claimant": "jane-minister"}))
    assert {row["claim"] for row in rows} == {"Taxes are the highest ever.", "Unemployment fell to 4 percent."}
    false_row = next(row for row in rows if row["claim"].startswith("Taxes"))
    assert false_row["status"] == "Published"
    assert false_row["rating"] == "False"
    assert false_row["url"] == f"https://factcheck.example{desk['false'].get_absolute_url()}"
    assert false_row["said_on"] == desk["false"].said_on.isoformat()
    assert false_row["said_where"] == "News article"
    assert false_row["original_url"] == desk["false"].article.url


def test_csv_says_whether_someone_confirmed_the_claimant_or_it_is_the_softwares_reading(client, desk):
    rows = {row["claim"]: row for row in read_csv(client.get(CSV_URL, {"claimant": "jane-minister"}))}
    confirmed = rows["Taxes are the highest ever."]
    assert (confirmed["claimant"], confirmed["claimant_confirmed"]) == ("Jane Minister", "yes")
    Claim.objects.filter(text="Unemployment fell to 4 percent.").update(attribution_confirmed_at=None)
    rows = {row["claim"]: row for row in read_csv(client.get(CSV_URL, {"claimant": "jane-minister"}))}
    assert rows["Unemployment fell to 4 percent."]["claimant_confirmed"] == "no"


def test_the_said_column_shows_when_and_where_the_claim_was_made(client, desk):
    claim = desk["false"]
    archived_wording(claim, said_on="2025-02-20", venue=Claim.Venue.SPEECH)
    page = listed(client.get(URL, {"q": "Taxes"}))
    assert '<time datetime="2025-02-20">20 Feb 2025</time><span class="venue">Speech</span>' in page


def test_each_row_shows_the_claim_its_claimant_when_and_its_status(client, desk):
    page = listed(client.get(URL, {"q": "Taxes"}))
    claim = desk["false"]
    assert (
        f'<td data-label="Claim"><a href="{claim.get_absolute_url()}">Taxes are the highest ever.</a>'
        '<span class="source">in <cite><bdi>Budget debate</bdi></cite>, <bdi>The Daily Record</bdi></span></td>'
        '<td data-label="Claimant"><a href="/actors/jane-minister/"><bdi>Jane Minister</bdi></a></td>'
        f'<td data-label="Said"><time datetime="{claim.said_on:%Y-%m-%d}">'
    ) in page
    assert '<td data-label="Status"><span class="badge rating rating-false">Published: False</span></td>' in page


def test_a_row_with_no_claimant_or_date_shows_a_dash(client, desk):
    Claim.objects.filter(pk=desk["researching"].pk).update(said_on=None, venue="")
    page = listed(client.get(URL, {"q": "Rents"}))
    assert '<td data-label="Claimant">—</td><td data-label="Said">—</td>' in page


def test_claim_text_and_titles_are_escaped_in_the_list(client, desk):
    article = make_article(title="<b>Bold</b> & co", outlet="<i>Outlet</i>")
    make_claim(text="Rents <script>alert(1)</script> rose 40%.", article=article)
    page = listed(client.get(URL, {"q": "Rents"}))
    assert "Rents &lt;script&gt;alert(1)&lt;/script&gt; rose 40%." in page
    assert (
        "<cite><bdi>&lt;b&gt;Bold&lt;/b&gt; &amp; co</bdi></cite>, <bdi>&lt;i&gt;Outlet&lt;/i&gt;</bdi></span>" in page
    )
    assert "<script>alert" not in page


def test_the_said_filters_and_sort_use_when_the_claim_was_said(client, desk):
    Claim.objects.filter(pk=desk["new"].pk).update(said_on="2023-05-01")  # said long before its article
    assert "Bus fares" in listed(client.get(URL, {"said_before": "2023-12-31"}))
    assert "Bus fares" not in listed(client.get(URL, {"said_after": "2024-01-01"}))
    rows = read_csv(client.get(CSV_URL, {"said_before": "2023-12-31"}))
    assert [row["said_on"] for row in rows] == ["2023-05-01"]


def test_csv_download_link_keeps_the_filters(client, desk):
    page = listed(client.get(URL, {"status": "new", "page": 1}))
    assert f"{CSV_URL}?status=new" in page


def test_csv_cells_cannot_run_as_spreadsheet_formulas(client, desk):
    make_claim(text='=HYPERLINK("http://evil.example")', article=desk["new"].article)
    rows = read_csv(client.get(CSV_URL, {"q": "HYPERLINK"}))
    assert rows[0]["claim"].startswith("'=")


BAD_QUERIES = [
    {"sort": "nonexistent"},
    {"sort": "-notacolumn"},
    {"sort": "assignee"},
    {"sort": "\x00\xff"},
    {"page": "999999"},
    {"page": "-3"},
    {"page": "0"},
    {"page": "abc"},
    {"page": "1e9"},
    {"page": "99999999999999999999999999"},
    {"per_page": "100000"},
    {"per_page": "0"},
    {"per_page": "-5"},
    {"per_page": "many"},
    {"q": "x" * 100_000},
    {"q": "\x00\x01\x02 binary \ud800".encode("utf-8", "surrogatepass").decode("latin-1")},
    {"q": "'; DROP TABLE factcheck_claim; --"},
    {"q": "%%%___\\"},
    {"status": "published-ish"},
    {"rating": "pants-on-fire"},
    {"claimant": "\x00"},
    {"article": "nobody" * 1000},
    {"said_after": "not-a-date"},
    {"said_before": "99999-99-99"},
    {"said_after": "0001-01-01", "said_before": "9999-12-31"},
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_query_strings_get_a_sane_page(client, desk, query):
    response = client.get(URL, query)
    assert response.status_code == 200
    assert "claim-results" in listed(response)


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_query_strings_get_a_sane_csv(client, desk, query):
    response = client.get(CSV_URL, query)
    assert response.status_code == 200
    read_csv(response)


def test_bad_query_strings_in_the_raw_url_get_a_sane_page(client, desk):
    response = client.get(f"{URL}?q=%00%FF%FE&page=%C0%AF&sort=%00")
    assert response.status_code == 200


def test_an_unknown_filter_value_is_reported_and_ignored(client, desk):
    response = client.get(URL, {"status": "published-ish"})
    page = listed(response)
    assert "Select a valid choice" in page
    assert "Bus fares doubled" in page


def test_a_mistyped_date_is_reported_by_its_field_and_above_the_results_and_the_rest_still_filters(client, desk):
    page = listed(client.get(URL, {"said_after": "notadate", "status": "published"}))
    # Beside the field, tied to it for screen readers.
    assert '<ul class="errorlist" id="id_said_after_error"><li>Enter a valid date.</li></ul>' in page
    field = page[page.index('name="said_after"') - 20 : page.index('id="id_said_after"')]
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="id_said_after_error"' in field
    # Above the results, where the reader sees that the list is not filtered by it.
    results = page[page.index('id="claim-results"') :]
    alert = results[results.index('role="alert"') : results.index('class="results-head"')]
    assert "One filter was not applied" in alert
    assert '<a class="filter-error-link" href="#id_said_after">Said on or after</a>: Enter a valid date.' in alert
    # The filters that could be read still apply, and only they count as active.
    assert "Taxes are the highest ever." in page
    assert "Bus fares doubled" not in page
    assert "(1 active)" in page


def test_the_results_fragment_htmx_swaps_in_reports_a_mistyped_date_too(client, desk):
    fragment = listed(client.get(URL, {"said_before": "99999-99-99"}, headers={"HX-Request": "true"}))
    assert fragment.lstrip().startswith('<section id="claim-results"')
    assert '<a class="filter-error-link" href="#id_said_before">Said on or before</a>' in fragment


def test_valid_filters_raise_no_alert(client, desk):
    assert 'role="alert"' not in listed(client.get(URL, {"said_after": "2025-01-01"}))


def test_a_page_past_the_end_shows_the_last_page(client, desk):
    response = client.get(URL, {"per_page": 2, "page": 40})
    assert response.context["table"].page.number == 3


@pytest.mark.parametrize("rows", [3, 30])
def test_the_list_runs_a_fixed_number_of_queries(client, db, fact_checker, editor, django_assert_max_num_queries, rows):
    article = make_article()
    for n in range(rows):
        claim = make_claim(article=article, claimant=make_actor())
        if n % 2:
            publish(claim, author=fact_checker, reviewer=editor)
    with django_assert_max_num_queries(2):
        response = client.get(URL, {"per_page": 100})
    assert len(response.context["table"].page) == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_the_csv_runs_one_query(client, db, django_assert_num_queries, rows):
    article = make_article()
    for _ in range(rows):
        make_claim(article=article, claimant=make_actor())
    with django_assert_num_queries(1):
        assert len(read_csv(client.get(CSV_URL))) == rows


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"sort": "claimant"},
        {"sort": "-said"},
        {"sort": "status"},
        {"sort": "-status"},
        {"status": "published"},
        {"rating": "false", "sort": "-claimant"},
        {"q": "percent", "sort": "said"},
        {"claimant": "ann", "status": "bogus"},
    ],
)
def test_paging_without_the_verdict_join_shows_what_the_joined_query_shows(client, db, fact_checker, editor, query):
    """The list counts and picks the page's claims without the current-verdict join when it can; it must show
    exactly the claims, in the order, that paging the annotated claims directly would."""
    from django_tables2 import RequestConfig

    from factcheck.filters import ClaimFilter
    from factcheck.tables import ClaimTable

    ratings = [Verdict.Rating.FALSE, Verdict.Rating.TRUE, Verdict.Rating.MOSTLY_FALSE]
    claimants = [make_actor(name=name, slug=f"actor-{n}") for n, name in enumerate(["Ann A", "Ann B", "Bob", "Cy"])]
    for n in range(23):
        article = make_article(published_on=f"2024-0{1 + n % 3}-1{n % 4}")
        status = [Claim.Status.NEW, Claim.Status.RESEARCHING, Claim.Status.DISMISSED][n % 3]
        claim = make_claim(article=article, claimant=claimants[n % 4], checkworthiness=n / 23, status=status)
        if n % 2:
            publish(claim, author=fact_checker, reviewer=editor, rating=ratings[n % 3])
    request = client.get(URL).wsgi_request
    page, pages = 0, 1
    while page < pages:
        page += 1
        response = client.get(URL, {**query, "per_page": 5, "page": page})
        table = response.context["table"]
        request.GET = response.wsgi_request.GET
        annotated = Claim.objects.with_current_verdict().select_related("article", "claimant")
        expected = ClaimTable(data=ClaimFilter(request.GET, queryset=annotated).qs)
        RequestConfig(request, paginate=False).configure(expected)
        expected.paginate(page=page, per_page=5)
        pages = expected.paginator.num_pages
        assert table.paginator.count == expected.paginator.count
        shown = [(row.record.pk, row.record.current_rating) for row in table.page.object_list]
        assert shown == [(row.record.pk, row.record.current_rating) for row in expected.page.object_list]
    assert pages > 1 or "rating" in query


def test_the_claimreview_feed_pages_hold_the_newest_verdicts_in_order(client, db, fact_checker, editor, monkeypatch):
    """The feed sorts and slices verdicts before joining their claims; each page must still be the right slice."""
    from datetime import timedelta

    from django.utils import timezone

    monkeypatch.setattr("factcheck.api.API_PER_PAGE", 3)
    now = timezone.now()
    for n in range(8):
        # Two verdicts share each publication time, so the pk breaks the tie.
        publish(
            make_claim(text=f"Claim number {n}."),
            author=fact_checker,
            reviewer=editor,
            published_at=now - timedelta(hours=n // 2),
        )
    expected = [
        verdict.claim.text
        for verdict in Verdict.objects.current().select_related("claim").order_by("-published_at", "-pk")
    ]
    shown = []
    for page in (1, 2, 3):
        feed = client.get(reverse("factcheck:claimreview_feed"), {"page": page}).json()
        assert feed["count"] == 8
        shown += [review["claimReviewed"] for review in feed["claimReviews"]]
    assert shown == expected
