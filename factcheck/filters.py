"""Filters for the public claim list (django-filter).

Every value comes from a query string anyone can type, so each filter is
forgiving: an unknown choice or a malformed date shows an error next to the
field and is otherwise ignored, and search text is cleaned and cut to a
sensible length before it reaches the database.
"""

from datetime import date

import django_filters
from django import forms
from django.db.models import Q
from django.utils.functional import cached_property

from factcheck.models import Actor, Article, Claim, FormerActorAddress, Verdict

# Longer search text is almost certainly not a reader looking for a claim.
SEARCH_MAX_LENGTH = 200
# Up to this many matches, searches on PostgreSQL are ranked best match first (see filter_search).
COMMON_MATCHES = 2_000


def clean_search_text(text: str) -> str:
    """The search text without control characters (NUL breaks PostgreSQL), runs of space, or excess length."""
    printable = "".join(char if char.isprintable() else " " for char in text)
    return " ".join(printable.split())[:SEARCH_MAX_LENGTH]


class DateInput(forms.DateInput):
    """A native date picker. A typed value that is not a date is not echoed back: type=date cannot hold it."""

    input_type = "date"

    def format_value(self, value):
        if isinstance(value, str):
            try:
                date.fromisoformat(value)
            except ValueError:
                return None
        return super().format_value(value)


class NameInput(forms.TextInput):
    """A text box that shows the name a page address stands for: a link from an actor's page filters by
    the actor's address (``?claimant=national-statistics-office``), and the box says “National Statistics
    Office”, as a reader would type it. ``names`` maps the addresses given to the names shown."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.names = {}

    def format_value(self, value):
        return super().format_value(self.names.get(value, value))


class ClaimFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search claims",
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    status = django_filters.ChoiceFilter(choices=Claim.Status.choices, empty_label="Any status")
    rating = django_filters.ChoiceFilter(
        label="Rating", method="filter_rating", choices=Verdict.Rating.choices, empty_label="Any rating"
    )
    claimant = django_filters.CharFilter(label="Claimant", method="filter_claimant", widget=NameInput)
    article = django_filters.CharFilter(label="Article title", method="filter_article", widget=NameInput)
    # Two plain date fields rather than one range widget, so each input has its own label.
    said_after = django_filters.DateFilter(
        label="Said on or after",
        field_name="said_on",
        lookup_expr="gte",
        widget=DateInput(format="%Y-%m-%d"),
    )
    said_before = django_filters.DateFilter(
        label="Said on or before",
        field_name="said_on",
        lookup_expr="lte",
        widget=DateInput(format="%Y-%m-%d"),
    )

    class Meta:
        model = Claim
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.label_suffix = ""
        if self.is_bound:
            self._show_names_for_addresses()

    def _show_names_for_addresses(self) -> None:
        """Show an actor's name and an article's title in their boxes when a link gave their page address."""
        claimant, article = self.data.get("claimant"), self.data.get("article")
        if claimant and (actor := self._actor_at(clean_search_text(claimant))):
            # A new dict each time, not the one the form's other copies of this widget share.
            self.form.fields["claimant"].widget.names = {claimant: actor[1]}
        if article and (title := Article.objects.filter(slug=clean_search_text(article)).values_list("title").first()):
            self.form.fields["article"].widget.names = {article: title[0]}

    def _actor_at(self, address: str) -> tuple[int, str] | None:
        """(id, name) of the actor at a page address, or at one it had before a rename or a merge (old links
        and bookmarks keep working, as its page does); None when the text is no actor's address."""
        if address not in self._addresses:
            self._addresses[address] = (
                Actor.objects.filter(slug=address).values_list("pk", "name").first()
                or FormerActorAddress.objects.filter(slug=address).values_list("actor", "actor__name").first()
            )
        return self._addresses[address]

    @cached_property
    def _addresses(self) -> dict:
        return {}

    def refused(self) -> list[tuple[forms.BoundField, str]]:
        """The filters whose value could not be read, each with what was wrong (the form's own message).

        The list is shown without them (the view is not strict), so the page must say so: empty when
        every filter given was used.
        """
        if not self.is_bound or self.form.is_valid():
            return []
        return [
            (self.form[name], " ".join(errors)) for name, errors in self.form.errors.items() if name in self.form.fields
        ]

    def applied_count(self) -> int:
        """How many filters narrow the list: those given a value that could be read."""
        if not self.is_bound:
            return 0
        refused = {field.name for field, _ in self.refused()}
        return len([name for name in self.form.changed_data if name not in refused])

    def filter_search(self, queryset, name, value):
        """Matching claims, best match first on PostgreSQL unless more than COMMON_MATCHES match.

        Ranking reads every match: a common word in a million claims matches
        tens of thousands, and ranking them cost more than a second. Past
        COMMON_MATCHES the list's own order (most check-worthy first) is used,
        which its index serves a page at a time, by number or by cursor.
        """
        text = clean_search_text(value)
        return queryset.search(text, common=self._is_common(text))

    @cached_property
    def _common(self) -> dict:
        return {}

    def _is_common(self, text: str) -> bool:
        """Asked once per search: the list view filters twice (the rows, and the plain claims for paging)."""
        if text and text not in self._common:
            self._common[text] = Claim.objects.count_matches(text, up_to=COMMON_MATCHES) > COMMON_MATCHES
        return self._common.get(text, False)

    def _names_one(self, model, field: str, value: str) -> bool:
        """Whether `value` is the whole name of some actor (or title of some article), asked once per list."""
        key = (model, value)
        if key not in self._whole_names:
            self._whole_names[key] = model.objects.filter(**{f"{field}__iexact": value}).exists()
        return self._whole_names[key]

    @cached_property
    def _whole_names(self) -> dict:
        return {}

    def filter_rating(self, queryset, name, value):
        """Checked claims with this rating: published, or repeating a published claim with it."""
        return queryset.filter(current_rating=value, status__in=[Claim.Status.PUBLISHED, Claim.Status.REPEAT])

    def filter_claimant(self, queryset, name, value):
        """A claimant by page address (links from actor pages, old addresses too), by full name (typed, or
        the name the box showed for a link), or by part of the name (typed)."""
        value = clean_search_text(value)
        if not value:
            return queryset
        if actor := self._actor_at(value):
            return queryset.filter(claimant=actor[0])
        if self._names_one(Actor, "name", value):
            return queryset.filter(claimant__name__iexact=value)
        return queryset.filter(claimant__name__icontains=value)

    def filter_article(self, queryset, name, value):
        """An article by page address (links from article pages), by full title (typed, or the title the
        box showed for a link), or by part of its title (typed).

        A text field rather than a list: an archive has more articles than a
        select box should hold."""
        value = clean_search_text(value)
        if not value:
            return queryset
        if self._names_one(Article, "title", value):
            return queryset.filter(Q(article__slug=value) | Q(article__title__iexact=value))
        return queryset.filter(Q(article__slug=value) | Q(article__title__icontains=value))
