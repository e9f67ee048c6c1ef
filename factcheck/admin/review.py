"""The editor's review screen: the verdict as readers will see it and, for a correction, what
changed since the published version, word by word.
"""

import difflib

from factcheck.models import (
    Verdict,
)


def verdict_diff(previous: Verdict, verdict: Verdict) -> list[dict]:
    """What a correction changes against the published version: for each changed part, its old
    and new text as (kind, text) runs, kind being "same", "removed" or "added"."""
    parts = [
        ("Rating", previous.get_rating_display(), verdict.get_rating_display()),
        ("Summary", previous.summary, verdict.summary),
        ("Explanation", previous.explanation, verdict.explanation),
        (
            "Sources",
            "\n".join(f"{source.title} {source.url}" for source in previous.sources.all()),
            "\n".join(f"{source.title} {source.url}" for source in verdict.sources.all()),
        ),
    ]
    return [{"part": part, "runs": word_diff(old, new)} for part, old, new in parts if old != new]


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """`old` turned into `new` word by word, as (kind, text) runs: "same", "removed" or "added"."""
    old_words, new_words = old.split(" "), new.split(" ")
    runs = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(("same", " ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("removed", " ".join(old_words[i1:i2])))
        if j2 > j1:
            runs.append(("added", " ".join(new_words[j1:j2])))
    return runs
