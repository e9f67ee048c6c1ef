"""Repeats: recognising a claim the desk has already checked when it comes back in other words.

The matcher (``factcheck.matching``) knows nothing of the database; this module keeps
one index of it per process over the claims that count, and answers from it:

- ``published_claims`` covers every claim with a published verdict: what readers and
  the search API may find.
- ``desk_claims`` also covers claims in research or review, so an import can suggest
  to editors that a new claim is one someone is already checking.

An index is renewed when the claims it covers change (a verdict published or corrected,
a claim edited, dismissed or sent to review): a use asks the database for a small
signature (how many such claims, when the last one changed), at most once every
FACTCHECK_MATCHING_CHECK_SECONDS (5) per process, so a change is seen within seconds
and an import of many articles does not ask for each. When it differs, a
background thread makes the new index while requests go on being answered from the old
one, so a publish never makes a reader wait. The new index is the old one extended with
the claims changed since (``ClaimIndex.extended``), not a fresh build of every claim, until
those reach FRESH_BUILD_SHARE of it: at a few hundred thousand checked claims a fresh build
takes tens of seconds of CPU, and a desk publishing through the day would spend them on every
verdict. Only the first use in a process, with no index yet, builds in the foreground. Results
are read back from the database, so a claim that has left the index's scope since the last build
is never returned.

Each claim's embedding (``factcheck.embeddings``, about 5 ms of CPU a claim) is stored in
``ClaimEmbedding`` when the claim is imported; a build embeds only the claims in scope that
have none, or whose text was edited since (at most FACTCHECK_MATCHING_EMBED_LIMIT per build,
1,000 by default: a first build in a request must not take minutes; past that, the rest are
matched on their words alone until a later build reaches them, or `manage.py match_repeats`
embeds them all).

``match_imported_claims()`` is the importer's hook: each new claim above
``LINK_THRESHOLD`` against a published claim is linked as already checked; above
``SUGGEST_THRESHOLD`` it is suggested to an editor. The thresholds were measured on the
CheckThat! 2022 dev queries (BENCHMARKS.md, claim matching).
"""

import logging
import threading
import time
from collections.abc import Iterable
from datetime import timedelta
from typing import NamedTuple

import numpy as np
from django.conf import settings
from django.db import DatabaseError, connections
from django.db.models import Count, Max, Q

from factcheck import embeddings
from factcheck.matching import LINK_THRESHOLD, RELATED_THRESHOLD, SUGGEST_THRESHOLD, ClaimIndex, clean, embed_queries
from factcheck.models import Claim, ClaimEmbedding, ClaimMatch

logger = logging.getLogger(__name__)

# The most suggestions one new claim gets.
SUGGESTIONS_PER_CLAIM = 3
# An index is built afresh, instead of extended with the claims changed since, once those reach this
# share of its last fresh build (the words' statistics drift; claims that left the scope still take room).
FRESH_BUILD_SHARE = 0.2
CHANGE_MARGIN = timedelta(minutes=1)


class Built(NamedTuple):
    """An index, the signature of the claims it was made from, and how many claims its last fresh build held."""

    signature: tuple
    index: ClaimIndex
    fresh_size: int


