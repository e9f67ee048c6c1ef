"""Save extracted articles to the desk: one file, one transaction.

``import_article()`` reads one file, extracts it (``factcheck.extraction``)
and saves the article, its actors and its claims atomically. It is
idempotent: a file whose bytes are unchanged (same ``content_hash``) changes
nothing, and a file with the same bytes as an article imported from another
path is not imported twice. A changed file updates the article's text and
adds the claims that are new; it never deletes or rewrites a claim, a verdict
or an actor: actors are matched by name or alias and only gain aliases and,
when they have none, a description.

Bad files (missing, unreadable, empty, blank, binary, not UTF-8, no title,
over ``MAX_FILE_BYTES``) come back as a failed ``ImportResult`` with a reason
and leave the database as it was.

Two imports of overlapping files may run at once (two editors, two
processes): the unique constraints on ``Article.source_file``, ``Actor.name``
and (claim article, fingerprint) refuse the second copy, and the loser's
transaction is rolled back and run again, when it finds what the winner saved.

``import_paths()`` does this for many paths, walking folders lazily so memory
stays flat however many files there are.
"""

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.utils.text import slugify

from factcheck.extraction import Extraction, FoundActor, UnreadableText, decode, extract
from factcheck.models import Actor, Article, Claim, fingerprint, short_slug

# Larger than any article (a long read is ~100 KB); bigger files are not articles.
MAX_FILE_BYTES = 2 * 1024 * 1024
# In a folder, these files are articles; a file named explicitly is read whatever its name.
ARTICLE_SUFFIXES = (".txt",)
# How often a file is retried when a concurrent import saved the same rows first.
ATTEMPTS = 5
# PostgreSQL's deadlock and serialization failures: the transaction is safe to run again.
RETRYABLE_SQLSTATES = {"40P01", "40001"}

CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"


@dataclass
class ImportResult:
    """What importing one file did (or, on a dry run, would do)."""

    path: str
    outcome: str
    reason: str = ""
    title: str = ""
    claims_created: int = 0
    actors_created: list[str] = field(default_factory=list)
    actors_updated: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        if self.outcome == FAILED:
            return f"{self.path}: not imported — {self.reason}"
        if self.outcome == UNCHANGED:
            return f"{self.path}: unchanged{f' ({self.reason})' if self.reason else ''}"
        actors = f", {len(self.actors_created)} new actors" if self.actors_created else ""
        return f"{self.path}: {self.outcome} “{self.title}” with {self.claims_created} new claims{actors}"


@dataclass
class ImportSummary:
    """Counts over many files; holds no per-file data, so it stays small."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    claims_created: int = 0
    actors_created: int = 0
    actors_updated: int = 0

    def add(self, result: ImportResult) -> None:
        setattr(self, result.outcome, getattr(self, result.outcome) + 1)
        self.claims_created += result.claims_created
        self.actors_created += len(result.actors_created)
        self.actors_updated += len(result.actors_updated)

    @property
    def files(self) -> int:
        return self.created + self.updated + self.unchanged + self.failed

    def __str__(self) -> str:
        return (
            f"Articles: {self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.failed} failed. Claims: {self.claims_created} created. "
            f"Actors: {self.actors_created} created, {self.actors_updated} updated."
        )


def source_name(path: Path) -> str:
    """How an article records its file: relative to the project when inside it, so clones agree."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path(settings.BASE_DIR)).as_posix()
    except ValueError:
        return absolute.as_posix()


