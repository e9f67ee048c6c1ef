"""Repeats: recognising a claim the desk has already checked when it comes back in other words.

The matcher (``factcheck.matching``) knows nothing of the database; this module keeps
indexes of it per process over the claims that count, and answers from them:

- ``published_claims`` covers every claim with a published verdict: what readers and
  the search API may find.
- ``desk_claims`` also covers claims in research or review, so an import can suggest
  to editors that a new claim is one someone is already checking.
- ``unchecked_claims`` holds the embeddings of the claims awaiting a check (new, being
  researched), for the task worker to find those that repeat a claim just published.

Whatever the order of events, a repeat is caught:

- **An import** (``find_repeats``, in the import's transaction) is matched against the index
  and against every claim in scope changed since that index was made (``DeskIndex.recent``:
  read on the claims' (status, updated_at) index), so against every claim published
  before the import's transaction began, however old the index. After the import commits,
  the claims changed meanwhile are read once more (``catch_up``): a publish that committed
  while the import was being saved is not missed either.
- **A publish or correction** queues a task (``factcheck.tasks.match_repeats_of``) that
  matches the published claim against the unchecked claims (``match_unchecked_claims``) and
  links or suggests as an import would. The editor never waits for it, and a task whose
  worker stopped is queued again when a worker starts.
- ``manage.py match_repeats`` matches every unchecked claim again on demand.

A claim linked (``LINKED``) or confirmed to repeat a published claim reads everywhere public
as already checked, with its verdict (``Claim.follow_original``). Each link is scored by the
matcher's probability that the two are the same claim: from LINK_THRESHOLD it is linked, from
SUGGEST_THRESHOLD suggested (a near miss says what differs, and is never linked).

An index is renewed when the claims it covers change (a verdict published or corrected,
a claim edited, dismissed or sent to review): a use asks the database for a small
signature (how many such claims, when the last one changed), at most once every
FACTCHECK_MATCHING_CHECK_SECONDS (5) per process. When it differs, a background thread
makes the new index while requests go on being answered from the old one (and imports
from the old one and the claims changed since), so a publish never makes anyone wait.
The new index is the old one extended with the claims changed since (``ClaimIndex.extended``),
not a fresh build of every claim, until those reach FRESH_BUILD_SHARE of it: at a few hundred
thousand checked claims a fresh build takes tens of seconds of CPU. Only the first use in a
process, with no index yet, builds in the foreground. Results are read back from the
database, so a claim that has left the index's scope since the last build is never returned.

Each claim's embedding (``factcheck.embeddings``, a few ms of CPU a claim) is stored in
``ClaimEmbedding`` when the claim is imported; a build embeds only the claims in scope that
have none, or whose text was edited since (at most FACTCHECK_MATCHING_EMBED_LIMIT per build,
1,000 by default: a first build in a request must not take minutes; past that, the rest are
matched on their words alone until a later build reaches them, or `manage.py match_repeats`
embeds them all).
"""

import logging
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from typing import NamedTuple

import numpy as np
from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from factcheck import embeddings
from factcheck.matching import (
    LINK_THRESHOLD,
    RELATED_THRESHOLD,
    SUGGEST_THRESHOLD,
    ClaimIndex,
    Signals,
    clean,
    embed_queries,
    score_candidates,
)
from factcheck.models import Claim, ClaimEmbedding, ClaimMatch

logger = logging.getLogger(__name__)

