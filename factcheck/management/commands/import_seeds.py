"""Import articles (text files, saved web pages, URLs): clean article, actors and ranked claims.

    python manage.py import_seeds [PATH ...] [--url URL ...] [--dry-run]

Each PATH is a file or a folder (its ``*.txt``, ``*.html`` and ``*.htm``
files, recursively); with no PATH and no URL it imports the project's
``seeds/`` folder. A web page's article is taken out of the page by a
main-content extractor, and keeps the page's address and publication date.
``--url`` fetches a page from the web and imports it (private, loopback and
cloud-metadata addresses, non-HTML answers, pages over the size limit and
slow servers are refused; see ``factcheck/fetching.py``). Every file is imported in its
own transaction by ``factcheck.importer.import_article``: web clutter removed
(and kept on the article for review), actors found and merged with the ones
the desk knows, check-worthy sentences saved as new claims.

What it never does: delete or overwrite editors' work. Importing the same file
again changes nothing; a changed file updates the article and adds new claims,
leaving existing claims, verdicts and actors as they are (actors only gain
aliases, and a description when they had none).

Only regular files are read. A symbolic link is never followed, whether it
names a file or a folder, and a named pipe, socket or device is refused
without being waited on: each gets a line naming it (import what a link
points to by its own path).

A file or URL that cannot be imported (missing, empty, binary, not UTF-8, no
title, too large, not a regular file, refused) gets one line saying which and why; the others
still import, and the command exits with status 1.

Flags:
  --url URL   Fetch and import a web page; repeat for several.
  --jobs N    Read and extract files in N processes while this one saves them. By default
              one per CPU core when there are 50 files or more (starting the processes
              costs more than it saves on a few files), else none.
  --dry-run   Show what would be created and write nothing.

A progress bar shows on a terminal when there are many files; the last line
sums up articles created / updated / unchanged / failed, claims and actors.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from factcheck.importer import FAILED, ImportResult, import_paths, iter_article_files

# From this many files on, extracting in other processes pays for starting them.
PARALLEL_FROM = 50
# Below this many files, each file's line is progress enough.
PROGRESS_FROM = 20


class Progress:
    """A one-line bar on a terminal; a line every tenth of the way otherwise."""

    def __init__(self, stream, total: int):
        self.stream, self.total, self.done = stream, total, 0
        self.tty = stream.isatty()

    def step(self) -> None:
        self.done += 1
        if self.tty:
            filled = int(30 * self.done / self.total)
            end = "\n" if self.done == self.total else ""
            self.stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}{end}", ending="")
        elif self.done == self.total or self.done % max(1, self.total // 10) == 0:
            self.stream.write(f"{self.done}/{self.total} files")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Import article text files, saved web pages (or folders of them) and URLs as articles, actors and claims. "
        "Never deletes anything."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="Files or folders; default: seeds/")
        parser.add_argument(
            "--url", action="append", default=[], dest="urls", metavar="URL", help="A web page to fetch and import."
        )
        parser.add_argument("--dry-run", action="store_true", help="Show what would be created; write nothing.")
        parser.add_argument(
            "--jobs", type=int, default=None, metavar="N", help="Extract files in N processes (default: the cores)."
        )

    def handle(self, *, paths, urls, dry_run, jobs, verbosity, **options):
        if jobs is not None and jobs < 1:
            raise CommandError("--jobs must be 1 or more.")
        paths = paths or ([] if urls else [Path(settings.BASE_DIR) / "seeds"])
        total = sum(1 for _ in iter_article_files(paths)) + len(urls)
        if jobs is None:
            jobs = (os.cpu_count() or 1) if total >= PARALLEL_FROM else 1
        progress = Progress(self.stderr, total) if total >= PROGRESS_FROM and verbosity > 0 else None

        def report(result: ImportResult) -> None:
            if result.outcome == FAILED:
                if progress and progress.tty:
                    self.stderr.write("")
                self.stderr.write(str(result))
            elif verbosity > 1 or (verbosity > 0 and (dry_run or not progress)):
                self.stdout.write(f"[dry run, would be] {result}" if dry_run else str(result))
            if progress:
                progress.step()

        summary = import_paths(paths=paths, urls=urls, dry_run=dry_run, on_result=report, jobs=jobs)
        self.stdout.write(("Dry run, nothing written. " if dry_run else "") + str(summary))
        if summary.failed:
            raise CommandError(f"{summary.failed} of {summary.files} files could not be imported.", returncode=1)
