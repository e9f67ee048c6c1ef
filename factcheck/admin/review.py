"""What changed in a verdict's words, as a reader would see them: for a correction against the published
version (the review screen), and for changes proposed to the author (the verdict's page), word by word.

The explanation is compared as rendered from its Markdown, so the reviewer sees bold words, lists and
links changing rather than asterisks and brackets. (lxml's htmldiff was tried first: it marks whole
runs of unchanged words as removed and added, and writes a changed link's address into the text.)
"""

import difflib
import re

import nh3
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from factcheck.models import Actor, Claim, Verdict
from factcheck.templatetags.desk import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, markdown

PART_LABELS = {
    "rating": "Rating",
    "summary": "Summary",
    "explanation": "Explanation",
    "correction_note": "Public correction note",
    "sources": "Sources",
}


def verdict_diff(previous: Verdict, verdict: Verdict) -> list[dict]:
    """What a correction changes against the published version (see substance_diff), then what it changes
    of the claim's wording against the claim as readers see it (see wording_diff)."""
    return [
        *substance_diff(
            previous.substance(), verdict.substance(), parts=["rating", "summary", "explanation", "sources"]
        ),
        *wording_diff(verdict),
    ]


def wording_diff(verdict: Verdict) -> list[dict]:
    """Each part of the claim's wording (Claim.WORDING) that publishing this correction would change, as
    substance_diff gives them; empty when it changes none."""
    claim = verdict.claim
    current, proposed = claim.wording(), verdict.checked_wording()
    return [
        {
            "part": str(Verdict._meta.get_field(Claim.WORDING[name]).verbose_name).capitalize(),
            "diff": word_diff(_wording_shown(name, current[name]), _wording_shown(name, proposed[name])),
        }
        for name in verdict.wording_differences(claim)
    ]


def _wording_shown(name: str, value) -> str:
    """One part of a claim's wording as plain words: the claimant's name, a choice's label, a date."""
    if value in (None, ""):
        return "—"
    if name == "claimant":
        return Actor.objects.filter(pk=value).values_list("name", flat=True).first() or "—"
    if name == "quotation":
        return Claim.Quotation(value).label
    if name == "venue":
        return Claim.Venue(value).label
    return str(value)


def substance_diff(old: dict, new: dict, *, parts=tuple(PART_LABELS)) -> list[dict]:
    """Each of `parts` that differs between two Verdict.substance() values, as {"part": its label,
    "diff": HTML with removed words in <del> and added words in <ins>}; empty when nothing differs."""
    rendered = {
        "rating": lambda value: word_diff(*(Verdict.Rating(v).label if v else "Not rated" for v in value)),
        "summary": lambda value: word_diff(*value),
        "correction_note": lambda value: word_diff(*value),
        "explanation": lambda value: rendered_diff(markdown(value[0]), markdown(value[1])),
        "sources": lambda value: rendered_diff(sources_html(value[0]), sources_html(value[1])),
    }
    return [
        {"part": PART_LABELS[part], "diff": rendered[part]((old[part], new[part]))}
        for part in parts
        if _comparable(old[part]) != _comparable(new[part])
    ]


def word_diff(old: str, new: str) -> SafeString:
    """Two plain texts compared word by word (see rendered_diff), escaped."""
    return rendered_diff(escape(old), escape(new))


# A tag or a word, with the white space before it.
_TOKEN = re.compile(r"(\s*)(<[^>]*>|[^\s<]+)")


def rendered_diff(old_html: str, new_html: str) -> SafeString:
    """Two pieces of the desk's own sanitised HTML compared word by word: `new_html` with its tags as they
    are, added words in <ins> and removed words (without their tags) in <del> where they were. The result
    is sanitised again, <ins> and <del> allowed."""
    old_tokens, new_tokens = _TOKEN.findall(str(old_html)), _TOKEN.findall(str(new_html))
    matcher = difflib.SequenceMatcher(
        a=[token for _, token in old_tokens], b=[token for _, token in new_tokens], autojunk=False
    )
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [space + token for space, token in new_tokens[j1:j2]]
            continue
        removed = [(space, token) for space, token in old_tokens[i1:i2] if not token.startswith("<")]
        if removed:
            out.append(f"{removed[0][0]}<del>{_joined(removed)}</del>")
        words = []
        for space, token in [*new_tokens[j1:j2], ("", "")]:
            if words and (token.startswith("<") or not token):
                # Right after the removed words, a space between the two, whatever the text had.
                space_before = " " if removed and len(out) and out[-1].endswith("</del>") else words[0][0]
                out.append(f"{space_before}<ins>{_joined(words)}</ins>")
                words = []
            if token.startswith("<"):
                out.append(space + token)
            elif token:
                words.append((space, token))
    return mark_safe(  # nh3 removes anything not allowed
        nh3.clean(
            "".join(out).strip(),
            tags=ALLOWED_TAGS | {"ins", "del", "div"},
            attributes={**ALLOWED_ATTRIBUTES, "div": {"class", "role", "aria-label", "tabindex"}},
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer nofollow",
        )
    )


def _joined(tokens: list[tuple[str, str]]) -> str:
    """Words with the space that was between them (the first one's own space left out)."""
    return tokens[0][1] + "".join(space + token for space, token in tokens[1:])


def sources_html(sources: list[dict]) -> SafeString:
    """Sources as the public page lists them (title, publisher, address, date), for comparing."""
    if not sources:
        return mark_safe("<p>No sources.</p>")
    return format_html(
        "<ol>{}</ol>",
        format_html_join(
            "",
            "<li>{}{} ({}), accessed {}</li>",
            (
                (
                    source["title"],
                    f", {source['publisher']}" if source.get("publisher") else "",
                    source["url"],
                    source["accessed_on"],
                )
                for source in sources
            ),
        ),
    )


def _comparable(value):
    """Sources compared by what readers see of them (their ids aside); anything else as it is."""
    if isinstance(value, list):
        return [{name: source.get(name) for name in ("title", "publisher", "url", "accessed_on")} for source in value]
    return value
