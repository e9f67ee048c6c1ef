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

A transcript (WebVTT ``.vtt`` or SubRip ``.srt`` captions, or plain text in speaker turns; see
``factcheck.extraction.transcripts``) is saved as an article of the kind "transcript", with its venue,
its speakers (``Speaker``: the actor each label is, and who moderates) and each claim credited to its
speaker and dated. A re-import keeps the speakers as a fact-checker corrected them, and credits new
claims accordingly. A transcript that names no speaker is imported with a warning: claimants are set
by hand.

A web page (``.html``/``.htm``, or any file that starts like HTML) goes
through ``extract_page()``: its main text, headline, date, site name and
address come from the page, and the article keeps that original address and
date. Its ``content_hash`` is the hash of the article taken from the page, not
of the page's bytes, so a page whose adverts or menus changed but whose article
did not is unchanged. ``import_url()`` fetches a page (``factcheck.fetching``,
which refuses private addresses and the rest) and imports it under its URL;
``import_text()`` imports text or HTML handed over directly (the admin's
"Import articles" page: uploads and pasted text).

Two imports of overlapping files may run at once (two editors, two
processes): the unique constraints on ``Article.source_file``, ``Actor.name``
and (claim article, fingerprint) refuse the second copy, and the loser's
transaction is rolled back and run again, when it finds what the winner saved.

``import_paths()`` does this for many paths, walking folders lazily so memory
stays flat however many files there are, and remembering the actors it has
matched (``ActorCache``) so that each is looked up once per run. It makes the
cached public pages stale at most every ``PAGES_REFRESHED_EVERY`` seconds and
at its end, not at each file's commit (``factcheck.cache.bumps_coalesced``);
a new article touches only the pages that can show newly imported work.
"""

import errno
import hashlib
import multiprocessing
import os
import re
import stat
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from factcheck.cache import bumps_coalesced
from factcheck.extraction import (
    CAPTION_SUFFIXES,
    Extraction,
    FoundActor,
    UnreadableText,
    decode,
    extract_page,
    extract_text,
    looks_like_html,
)
from factcheck.extraction.limits import time_limit
from factcheck.fetching import RefusedURL, fetch_page
from factcheck.matching import embed_queries
from factcheck.models import Actor, Article, Claim, ClaimEmbedding, Speaker, fingerprint, short_slug
from factcheck.models.base import DIRECTION_CONTROLS
from factcheck.repeats import find_repeats

# Larger than any article (a long read is ~100 KB); bigger files are not articles.
MAX_FILE_BYTES = 2 * 1024 * 1024
# In a folder, these files are articles; a file named explicitly is read whatever its name.
HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = (".txt", *HTML_SUFFIXES, *CAPTION_SUFFIXES)
# How often a file is retried when a concurrent import saved the same rows first.
ATTEMPTS = 5
# PostgreSQL's deadlock and serialization failures: the transaction is safe to run again.
RETRYABLE_SQLSTATES = {"40P01", "40001"}

CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"
# Rows a bulk INSERT writes at once (see _save).
INSERT_BATCH = 100
# During a run of many files, public pages show what it imported this many seconds late at most.
PAGES_REFRESHED_EVERY = 10


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
    article_id: int | None = None
    repeats_found: int = 0  # links to claims already checked or being checked (factcheck.repeats)
    warnings: list[str] = field(default_factory=list)  # what an editor should know (a transcript's unnamed speakers)

    def __str__(self) -> str:
        if self.outcome == FAILED:
            return f"{self.path}: not imported — {self.reason}"
        if self.outcome == UNCHANGED:
            return f"{self.path}: unchanged{f' ({self.reason})' if self.reason else ''}"
        actors = f", {len(self.actors_created)} new actors" if self.actors_created else ""
        repeats = f", {self.repeats_found} possible repeats of checked claims" if self.repeats_found else ""
        warnings = "".join(f"; warning: {warning}" for warning in self.warnings)
        return (
            f"{self.path}: {self.outcome} “{self.title}” with {self.claims_created} new claims{actors}{repeats}"
            f"{warnings}"
        )


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


class ActorCache:
    """The actors one run has already matched, by the names an article used for them.

    An archive names the same people again and again; without this, every
    article asks the database for each of its actors. An entry is only made
    once the actor holds every one of those names (after its merge), so a later
    lookup needs no change to it and ``find_actor()`` would answer the same.
    Whenever the database may no longer hold what the cache says (a file rolled
    back: a dry run, an error, a collision with a concurrent import) the cache
    is emptied and the next lookups go to the database. An actor that an editor
    deletes or merges away mid-run fails the file's foreign key check at commit,
    which rolls the file back and retries it with an empty cache. Cached actors
    are never saved, so an editor's change to one is never overwritten.
    """

    def __init__(self) -> None:
        self._actors: dict[tuple[str, ...], tuple[int, bool]] = {}

    @staticmethod
    def _key(found: FoundActor) -> tuple[str, ...]:
        return tuple(" ".join(form[:200].split()).casefold() for form in found.surface_forms())

    def get(self, found: FoundActor) -> int | None:
        """The id of the actor `found` is, when it is known and merging `found` would not change it."""
        entry = self._actors.get(self._key(found))
        if entry is None:
            return None
        pk, has_description = entry
        return pk if has_description or not found.description else None

    def remember(self, found: FoundActor, actor: Actor) -> None:
        key = self._key(found)
        if set(key) <= actor.all_names_folded():
            self._actors[key] = (actor.pk, bool(actor.description))

    def clear(self) -> None:
        self._actors.clear()


def source_name(path: Path) -> str:
    """How an article records its file: relative to the project when inside it, so clones agree."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path(settings.BASE_DIR)).as_posix()
    except ValueError:
        return absolute.as_posix()


