"""What a news page's layout does to its article, undone before main-content extraction reads it, and what
the page shows as furniture.

trafilatura reads one container as the article and a table as data. A page can defeat both: an advertisement
splits the article into two containers of the same class, a page laid out in a table holds its article in a
cell, a pop-up card inside a paragraph runs into its sentence. The functions here change the parsed page (an
lxml tree) so that trafilatura reads the article whole, and ``page_furniture()`` notes the blocks the page
shows as links only (other stories' headlines, a "SEE MORE" cross-link) so that the plain-text rules can drop
the same lines from the text.
"""

import re

from .clutter import furniture_key

# Blocks of text a page shows on their own line.
_TEXT_BLOCKS = ("p", "li", "h2", "h3", "h4", "h5", "h6", "dt", "dd")
# Under this share of its characters in links, a block is the article's own text, which may link a word or two.
LINK_ONLY = 0.8
# A block longer than this is prose even when it links (a teaser's summary is shorter).
MAX_LINK_BLOCK_WORDS = 60
# A headline under a bold label is at most this long.
KICKER_MAX_WORDS = 25
# A pop-up card inside a paragraph (a person's picture, their latest stories, "MORE"), shown on hover: its
# text runs into the sentence around it ("Rep. Ilhan OmarIlhan OmarHillicon Valley: … MORE (D-Minn.)").
_POP_UP = re.compile(r"rollover|hovercard|hover-card|tooltip|popover|pop-up|popup", re.IGNORECASE)


def without_pop_ups(tree) -> None:
    """Removes pop-up cards (an image or several links in an element marked as one) from the page's paragraphs,
    keeping the text that follows each. Only the innermost card goes: the name it pops up from stays."""

    def is_card(element) -> bool:
        marks = f"{element.get('class') or ''} {element.get('id') or ''}"
        links = sum(1 for _ in element.iter("a"))
        return bool(_POP_UP.search(marks)) and (element.find(".//img") is not None or links >= 2)

    for paragraph in list(tree.iter("p")) if tree is not None else ():
        cards = [element for element in paragraph.iter("span", "div", "aside") if is_card(element)]
        for card in cards:
            if not any(other is not card and card in other.iterancestors() for other in cards):
                card.drop_tree()


def without_form_fields(tree) -> None:
    """Removes form fields: a text box holds a player's embed code or a comment being written, never the
    article's text, and a button or a list of options is the page's own."""
    for element in list(tree.iter("textarea", "select", "button")) if tree is not None else ():
        element.drop_tree()


# A class naming a container of the article's text ("article__body", "story-body", "entry-content").
_BODY_CONTAINER = re.compile(r"(?:article|story|entry|post)[-_]*(?:body|text|content)|body__container", re.IGNORECASE)
# Where a container is never the article's: beside it, above it or below it.
_OUTSIDE_ARTICLE = ("aside", "nav", "header", "footer")


def with_article_parts_joined(tree) -> None:
    """Joins an article that an advertisement splits into several containers of the same class (two
    "article__body" blocks either side of a mid-content advertisement) into the first of them: main-content
    extraction keeps one container, and would end the article at the advertisement.

    Only containers at the same depth under one parent or grandparent, in the same <article> if any, and none
    beside the article (an aside, a nav, a header or a footer): teasers that reuse the article's class, each in
    an <article> of its own, stay apart."""
    parts: dict[tuple[str, str], list] = {}
    for element in tree.iter("div", "section") if tree is not None else ():
        marks = " ".join((element.get("class") or "").split())
        if any(_BODY_CONTAINER.fullmatch(mark) for mark in marks.split()):
            parts.setdefault((element.tag, marks), []).append(element)
    for elements in parts.values():
        members = set(elements)
        outermost = [element for element in elements if not any(a in members for a in element.iterancestors())]
        if len(outermost) < 2 or any(not _may_join(element, outermost[0]) for element in outermost):
            continue
        first, *others = outermost
        for other in others:
            if (other.text or "").strip():
                last = first[-1] if len(first) else None
                if last is None:
                    first.text = (first.text or "") + other.text
                else:
                    last.tail = (last.tail or "") + other.text
            first.extend(list(other))
            other.drop_tree()


