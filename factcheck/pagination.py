"""Keyset ("after this claim") pagination, so that page 20,000 costs what page 1 costs.

OFFSET makes the database walk every row before the page: at a million
claims a deep page took half a second. A keyset page instead asks for the
rows that come after a given row in the list's order (`?after=<slug>`), which
an index on that order answers with one range scan. The first pages keep
their numbers (`?page=3`), which is what readers expect and is cheap; links
beyond them, and every "Next" from there on, carry the cursor instead. Both
kinds of URL are stable and can be shared.

A cursor names a row, not a position: it stays valid while the row exists,
and the page after it is whatever follows it in the list at the time. A
cursor naming a row that does not exist (mistyped, or deleted since) is an
InvalidCursor, which the views answer with 400 and a plain explanation.
"""

import json
import re
from dataclasses import dataclass, field

from django.core.paginator import Page
from django.core.validators import slug_re
from django.db import connections
from django.db.models import Q

# Pages 1..NUMBERED_PAGES are linked by number; after that, by cursor.
NUMBERED_PAGES = 10


class InvalidCursor(ValueError):
    """The `after`/`before` value in the URL names nothing that exists."""

    def __init__(self, message: str = ""):
        super().__init__(
            message
            or "This page link points after an item that no longer exists (or was mistyped). "
            "Start again from the first page."
        )


def beyond(order: list[str], values: tuple, *, before: bool = False) -> Q:
    """The rows after (or before) the row whose `order` fields hold `values`, in that order.

    `order` is an order_by() list such as ["-checkworthiness", "-created_at", "-id"];
    the last field must be unique. Written as `first <= v AND (first < v OR
    (first = v AND (...)))` rather than an OR of cases, so that the database
    starts its index scan at the anchor row instead of filtering the whole index.
    """
    condition = None
    for name, value in reversed(list(zip(order, values, strict=True))):
        descending = name.startswith("-")
        name = name.lstrip("-")
        lookup = "lt" if descending != before else "gt"
        strictly = Q(**{f"{name}__{lookup}": value})
        condition = strictly if condition is None else strictly | (Q(**{name: value}) & condition)
    first_name = order[0].lstrip("-")
    first_lookup = "lte" if order[0].startswith("-") != before else "gte"
    return Q(**{f"{first_name}__{first_lookup}": values[0]}) & condition


def reverse_order(order: list[str]) -> list[str]:
    return [name[1:] if name.startswith("-") else f"-{name}" for name in order]


@dataclass
class Pager:
    """What the page links need: numbered links for the first pages, then cursors.

    Each of `previous`, `next` and `first` is a dict of query-string values
    for `{% querystring %}` (None removes a parameter), or None when there is
    no such page.
    """

    numbers: list[int] = field(default_factory=list)
    current: int | None = None
    previous: dict | None = None
    next: dict | None = None
    first: dict | None = None

    @property
    def has_links(self) -> bool:
        return bool(self.previous or self.next or len(self.numbers) > 1)


def page_link(*, page: int | None = None, after: str | None = None, before: str | None = None) -> dict:
    return {"page": page if page and page > 1 else None, "after": after, "before": before}


def numbered_pager(number: int, num_pages: int, *, last_key: str | None) -> Pager:
    """Links for numbered page `number`: numbers up to NUMBERED_PAGES, then "Next" by cursor."""
    numbers = list(range(1, min(num_pages, NUMBERED_PAGES) + 1))
    has_next = number < num_pages
    if not has_next:
        following = None
    elif number < NUMBERED_PAGES:
        following = page_link(page=number + 1)
    else:
        following = page_link(after=last_key)
    return Pager(
        numbers=numbers,
        current=number,
        previous=page_link(page=number - 1) if number > 1 else None,
        next=following,
    )


class KeysetPage(Page):
    """A page found by cursor: it has neighbours but no number."""

    def __init__(self, object_list, paginator, *, has_next: bool, has_previous: bool):
        super().__init__(object_list, None, paginator)
        self._has_next, self._has_previous = has_next, has_previous

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self._has_previous

    def has_other_pages(self):
        return self._has_next or self._has_previous

    def start_index(self):
        return None

    def end_index(self):
        return None


@dataclass
class KeysetResult:
    items: list
    pager: Pager
    count: int
    number: int | None


