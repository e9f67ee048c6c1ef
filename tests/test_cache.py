"""The public page cache: a second request costs no SQL, and any change to the desk shows on the next one."""

import gzip
import threading
import time

import pytest
from django.contrib import messages
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template import engines
from django.template.response import TemplateResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.utils.cache import patch_vary_headers
from model_bakery import baker

from factcheck.cache import (
    ANY_PAGE,
    ONE_RENDER_AT_A_TIME_SECONDS,
    _page_key,
    _render_lock_key,
    bump_desk_generation,
    bump_intake_generation,
    bumps_coalesced,
    cache_public_page,
    desk_generation,
    intake_generation,
)
from factcheck.importer import import_paths
from factcheck.models import Actor, Article, Claim, Source, Verdict


@cache_public_page
def claim_count(request):
    """A page that shows data from the database, like every public page."""
    texts = ", ".join(Claim.objects.order_by("pk").values_list("text", flat=True))
    return HttpResponse(f"{Claim.objects.count()} claims: {texts}")


@cache_public_page
def claim_count_template(request):
    template = engines["django"].from_string("{{ claims.count }} claims")
    return TemplateResponse(request, template, {"claims": Claim.objects.all()})


@cache_public_page
def form_page(request):
    return HttpResponse(f"<input name=csrfmiddlewaretoken value={get_token(request)}> {Claim.objects.count()}")


@cache_public_page
def page_with_inline_script(request):
    template = engines["django"].from_string("<script nonce='{{ csp_nonce }}'></script>{{ claims.count }}")
    return TemplateResponse(request, template, {"claims": Claim.objects.all()})


@cache_public_page
def page_with_cookie(request):
    response = HttpResponse(str(Claim.objects.count()))
    response.set_cookie("seen", "1")
    return response


@cache_public_page
def page_that_adds_a_message(request):
    messages.info(request, "Thank you for your report.")
    return HttpResponse(str(Claim.objects.count()))


@cache_public_page(shows_intake=False)
def published_claim_count(request):
    """A page of published work only, like a feed."""
    return HttpResponse(f"{Claim.objects.published().count()} published claims")


@cache_public_page(reads=("page", "sort"))
def paged_list(request):
    """A page that reads ?page= and ?sort=, and builds its links from the query string."""
    return HttpResponse(f"{Claim.objects.count()} claims, {request.GET.get('page', '1')}: {request.GET.urlencode()}")


@cache_public_page
def page_varying_on_htmx(request):
    response = HttpResponse(str(Claim.objects.count()))
    patch_vary_headers(response, ["HX-Request"])
    return response


@cache_public_page
def page_already_gzipped(request):
    response = HttpResponse(gzip.compress(str(Claim.objects.count()).encode()))
    response["Content-Encoding"] = "gzip"
    return response


class Render:
    """What /rendered/ does while it renders: counts its renders, and runs `meanwhile` (another reader arriving)."""

    count = 0
    meanwhile = None
    fails = False


@cache_public_page
def counted_render(request):
    Render.count += 1
    if Render.fails:
        raise RuntimeError("the render died")
    if Render.meanwhile:
        arrive, Render.meanwhile = Render.meanwhile, None
        arrive()
    return HttpResponse(f"{Claim.objects.count()} claims")


urlpatterns = [
    path("count/", claim_count),
    path("paged/", paged_list),
    path("varying/", page_varying_on_htmx),
    path("gzipped/", page_already_gzipped),
    path("rendered/", counted_render),
    path("published/", published_claim_count),
    path("template/", claim_count_template),
    path("form/", form_page),
    path("script/", page_with_inline_script),
    path("cookie/", page_with_cookie),
    path("message/", page_that_adds_a_message),
]


@pytest.fixture(autouse=True)
def tiny_site(settings):
    settings.ROOT_URLCONF = __name__
    cache.clear()
    Render.count, Render.meanwhile, Render.fails = 0, None, False


@pytest.fixture
def claim(db):
    return baker.make(Claim, text="Unemployment fell to 3.9% in March.", article=baker.make(Article))


