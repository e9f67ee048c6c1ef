"""Build a synthetic archive of articles, actors, claims and verdicts for demos and benchmarks.

It writes only demo rows (articles under `demo/`) and never changes imported
articles or editors' work; `--clear` removes the demo rows again first.

    python manage.py generate_demo_data                 # 100,000 claims, seed 1
    python manage.py generate_demo_data --claims 2000 --seed 7
    python manage.py generate_demo_data --clear --claims 0   # remove the demo archive only
"""

import time

from django.core.management.base import BaseCommand, CommandError

from factcheck.cache import bump_desk_generation
from factcheck.demo_data import clear_demo_archive, demo_archive_exists, generate_demo_archive


class Command(BaseCommand):
    help = "Generate a realistic, deterministic synthetic archive (default 100,000 claims)."

    def add_arguments(self, parser):
        parser.add_argument("--claims", type=int, default=100_000, help="About how many claims (default 100000).")
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same archive (default 1).")
        parser.add_argument("--clear", action="store_true", help="Delete the existing demo archive first.")

    def handle(self, *, claims, seed, clear, **options):
        if claims < 0:
            raise CommandError("--claims must be zero or more.")
        if clear:
            self.stdout.write(f"Deleted {clear_demo_archive():,} demo claims.")
            bump_desk_generation()  # bulk writes send no signals
        elif claims and demo_archive_exists():
            raise CommandError("A demo archive exists already. Add --clear to replace it.")
        if not claims:
            return
        started = time.monotonic()
        written = generate_demo_archive(
            claims=claims, seed=seed, progress=lambda total: self.stdout.write(f"  {total:,} claims")
        )
        bump_desk_generation()
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {written:,} demo claims in {seconds:.0f} s ({written / seconds:,.0f}/s).")
        )