def paginate(queryset, *, order: list[str], per_page: int, number: int, cursor, key: str = "slug") -> KeysetResult:
    """One page of `queryset` in `order`: page `number` (numbered pages), or the page after/before
    the row whose `key` is the cursor's value. Runs a COUNT, the page query, and for a cursor one
    lookup of its row. Raises InvalidCursor when no row has that key.

    `order` must end with a unique field; `cursor` is None or ("after" or "before", value).
    """
    queryset = queryset.order_by(*order)
    count = queryset.count()
    pages = max(1, -(-count // per_page))
    if cursor:
        direction, value = cursor
        fields = [name.lstrip("-") for name in order]
        # Looked up in the list itself, so that an order on an annotation works and a cursor naming a row
        # outside the list (another actor's claim, say) is refused like a mistyped one.
        anchor = queryset.filter(**{key: value}).values_list(*fields).first()
        if anchor is None:
            raise InvalidCursor()
        before = direction == "before"
        window = queryset.filter(beyond(order, anchor, before=before))
        if before:
            window = window.order_by(*reverse_order(order))
        items = _rows(queryset, window[: per_page + 1])
        more = len(items) > per_page
        if more:
            items = items[1:] if before else items[:-1]  # the one beyond the page, farthest from the cursor
        if before and not more:
            return paginate(queryset, order=order, per_page=per_page, number=1, cursor=None, key=key)
        has_next = more or before
        pager = Pager(
            first=page_link(),
            previous=page_link(before=getattr(items[0], key)) if items else None,
            next=page_link(after=getattr(items[-1], key)) if has_next and items else None,
        )
        return KeysetResult(items=items, pager=pager, count=count, number=None)
    number = min(max(number, 1), pages)
    items = _rows(queryset, queryset[(number - 1) * per_page : number * per_page])
    last_key = getattr(items[-1], key) if items else None
    return KeysetResult(items=items, pager=numbered_pager(number, pages, last_key=last_key), count=count, number=number)


def _rows(queryset, window) -> list:
    """The rows of `window` (a slice of `queryset`), in `queryset`'s order, in one query.

    The database orders and slices the ids alone and reads whole rows (and their
    joins) only for the page: for an actor with 10,000 claims it sorted 10,000
    full rows, texts and contexts included, to show 25.
    """
    return list(queryset.filter(pk__in=window.values("pk")))


# Up to this many rows a list is counted exactly; beyond, PostgreSQL's estimate is shown as "about".
EXACT_COUNT_UP_TO = 10_000


def count_rows(queryset, *, exact_up_to: int = EXACT_COUNT_UP_TO) -> tuple[int, str]:
    """(how many rows the queryset has, "" when exact or else "about" or "more than"), at a cost that
    does not grow with the table.

    COUNT(*) reads every matching row: at a million claims it cost more than
    the rest of the page. The rows are counted up to `exact_up_to`; past
    that, PostgreSQL's planner estimate is used instead (one EXPLAIN, which
    reads no rows). SQLite has no estimate: there the count says only "more
    than exact_up_to" (exact_up_to + 1, not exact).
    """
    queryset = queryset.order_by()  # the order costs a sort or an ordered scan, and a count needs neither
    bounded = queryset.values("pk")[: exact_up_to + 1].count()
    if bounded <= exact_up_to:
        return bounded, ""
    if connections[queryset.db].vendor != "postgresql":
        return exact_up_to, "more than"  # SQLite has no estimate, and counting cost 0.4-0.8 s at 1M claims
    sql, params = queryset.values("pk").query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    estimate = int(plan[0]["Plan"]["Plan Rows"])
    return max(estimate, bounded), "about"


# A whole number as people type it in a URL: ASCII digits, at most 18 of them (it fits the database's bigint).
WHOLE_NUMBER = re.compile(r"-?[0-9]{1,18}")


def parse_int(value: str | None) -> int | None:
    """`value` as a whole number, or None when it is not written with ASCII digits alone.

    int() reads more than a URL should: "٣" (an Arabic-Indic digit) is 3, "1_000" is 1000 and " 7 "
    is 7, while "²" passes str.isdigit() and then makes int() fail. Only "-?[0-9]+" is a number here,
    so every page reads the same numbers the same way and none raises on a hostile one.
    """
    if value is None or not WHOLE_NUMBER.fullmatch(value):
        return None
    return int(value)


def query_int(request, name: str, default: int) -> int:
    """A whole number from the query string, or default when it is missing or not a number."""
    number = parse_int(request.GET.get(name))
    return default if number is None else number


def query_slugs(request, name: str, *, limit: int) -> list[str]:
    """Up to `limit` slugs from a repeated query parameter (`?checked=a&checked=b`), leaving out values
    that cannot be a slug: a NUL or markup names nothing, and PostgreSQL refuses a NUL outright."""
    return [value for value in request.GET.getlist(name) if slug_re.fullmatch(value)][:limit]


def cursor_from(request) -> tuple[str, str] | None:
    """("after" or "before", slug) from the query string, or None when there is no cursor."""
    for direction in ("after", "before"):
        if value := request.GET.get(direction, "").strip():
            if not value.isprintable():  # a NUL cannot even be sent to PostgreSQL: nothing is named so
                raise InvalidCursor()
            return direction, value[:255]
    return None
