"""Match the claims awaiting a check against the claims the desk has checked or is checking.

    python manage.py match_repeats

New imports are matched as they arrive (``factcheck.repeats.match_imported_claims``); this
does the same for claims that were imported before claim matching existed, or before the
claim they repeat was published. First it embeds every checked claim that has no stored
embedding (about 5 ms each; an archive from before claim matching by meaning needs it once).
Only new claims are matched, in batches, each batch in its
own transaction. A pair already linked, suggested, confirmed or rejected is left as it is,
so running it again adds only what is new.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from factcheck.models import Claim
from factcheck.repeats import desk_claims, match_imported_claims

BATCH = 500


class Command(BaseCommand):
    help = "Link or suggest, for every new claim, the earlier claims it repeats."

    def handle(self, *args, **options):
        desk_claims.build(embed_limit=10**9)  # embeds and stores what is missing; the index itself is not kept
        pks = list(Claim.objects.filter(status=Claim.Status.NEW).order_by("pk").values_list("pk", flat=True))
        links = 0
        for start in range(0, len(pks), BATCH):
            with transaction.atomic():
                claims = list(Claim.objects.filter(pk__in=pks[start : start + BATCH]).only("pk", "text"))
                links += match_imported_claims(claims)
        self.stdout.write(f"Matched {len(pks)} new claims: {links} links or suggestions proposed.")
