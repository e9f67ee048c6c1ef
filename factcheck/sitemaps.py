"""The sitemap (django.contrib.sitemaps): every page a search engine should know about.

Checked claims: published ones (last modified when their current verdict was published) and
repeats of them (last modified with the verdict they share),
people and organisations with claims, articles, and the site's own pages.
Each section is split into pages of at most 50,000 addresses (Sitemap.limit,
the sitemaps.org maximum), listed by the index at /sitemap.xml. Addresses are
made at the organisation's URL (FACTCHECK_ORGANIZATION_URL), not at whatever
host the crawler used.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import Max
from django.template.response import TemplateResponse
from django.urls import reverse

from factcheck.models import Actor, Article, Claim, Verdict
from factcheck.organization import absolute_url


class DeskSitemap(Sitemap):
    """A section whose addresses start with the organisation's URL."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.FACTCHECK_ORGANIZATION["url"]).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.FACTCHECK_ORGANIZATION["url"]).netloc


class ClaimSitemap(DeskSitemap):
    """Published fact-checks and the claims that repeat them; a correction moves `lastmod` to when it was published."""

    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return (
            Claim.objects.checked()
            .with_current_verdict()
            .filter(current_published_at__isnull=False)
            .only("slug", "current_published_at")
            .order_by("-current_published_at", "-pk")
        )

    def lastmod(self, claim):
        return claim.current_published_at

    def get_latest_lastmod(self):
        return Verdict.objects.current().aggregate(latest=Max("published_at"))["latest"]


class ActorSitemap(DeskSitemap):
    """People and organisations with at least one claim (the others have no page worth reading)."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Actor.objects.filter(claims_made__isnull=False).distinct().only("slug").order_by("name")


class ArticleSitemap(DeskSitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self):
        return Article.objects.only("slug", "updated_at").order_by("-published_on", "-imported_at", "-pk")

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        # One aggregate, not Django's default of calling lastmod() on every article.
        return Article.objects.aggregate(latest=Max("updated_at"))["latest"]


class PageSitemap(DeskSitemap):
    """The home page, the lists and the pages about the desk."""

    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["home", "claim_list", "actor_list", "article_list", "methodology", "correction_list"]

    def location(self, name):
        return reverse(f"factcheck:{name}")


SITEMAPS = {"pages": PageSitemap, "claims": ClaimSitemap, "actors": ActorSitemap, "articles": ArticleSitemap}


@x_robots_tag
def index(request):
    """The sitemap index: one entry per page of each section, at the organisation's URL.

    Django's own index view builds these addresses from the request's host, so
    this is that view with the address taken from the settings.
    """
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        location = absolute_url(reverse("factcheck:sitemap_section", kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(location, lastmod))
        entries.extend(
            SitemapIndexItem(f"{location}?p={page}", lastmod) for page in range(2, sitemap.paginator.num_pages + 1)
        )
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml")