class DeskIndex:
    """A process-wide ClaimIndex over the claims `scope` selects, rebuilt when they change."""

    def __init__(self, name: str, scope: Q):
        self.name = name
        self.scope = scope
        self._lock = threading.Lock()
        self._built: Built | None = None
        self._rebuilding = False
        self.rebuild_thread: threading.Thread | None = None
        self._checked_at = float("-inf")

    def claims(self, using: str = "default"):
        return Claim.objects.using(using).filter(self.scope)

    def signature(self, using: str = "default") -> tuple:
        """What the index must be rebuilt after: which database, and how many claims could be in any
        index and their latest change. Every publish, correction, dismissal, review or edit of a claim
        saves its updated_at, so this changes with them; it needs no join, unlike the scopes."""
        totals = (
            Claim.objects.using(using)
            .filter(status__in=[Claim.Status.PUBLISHED, Claim.Status.IN_REVIEW, Claim.Status.RESEARCHING])
            .aggregate(count=Count("pk"), last=Max("updated_at"))
        )
        return (connections[using].settings_dict["NAME"], totals["count"], totals["last"])

    def build(
        self, using: str = "default", *, embed_limit: int | None = None, previous: "Built | None" = None
    ) -> "Built":
        """A new index of the claims in scope, with their stored embeddings; claims without one (or
        whose text changed since) are embedded and stored first, at most `embed_limit` of them
        (FACTCHECK_MATCHING_EMBED_LIMIT by default). Past the limit a claim is found by its words only.

        Given the `previous` build, only the claims changed since it are read and added to its index
        (``ClaimIndex.extended``: seconds less at a few hundred thousand claims), until the claims
        added so reach FRESH_BUILD_SHARE of the last fresh build; then, or without one, all are read."""
        signature = self.signature(using)
        claims = Claim.objects.using(using).filter(pk__in=self.claims(using).values("pk"))
        extending = (
            previous is not None
            and previous.signature[0] == signature[0]
            and previous.signature[2] is not None
            and len(previous.index) - previous.fresh_size < FRESH_BUILD_SHARE * previous.fresh_size
        )
        if extending:
            # A claim saved just before the previous build may have been committed just after it: a
            # margin reads it again (one already indexed with the same text is skipped).
            claims = claims.filter(updated_at__gte=previous.signature[2] - CHANGE_MARGIN)
        rows = claims.values_list("pk", "text", "embedding__digest", "embedding__vector").iterator(chunk_size=5000)
        indexed = dict(zip(previous.index.keys, previous.index.texts, strict=True)) if extending else {}
        pairs, vectors, missing = [], [], []
        for pk, text, digest, vector in rows:
            if indexed.get(pk) == clean(text):
                continue
            if vector is None or digest != ClaimEmbedding.digest_of(text):
                missing.append(len(pairs))
                vector = None
            pairs.append((pk, text))
            vectors.append(None if vector is None else embeddings.from_bytes(vector))
        limit = settings.FACTCHECK_MATCHING_EMBED_LIMIT if embed_limit is None else embed_limit
        if len(missing) > limit:
            logger.warning(
                "%d claims in the %s index have no embedding; %d are embedded now. "
                "Run `manage.py match_repeats` to embed them all.",
                len(missing), self.name, limit,
            )  # fmt: skip
        for start in range(0, min(len(missing), limit), 500):
            positions = missing[start : min(start + 500, limit)]
            claims = [Claim(pk=pairs[position][0], text=pairs[position][1]) for position in positions]
            found = embed_queries([claim.text for claim in claims])
            ClaimEmbedding.objects.using(using).store(claims, found)
            for position, vector in zip(positions, found, strict=True):
                vectors[position] = vector
        zero = np.zeros(embeddings.DIMENSIONS, dtype=np.float32)
        matrix = np.vstack([zero if vector is None else vector for vector in vectors]) if pairs else None
        if extending:
            index = previous.index.extended(pairs, vectors=matrix) if pairs else previous.index
            return Built(signature, index, previous.fresh_size)
        index = ClaimIndex(pairs, vectors=matrix)
        return Built(signature, index, len(index))

    def index(self, using: str = "default") -> ClaimIndex:
        """The current index: the one built now when there is none, else the latest one while a rebuild runs."""
        built = self._built
        if built is not None and time.monotonic() - self._checked_at < settings.FACTCHECK_MATCHING_CHECK_SECONDS:
            return built.index
        signature = self.signature(using)
        self._checked_at = time.monotonic()
        if built is not None and built.signature == signature:
            return built.index
        if built is None or not settings.FACTCHECK_MATCHING_BACKGROUND:
            with self._lock:
                if self._built is None or self._built.signature != signature:
                    self._built = self.build(using, previous=self._built)
                return self._built.index
        with self._lock:
            if not self._rebuilding:
                self._rebuilding = True
                self.rebuild_thread = threading.Thread(
                    target=self._rebuild, args=(using,), name=f"{self.name}-claim-index", daemon=True
                )
                self.rebuild_thread.start()
        return built.index

    def _rebuild(self, using: str) -> None:
        try:
            built = self.build(using, previous=self._built)
            with self._lock:
                self._built = built
        except Exception:
            logger.exception("Rebuilding the %s claim index failed; the previous one stays in use", self.name)
        finally:
            self._rebuilding = False
            connections.close_all()

    def search(
        self, text: str, *, limit: int = 5, min_score: float = RELATED_THRESHOLD, using: str = "default"
    ) -> list:
        """Claims in scope that `text` repeats, best first, each with `match_score` set; [] for a blank text."""
        found = [(pk, score) for pk, score in self.index(using).search(text, limit=limit) if score >= min_score]
        if not found:
            return []
        claims = (
            self.claims(using)
            .filter(pk__in=[pk for pk, _ in found])
            .with_current_verdict()
            .select_related("article", "claimant")
            .in_bulk()
        )
        results = []
        for pk, score in found:
            if pk in claims:
                claims[pk].match_score = score
                results.append(claims[pk])
        return results

    def forget(self) -> None:
        """Drop the index (tests, or after restoring a backup); the next use builds it again."""
        with self._lock:
            self._built = None
            self._checked_at = float("-inf")


