"""The public pages are cached, and a publish, correction, dismissal or edit shows on the very next request.

Changes are committed through django_capture_on_commit_callbacks(execute=True): the
page cache is made stale when a change commits, as in production.
"""

import gzip

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from model_bakery import baker

from factcheck.importer import import_paths
from factcheck.models import Claim

# A new article from the news: a new claimant, and claims not yet checked.
IMPORTED_ARTICLE = """Council approves $212 million budget

Riverton City Council voted 5-4 early Tuesday to approve a $212 million budget for next year.

Mayor Linda Okonkwo said the city had closed a $9 million deficit without laying off a single employee.

"Violent crime in Riverton fell 18% last year," Okonkwo said.
"""


def public_urls(claim):
    return {
        "home": reverse("factcheck:home"),
        "claim list": reverse("factcheck:claim_list") + "?rating=mostly_true",
        "claim": claim.get_absolute_url(),
        "article": claim.article.get_absolute_url(),
        "RSS feed": reverse("factcheck:verdict_feed"),
        "Atom feed": reverse("factcheck:verdict_atom_feed"),
        "ClaimReview feed": reverse("factcheck:claimreview_feed"),
    }


def test_a_second_visit_is_served_from_the_cache_without_queries(client, published_verdict, django_assert_num_queries):
    url = published_verdict.claim.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert "Close: the figure was 4.0%." in response.content.decode()


def test_publishing_shows_on_every_page_at_the_next_request(
    client, submitted_verdict, editor, django_capture_on_commit_callbacks
):
    claim = submitted_verdict.claim
    urls = public_urls(claim)
    # The rating shows on each page once published; the list filtered by rating shows the claim.
    marker = {name: claim.text if name == "claim list" else "Mostly true" for name in urls}
    for name, url in urls.items():
        assert marker[name] not in client.get(url).content.decode(), name

    with django_capture_on_commit_callbacks(execute=True):
        submitted_verdict.publish(by=editor)

    for name, url in urls.items():
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", name
        assert marker[name] in response.content.decode(), name


def test_a_correction_shows_on_the_claim_page_and_the_corrections_log_at_once(
    client, published_verdict, editor, second_editor, django_capture_on_commit_callbacks
):
    claim_url = published_verdict.claim.get_absolute_url()
    corrections_url = reverse("factcheck:correction_list")
    client.get(claim_url)
    client.get(corrections_url)

    with django_capture_on_commit_callbacks(execute=True):
        correction = published_verdict.start_correction(by=editor)
        correction.summary = "Corrected: the figure was 4.1%."
        correction.correction_note = "We misread the March table; the figure was 4.1%."
        correction.save()
        correction.submit_for_review(by=editor)
        correction.publish(by=second_editor)

    assert "Corrected: the figure was 4.1%." in client.get(claim_url).content.decode()
    assert "We misread the March table" in client.get(corrections_url).content.decode()