def _may_join(element, first) -> bool:
    ancestors, first_ancestors = list(element.iterancestors()), list(first.iterancestors())
    if element.find(".//p") is None or any(a.tag in _OUTSIDE_ARTICLE for a in ancestors):
        return False
    in_article = next(element.iterancestors("article"), None)
    return (
        in_article is next(first.iterancestors("article"), None)
        and len(ancestors) == len(first_ancestors)
        and any(a is b for a, b in zip(ancestors[:2], first_ancestors[:2], strict=True))
    )


def without_layout_tables(tree) -> None:
    """Turns a table that lays out the page (a cell holding headings or paragraphs of prose) into plain blocks:
    main-content extraction reads a table as data, one line a row, and would run the article into one line."""
    for table in list(tree.iter("table")) if tree is not None else ():
        cells = [cell for cell in table.iter("td", "th") if _table_of(cell) is table]
        if not any(
            cell.find(".//h1") is not None or cell.find(".//h2") is not None or len(cell.findall(".//p")) >= 2
            for cell in cells
        ):
            continue
        own = [part for part in table.iter("thead", "tbody", "tfoot", "tr", "td", "th") if _table_of(part) is table]
        for element in [table, *own]:
            element.tag = "div"


def _table_of(element):
    return next(element.iterancestors("table"), None)


def page_furniture(tree) -> frozenset[str]:
    """The folded text of each block that is (nearly) all links: a cross-link ("SEE MORE: <a>…</a>"), a list of
    other stories, a "Disclaimer" link. Article prose links a few words, never a whole paragraph."""
    found = set()
    for element in tree.iter(*_TEXT_BLOCKS) if tree is not None else ():
        text = " ".join(element.text_content().split())
        words = len(text.split())
        if not text or words > MAX_LINK_BLOCK_WORDS:
            continue
        # A block inside a short link (a teaser's <h3> in its <a href>) is all link; not inside a link left open
        # round the page.
        link = next(element.iterancestors("a"), None)
        within_link = link is not None and link.get("href") and len(link.text_content().split()) <= MAX_LINK_BLOCK_WORDS
        linked = len(text) if within_link else sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
        if (linked >= LINK_ONLY * len(text) or _kicker_and_headline(element, text)) and (key := furniture_key(text)):
            found.add(key)
    for listing in tree.iter("ul", "ol") if tree is not None else ():
        if _list_of_stories(listing):
            found.update(key for item in listing.iter("li") if (key := furniture_key(item.text_content())))
    return frozenset(found)


def _list_of_stories(listing) -> bool:
    """Whether a list is other stories' headlines ("More Great Stories": "The strange life and <a>mysterious death
    of a coder</a>", …): three items or more, short on average and each with a link, and two-fifths of its text in
    links. A list in an article's prose links a source now and then, not every item."""
    items = listing.findall("li")
    if len(items) < 3 or any(item.find(".//a") is None for item in items):
        return False
    texts = [" ".join(item.text_content().split()) for item in items]
    if sum(len(text.split()) for text in texts) > KICKER_MAX_WORDS * len(items):
        return False
    linked = sum(len(" ".join(link.text_content().split())) for item in items for link in item.iter("a"))
    return linked >= 0.4 * sum(len(text) for text in texts)


def _kicker_and_headline(element, text: str) -> bool:
    """A paragraph that is a bold label and another story's headline: "<strong>Internal memo:</strong> Federal
    prison guards falsified records" (the link is often lost when a page is saved). Article prose ends like a
    sentence; a headline does not."""
    first = next(iter(element), None)
    if first is None or first.tag not in {"strong", "b"} or (element.text or "").strip():
        return False
    label = " ".join(first.text_content().split())
    return label.endswith(":") and len(text.split()) <= KICKER_MAX_WORDS and not re.search(r"[.!?…][\"'”’)]*$", text)


_PULL_QUOTE = re.compile(r"pull-?_?quote", re.IGNORECASE)


def without_pull_quotes(tree) -> None:
    """Removes pull quotes: the article's own words set large beside it, which would be read twice."""
    for element in list(tree.iter("blockquote", "aside", "div", "td", "p", "figure")) if tree is not None else ():
        if _PULL_QUOTE.search(element.get("class") or "") and element.getparent() is not None:
            element.drop_tree()