def queries_during(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def test_second_request_is_served_without_sql(client, claim):
    first, first_queries = queries_during(client, "/count/")
    second, second_queries = queries_during(client, "/count/")
    assert first_queries > 0
    assert second_queries == 0
    assert second.content == first.content
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")


def test_template_responses_are_cached_once_rendered(client, claim):
    client.get("/template/")
    response, queries = queries_during(client, "/template/")
    assert queries == 0
    assert response["X-Page-Cache"] == "hit"
    assert response.content == b"1 claims"


def test_a_parameter_the_page_reads_is_part_of_the_key(client, claim):
    client.get("/paged/?page=1")
    assert client.get("/paged/?page=2")["X-Page-Cache"] == "miss"
    assert client.get("/paged/?page=2")["X-Page-Cache"] == "hit"


def test_parameters_the_page_does_not_read_share_its_entry(client, claim):
    first = client.get("/paged/?page=2")
    for junk in ("utm_source=x", "fbclid=123", "page=2&zzz=%00", "a=1&b=2&c=3"):
        response = client.get(f"/paged/?page=2&{junk}")
        assert (response["X-Page-Cache"], response.content) == ("hit", first.content), junk


def test_the_order_of_the_parameters_does_not_matter(client, claim):
    client.get("/paged/?page=2&sort=text")
    assert client.get("/paged/?sort=text&page=2")["X-Page-Cache"] == "hit"


def test_the_view_sees_only_the_parameters_it_is_stored_under(client, claim):
    """A link the page builds from the query string must not carry the first reader's junk to the next."""
    response = client.get("/paged/?utm_source=newsletter&page=2&sort=text")
    assert response.content.decode().endswith("page=2&sort=text")
    assert "utm_source" not in client.get("/paged/?page=2&sort=text&fbclid=1").content.decode()


def test_many_junk_parameters_make_one_entry_per_page_read(client, claim):
    pages = ("/paged/", "/paged/?page=2", "/count/")
    for number in range(200):
        for page in pages:
            joiner = "&" if "?" in page else "?"
            client.get(f"{page}{joiner}junk{number}={number}&q{number % 7}=x")
    stored = [key for key in cache._cache if ":page:gzip:" in key and ":rendering:" not in key]
    assert len(stored) == len(pages)


def test_htmx_fragment_and_full_page_are_cached_apart(client, claim):
    client.get("/count/")
    assert client.get("/count/", headers={"HX-Request": "true"})["X-Page-Cache"] == "miss"


def test_a_saved_edit_shows_on_the_next_request(client, claim, django_capture_on_commit_callbacks):
    client.get("/count/")
    with django_capture_on_commit_callbacks(execute=True):
        claim.text = "Unemployment fell to 4.1% in April."
        claim.save()
    assert b"4.1% in April" in client.get("/count/").content


def test_nothing_changes_before_the_edit_commits(client, claim, django_capture_on_commit_callbacks):
    client.get("/count/")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Claim.objects.create(text="Crime rose.", article=claim.article)
        assert client.get("/count/")["X-Page-Cache"] == "hit"
    assert callbacks


@pytest.mark.parametrize("model", [Claim, Verdict, Source, Actor, Article])
def test_saving_or_deleting_anything_public_bumps_the_generation(
    model, claim, fact_checker, django_capture_on_commit_callbacks
):
    existing = baker.make(model) if model in (Actor, Article) else None
    before = desk_generation()
    with django_capture_on_commit_callbacks(execute=True):
        if model is Verdict:
            baker.make(Verdict, claim=claim, author=fact_checker)
        elif model is Source:
            baker.make(Source, verdict=baker.make(Verdict, claim=claim, author=fact_checker))
        elif model is Claim:
            claim.delete()
        else:
            existing.save()
    assert desk_generation() > before


def test_adding_an_actor_to_a_claim_bumps_the_generation(claim, django_capture_on_commit_callbacks):
    actor = baker.make(Actor)
    before = desk_generation()
    with django_capture_on_commit_callbacks(execute=True):
        claim.actors.add(actor)
    assert desk_generation() > before


@pytest.mark.django_db(transaction=True)
def test_a_committed_publish_shows_on_the_next_request(client, fact_checker, editor):
    """Without the test transaction around it: on_commit runs as in production."""
    claim = baker.make(Claim, text="Crime rose by 12% in Lyon.", article=baker.make(Article))
    client.get("/count/")
    assert client.get("/count/")["X-Page-Cache"] == "hit"
    Claim.objects.create(text="Inflation reached 7% in May.", article=claim.article)
    response = client.get("/count/")
    assert response["X-Page-Cache"] == "miss"
    assert b"Inflation reached 7% in May." in response.content


def test_lost_generation_does_not_serve_old_pages(client, claim, django_capture_on_commit_callbacks):
    client.get("/count/")
    cache.delete("factcheck:desk-generation")
    Claim.objects.filter(pk=claim.pk).update(text="Changed behind the cache's back.")
    assert b"Changed behind" in client.get("/count/").content


def test_bump_without_a_generation_starts_a_new_one(db):
    cache.delete("factcheck:desk-generation")
    bump_desk_generation()
    assert desk_generation() > 1


def test_signed_in_staff_always_get_a_fresh_page(client, claim, editor):
    client.force_login(editor)
    client.get("/count/")
    response, queries = queries_during(client, "/count/")
    assert queries > 0
    assert "X-Page-Cache" not in response


def test_form_pages_with_a_csrf_token_are_not_cached(client, claim):
    first = client.get("/form/")
    second = client.get("/form/")
    assert "csrftoken" in first.cookies
    assert second["X-Page-Cache"] == "miss"


def test_pages_with_a_csp_nonce_are_not_cached(client, claim):
    client.get("/script/")
    second = client.get("/script/")
    assert second["X-Page-Cache"] == "miss"
    assert "nonce-" in second["Content-Security-Policy"]


def test_pages_setting_a_cookie_are_not_cached(client, claim):
    client.get("/cookie/")
    second = client.get("/cookie/")
    assert second["X-Page-Cache"] == "miss"
    assert "seen" in second.cookies


def test_a_reader_with_a_message_waiting_gets_a_fresh_page(client, claim):
    client.get("/count/")
    client.get("/message/")  # queues a message for this reader
    assert "X-Page-Cache" not in client.get("/count/")


def test_post_requests_are_never_served_from_the_cache(client, claim):
    client.get("/count/")
    assert "X-Page-Cache" not in client.post("/count/")


def test_head_requests_are_never_served_from_the_cache(client, claim):
    client.get("/count/")
    assert "X-Page-Cache" not in client.head("/count/")


def test_a_readers_hit_is_answered_before_the_session_and_the_middleware_below_it(client, claim):
    client.get("/count/")
    response, queries = queries_during(client, "/count/")
    assert (response["X-Page-Cache"], response.content, queries) == ("hit", b"1 claims: " + claim.text.encode(), 0)
    assert not hasattr(response.wsgi_request, "session")


def test_a_reader_with_a_session_gets_the_hit_through_every_middleware(client, claim, settings):
    """Only the session can tell who a reader is: with a session cookie the request goes the whole way."""
    client.get("/count/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "a-session-of-someone"
    response = client.get("/count/")
    assert response["X-Page-Cache"] == "hit"
    assert hasattr(response.wsgi_request, "session")


class CountingCache:
    """The real cache, counting the calls that go to it (each is a round trip with Redis)."""

    def __init__(self, real):
        self.real, self.calls = real, []

    def __getattr__(self, name):
        attribute = getattr(self.real, name)
        if not callable(attribute):
            return attribute

        def counted(*args, **kwargs):
            self.calls.append(name)
            return attribute(*args, **kwargs)

        return counted


def test_a_hit_is_one_round_trip_to_the_cache(client, claim, monkeypatch):
    counting = CountingCache(cache)
    monkeypatch.setattr("factcheck.cache._cache", lambda: counting)
    client.get("/count/")
    counting.calls.clear()
    assert client.get("/count/")["X-Page-Cache"] == "hit"
    assert counting.calls == ["get_many"]


GZIP = {"Accept-Encoding": "gzip, deflate, br, zstd"}  # as Chrome sends it


@pytest.mark.parametrize("first", ["plain", "gzip"])
def test_a_reader_who_accepts_gzip_gets_the_same_page_compressed(client, claim, first):
    """Whichever kind of reader comes first and renders the page, each gets it in their own encoding."""
    if first == "gzip":
        client.get("/count/", headers=GZIP)
    plain = client.get("/count/")
    compressed, queries = queries_during(client, "/count/", headers=GZIP)
    assert queries == 0
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content == b"1 claims: Unemployment fell to 3.9% in March."
    assert compressed["Content-Length"] == str(len(compressed.content))
    assert "Content-Encoding" not in plain
    assert plain["Content-Length"] == str(len(plain.content))


def test_the_first_reader_who_accepts_gzip_gets_it_compressed_too(client, claim):
    response = client.get("/count/", headers=GZIP)
    assert response["X-Page-Cache"] == "miss"
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == b"1 claims: Unemployment fell to 3.9% in March."


def test_a_cached_page_varies_on_accept_encoding_and_keeps_its_own_vary(client, claim):
    for response in (client.get("/varying/"), client.get("/varying/"), client.get("/varying/", headers=GZIP)):
        assert {"HX-Request", "Accept-Encoding"} <= {name.strip() for name in response["Vary"].split(",")}


def test_each_encoding_has_its_own_etag_and_gets_304_without_sql(client, claim):
    plain = client.get("/count/")
    compressed = client.get("/count/", headers=GZIP)
    assert plain["ETag"] != compressed["ETag"]
    for etag, headers in ((plain["ETag"], {}), (compressed["ETag"], GZIP)):
        response, queries = queries_during(client, "/count/", headers={**headers, "If-None-Match": etag})
        assert (response.status_code, queries) == (304, 0)
        assert response["ETag"] == etag
        assert "Accept-Encoding" in response["Vary"]


def test_a_plain_reader_holding_the_gzip_copy_gets_the_plain_page(client, claim):
    compressed = client.get("/count/", headers=GZIP)
    response = client.get("/count/", headers={"If-None-Match": compressed["ETag"]})
    assert response.status_code == 200
    assert response.content == b"1 claims: Unemployment fell to 3.9% in March."


def test_a_gzip_hit_is_one_round_trip_to_the_cache(client, claim, monkeypatch):
    counting = CountingCache(cache)
    monkeypatch.setattr("factcheck.cache._cache", lambda: counting)
    client.get("/count/")
    counting.calls.clear()
    assert client.get("/count/", headers=GZIP)["X-Page-Cache"] == "hit"
    assert counting.calls == ["get_many"]


def test_a_page_the_view_compressed_itself_is_not_cached_or_compressed_again(client, claim):
    client.get("/gzipped/", headers=GZIP)
    response = client.get("/gzipped/", headers=GZIP)
    assert response["X-Page-Cache"] == "miss"
    assert gzip.decompress(response.content) == b"1"


def test_a_reader_who_has_the_page_gets_304_without_sql(client, claim):
    first = client.get("/count/")
    response, queries = queries_during(client, "/count/", headers={"If-None-Match": first["ETag"]})
    assert response.status_code == 304
    assert response.content == b""
    assert queries == 0


def test_a_reader_with_an_old_copy_gets_the_new_page(client, claim, django_capture_on_commit_callbacks):
    first = client.get("/count/")
    with django_capture_on_commit_callbacks(execute=True):
        claim.text = "Unemployment fell to 4.1% in April."
        claim.save()
    response = client.get("/count/", headers={"If-None-Match": first["ETag"]})
    assert response.status_code == 200
    assert b"4.1% in April" in response.content
    assert response["ETag"] != first["ETag"]


def test_a_page_rendered_again_unchanged_still_gets_304(client, claim):
    first = client.get("/count/")
    bump_desk_generation()  # a change elsewhere on the desk
    response = client.get("/count/", headers={"If-None-Match": first["ETag"]})
    assert response["X-Page-Cache"] == "miss"
    assert response.status_code == 304


def test_if_modified_since_gets_304(client, claim):
    first = client.get("/count/")
    assert client.get("/count/", headers={"If-Modified-Since": first["Last-Modified"]}).status_code == 304


def test_cached_pages_let_a_cdn_serve_them_stale_while_it_revalidates(client, claim, settings):
    settings.FACTCHECK_CDN_CACHE_SECONDS = 5
    settings.FACTCHECK_CDN_STALE_SECONDS = 60
    for response in (client.get("/count/"), client.get("/count/")):
        assert response["Cache-Control"] == "public, max-age=0, s-maxage=5, stale-while-revalidate=60"


def test_pages_are_stored_compressed(client, claim):
    Claim.objects.bulk_create(
        Claim(text=f"Claim number {n} about inflation.", article=claim.article, fingerprint=str(n), slug=str(n))
        for n in range(200)
    )
    page = client.get("/count/").content
    (entry,) = [value for key, value in cache._cache.items() if b"_Entry" in value]
    assert len(entry) < len(page) / 3
    assert client.get("/count/").content == page


def test_new_intake_makes_stale_only_the_pages_that_show_it(client, claim, django_capture_on_commit_callbacks):
    client.get("/count/")
    client.get("/published/")
    with django_capture_on_commit_callbacks(execute=True):
        Claim.objects.create(text="Crime rose by 12% in Lyon.", article=baker.make(Article))
    assert b"Crime rose" in client.get("/count/").content
    assert client.get("/published/")["X-Page-Cache"] == "hit"


def test_an_edit_makes_stale_the_pages_of_published_work_too(client, claim, django_capture_on_commit_callbacks):
    client.get("/published/")
    with django_capture_on_commit_callbacks(execute=True):
        claim.text = "Unemployment fell to 4.1% in April."
        claim.save()
    assert client.get("/published/")["X-Page-Cache"] == "miss"


@pytest.mark.parametrize("model", [Article, Actor])
def test_a_new_article_or_actor_is_intake(model, db, django_capture_on_commit_callbacks):
    desk, intake = desk_generation(), intake_generation()
    with django_capture_on_commit_callbacks(execute=True):
        baker.make(model)
    assert (desk_generation(), intake_generation()) == (desk, intake + 1)


def test_an_actors_new_aliases_are_intake_but_a_new_description_is_not(db, django_capture_on_commit_callbacks):
    """Aliases show on no public page; the description shows beside the claimant's name on claim pages."""
    actor = baker.make(Actor, name="Linda Okonkwo", description="")
    desk = desk_generation()
    with django_capture_on_commit_callbacks(execute=True):
        actor.add_alias("Okonkwo")
        actor.save(update_fields=["aliases", "updated_at"])
    assert desk_generation() == desk
    with django_capture_on_commit_callbacks(execute=True):
        actor.description = "Mayor of Riverton"
        actor.save(update_fields=["description", "updated_at"])
    assert desk_generation() > desk


def test_a_batch_sends_its_bumps_once_at_its_end(db):
    desk, intake = desk_generation(), intake_generation()
    with bumps_coalesced(every=60):
        for _ in range(3):
            bump_intake_generation()
        bump_desk_generation()
        assert (desk_generation(), intake_generation()) == (desk, intake)
    assert (desk_generation(), intake_generation()) == (desk + 1, intake + 1)


def test_a_batch_sends_its_bumps_when_it_fails(db):
    def import_that_stops():
        with bumps_coalesced(every=60):
            bump_intake_generation()
            raise RuntimeError("the import stopped")

    intake = intake_generation()
    with pytest.raises(RuntimeError):
        import_that_stops()
    assert intake_generation() == intake + 1


def test_a_long_batch_sends_its_bumps_every_interval(db, monkeypatch):
    seconds = [0.0]
    monkeypatch.setattr("factcheck.cache.time.monotonic", lambda: seconds[0])
    intake = intake_generation()
    with bumps_coalesced(every=10):
        seconds[0] = 5
        bump_intake_generation()  # held back
        assert intake_generation() == intake
        seconds[0] = 11
        bump_intake_generation()  # both sent, as one
        assert intake_generation() == intake + 1
    assert intake_generation() == intake + 1  # nothing left to send at the end


def test_a_publish_in_another_thread_is_not_held_back_by_an_import_batch(db):
    desk = desk_generation()
    with bumps_coalesced(every=60):
        publish = threading.Thread(target=bump_desk_generation)
        publish.start()
        publish.join()
        assert desk_generation() == desk + 1


def council_story(folder, name):
    (folder / f"{name}.txt").write_text(
        f"Budget story {name}\n\nMayor Linda Okonkwo said taxes rose {len(name)}.5% in 2024, and 300 jobs were cut.\n"
    )


@pytest.mark.django_db(transaction=True)
def test_an_import_of_many_files_makes_the_lists_stale_once_and_leaves_published_work_cached(client, tmp_path):
    """Committed as in production: each file in its own transaction."""
    for name in ("one", "three", "seven"):
        council_story(tmp_path, name)
    client.get("/published/")
    desk, intake = desk_generation(), intake_generation()
    summary = import_paths(paths=[tmp_path])
    assert summary.created == 3
    assert (desk_generation(), intake_generation()) == (desk, intake + 1)
    assert client.get("/published/")["X-Page-Cache"] == "hit"
    assert b"3 claims" in client.get("/count/").content


def render_lock(response=None):
    """The render lock of the page `response` answered, for the current generations; of any page without one."""
    page = _page_key(response.wsgi_request) if response else ANY_PAGE
    return _render_lock_key(page, (desk_generation(), intake_generation()))


def hold_render_lock(response=None, seconds=10):
    """Take a render lock as a render under way does (in the first seconds after a change, one lock serves any page)."""
    assert cache.add(render_lock(response), 1, seconds)


def test_a_reader_arriving_while_a_stale_page_is_rendered_gets_the_previous_copy(client, claim):
    """Two requests after a change: one renders, the other is answered at once with the page as it was."""
    client.get("/rendered/")
    Claim.objects.create(text="Crime rose by 12% in Lyon.", article=claim.article)
    bump_desk_generation()
    meanwhile = []
    Render.meanwhile = lambda: meanwhile.append(queries_during(Client(), "/rendered/", headers=GZIP))
    Render.count = 0
    fresh = client.get("/rendered/")
    ((stale, queries),) = meanwhile
    assert Render.count == 1
    assert (fresh["X-Page-Cache"], fresh.content) == ("miss", b"2 claims")
    assert (stale["X-Page-Cache"], gzip.decompress(stale.content), queries) == ("stale", b"1 claims", 0)
    assert stale["Cache-Control"] == "public, no-cache"  # a CDN must not keep it


def test_once_that_render_is_stored_the_next_reader_gets_the_fresh_page(client, claim):
    client.get("/rendered/")
    Claim.objects.create(text="Crime rose by 12% in Lyon.", article=claim.article)
    bump_desk_generation()
    Render.meanwhile = lambda: Client().get("/rendered/")
    client.get("/rendered/")
    response = client.get("/rendered/")
    assert (response["X-Page-Cache"], response.content) == ("hit", b"2 claims")
    assert Render.count == 2


def test_with_no_render_under_way_a_stale_page_is_rendered_afresh(client, claim):
    client.get("/rendered/")
    bump_desk_generation()
    hold_render_lock()
    Claim.objects.create(text="Crime rose by 12% in Lyon.", article=claim.article)
    assert client.get("/rendered/")["X-Page-Cache"] == "stale"
    cache.delete(render_lock())
    assert client.get("/rendered/").content == b"2 claims"


def test_just_after_a_change_one_page_is_rendered_at_a_time_and_readers_of_the_others_get_their_previous_copy(
    client, claim
):
    """A publish makes every page stale at once: the workers are not all taken by renders while readers queue."""
    client.get("/rendered/")
    client.get("/count/")
    Claim.objects.create(text="Crime rose by 12% in Lyon.", article=claim.article)
    bump_desk_generation()
    meanwhile = []
    Render.meanwhile = lambda: meanwhile.append(Client().get("/count/"))
    assert client.get("/rendered/").content == b"2 claims"
    assert meanwhile[0]["X-Page-Cache"] == "stale"
    assert client.get("/count/")["X-Page-Cache"] == "miss"  # that render over, the next request renders


def test_a_page_still_stale_seconds_after_a_change_is_rendered_even_while_another_page_is(client, claim, monkeypatch):
    """So that no page stays stale for long on a busy site, where some page is always being rendered."""
    client.get("/rendered/")
    client.get("/count/")
    Claim.objects.create(text="Crime rose by 12% in Lyon.", article=claim.article)
    bump_desk_generation()
    later = time.time() + ONE_RENDER_AT_A_TIME_SECONDS + 1
    monkeypatch.setattr("factcheck.cache.time.time", lambda: later)
    meanwhile = []
    Render.meanwhile = lambda: meanwhile.append(Client().get("/count/"))
    client.get("/rendered/")
    assert (meanwhile[0]["X-Page-Cache"], meanwhile[0].content[:8]) == ("miss", b"2 claims")


def test_seconds_after_a_change_a_reader_arriving_while_the_same_page_is_rendered_gets_the_previous_copy(
    client, claim, monkeypatch
):
    first = client.get("/rendered/")
    Claim.objects.create(text="Crime rose by 12% in Lyon.", article=claim.article)
    bump_desk_generation()
    later = time.time() + ONE_RENDER_AT_A_TIME_SECONDS + 1
    monkeypatch.setattr("factcheck.cache.time.time", lambda: later)
    hold_render_lock(first)
    assert client.get("/rendered/")["X-Page-Cache"] == "stale"


def test_a_render_lock_left_by_a_crashed_render_expires(client, claim):
    client.get("/rendered/")
    Claim.objects.create(text="Crime rose by 12% in Lyon.", article=claim.article)
    bump_desk_generation()
    hold_render_lock(seconds=1)  # and never let go of it, as a killed worker would
    assert client.get("/rendered/").content == b"1 claims"
    time.sleep(1.1)
    response = client.get("/rendered/")
    assert (response["X-Page-Cache"], response.content) == ("miss", b"2 claims")


def test_a_render_that_fails_lets_go_of_its_lock(claim):
    client = Client(raise_request_exception=False)
    client.get("/rendered/")
    bump_desk_generation()
    Render.fails = True
    assert client.get("/rendered/").status_code == 500
    Render.fails = False
    Claim.objects.create(text="Crime rose by 12% in Lyon.", article=claim.article)
    assert client.get("/rendered/").content == b"2 claims"


def test_a_render_under_way_from_before_a_change_does_not_hold_back_a_request_after_it(client, claim):
    client.get("/rendered/")
    bump_desk_generation()
    hold_render_lock()  # started before the change below: it will not show it
    Claim.objects.create(text="Crime rose by 12% in Lyon.", article=claim.article)
    bump_desk_generation()
    assert client.get("/rendered/").content == b"2 claims"


@pytest.mark.parametrize(
    "reload", [{"Cache-Control": "max-age=0"}, {"Cache-Control": "no-cache", "Pragma": "no-cache"}]
)
def test_a_reader_who_reloads_is_never_answered_stale(client, claim, reload):
    client.get("/rendered/")
    Claim.objects.create(text="Crime rose by 12% in Lyon.", article=claim.article)
    bump_desk_generation()
    hold_render_lock()
    response = client.get("/rendered/", headers=reload)
    assert (response["X-Page-Cache"], response.content) == ("miss", b"2 claims")


def test_a_page_never_stored_is_rendered_by_every_request(client, claim):
    """With no previous copy to give, nobody waits for another request's render."""
    Render.meanwhile = lambda: Client().get("/rendered/")
    client.get("/rendered/")
    assert Render.count == 2