def test_dismissing_a_claim_changes_its_status_on_the_next_request(
    client, new_claim, editor, django_capture_on_commit_callbacks
):
    list_url = reverse("factcheck:claim_list") + "?status=dismissed"
    assert new_claim.text not in client.get(list_url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        new_claim.dismiss(by=editor, reason="Not checkable: a forecast.")

    assert new_claim.text in client.get(list_url).content.decode()


def test_an_edit_to_an_actor_shows_on_their_page_at_once(client, new_claim, django_capture_on_commit_callbacks):
    actor = baker.make("factcheck.Actor", name="Jane Minister", description="Finance minister")
    with django_capture_on_commit_callbacks(execute=True):
        new_claim.claimant = actor
        new_claim.save()
    assert "Finance minister" in client.get(actor.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        actor.description = "Prime minister"
        actor.save()
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "Prime minister" in page
    assert "Finance minister" not in page


@pytest.mark.parametrize("url_name", ["factcheck:report", "factcheck:claim_csv"])
def test_pages_with_a_form_or_a_download_are_never_cached(client, db, url_name):
    client.get(reverse(url_name))
    assert client.get(reverse(url_name)).get("X-Page-Cache") != "hit"


def test_staff_never_get_a_cached_page(client, published_verdict, editor):
    url = published_verdict.claim.get_absolute_url()
    client.get(url)
    client.force_login(editor)
    assert client.get(url).get("X-Page-Cache") != "hit"


def published_work_urls(claim):
    """Pages that show only published fact-checks, or one claim: an import cannot change them."""
    return {
        "claim": claim.get_absolute_url(),
        "RSS feed": reverse("factcheck:verdict_feed"),
        "Atom feed": reverse("factcheck:verdict_atom_feed"),
        "ClaimReview feed": reverse("factcheck:claimreview_feed"),
        "corrections": reverse("factcheck:correction_list"),
        "methodology": reverse("factcheck:methodology"),
    }


def intake_urls():
    """Pages that list what the desk holds, checked or not: an imported article shows on them."""
    return {
        "home": reverse("factcheck:home"),
        "claim list": reverse("factcheck:claim_list"),
        "claim search": reverse("factcheck:claim_list") + "?q=crime",
        "article list": reverse("factcheck:article_list"),
        "actor list": reverse("factcheck:actor_list"),
        "article sitemap": reverse("factcheck:sitemap_section", kwargs={"section": "articles"}),
    }


def import_an_article(folder, django_capture_on_commit_callbacks):
    (folder / "council.txt").write_text(IMPORTED_ARTICLE, encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        summary = import_paths(paths=[folder])
    assert summary.created == 1


def test_an_import_leaves_the_pages_of_published_work_cached(
    client, published_verdict, tmp_path, django_capture_on_commit_callbacks
):
    urls = published_work_urls(published_verdict.claim)
    for url in urls.values():
        client.get(url)

    import_an_article(tmp_path, django_capture_on_commit_callbacks)

    for name, url in urls.items():
        assert client.get(url)["X-Page-Cache"] == "hit", name


def test_an_import_shows_on_the_lists_at_the_next_request(
    client, published_verdict, tmp_path, django_capture_on_commit_callbacks
):
    urls = intake_urls()
    for url in urls.values():
        client.get(url)

    import_an_article(tmp_path, django_capture_on_commit_callbacks)

    awaiting = Claim.objects.filter(status=Claim.Status.NEW).count()
    marker = {
        "home": f'<span class="stat-number">{awaiting}</span> awaiting check',
        "claim list": "Violent crime in Riverton",
        "claim search": "Violent crime in Riverton",
        "article list": "Council approves $212 million budget",
        "actor list": "Linda Okonkwo",
        "article sitemap": "/articles/council-approves",
    }
    for name, url in urls.items():
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", name
        assert marker[name] in response.content.decode(), name


def test_a_publish_after_an_import_shows_on_every_page_at_the_next_request(
    client, submitted_verdict, editor, tmp_path, django_capture_on_commit_callbacks
):
    import_an_article(tmp_path, django_capture_on_commit_callbacks)
    claim = submitted_verdict.claim
    urls = {**public_urls(claim), **published_work_urls(claim), **intake_urls()}
    for url in urls.values():
        client.get(url)

    with django_capture_on_commit_callbacks(execute=True):
        submitted_verdict.publish(by=editor)

    for name, url in urls.items():
        assert client.get(url)["X-Page-Cache"] == "miss", name
    assert "Mostly true" in client.get(claim.get_absolute_url()).content.decode()
    assert claim.text in client.get(reverse("factcheck:verdict_feed")).content.decode()


def test_a_browser_that_accepts_gzip_gets_every_page_compressed_and_otherwise_the_same(client, published_verdict):
    for name, url in public_urls(published_verdict.claim).items():
        plain = client.get(url)
        compressed = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
        assert (compressed["X-Page-Cache"], compressed["Content-Encoding"]) == ("hit", "gzip"), name
        assert gzip.decompress(compressed.content) == plain.content, name
        assert compressed["Content-Type"] == plain["Content-Type"], name


def cached_page_urls(claim):
    """One address for each page urls.py caches, by URL name."""
    return {
        "home": reverse("factcheck:home"),
        "claim_list": reverse("factcheck:claim_list") + "?status=published&rating=mostly_true",
        "claim_detail": claim.get_absolute_url(),
        "actor_list": reverse("factcheck:actor_list"),
        "actor_detail": baker.make("factcheck.Actor", name="Jane Minister").get_absolute_url(),
        "article_list": reverse("factcheck:article_list"),
        "article_detail": claim.article.get_absolute_url(),
        "methodology": reverse("factcheck:methodology"),
        "correction_list": reverse("factcheck:correction_list"),
        "verdict_feed": reverse("factcheck:verdict_feed"),
        "verdict_atom_feed": reverse("factcheck:verdict_atom_feed"),
        "claimreview_feed": reverse("factcheck:claimreview_feed"),
        "sitemap": reverse("factcheck:sitemap"),
        "sitemap_section": reverse("factcheck:sitemap_section", kwargs={"section": "claims"}),
        "robots_txt": reverse("factcheck:robots_txt"),
    }


def cached_url_names(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from cached_url_names(pattern.url_patterns)
        elif hasattr(pattern.callback, "page_cache_generation_keys"):
            yield pattern.name


def test_the_header_comparison_below_covers_every_cached_page(published_verdict):
    assert set(cached_url_names(get_resolver().url_patterns)) == set(cached_page_urls(published_verdict.claim))


def without_the_early_hit(middleware):
    return [name for name in middleware if name != "factcheck.cache.PageCacheMiddleware"]


@pytest.mark.parametrize("encoding", [{}, {"Accept-Encoding": "gzip, deflate, br, zstd"}])
def test_a_readers_hit_answered_early_is_the_hit_every_middleware_would_give(
    client, published_verdict, settings, encoding
):
    """Same status, headers and body as a hit through the whole MIDDLEWARE, for a page and for a 304."""
    urls = cached_page_urls(published_verdict.claim)
    early = {}
    for name, url in urls.items():
        client.get(url, headers=encoding)  # the miss, stored
        page = client.get(url, headers=encoding)
        early[name] = (page, client.get(url, headers={**encoding, "If-None-Match": page["ETag"]}))

    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != "factcheck.cache.PageCacheMiddleware"]
    full_stack = Client()
    for name, url in urls.items():
        page, not_modified = early[name]
        assert (page.status_code, page["X-Page-Cache"], not_modified.status_code) == (200, "hit", 304), name
        full = (
            full_stack.get(url, headers=encoding),
            full_stack.get(url, headers={**encoding, "If-None-Match": page["ETag"]}),
        )
        for early_answer, full_answer in zip(early[name], full, strict=True):
            assert not hasattr(early_answer.wsgi_request, "session"), name  # answered above the session middleware
            assert hasattr(full_answer.wsgi_request, "session"), name
            assert early_answer.status_code == full_answer.status_code, name
            assert dict(early_answer.headers) == dict(full_answer.headers), name
            assert early_answer.content == full_answer.content, name