published_claims = DeskIndex("published", Q(verdicts__is_current=True) & ~Q(status=Claim.Status.DISMISSED))
desk_claims = DeskIndex(
    "desk",
    (Q(verdicts__is_current=True) & ~Q(status=Claim.Status.DISMISSED))
    | Q(status__in=[Claim.Status.RESEARCHING, Claim.Status.IN_REVIEW]),
)


def appearances_of(claim_ids: Iterable[int]) -> dict[int, list[ClaimMatch]]:
    """The confirmed repeats of each claim (its other appearances), oldest article first, in one query."""
    found: dict[int, list[ClaimMatch]] = {}
    matches = (
        ClaimMatch.objects.confirmed()
        .filter(original_id__in=list(claim_ids))
        .select_related("claim__article", "claim__claimant")
        .order_by("claim__article__published_on", "claim__created_at", "pk")
    )
    for match in matches:
        found.setdefault(match.original_id, []).append(match)
    return found


def desk_has_claims_to_match(using: str = "default") -> bool:
    """Whether an import has anything to match its claims against (so whether to embed them at all)."""
    try:
        return len(desk_claims.index(using)) > 0
    except DatabaseError:
        raise
    except Exception:
        logger.exception("The claim index could not be built; imported claims will not be matched")
        return False


def match_imported_claims(
    claims: Iterable[Claim], *, vectors: dict[str, np.ndarray] | None = None, using: str = "default"
) -> int:
    """Link or suggest, for each newly saved claim, the earlier claims it repeats; returns how many links were made.

    `vectors` are embeddings by claim text made beforehand (``importer.prepare_article(embed=True)``);
    the claims they miss are embedded here. Runs inside the import's transaction, so a rolled-back
    import leaves no links behind.
    """
    claims = [claim for claim in claims if claim.pk is not None]
    if not claims:
        return 0
    try:
        index = desk_claims.index(using)
        if not len(index):
            return 0  # nothing checked yet: nothing to match (the index embeds these claims if they are checked)
        # Kept: the claim's vector is needed again when it is checked.
        vectors = dict(vectors or {})
        missing = [claim.text for claim in claims if claim.text not in vectors]
        vectors.update(zip(missing, embed_queries(missing), strict=True))
        ordered = [vectors[claim.text] for claim in claims]
        ClaimEmbedding.objects.using(using).store(claims, ordered)
        proposals = {}
        for claim, vector in zip(claims, ordered, strict=True):
            found = index.search(claim.text, limit=SUGGESTIONS_PER_CLAIM, vector=vector)
            found = [(pk, score) for pk, score in found if pk != claim.pk and score >= SUGGEST_THRESHOLD]
            if found:
                proposals[claim.pk] = found
    except DatabaseError:
        raise  # the import's transaction is broken: it is rolled back (and retried) as a whole
    except Exception:
        # A fault in the matcher (say, a damaged weights file) must not stop articles being imported.
        logger.exception("Claim matching failed; %d imported claims were not matched", len(claims))
        return 0
    if not proposals:
        return 0
    originals = {pk for found in proposals.values() for pk, _ in found}
    # Which are still on the desk, and which of those have a published verdict, in one query.
    ratings = dict(
        desk_claims.claims(using).filter(pk__in=originals).with_current_verdict().values_list("pk", "current_rating")
    )
    links = []
    for claim_pk, found in proposals.items():
        linked = False
        for original_pk, score in found:
            if original_pk not in ratings:
                continue
            state = ClaimMatch.State.SUGGESTED
            if not linked and ratings[original_pk] and score >= LINK_THRESHOLD:
                state, linked = ClaimMatch.State.LINKED, True
            links.append(ClaimMatch(claim_id=claim_pk, original_id=original_pk, score=score, state=state))
    ClaimMatch.objects.using(using).bulk_create(links, ignore_conflicts=True)
    return len(links)