# The most suggestions one new claim gets.
SUGGESTIONS_PER_CLAIM = 3
# An index is built afresh, instead of extended with the claims changed since, once those reach this
# share of its last fresh build (the words' statistics drift; claims that left the scope still take room).
FRESH_BUILD_SHARE = 0.2
# A claim saved this long before a moment may be committed after it: whatever reads "changed since" a
# moment reads from this much earlier (a claim read twice is recognised and skipped).
CHANGE_MARGIN = timedelta(minutes=1)
# Up to this many claims changed since the index was made are read by their ids (see DeskIndex.recent).
RECENT_BY_ID = 5_000
# Of the claims changed since an index was made, each new claim is scored against the nearest in
# meaning, at most this many (a wording repeated word for word is always among the nearest).
RECENT_CANDIDATES = 20
# How many of the unchecked claims nearest in meaning a published claim is scored against.
UNCHECKED_CANDIDATES = 50
# How many unchecked claims' embeddings are multiplied at a time (converted from float16 first).
UNCHECKED_SLICE = 65_536
# The statuses any index may hold: a claim leaving or entering one of them changes the signature.
INDEXED_STATUSES = [Claim.Status.PUBLISHED, Claim.Status.IN_REVIEW, Claim.Status.RESEARCHING]
# Claims awaiting a check, which a claim just published may turn out to have checked already.
UNCHECKED_STATUSES = [Claim.Status.NEW, Claim.Status.RESEARCHING]
# The claims a claim just published is searched against: those awaiting a check, and those linked
# automatically to another original, which the one just published may fit better (only ever suggested
# then, never linked over an existing link; a repeat an editor confirmed is left as it is).
SEARCHED_STATUSES = [*UNCHECKED_STATUSES, Claim.Status.REPEAT]


@dataclass
class Built:
    """An index, the signature of the claims it was made from, and how many claims its last fresh build held."""

    signature: tuple
    index: ClaimIndex
    fresh_size: int

    @cached_property
    def texts(self) -> dict:
        """The text the index holds for each claim, by id."""
        return dict(zip(self.index.keys, self.index.texts, strict=True))

    @property
    def made_from_changes_until(self) -> datetime | None:
        """The latest change to a claim in scope that the index includes (None: there was none)."""
        return self.signature[2]


class Recent(NamedTuple):
    """A claim changed since an index was made: what the matcher needs to score it without the index."""

    pk: int
    text: str
    vector: np.ndarray
    signals: Signals


