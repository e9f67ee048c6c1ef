"""RSS and Atom feeds of published verdicts (django.contrib.syndication).

A correction is a new item: readers who follow the feed see that a rating
changed, with the correction note as the first line.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from factcheck.models import Verdict

FEED_ITEMS = 30


class VerdictFeed(Feed):
    description = "The latest published fact-checks: each claim, its rating and a one-line summary."

    def title(self):
        return f"{settings.FACTCHECK_ORGANIZATION['name']}: latest fact-checks"

    def link(self):
        return reverse("factcheck:claim_list")

    def items(self):
        return Verdict.objects.current().select_related("claim__claimant").order_by("-published_at", "-pk")[:FEED_ITEMS]

    def item_title(self, verdict):
        return f"{verdict.get_rating_display()}: {verdict.claim}"

    def item_description(self, verdict):
        lines = []
        if verdict.correction_note:
            lines.append(f"Correction: {verdict.correction_note}")
        if verdict.claim.claimant:
            lines.append(f"Claim by {verdict.claim.claimant.name}: “{verdict.claim.text}”")
        lines.append(f"Rating: {verdict.get_rating_display()}. {verdict.summary}")
        return "\n\n".join(lines)

    def item_link(self, verdict):
        return verdict.claim.get_absolute_url()

    def item_guid(self, verdict):
        return f"{verdict.claim.get_absolute_url()}#verdict-{verdict.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, verdict):
        return verdict.published_at

    def item_updateddate(self, verdict):
        return verdict.published_at

    def item_author_name(self, verdict):
        return settings.FACTCHECK_ORGANIZATION["name"]


class VerdictAtomFeed(VerdictFeed):
    feed_type = Atom1Feed
    subtitle = VerdictFeed.description