# What a path that is not a regular file is, for the line that refuses it.
_NOT_A_FILE = (
    (stat.S_ISDIR, "is a directory"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a regular file; not read"),
    (stat.S_ISSOCK, "is a socket, not a regular file; not read"),
    (stat.S_ISCHR, "is a device, not a regular file; not read"),
    (stat.S_ISBLK, "is a device, not a regular file; not read"),
)
SYMLINK_REFUSAL = "is a symbolic link; links are never followed: import what it points to by its own path"


def _not_a_regular_file(mode: int) -> str | None:
    """Why a file of this mode is not read as an article, or None for a regular file."""
    if stat.S_ISLNK(mode):
        return SYMLINK_REFUSAL
    if stat.S_ISREG(mode):
        return None
    return next((why for test, why in _NOT_A_FILE if test(mode)), "is not a regular file; not read")


def read_article(path: Path) -> tuple[str, str]:
    """The file's text and the SHA-256 of its bytes; raises UnreadableText saying why it is not an article.

    Only a regular file is read. A symbolic link is never followed (a link named ``story.txt`` to
    ``/etc/passwd`` would publish that file), and a named pipe, socket or device is refused without
    waiting on it: the path is looked at (lstat) before it is opened, and opened without following a
    link and without blocking, then checked again on what was opened, in case it was swapped meanwhile.
    """
    try:
        refusal = _not_a_regular_file(os.lstat(path).st_mode)
        if refusal:
            raise UnreadableText(refusal)
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        with open(descriptor, "rb") as handle:
            found = os.fstat(descriptor)
            refusal = _not_a_regular_file(found.st_mode)
            if refusal:
                raise UnreadableText(refusal)
            if found.st_size > MAX_FILE_BYTES:
                raise UnreadableText(f"too large ({found.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,})")
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise UnreadableText("no such file") from None
    except PermissionError:
        raise UnreadableText("permission denied") from None
    except OSError as error:
        if error.errno == errno.ELOOP:  # made a link since it was looked at
            raise UnreadableText(SYMLINK_REFUSAL) from None
        raise UnreadableText(f"cannot be read ({error.strerror or error})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise UnreadableText(f"too large (over the limit of {MAX_FILE_BYTES:,} bytes)")
    return decode_article(raw, html=path.suffix.lower() in HTML_SUFFIXES), hashlib.sha256(raw).hexdigest()


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def decode_article(raw: bytes, *, html: bool = False) -> str:
    """The text of a file's bytes; raises UnreadableText saying why it is not text.

    A web page that is not UTF-8 is read in the character set its <meta charset> names.
    """
    if not raw:
        raise UnreadableText("empty file")
    try:
        text = decode(raw)
    except UnreadableText:
        declared = _META_CHARSET.search(raw[:4096]) if html or looks_like_html(raw[:200].decode("latin-1")) else None
        if not declared:
            raise
        try:
            text = raw.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            charset = declared.group(1).decode("ascii")
            raise UnreadableText(f"not readable as {charset}, the page's own charset") from None
    if not text.strip():
        raise UnreadableText("blank (only whitespace)")
    return text


@dataclass(frozen=True)
class PreparedArticle:
    """An article read and extracted, ready to save: everything ``import_*`` does before the database."""

    source: str
    extraction: Extraction
    content_hash: str
    # Each claim's embedding, by its text, for claim matching: made here, in the preparing process, so that
    # with import_paths(jobs=N) the model runs beside the saving.
    vectors: dict[str, np.ndarray] | None = None


def prepare_article(path: Path, *, embed: bool = False) -> PreparedArticle | ImportResult:
    """Read and extract one file without touching the database; a failed ImportResult when it is not an article.

    A pure step, so that ``import_paths(jobs=N)`` can run it in other processes. With `embed`, the
    claims' embeddings for claim matching are made too.
    """
    source = source_name(path)
    try:
        text, content_hash = read_article(path)
    except UnreadableText as error:
        return ImportResult(source, FAILED, reason=str(error))
    html = path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text)
    return prepare_text(text=text, source=source, html=html, content_hash=content_hash, embed=embed)


@dataclass(frozen=True)
class StatedDetails:
    """What the person importing a pasted article said about it; each value given wins over what the
    text says (a pasted text rarely carries its outlet, date or address, and then its claims read
    "Said: —")."""

    outlet: str = ""
    published_on: date | None = None
    url: str = ""

    def applied_to(self, extraction: Extraction) -> Extraction:
        given = {name: value for name, value in vars(self).items() if value}
        return replace(extraction, **given) if given else extraction


def prepare_text(
    *,
    text: str,
    source: str,
    html: bool = False,
    url: str = "",
    content_hash: str = "",
    embed: bool = False,
    stated: StatedDetails | None = None,
) -> PreparedArticle | ImportResult:
    """Extract one article's text (a web page's HTML when `html`); a failed ImportResult when it has none,
    when it is over the extraction's limits (``factcheck.extraction.limits``) or when reading it takes
    longer than FACTCHECK_EXTRACTION_SECONDS. With `embed`, its claims' embeddings are made too; `stated`
    details win over the text's own."""
    try:
        if len(source) > Article._meta.get_field("source_file").max_length:
            raise UnreadableText("path too long to record")
        if not text.strip():
            raise UnreadableText("blank (only whitespace)")
        with time_limit(settings.FACTCHECK_EXTRACTION_SECONDS):
            if html:
                extraction = extract_page(text, url=url)
            else:
                extraction = extract_text(text, name=urlsplit(source).path if url else source)
        if html:
            article_text = "\n".join([extraction.title, extraction.dek, extraction.body, extraction.url])
            content_hash = hashlib.sha256(article_text.encode()).hexdigest()
        else:
            if url and not extraction.url:
                extraction = replace(extraction, url=url)  # a transcript fetched from the web: its address
            content_hash = content_hash or hashlib.sha256(text.encode()).hexdigest()
    except UnreadableText as error:
        return ImportResult(source, FAILED, reason=str(error))
    if stated is not None:
        extraction = stated.applied_to(extraction)
    vectors = None
    if embed:
        texts = [claim.text for claim in extraction.claims]
        vectors = dict(zip(texts, embed_queries(texts), strict=True))
    return PreparedArticle(source, extraction, content_hash, vectors)


def import_article(*, path: Path, dry_run: bool = False, actor_cache: ActorCache | None = None) -> ImportResult:
    """Import one file in its own transaction; on a dry run, roll it back and report what it would do.

    `actor_cache` carries actor lookups from one file to the next (``import_paths()`` passes one).
    """
    return save_article(prepare_article(path), dry_run=dry_run, actor_cache=actor_cache)


def import_url(*, url: str, dry_run: bool = False, actor_cache: ActorCache | None = None) -> ImportResult:
    """Fetch the page at url (refusing what ``fetching`` refuses) and import it under that URL."""
    url = url.strip()
    try:
        page = fetch_page(url)
    except RefusedURL as error:
        return ImportResult(url, FAILED, reason=f"not fetched: {error}")
    return import_text(
        text=page.text(), source=url, html=page.is_html, url=page.url, dry_run=dry_run, actor_cache=actor_cache
    )


def import_text(
    *,
    text: str,
    source: str,
    html: bool = False,
    url: str = "",
    content_hash: str = "",
    dry_run: bool = False,
    actor_cache: ActorCache | None = None,
    stated: StatedDetails | None = None,
) -> ImportResult:
    """Import one article's text (or a web page's HTML when `html`) recorded under `source`, in its own transaction.

    `content_hash` identifies the text's version (the file's bytes); for a web page it is the hash of the
    article taken from it. `url` is where a page was fetched from, kept when the page names no address.
    `stated`: the outlet, date and address the person importing gave, which win over the text's own.
    """
    prepared = prepare_text(text=text, source=source, html=html, url=url, content_hash=content_hash, stated=stated)
    return save_article(prepared, dry_run=dry_run, actor_cache=actor_cache)


def save_article(
    prepared: PreparedArticle | ImportResult, *, dry_run: bool = False, actor_cache: ActorCache | None = None
) -> ImportResult:
    """Save a prepared article in its own transaction (retried on a collision); a failed result is passed on."""
    if isinstance(prepared, ImportResult):
        return prepared
    source, extraction, content_hash = prepared.source, prepared.extraction, prepared.content_hash
    actor_cache = actor_cache if actor_cache is not None else ActorCache()
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic():
                result = _save(
                    extraction,
                    source=source,
                    content_hash=content_hash,
                    actor_cache=actor_cache,
                    vectors=prepared.vectors,
                )
                if dry_run:
                    transaction.set_rollback(True)
                    actor_cache.clear()  # the actors it created are gone again
            return result
        except (IntegrityError, OperationalError) as error:
            actor_cache.clear()  # what it matched may have been rolled back, merged or deleted
            # Another import saved the same article, actor or claim first (or the two deadlocked):
            # start again, and this time find what it saved.
            retryable = isinstance(error, IntegrityError) or (
                getattr(error.__cause__, "sqlstate", None) in RETRYABLE_SQLSTATES
            )
            if not retryable:
                raise
            if attempt == ATTEMPTS:
                return ImportResult(source, FAILED, reason=f"kept colliding with a concurrent import ({error})")
        except BaseException:
            actor_cache.clear()
            raise
    raise AssertionError("unreachable")


def _prepared_in_parallel(
    paths: Iterable[Path], jobs: int, *, embed: bool = False
) -> Iterator[PreparedArticle | ImportResult]:
    """prepare_article() for each path in `jobs` other processes, results in the paths' order.

    At most a few files per process are in flight, so memory stays flat however many files there are.
    The processes are started afresh ("spawn") and set Django up themselves; they never use the database.
    """
    import django

    in_flight: deque = deque()
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"), initializer=django.setup) as pool:
        for path in paths:
            in_flight.append(pool.submit(prepare_article, path, embed=embed))
            if len(in_flight) >= jobs * 4:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()


def iter_article_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Each path given, with folders expanded (recursively, sorted) to their article files.

    A symbolic link is never followed, to a file or to a folder: one with an article's name, or a
    linked folder, is yielded as it is, so that ``read_article()`` refuses it with a line naming it.
    So are pipes, sockets and devices with an article's name (never opened to find out what they hold).
    """
    for path in paths:
        path = Path(path)
        if path.is_symlink() or not path.is_dir():
            yield path
            continue
        for folder, subfolders, files in os.walk(path):
            visible = sorted(name for name in subfolders if not name.startswith("."))
            linked = [name for name in visible if (Path(folder) / name).is_symlink()]
            subfolders[:] = [name for name in visible if name not in linked]
            for name in sorted([*files, *linked]):
                if name in linked or (name.endswith(ARTICLE_SUFFIXES) and not name.startswith(".")):
                    yield Path(folder) / name


def import_paths(
    *,
    paths: Iterable[Path],
    dry_run: bool = False,
    on_result: Callable[[ImportResult], None] | None = None,
    urls: Iterable[str] = (),
    jobs: int = 1,
) -> ImportSummary:
    """Import every article file under the paths, then every URL, one at a time; `on_result` hears about each.

    With `jobs` > 1, files are read and extracted (the CPU-bound part) in that many other processes
    while this one saves them, in order, one transaction per file as always.
    """
    summary, actor_cache = ImportSummary(), ActorCache()
    files = iter_article_files(paths)
    # Claims are embedded where they are extracted (in the other processes, with jobs): every claim is matched
    # against the desk's when it is saved, and kept embedded for when a verdict it repeats is published.
    if jobs > 1:
        prepared_files = _prepared_in_parallel(files, jobs, embed=True)
    else:
        prepared_files = (prepare_article(path, embed=True) for path in files)
    with bumps_coalesced(every=PAGES_REFRESHED_EVERY):
        for prepared in prepared_files:
            result = save_article(prepared, dry_run=dry_run, actor_cache=actor_cache)
            summary.add(result)
            if on_result:
                on_result(result)
        for url in urls:
            result = import_url(url=url, dry_run=dry_run, actor_cache=actor_cache)
            summary.add(result)
            if on_result:
                on_result(result)
    return summary


def _save(
    extraction: Extraction,
    *,
    source: str,
    content_hash: str,
    actor_cache: ActorCache,
    vectors: dict[str, np.ndarray] | None = None,
) -> ImportResult:
    article = Article.objects.filter(source_file=source).first()
    if article and article.content_hash == content_hash:
        return ImportResult(source, UNCHANGED, title=article.title, article_id=article.pk)
    if article is None:
        twin = Article.objects.filter(content_hash=content_hash).only("source_file", "title").first()
        if twin:
            return ImportResult(
                source, UNCHANGED, reason=f"same text as {twin.source_file}", title=twin.title, article_id=twin.pk
            )
        article = Article(source_file=source)
    outcome = UPDATED if article.pk else CREATED
    # An editor's correction of the headline, date, address or outlet is never overwritten by a re-import.
    kept = article.details_corrected_by_staff() if article.pk else set()
    if "title" not in kept:
        article.title = DIRECTION_CONTROLS.sub("", extraction.title)[:500]
    article.dek = extraction.dek
    article.body = extraction.body
    article.removed_clutter = extraction.removed_clutter
    article.content_hash = content_hash
    if extraction.published_on and "published_on" not in kept:
        article.published_on = extraction.published_on
    # A web page's original address and site: the public article page links to the original.
    if extraction.url and "url" not in kept:
        article.url = extraction.url[: Article._meta.get_field("url").max_length]
    if "dateline" not in kept:
        article.dateline = extraction.dateline[: Article._meta.get_field("dateline").max_length]
    if extraction.outlet and not article.outlet:
        article.outlet = DIRECTION_CONTROLS.sub("", extraction.outlet)[: Article._meta.get_field("outlet").max_length]
    # Its post_save signal also makes cached public pages stale on commit, for the claims
    # bulk-created below too (bulk_create sends no signals).
    transcript = extraction.kind == Article.Kind.TRANSCRIPT
    article.kind = Article.Kind.TRANSCRIPT if transcript else Article.Kind.ARTICLE
    if not transcript:
        article.venue = ""
    elif "venue" not in kept or not article.venue:
        article.venue = extraction.venue or Article.Venue.OTHER
    article.save()
    result = ImportResult(
        source, outcome, title=article.title, article_id=article.pk, warnings=list(extraction.warnings)
    )

    # In name order, so two imports sharing actors take their locks in the same order.
    actor_ids = {
        found.name: _merge_actor(found, result, actor_cache)
        for found in sorted(extraction.actors, key=lambda actor: actor.name)
    }
    # Every sentence ever saved as a claim of this article, including those an editor has since
    # reworded or removed (their history keeps the original): none of them comes back.
    known = set()
    if outcome == UPDATED:
        known.update(article.claims.values_list("fingerprint", flat=True))
        known.update(Claim.history.filter(article_id=article.pk).values_list("fingerprint", flat=True))
    speakers = _save_speakers(article, extraction, actor_ids) if transcript else {}
    claims, mentions = [], []
    for found in extraction.claims:
        print_ = fingerprint(found.text)
        if print_ in known:
            continue  # already there, perhaps edited or checked: never touched
        if transcript:
            speaker = speakers.get(found.speaker)
            if speaker is not None and speaker.role != Speaker.Role.SPEAKER:
                continue  # a fact-checker made them a moderator (or nobody): never a claim
            known.add(print_)
            claims.append(article.claim_for(found, claimant_id=speaker.actor_id if speaker else None, speaker=speaker))
        else:
            known.add(print_)
            claimant_id = actor_ids.get(found.claimant) if found.claimant else None
            claims.append(article.claim_for(found, claimant_id=claimant_id))
        mentions.append({actor_ids[name] for name in found.actors if name in actor_ids})
    if not claims:
        return result
    # Matched before they are saved, so that a claim the desk has already checked is saved as such (status
    # "Already checked", with the original's rating) in its first version, and its links after it.
    vectors = dict(vectors or {})
    missing = [claim.text for claim in claims if claim.text not in vectors]
    vectors.update(zip(missing, embed_queries(missing), strict=True))
    ordered = np.vstack([vectors[claim.text] for claim in claims])
    repeats = find_repeats([claim.text for claim in claims], ordered)
    repeats.mark(claims)
    for claim, slug in zip(claims, _free_claim_slugs(claims, article_pk=article.pk), strict=True):
        claim.slug = slug
    # One INSERT for the claims and one for their history rows (a single save() per claim
    # costs two, and simple-history's post_save most of the import's time).
    # In batches of a fixed size: each size of INSERT is a statement SQLite's connection keeps prepared
    # (128 of them), and one INSERT per transcript's length made a new one each time (memory crept up).
    bulk_create_with_history(claims, Claim, batch_size=INSERT_BATCH, default_change_reason="Imported")
    Through = Claim.actors.through
    Through.objects.bulk_create(
        (
            Through(claim_id=claim.pk, actor_id=actor_id)
            for claim, actor_ids_mentioned in zip(claims, mentions, strict=True)
            for actor_id in sorted(actor_ids_mentioned)
        ),
        batch_size=INSERT_BATCH,
    )
    # Kept: matching needs each claim's vector again when a claim it repeats is published, or it is checked.
    ClaimEmbedding.objects.store(claims, ordered, batch_size=INSERT_BATCH)
    result.claims_created = len(claims)
    result.repeats_found = repeats.save(claims)
    return result


def _save_speakers(article: Article, extraction: Extraction, actor_ids: dict[str, int]) -> dict[str, Speaker]:
    """The transcript's speakers by every label they go by, saved when new.

    A speaker the desk already records (by any of their labels) keeps the actor and role a fact-checker
    gave them; a new one is the actor the importer matched, in the role it recognised.
    """
    existing = {speaker.label: speaker for speaker in article.speakers.all()}
    by_label = {}
    for position, found in enumerate(extraction.speakers, start=len(existing)):
        speaker = next((existing[label] for label in found.labels if label in existing), None)
        if speaker is None:
            unidentified = found.role == Speaker.Role.UNIDENTIFIED
            speaker = Speaker.objects.create(
                article=article,
                label=found.label[:200],
                actor_id=None if unidentified or not found.name else actor_ids.get(found.name),
                role=found.role,
                position=position,
            )
        by_label.update(dict.fromkeys(found.labels, speaker))
    return by_label


def _free_claim_slugs(claims: list[Claim], *, article_pk: int) -> list[str]:
    """A slug for each claim that no claim has, found in one query when none is taken.

    A slug is taken when an editor reworded a claim that kept the slug of this text.
    """
    keys = [f"{article_pk}:{claim.fingerprint}" for claim in claims]
    slugs = [short_slug(claim.text, key) for claim, key in zip(claims, keys, strict=True)]
    pending, attempt = list(range(len(claims))), 0
    while pending:
        taken = set(Claim.objects.filter(slug__in=[slugs[i] for i in pending]).values_list("slug", flat=True))
        used = {slug for i, slug in enumerate(slugs) if i not in pending}
        retry = []
        for i in pending:
            if slugs[i] in taken or slugs[i] in used:
                retry.append(i)
            else:
                used.add(slugs[i])
        attempt += 1
        for i in retry:
            slugs[i] = short_slug(claims[i].text, f"{keys[i]}:{attempt}")
        pending = retry
    return slugs


def find_actor(names: list[str], *, kind: str = "") -> Actor | None:
    """The existing actor known by any of the names (canonical or alias, any case), preferring a canonical match.

    A person named by their surname alone ("Mr. Garrett") is never taken for another article's person of that
    surname ("Wendy Garrett", who was "Garrett" there): a surname is not enough to say they are the same person.
    Another spelling an actor is known by ("Zelensky") still finds them."""
    candidates = list(Actor.objects.matching(*names))
    if kind == Actor.Kind.PERSON and len(names) == 1 and len(names[0].split()) == 1:
        surname = names[0].casefold()
        candidates = [
            actor
            for actor in candidates
            if actor.name.casefold() == surname or actor.name.casefold().split()[-1] != surname
        ]
    for name in (name.casefold() for name in names):
        for actor in candidates:
            if actor.name.casefold() == name:
                return actor
    return candidates[0] if candidates else None


def _merge_actor(found: FoundActor, result: ImportResult, actor_cache: ActorCache) -> int:
    """The id of the actor `found` is, created or given its new names and role as needed."""
    cached = actor_cache.get(found)
    if cached is not None:
        return cached
    name = found.name[:200]
    actor = find_actor(found.surface_forms(), kind=found.kind)
    if actor is None:
        actor = Actor(name=name, kind=found.kind, description=found.description[:300])
        for alias in found.aliases:
            actor.add_alias(alias[:200])
        if Actor.objects.filter(slug=slugify(name)[:200]).exists():
            actor.slug = short_slug(name, name)
        actor.save()
        result.actors_created.append(actor.name)
        actor_cache.remember(found, actor)
        return actor.pk
    changed = set()
    for form in found.surface_forms():
        if actor.add_alias(form[:200]):
            changed.add("aliases")
    if not actor.description and found.description:
        actor.description = found.description[:300]
        changed.add("description")
    if changed:
        # Only what changed: new aliases alone change no public page (factcheck.cache.is_intake).
        actor.save(update_fields=[*sorted(changed), "updated_at"])
        result.actors_updated.append(actor.name)
    actor_cache.remember(found, actor)
    return actor.pk
