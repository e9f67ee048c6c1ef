"""RSS and Atom feeds of published fact-checks (django.contrib.syndication).

One entry per fact-check, whatever its corrections: the entry's id is the
claim page's address (absolute, at the organisation's URL, as RFC 4287 wants),
`published` is when the fact-check first appeared and `updated` when its
current version was published. A correction updates the entry in place and
puts its note first, so feed readers show it as changed rather than as a new
fact-check. An entry lists where the claim was said again (its confirmed
repeats), as the claim page does.

Everything in an entry is the desk's plain text (claims and names come from imported pages): Atom
titles and summaries are sent as text, and the RSS title and description, which readers take as
HTML, are built here with every piece of text escaped.
"""

import html

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html_join

from factcheck.models import Verdict
from factcheck.organization import absolute_url
from factcheck.repeats import appearances_of

FEED_ITEMS = 30


class VerdictFeed(Feed):
    description = "The latest published fact-checks: each claim, its rating and a one-line summary."

    def title(self):
        return f"{settings.FACTCHECK_ORGANIZATION['name']}: latest fact-checks"

    def link(self):
        return absolute_url(reverse("factcheck:claim_list"))

    url_name = "factcheck:verdict_feed"

    def feed_url(self):
        return absolute_url(reverse(self.url_name))

    def items(self):
        verdicts = list(
            Verdict.objects.current()
            .with_first_published()
            .select_related("claim__claimant", "claim__article", "author")
            .order_by("-published_at", "-pk")[:FEED_ITEMS]
        )
        appearances = appearances_of(verdict.claim_id for verdict in verdicts)  # one query for them all
        for verdict in verdicts:
            verdict.appearances = appearances.get(verdict.claim_id, [])
        return verdicts

    def item_title(self, verdict):
        # Readers take an RSS title as HTML too (Atom's is text): escaped, it shows as typed. Only the characters
        # that make markup: an apostrophe written "&#x27;" shows as such in a reader that takes the title as text.
        return html.escape(self.title_text(verdict), quote=False)

    def title_text(self, verdict) -> str:
        # The whole claim: a feed reader truncates for display if it must, not the desk.
        return f"{verdict.get_rating_display()}: {verdict.claim.text}"

    def item_description(self, verdict):
        """The entry's text as HTML built here: each paragraph escaped, so that a claim, a name or a note
        holding `<img onerror=…>` reaches the reader as those characters, never as markup. RSS has no
        plain-text description: readers treat it as HTML."""
        return format_html_join("", "<p>{}</p>", ((paragraph,) for paragraph in self.paragraphs(verdict)))

    def paragraphs(self, verdict) -> list[str]:
        """The entry's text, in plain-text paragraphs: the correction first, who said the claim, the
        rating and summary, and where it was said again."""
        lines = []
        if verdict.correction_note:
            lines.append(f"Correction: {verdict.correction_note}")
        claim = verdict.claim
        if claim.is_quotation:
            lines.append(f"{claim.claimant.name} said: {claim.as_shown()}")
        elif claim.claimant:
            # The article's words for what the claimant said: never presented as a quotation.
            lines.append(
                f"According to {claim.article.outlet or 'the article'}, {claim.claimant.name}: {claim.as_shown()}"
            )
        lines.append(f"Rating: {verdict.get_rating_display()}. {verdict.summary}")
        for match in getattr(verdict, "appearances", ()):
            repeat, article = match.claim, match.claim.article
            who = repeat.claimant.name if repeat.claimant else article.outlet or "an article"
            when = f" on {article.published_on:%-d %B %Y}" if article.published_on else ""
            lines.append(f"Also said by {who}{when}, in “{article.title}”: {repeat.as_shown()}")
        return lines

    def item_link(self, verdict):
        return absolute_url(verdict.claim.get_absolute_url())

    def item_guid(self, verdict):
        # The fact-check, not the version: a correction keeps the id.
        return absolute_url(verdict.claim.get_absolute_url())

    item_guid_is_permalink = True

    def item_pubdate(self, verdict):
        return verdict.first_published_at or verdict.published_at

    def item_updateddate(self, verdict):
        return verdict.published_at

    def item_author_name(self, verdict):
        """The fact-checker who wrote the current version, by name; the desk when they have none on record."""
        return verdict.author.get_full_name() or settings.FACTCHECK_ORGANIZATION["name"]

    def item_author_link(self, verdict):
        return settings.FACTCHECK_ORGANIZATION["url"]

    def item_categories(self, verdict):
        return [verdict.get_rating_display()]


class TextSummaryAtom1Feed(Atom1Feed):
    """Atom whose entry summaries are plain text (type="text"), as the desk writes them; Django's
    Atom1Feed labels every summary HTML, which would turn a claim's `<img onerror=…>` into markup."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class VerdictAtomFeed(VerdictFeed):
    feed_type = TextSummaryAtom1Feed
    url_name = "factcheck:verdict_atom_feed"
    subtitle = VerdictFeed.description

    def item_title(self, verdict):
        return self.title_text(verdict)

    def item_description(self, verdict):
        return "\n\n".join(self.paragraphs(verdict))