def read_article(path: Path) -> tuple[str, str]:
    """The file's text and the SHA-256 of its bytes; raises UnreadableText saying why it is not an article."""
    try:
        if path.is_dir():
            raise UnreadableText("is a directory")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableText(f"too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})")
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise UnreadableText("no such file") from None
    except PermissionError:
        raise UnreadableText("permission denied") from None
    except OSError as error:
        raise UnreadableText(f"cannot be read ({error.strerror or error})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise UnreadableText(f"too large (over the limit of {MAX_FILE_BYTES:,} bytes)")
    if not raw:
        raise UnreadableText("empty file")
    text = decode(raw)
    if not text.strip():
        raise UnreadableText("blank (only whitespace)")
    return text, hashlib.sha256(raw).hexdigest()


def import_article(*, path: Path, dry_run: bool = False) -> ImportResult:
    """Import one file in its own transaction; on a dry run, roll it back and report what it would do."""
    source = source_name(path)
    try:
        text, content_hash = read_article(path)
        extraction = extract(text)
        if len(source) > Article._meta.get_field("source_file").max_length:
            raise UnreadableText("path too long to record")
    except UnreadableText as error:
        return ImportResult(source, FAILED, reason=str(error))
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic():
                result = _save(extraction, source=source, content_hash=content_hash)
                if dry_run:
                    transaction.set_rollback(True)
            return result
        except (IntegrityError, OperationalError) as error:
            # Another import saved the same article, actor or claim first (or the two deadlocked):
            # start again, and this time find what it saved.
            retryable = isinstance(error, IntegrityError) or (
                getattr(error.__cause__, "sqlstate", None) in RETRYABLE_SQLSTATES
            )
            if not retryable:
                raise
            if attempt == ATTEMPTS:
                return ImportResult(source, FAILED, reason=f"kept colliding with a concurrent import ({error})")
    raise AssertionError("unreachable")


def iter_article_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Each path given, with folders expanded (recursively, sorted) to their article files."""
    for path in paths:
        path = Path(path)
        if not path.is_dir():
            yield path
            continue
        for folder, subfolders, files in os.walk(path):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
            for name in sorted(files):
                if name.endswith(ARTICLE_SUFFIXES) and not name.startswith("."):
                    yield Path(folder) / name


def import_paths(
    *, paths: Iterable[Path], dry_run: bool = False, on_result: Callable[[ImportResult], None] | None = None
) -> ImportSummary:
    """Import every article file under the paths, one at a time; `on_result` hears about each file."""
    summary = ImportSummary()
    for path in iter_article_files(paths):
        result = import_article(path=path, dry_run=dry_run)
        summary.add(result)
        if on_result:
            on_result(result)
    return summary


def _save(extraction: Extraction, *, source: str, content_hash: str) -> ImportResult:
    article = Article.objects.filter(source_file=source).first()
    if article and article.content_hash == content_hash:
        return ImportResult(source, UNCHANGED, title=article.title)
    if article is None:
        twin = Article.objects.filter(content_hash=content_hash).only("source_file").first()
        if twin:
            return ImportResult(source, UNCHANGED, reason=f"same text as {twin.source_file}", title=twin.title)
        article = Article(source_file=source)
    outcome = UPDATED if article.pk else CREATED
    article.title = extraction.title[:500]
    article.dek = extraction.dek
    article.body = extraction.body
    article.removed_clutter = extraction.removed_clutter
    article.content_hash = content_hash
    if extraction.published_on:
        article.published_on = extraction.published_on
    article.save()
    result = ImportResult(source, outcome, title=article.title)

    # In name order, so two imports sharing actors take their locks in the same order.
    actors = {found.name: _merge_actor(found, result) for found in sorted(extraction.actors, key=lambda a: a.name)}
    # Every sentence ever saved as a claim of this article, including those an editor has since
    # reworded or removed (their history keeps the original): none of them comes back.
    known = set()
    if outcome == UPDATED:
        known.update(article.claims.values_list("fingerprint", flat=True))
        known.update(Claim.history.filter(article_id=article.pk).values_list("fingerprint", flat=True))
    for found in extraction.claims:
        print_ = fingerprint(found.text)
        if print_ in known:
            continue  # already there, perhaps edited or checked: never touched
        known.add(print_)
        claim = Claim(
            article=article,
            text=found.text,
            context=found.context,
            position=found.position,
            checkworthiness=found.checkworthiness,
            claimant=actors.get(found.claimant) if found.claimant else None,
        )
        claim.slug = _free_claim_slug(found.text, f"{article.pk}:{print_}")
        claim.save()
        mentioned = [actors[name] for name in found.actors if name in actors]
        if mentioned:
            claim.actors.add(*mentioned)
        result.claims_created += 1
    return result


def _free_claim_slug(text: str, key: str) -> str:
    """A slug no claim has: an editor may have reworded a claim that kept the slug of this text."""
    slug, attempt = short_slug(text, key), 0
    while Claim.objects.filter(slug=slug).exists():
        attempt += 1
        slug = short_slug(text, f"{key}:{attempt}")
    return slug


def _json_fragment(name: str) -> str:
    """How a name appears inside the stored aliases JSON (non-ASCII escaped on some databases)."""
    return json.dumps(name)[1:-1]


def find_actor(names: list[str]) -> Actor | None:
    """The existing actor known by any of the names (canonical or alias, any case), preferring a canonical match."""
    query = Q()
    for name in names:
        query |= Q(name__iexact=name) | Q(aliases__icontains=name) | Q(aliases__icontains=_json_fragment(name))
    folded = [name.casefold() for name in names]
    candidates = [actor for actor in Actor.objects.filter(query) if set(folded) & actor.all_names_folded()]
    for name in folded:
        for actor in candidates:
            if actor.name.casefold() == name:
                return actor
    return candidates[0] if candidates else None


def _merge_actor(found: FoundActor, result: ImportResult) -> Actor:
    name = found.name[:200]
    actor = find_actor(found.surface_forms())
    if actor is None:
        actor = Actor(name=name, kind=found.kind, description=found.description[:300])
        for alias in found.aliases:
            actor.add_alias(alias[:200])
        if Actor.objects.filter(slug=slugify(name)[:200]).exists():
            actor.slug = short_slug(name, name)
        actor.save()
        result.actors_created.append(actor.name)
        return actor
    changed = False
    for form in found.surface_forms():
        changed |= actor.add_alias(form[:200])
    if not actor.description and found.description:
        actor.description = found.description[:300]
        changed = True
    if changed:
        actor.save()
        result.actors_updated.append(actor.name)
    return actor
