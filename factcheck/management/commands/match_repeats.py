"""Match the claims awaiting a check against the claims the desk has checked or is checking.

    python manage.py match_repeats

Imports are matched as they arrive, and each publish matches the unchecked claims against
the claim published (``factcheck.repeats``); this does it all again on demand: for claims
imported before claim matching existed, after restoring a backup, or after the matcher
changed. First it embeds every claim in the indexes and every unchecked claim that has no
stored embedding (a few ms each; an archive from before claim matching by meaning needs it
once). Then every claim awaiting a check (new, being researched) is matched, in batches, each
batch in its own transaction; one that repeats a published claim reads as already checked.
A pair already linked, suggested, confirmed or rejected is left as it is, so running it again
adds only what is new.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from factcheck.models import Claim
from factcheck.repeats import UNCHECKED_STATUSES, desk_claims, link_claims, unchecked_claims

BATCH = 500


class Command(BaseCommand):
    help = "Link or suggest, for every claim awaiting a check, the earlier claims it repeats."

    def handle(self, *args, **options):
        desk_claims.build(embed_limit=10**9)  # embeds and stores what is missing; the index itself is not kept
        desk_claims.forget()
        unchecked_claims.forget()
        pks = list(Claim.objects.filter(status__in=UNCHECKED_STATUSES).order_by("pk").values_list("pk", flat=True))
        links = 0
        for start in range(0, len(pks), BATCH):
            with transaction.atomic():
                claims = list(Claim.objects.filter(pk__in=pks[start : start + BATCH]).select_for_update())
                links += link_claims(claims)
        self.stdout.write(f"Matched {len(pks)} claims awaiting a check: {links} links or suggestions proposed.")
