"""The desk's data: articles, the actors in them, the claims they make, and verdicts.

One module per concern; every model and shared helper is re-exported here, so
``from factcheck.models import Claim`` and the migrations keep working:

- ``base``: optimistic locking, permission refusals, history attribution, slugs;
- ``actors``, ``articles``, ``claims``;
- ``verdicts``: verdicts, their sources and changes, and the claim's wording as checked;
- ``reviews``: a verdict's review steps under the two-person rule;
- ``proposals``: changes proposed to a verdict by someone who did not write it;
- ``repeats``: claims linked to earlier ones they repeat, and stored embeddings;
- ``transcripts``: who speaks in a transcript;
- ``imports``: background import batches; ``reports``: what readers send.
"""

from factcheck.models.actors import Actor, ActorQuerySet, FormerActorAddress
from factcheck.models.articles import Article
from factcheck.models.base import (
    StaleEditError,
    VersionedModel,
    acting_user,
    display_name,
    fingerprint,
    record_change,
    require_permission,
    short_slug,
    slug_address,
    staff_name,
)
from factcheck.models.claims import Claim, ClaimQuerySet, rating_choices
from factcheck.models.imports import ImportItem, ImportJob
from factcheck.models.proposals import VerdictProposal
from factcheck.models.repeats import ClaimEmbedding, ClaimEmbeddingQuerySet, ClaimMatch, ClaimMatchQuerySet
from factcheck.models.reports import ReaderReport
from factcheck.models.transcripts import Speaker
from factcheck.models.verdicts import Source, Verdict, VerdictChange, VerdictQuerySet

__all__ = [
    "Actor",
    "ActorQuerySet",
    "Article",
    "Claim",
    "ClaimEmbedding",
    "ClaimEmbeddingQuerySet",
    "ClaimMatch",
    "ClaimMatchQuerySet",
    "ClaimQuerySet",
    "FormerActorAddress",
    "ImportItem",
    "ImportJob",
    "ReaderReport",
    "Source",
    "Speaker",
    "StaleEditError",
    "Verdict",
    "VerdictChange",
    "VerdictProposal",
    "VerdictQuerySet",
    "VersionedModel",
    "acting_user",
    "display_name",
    "fingerprint",
    "rating_choices",
    "record_change",
    "require_permission",
    "short_slug",
    "slug_address",
    "staff_name",
]