class Proposal(NamedTuple):
    """An earlier claim a text may repeat, with the matcher's score and what differs."""

    original_id: int
    score: float
    differences: list[str]


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
        self._recent: dict[tuple[int, str], Recent] = {}

    def claims(self, using: str = "default"):
        return Claim.objects.using(using).filter(self.scope)

    def signature(self, using: str = "default") -> tuple:
        """What the index must be rebuilt after: which database, and how many claims could be in any
        index and their latest change. Every publish, correction, dismissal, review or edit of a claim
        saves its updated_at, so this changes with them; it needs no join, unlike the scopes, and is read
        from the claims' (status, updated_at) index alone."""
        totals = (
            Claim.objects.using(using)
            .filter(status__in=INDEXED_STATUSES)
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
        return self.built(using).index

    def built(self, using: str = "default") -> Built:
        """The current index with its signature (see index())."""
        built = self._built
        if built is not None and time.monotonic() - self._checked_at < settings.FACTCHECK_MATCHING_CHECK_SECONDS:
            return built
        signature = self.signature(using)
        self._checked_at = time.monotonic()
        if built is not None and built.signature == signature:
            return built
        if built is None or not settings.FACTCHECK_MATCHING_BACKGROUND:
            with self._lock:
                if self._built is None or self._built.signature != signature:
                    self._built = self.build(using, previous=self._built)
                    self._recent.clear()
                return self._built
        with self._lock:
            if not self._rebuilding:
                self._rebuilding = True
                self.rebuild_thread = threading.Thread(
                    target=self._rebuild, args=(using,), name=f"{self.name}-claim-index", daemon=True
                )
                self.rebuild_thread.start()
        return built

    def recent(
        self, built: Built | None = None, *, since: datetime | None = None, using: str = "default"
    ) -> list[Recent]:
        """The claims in scope changed since `built` was made, less those it holds with the same text; or,
        given `since`, every claim in scope changed since then. Read on the claims' (status,
        updated_at) index, so an import sees every claim published before it began, whether or not an
        index has caught up. A claim without a stored embedding is embedded and stored here."""
        if since is None and built is not None and built.made_from_changes_until is not None:
            since = built.made_from_changes_until - CHANGE_MARGIN
        claims = self.claims(using).filter(status__in=INDEXED_STATUSES)
        if since is not None:
            # The few claims changed since then are found on that index first, and the scope (a join to the
            # verdicts) is applied to them alone: in one query, PostgreSQL's planner, misjudging how many had
            # changed, read all 400,000 verdicts of a million-claim desk for each article imported (60-230 ms).
            ids = list(
                Claim.objects.using(using)
                .filter(status__in=INDEXED_STATUSES, updated_at__gte=since)
                .order_by()
                .values_list("pk", flat=True)[: RECENT_BY_ID + 1]
            )
            claims = claims.filter(pk__in=ids) if len(ids) <= RECENT_BY_ID else claims.filter(updated_at__gte=since)
        indexed = built.texts if built is not None else {}
        changed = [
            (pk, text) for pk, text in claims.order_by().values_list("pk", "text") if indexed.get(pk) != clean(text)
        ]
        # Embeddings are read only for claims neither indexed nor read before: an import asks this once per
        # article, and the claims changed since the index was made are mostly the same from one to the next.
        remembered = {(pk, text): self._recent.get((pk, text)) for pk, text in changed}
        unread = [(pk, text) for pk, text in changed if remembered[pk, text] is None]
        stored = {pk: (digest, vector) for pk, _, digest, vector in _with_embeddings(unread, using)}
        found, missing = [], []
        for pk, text in changed:
            known = remembered[pk, text]
            if known is not None:
                found.append(known)
                continue
            digest, vector = stored[pk]
            if vector is None or digest != ClaimEmbedding.digest_of(text):
                missing.append((pk, text))
            else:
                found.append(self._remember(pk, text, embeddings.from_bytes(vector)))
        if missing:
            vectors = embed_queries([text for _, text in missing])
            ClaimEmbedding.objects.using(using).store([Claim(pk=pk, text=text) for pk, text in missing], vectors)
            found += [self._remember(pk, text, vector) for (pk, text), vector in zip(missing, vectors, strict=True)]
        return found

    def _remember(self, pk: int, text: str, vector: np.ndarray) -> Recent:
        recent = self._recent[(pk, text)] = Recent(pk, text, vector, Signals(clean(text)))
        return recent

    def proposals(
        self, texts: list[str], vectors: np.ndarray, *, recent: list[Recent] | None = None, using: str = "default"
    ) -> list[list[Proposal]]:
        """For each text, the claims in scope it may repeat: scored at least SUGGEST_THRESHOLD, best first, at
        most SUGGESTIONS_PER_CLAIM, from the index and from the claims changed since it was made (`recent`,
        read here when not given). The score is the matcher's probability that the two are the same claim,
        the same whether a claim was found in the index or among the recent ones."""
        built = self.built(using)
        if recent is None:
            recent = self.recent(built, using=using)
        recent_vectors = np.vstack([claim.vector for claim in recent]) if recent else None
        # The texts' nearest in meaning found together: one product for the centres, one per group probed.
        nearest = built.index.nearest(vectors) if len(built.index) and len(texts) else [None] * len(texts)
        found = []
        for text, vector, near in zip(texts, vectors, nearest, strict=True):
            scored = {
                key: (row["score"], row["differences"])
                for key, row in built.index.matches(text, limit=2 * SUGGESTIONS_PER_CLAIM, vector=vector, nearest=near)
            }
            if recent:
                nearest = [recent[position] for position in np.argsort(-(recent_vectors @ vector))[:RECENT_CANDIDATES]]
                scores = score_candidates(text, vector, [(claim.signals, claim.vector) for claim in nearest])
                for claim, scoring in zip(nearest, scores, strict=True):
                    scored[claim.pk] = scoring  # its text as it is now, in place of the index's
            ranked = sorted(scored.items(), key=lambda item: (-item[1][0], item[0]))
            proposals = [Proposal(pk, score, said) for pk, (score, said) in ranked if score >= SUGGEST_THRESHOLD]
            found.append(proposals[:SUGGESTIONS_PER_CLAIM])
        return found

    def _rebuild(self, using: str) -> None:
        try:
            built = self.build(using, previous=self._built)
            with self._lock:
                self._built = built
                self._recent.clear()
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
            self._recent.clear()


class UncheckedClaims:
    """The embeddings of the claims awaiting a check (new or being researched) and of those linked
    automatically (``SEARCHED_STATUSES``), to find those a claim just published repeats: kept in this
    process as float16 rows (768 bytes a claim), brought up to date from the claims changed since the last
    use, and searched in full (one matrix product) for the nearest in meaning.
    The task worker holds it; nothing else needs it."""

    def __init__(self):
        self._lock = threading.Lock()
        self.forget()

    def forget(self) -> None:
        """Drop what is held (tests, or after restoring a backup); the next use reads every unchecked claim."""
        self._database = None
        self._vectors = np.zeros((0, embeddings.DIMENSIONS), dtype=np.float16)
        self._pks = np.zeros(0, dtype=np.int64)
        self._alive = np.zeros(0, dtype=bool)
        self._rows: dict[int, int] = {}
        self._count = 0
        self._read_until: datetime | None = None
        # How many searches have read the embeddings (each brings them up to date first).
        self.passes = 0

    def __len__(self) -> int:
        return int(self._alive[: self._count].sum())

    def warm(self, using: str = "default") -> None:
        """Read every unchecked claim's embedding now (a worker starting), so that the first search after a
        publish does not wait for it; a search meanwhile waits for this to finish."""
        try:
            with self._lock:
                self._catch_up(using)
        except Exception:
            logger.exception("Reading the unchecked claims' embeddings failed; the first search will read them")
        finally:
            connections.close_all()

    def nearest(self, vector: np.ndarray, count: int, *, using: str = "default") -> list[int]:
        """The ids of the `count` unchecked claims nearest `vector` in meaning, nearest first."""
        return self.nearest_each(np.asarray(vector)[None, :], count, using=using)[0]

    def nearest_each(self, vectors: np.ndarray, count: int, *, using: str = "default") -> list[list[int]]:
        """nearest() for each row of `vectors`, brought up to date once and read once: one product a slice."""
        with self._lock:
            self._catch_up(using)
            self.passes += 1
            queries = np.asarray(vectors, dtype=np.float32).T
            if not self._count:
                return [[] for _ in range(queries.shape[1])]
            # A slice at a time in float32: one BLAS call per slice, and the copy and the scores stay small
            # (a slice's best `count` per query are kept, then the best of those).
            best_rows, best_scores = [], []
            for start in range(0, self._count, UNCHECKED_SLICE):
                stop = min(start + UNCHECKED_SLICE, self._count)
                scores = self._vectors[start:stop].astype(np.float32) @ queries
                scores[~self._alive[start:stop]] = -np.inf
                keep = min(count, stop - start)
                top = np.argpartition(-scores, keep - 1, axis=0)[:keep]
                best_rows.append(top + start)
                best_scores.append(np.take_along_axis(scores, top, axis=0))
            rows, scores = np.vstack(best_rows), np.vstack(best_scores)
            order = np.argsort(-scores, axis=0, kind="stable")[:count]
            found = []
            for column in range(queries.shape[1]):
                ranked = order[:, column]
                found.append([int(self._pks[rows[at, column]]) for at in ranked if np.isfinite(scores[at, column])])
            return found

    def _catch_up(self, using: str) -> None:
        """Read the claims changed since the last use (every unchecked claim the first time): the unchecked
        ones are added or replaced, the others left out of searches. Claims without an embedding are
        embedded and stored, at most FACTCHECK_MATCHING_EMBED_LIMIT at a time."""
        database = connections[using].settings_dict["NAME"]
        if database != self._database:
            self.forget()
            self._database = database
        started = timezone.now()
        claims = Claim.objects.using(using)
        if self._read_until is None:
            claims = claims.filter(status__in=SEARCHED_STATUSES)
        else:
            claims = claims.filter(updated_at__gte=self._read_until - CHANGE_MARGIN)
        missing = []
        if self._read_until is None:  # every unchecked claim: their embeddings joined in, read in chunks
            rows = claims.values_list("pk", "status", "text", "embedding__digest", "embedding__vector").iterator(
                chunk_size=5000
            )
        else:  # a few claims changed since: their embeddings read apart (a join would read the whole table)
            rows = (
                (pk, status, text, digest, vector)
                for (pk, status), text, digest, vector in _with_embeddings(
                    (((pk, status), text) for pk, status, text in claims.values_list("pk", "status", "text")), using
                )
            )
        for pk, status, text, digest, vector in rows:
            if status not in SEARCHED_STATUSES:
                if pk in self._rows:
                    self._alive[self._rows[pk]] = False
            elif vector is None or digest != ClaimEmbedding.digest_of(text):
                missing.append((pk, text))
            else:
                self._put(pk, embeddings.from_bytes(vector))
        limit = settings.FACTCHECK_MATCHING_EMBED_LIMIT
        if len(missing) > limit:
            logger.warning(
                "%d unchecked claims have no embedding; %d are embedded now. "
                "Run `manage.py match_repeats` to embed them all.",
                len(missing), limit,
            )  # fmt: skip
        for start in range(0, min(len(missing), limit), 500):
            batch = missing[start : min(start + 500, limit)]
            vectors = embed_queries([text for _, text in batch])
            ClaimEmbedding.objects.using(using).store([Claim(pk=pk, text=text) for pk, text in batch], vectors)
            for (pk, _), vector in zip(batch, vectors, strict=True):
                self._put(pk, vector)
        self._read_until = started

    def _put(self, pk: int, vector: np.ndarray) -> None:
        row = self._rows.get(pk)
        if row is None:
            if self._count == len(self._pks):  # full: twice the room, so that adding stays cheap
                size = max(1024, 2 * self._count)
                self._vectors = np.resize(self._vectors, (size, embeddings.DIMENSIONS))
                self._pks, self._alive = np.resize(self._pks, size), np.resize(self._alive, size)
            row = self._rows[pk] = self._count
            self._count += 1
            self._pks[row] = pk
        self._vectors[row] = vector
        self._alive[row] = True


published_claims = DeskIndex("published", Q(verdicts__is_current=True) & ~Q(status=Claim.Status.DISMISSED))
desk_claims = DeskIndex(
    "desk",
    (Q(verdicts__is_current=True) & ~Q(status=Claim.Status.DISMISSED))
    | Q(status__in=[Claim.Status.RESEARCHING, Claim.Status.IN_REVIEW]),
)
unchecked_claims = UncheckedClaims()


def appearances_of(claim_ids: Iterable[int]) -> dict[int, list[ClaimMatch]]:
    """The confirmed repeats of each claim (its other appearances), oldest article first, in one query. A repeat
    dismissed since (its report retracted, say) is not one."""
    found: dict[int, list[ClaimMatch]] = {}
    matches = (
        ClaimMatch.objects.confirmed()
        .filter(original_id__in=list(claim_ids))
        .exclude(claim__status=Claim.Status.DISMISSED)
        .select_related("claim__article", "claim__claimant")
        .order_by("claim__article__published_on", "claim__created_at", "pk")
    )
    for match in matches:
        found.setdefault(match.original_id, []).append(match)
    return found


@dataclass
class FoundRepeats:
    """What find_repeats() found for each text of an import: its proposals, and their originals as the
    database has them now ((status, current rating, its publication time) by id)."""

    proposals: list[list[Proposal]]
    originals: dict[int, tuple]
    started: datetime
    linked: dict[int, Proposal] = field(default_factory=dict)

    def link_for(self, position: int) -> Proposal | None:
        """The original the text at `position` is linked to as already checked: its best proposal scored at
        least LINK_THRESHOLD whose original has a published verdict; None when there is none."""
        for proposal in self.proposals[position]:
            status, rating, _ = self.originals.get(proposal.original_id, (None, None, None))
            if proposal.score >= LINK_THRESHOLD and status == Claim.Status.PUBLISHED and rating:
                return proposal
        return None

    def mark(self, claims: list[Claim]) -> None:
        """Make each new claim (not saved yet, in the texts' order) that is linked as already checked read so
        from its first saved version: status "Already checked", its original and the original's rating."""
        for position, claim in enumerate(claims):
            proposal = self.link_for(position)
            if proposal is not None:
                _, rating, published_at = self.originals[proposal.original_id]
                claim.status, claim.repeat_of_id = Claim.Status.REPEAT, proposal.original_id
                claim.current_rating, claim.current_published_at = rating, published_at
                self.linked[position] = proposal

    def save(self, claims: list[Claim], *, using: str = "default") -> int:
        """Record the links and suggestions of the claims just saved (in the texts' order); returns how many.
        Once the transaction commits, the claims published since find_repeats() began are read again."""
        links = [
            _match(claim.pk, proposal, linked=self.linked.get(position) == proposal)
            for position, claim in enumerate(claims)
            for proposal in self.proposals[position]
            if proposal.original_id in self.originals and proposal.original_id != claim.pk
        ]
        ClaimMatch.objects.using(using).bulk_create(links, ignore_conflicts=True, batch_size=100)
        pks = [claim.pk for claim in claims]
        transaction.on_commit(lambda: catch_up(pks, since=self.started, using=using), using=using)
        return len(links)


def find_repeats(texts: list[str], vectors: np.ndarray, *, using: str = "default") -> FoundRepeats:
    """The claims on the desk that each of an import's texts may repeat (DeskIndex.proposals), and what the
    database says of them now. Call it inside the transaction that saves the texts as claims: it sees every
    claim published before that transaction began; ``FoundRepeats.mark()`` and ``.save()`` record the
    result. A fault in the matcher finds nothing (it is logged) rather than stopping an import."""
    started = timezone.now()
    nothing = FoundRepeats([[] for _ in texts], {}, started)
    try:
        built = desk_claims.built(using)
        recent = desk_claims.recent(built, using=using)
        if not len(built.index) and not recent:
            return nothing  # nothing checked or being checked yet
        proposals = desk_claims.proposals(texts, vectors, recent=recent, using=using)
    except DatabaseError:
        raise  # the import's transaction is broken: it is rolled back (and retried) as a whole
    except Exception:
        # A fault in the matcher (say, a damaged weights file) must not stop articles being imported.
        logger.exception("Claim matching failed; %d imported claims were not matched", len(texts))
        return nothing
    originals = _originals([proposal.original_id for found in proposals for proposal in found], using)
    return FoundRepeats(proposals, originals, started)


def catch_up(claim_pks: list[int], *, since: datetime, using: str = "default") -> int:
    """Match these claims against the claims in scope changed since `since` (one published while they were
    being imported, in a transaction they could not see); returns how many links or suggestions it made.
    One query when nothing changed."""
    try:
        with transaction.atomic(using=using):
            recent = desk_claims.recent(since=since - CHANGE_MARGIN, using=using)
            if not recent:
                return 0
            claims = Claim.objects.using(using).filter(pk__in=claim_pks, status__in=Claim.FOLLOWING_STATUSES)
            return link_claims(list(claims), recent=recent, using=using)
    except DatabaseError:
        logger.exception("Matching imported claims against those published meanwhile failed")
        return 0


def link_claims(claims: list[Claim], *, recent: list[Recent] | None = None, using: str = "default") -> int:
    """Link or suggest, for claims already saved, the claims on the desk they repeat (against `recent` alone
    when given, else against the index and what changed since); returns how many links or suggestions."""
    claims = [claim for claim in claims if claim.text.strip()]
    if not claims:
        return 0
    vectors = _vectors_of(claims, using)
    if recent is None:
        proposals = desk_claims.proposals([claim.text for claim in claims], vectors, using=using)
    else:
        proposals = []
        for claim, vector in zip(claims, vectors, strict=True):
            scores = score_candidates(claim.text, vector, [(other.signals, other.vector) for other in recent])
            ranked = sorted(
                (Proposal(other.pk, score, said) for other, (score, said) in zip(recent, scores, strict=True)),
                key=lambda proposal: (-proposal.score, proposal.original_id),
            )
            proposals.append([p for p in ranked if p.score >= SUGGEST_THRESHOLD][:SUGGESTIONS_PER_CLAIM])
    return len(_link({claim.pk: found for claim, found in zip(claims, proposals, strict=True) if found}, using=using))


def match_unchecked_claims(original_pk: int, *, using: str = "default") -> int:
    """Link or suggest the unchecked claims (new, being researched) that repeat this claim, just published or
    corrected (one being checked is only suggested), and suggest it to claims linked automatically to another
    original that it fits better; returns how many links or suggestions were made."""
    return match_unchecked_repeats([original_pk], using=using).get(original_pk, 0)


def match_unchecked_repeats(original_pks: list[int], *, using: str = "default") -> dict[int, int]:
    """match_unchecked_claims() for many claims published or corrected, in one pass: the unchecked claims'
    embeddings are brought up to date and searched once, in one product for every original, and their
    candidates read in one query. An unchecked claim near several originals is linked to the one it repeats
    best. Returns how many links or suggestions each original got (0 for one no longer published or checked)."""
    originals = {claim.pk: claim for claim in desk_claims.claims(using).filter(pk__in=list(original_pks))}
    made = dict.fromkeys(original_pks, 0)
    if not originals:
        return made
    originals = list(originals.values())
    vectors = _vectors_of(originals, using)
    nearest = unchecked_claims.nearest_each(vectors, UNCHECKED_CANDIDATES, using=using)
    near_whom: dict[int, list[int]] = {}  # each candidate's originals, by position in `originals`
    for position, pks in enumerate(nearest):
        for pk in pks:
            if pk != originals[position].pk:
                near_whom.setdefault(pk, []).append(position)
    candidates = list(Claim.objects.using(using).filter(pk__in=list(near_whom), status__in=SEARCHED_STATUSES))
    linked_at = _automatic_links([claim.pk for claim in candidates if claim.status == Claim.Status.REPEAT], using)
    candidates = [claim for claim in candidates if claim.status != Claim.Status.REPEAT or claim.pk in linked_at]
    if not candidates:
        return made
    signals = [Signals(clean(original.text)) for original in originals]
    by_claim = {}
    for claim, claim_vector in zip(candidates, _vectors_of(candidates, using), strict=True):
        positions = near_whom[claim.pk]
        scores = score_candidates(claim.text, claim_vector, [(signals[at], vectors[at]) for at in positions])
        found = sorted(
            (
                Proposal(originals[at].pk, score, said)
                for at, (score, said) in zip(positions, scores, strict=True)
                if score >= SUGGEST_THRESHOLD and score > linked_at.get(claim.pk, 0.0)
            ),
            key=lambda proposal: (-proposal.score, proposal.original_id),
        )
        if found:
            by_claim[claim.pk] = found
    for link in _link(by_claim, using=using):
        made[link.original_id] += 1
    return made


def _automatic_links(claim_pks: list[int], using: str) -> dict[int, float]:
    """The score of each claim's automatic link, for those of `claim_pks` linked so and not confirmed by an
    editor as a repeat of any original."""
    matches = ClaimMatch.objects.using(using).filter(claim__in=claim_pks)
    confirmed = set(matches.filter(state=ClaimMatch.State.CONFIRMED).values_list("claim_id", flat=True))
    linked = matches.filter(state=ClaimMatch.State.LINKED).values_list("claim_id", "score")
    return {pk: score for pk, score in linked if pk not in confirmed}


def _with_embeddings(rows: Iterable[tuple], using: str) -> list[tuple]:
    """(key, text, digest, vector) for each (key, text) of a few claims, the key's first item (or the key) being
    the claim's id: their stored embeddings are read in a second query (None when there is none), as joining
    them in made PostgreSQL read every embedding stored."""
    rows = list(rows)
    ids = [key[0] if isinstance(key, tuple) else key for key, _ in rows]
    stored = (
        {
            pk: (digest, vector)
            for pk, digest, vector in ClaimEmbedding.objects.using(using)
            .filter(claim__in=ids)
            .values_list("claim_id", "digest", "vector")
        }
        if ids
        else {}
    )
    return [(key, text, *stored.get(pk, (None, None))) for (key, text), pk in zip(rows, ids, strict=True)]


def _match(claim_pk: int, proposal: Proposal, *, linked: bool) -> ClaimMatch:
    """The link (or suggestion) a proposal makes, with what differs as an editor reads it."""
    return ClaimMatch(
        claim_id=claim_pk,
        original_id=proposal.original_id,
        score=proposal.score,
        differences="; ".join(proposal.differences)[:300],
        state=ClaimMatch.State.LINKED if linked else ClaimMatch.State.SUGGESTED,
    )


def _originals(pks: Iterable[int], using: str) -> dict[int, tuple]:
    """(status, current rating, its publication time) of each of these claims still in the desk's scope."""
    pks = set(pks)
    if not pks:
        return {}
    rows = (
        desk_claims.claims(using)
        .filter(pk__in=pks)
        .values_list("pk", "status", "current_rating", "current_published_at")
    )
    return {pk: (status, rating, published_at) for pk, status, rating, published_at in rows}


def _vectors_of(claims: list[Claim], using: str) -> np.ndarray:
    """The claims' stored embeddings, made and stored for those without one (or whose text changed since)."""
    rows = ClaimEmbedding.objects.using(using).filter(claim__in=[claim.pk for claim in claims])
    stored = {pk: (digest, vector) for pk, digest, vector in rows.values_list("claim_id", "digest", "vector")}
    missing = [
        claim
        for claim in claims
        if claim.pk not in stored or stored[claim.pk][0] != ClaimEmbedding.digest_of(claim.text)
    ]
    made = dict(zip([claim.pk for claim in missing], embed_queries([claim.text for claim in missing]), strict=True))
    if missing:
        ClaimEmbedding.objects.using(using).store(missing, [made[claim.pk] for claim in missing])
    return np.vstack(
        [made[claim.pk] if claim.pk in made else embeddings.from_bytes(stored[claim.pk][1]) for claim in claims]
    )


def _link(by_claim: dict[int, list[Proposal]], *, using: str) -> list[ClaimMatch]:
    """Record proposals for claims already saved: a claim's best proposal scored at least LINK_THRESHOLD, of
    a published original, is linked when the claim has no link to another yet, and the claim then reads as
    already checked; the rest are suggested. A pair already suggested is linked so too (it was suggested while
    its original was being checked); one already linked, confirmed or rejected stays as it is. Returns the
    links and suggestions made."""
    if not by_claim:
        return []
    originals = _originals([proposal.original_id for found in by_claim.values() for proposal in found], using)
    taken = set(
        ClaimMatch.objects.using(using).filter(claim__in=list(by_claim)).repeating().values_list("claim_id", flat=True)
    )
    links, to_follow = [], []
    for claim_pk, found in by_claim.items():
        linked = claim_pk in taken
        for proposal in found:
            if proposal.original_id not in originals or proposal.original_id == claim_pk:
                continue  # gone meanwhile; or the claim itself, in the index while it is being researched
            status, rating, _ = originals[proposal.original_id]
            links_it = not linked and proposal.score >= LINK_THRESHOLD and status == Claim.Status.PUBLISHED and rating
            if links_it:
                linked = True
                to_follow.append(claim_pk)
            links.append(_match(claim_pk, proposal, linked=bool(links_it)))
    with transaction.atomic(using=using):
        matches = ClaimMatch.objects.using(using)
        existing = {
            (claim_pk, original_pk): state
            for claim_pk, original_pk, state in matches.filter(claim__in=list(by_claim)).values_list(
                "claim_id", "original_id", "state"
            )
        }
        # A pair suggested while its original was still being checked (an import then could only suggest it)
        # is linked now that the original is published, as a new pair would be; an editor's decision stands.
        upgraded = []
        for link in links:
            if link.state != ClaimMatch.State.LINKED:
                continue
            if existing.get((link.claim_id, link.original_id)) != ClaimMatch.State.SUGGESTED:
                continue
            still_suggested = matches.filter(
                claim=link.claim_id, original=link.original_id, state=ClaimMatch.State.SUGGESTED
            )
            if still_suggested.update(state=link.state, score=link.score, differences=link.differences):
                upgraded.append(link)
        links = [link for link in links if (link.claim_id, link.original_id) not in existing]
        matches.bulk_create(links, ignore_conflicts=True)
        for claim in Claim.objects.using(using).filter(pk__in=to_follow).select_for_update():
            claim.follow_original()
    return links + upgraded
