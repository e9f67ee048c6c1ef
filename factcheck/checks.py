"""The desk's own system checks, run by `manage.py check --deploy` (and so by `make run-prod`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def pages_cache_shared_in_production(app_configs, **kwargs):
    """Warn when production has no REDIS_URL. It always runs several processes (gunicorn's workers and the import
    worker), and without Redis each keeps its own page cache and desk generation: a verdict published through
    one worker, or an article the import worker saved, is missing from the pages the others have cached, until
    they expire (FACTCHECK_PAGE_CACHE_SECONDS)."""
    if settings.DEBUG or settings.LOCAL_TRIAL or settings.REDIS_URL:
        return []
    return [
        Warning(
            "REDIS_URL is not set: each of the desk's processes caches pages on its own, and a publish, a "
            "correction or an import is missing from the pages the others cached for up to "
            f"{settings.FACTCHECK_PAGE_CACHE_SECONDS} seconds.",
            hint="Set REDIS_URL to the Redis that every gunicorn and import worker shares, e.g. "
            "redis://127.0.0.1:6379/0.",
            id="factcheck.W001",
        )
    ]
