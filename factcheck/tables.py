"""The public claim table (django-tables2)."""

import django_tables2 as tables
from django.db.models import Case, F, IntegerField, Value, When
from django.template.defaultfilters import truncatechars
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from factcheck.models import Claim, Verdict

# Workflow order, not alphabetical: awaiting check first, dismissed last.
STATUS_ORDER = Case(
    *(When(status=value, then=Value(position)) for position, value in enumerate(Claim.Status.values)),
    output_field=IntegerField(),
)
RATING_ORDER = Case(
    *(When(current_rating=value, then=Value(position)) for position, value in enumerate(Verdict.Rating.values, 1)),
    default=Value(0),
    output_field=IntegerField(),
)


def status_badge(status: str, rating: str | None, original_url: str = "") -> str:
    """The claim's status in words; a published claim shows its rating instead of the bare word, and a repeat
    of a published claim the rating of that claim, linking to its fact-check (`original_url`) when given."""
    if status == Claim.Status.PUBLISHED and rating:
        label = Verdict.Rating(rating).label
        return format_html('<span class="badge rating rating-{}">Published: {}</span>', rating, label)
    if status == Claim.Status.REPEAT and rating:
        label = Verdict.Rating(rating).label
        if original_url:
            return format_html(
                '<a class="badge rating rating-{}" href="{}">Already checked: {}</a>', rating, original_url, label
            )
        return format_html('<span class="badge rating rating-{}">Already checked: {}</span>', rating, label)
    return format_html('<span class="badge status status-{}">{}</span>', status, Claim.Status(status).label)


def original_url(claim: Claim) -> str:
    """The address of the fact-check a repeat shares, when its original was loaded with it; "" otherwise."""
    if claim.repeat_of_id and Claim.repeat_of.is_cached(claim):
        return claim.repeat_of.get_absolute_url()
    return ""


def unconfirmed_mark(claim) -> str:
    """A note after the claimant's name while nobody has confirmed who made the claim (as its own page says):
    the name is the importer's reading of the article. Empty for a confirmed claimant or none."""
    if claim.claimant_id is None or claim.attribution_confirmed_at is not None:
        return ""
    return format_html('<span class="unconfirmed"> ({})</span>', "the software’s reading, not yet confirmed")


def shortened(text: str, length: int) -> str:
    """truncatechars(text, length), without its cost (a translation lookup, a walk over every character)
    for a text already short enough, as most claims and titles are."""
    return text if len(text) <= length else truncatechars(text, length)


class ClaimTable(tables.Table):
    text = tables.Column(verbose_name="Claim", orderable=False, attrs={"td": {"data-label": "Claim"}})
    claimant = tables.Column(verbose_name="Claimant", attrs={"td": {"data-label": "Claimant"}})
    said = tables.Column(verbose_name="Said", accessor="said_on", attrs={"td": {"data-label": "Said"}})
    status = tables.Column(verbose_name="Status", attrs={"td": {"data-label": "Status"}})

    class Meta:
        model = Claim
        fields = ["text", "claimant", "said", "status"]
        template_name = "factcheck/includes/claim_table.html"
        order_by_field = "sort"
        empty_text = "No claims match these filters."
        attrs = {"class": "claim-table"}

    def rendered_rows(self) -> list[SafeString]:
        """This page's rows, each the HTML of its cells: what django-tables2 renders, made faster.

        Each cell comes from its column's render_ method, or the table's default
        when the value is empty, as in django-tables2. What is skipped is its work
        per cell (inspecting the render method's signature, resolving the value
        twice, building the column's attributes again): on a page of 100 claims
        that was half of the page's CPU. The columns' attributes do not depend on
        the row, so they are built once.
        """
        columns = [
            (column.attrs["td"].as_html(), column.accessor, column.column.empty_values, column.default)
            for column in self.columns
        ]
        renderers = [getattr(self, f"render_{column.name}") for column in self.columns]
        rows = []
        for row in self.paginated_rows:
            record = row.record
            cells = []
            for (attrs, accessor, empty_values, default), render in zip(columns, renderers, strict=True):
                value = accessor.resolve(record, quiet=True)
                cells.append((attrs, default if value in empty_values else render(record=record, value=value)))
            rows.append(format_html_join("", "<td {}>{}</td>", cells))
        return rows

    def render_text(self, record, value):
        # Titles and names are isolated (<bdi>) from the words around them: a Hebrew or Arabic outlet
        # would otherwise take the punctuation beside it into its own direction.
        return format_html(
            '<a href="{}">{}</a><span class="source">in <cite><bdi>{}</bdi></cite>{}</span>',
            record.get_absolute_url(),
            record.as_shown(220),
            shortened(record.article.title, 90),
            format_html(", <bdi>{}</bdi>", record.article.outlet) if record.article.outlet else "",
        )

    def render_claimant(self, record, value):
        return format_html(
            '<a href="{}"><bdi>{}</bdi></a>{}', value.get_absolute_url(), value.name, unconfirmed_mark(record)
        )

    def render_said(self, record, value):
        """When, and where when known: “4 Mar 2025” over “Interview”."""
        venue = format_html('<span class="venue">{}</span>', record.get_venue_display()) if record.venue else ""
        return format_html('<time datetime="{}">{}</time>{}', value.isoformat(), date_format(value, "j M Y"), venue)

    def render_status(self, record, value):
        return status_badge(record.status, record.current_rating, original_url(record))

    def order_claimant(self, queryset, is_descending):
        """By claimant's name; claims without a claimant last, whichever way (the article's own assertions)."""
        name = F("claimant__name")
        return queryset.order_by(name.desc(nulls_last=True) if is_descending else name.asc(nulls_last=True), "pk"), True

    def order_said(self, queryset, is_descending):
        """By the date said; claims nobody has dated last, whichever way."""
        said = F("said_on")
        return queryset.order_by(said.desc(nulls_last=True) if is_descending else said.asc(nulls_last=True), "pk"), True

    def order_status(self, queryset, is_descending):
        """By status, then checked claims from false to true, so like ratings sit together."""
        if is_descending:
            return queryset.order_by(STATUS_ORDER.desc(), RATING_ORDER.desc(), "-pk"), True
        return queryset.order_by(STATUS_ORDER.asc(), RATING_ORDER.asc(), "pk"), True
