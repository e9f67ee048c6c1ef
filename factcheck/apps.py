from django.apps import AppConfig


class FactcheckConfig(AppConfig):
    name = "factcheck"
    verbose_name = "Fact-checking desk"

    def ready(self):
        from django.db.models.signals import post_migrate

        from factcheck import cache, checks, search  # noqa: F401 (checks registers itself)

        # Any change to what the public pages show makes their cached copies stale.
        cache.watch_desk_changes()
        post_migrate.connect(search.ensure_search_index_after_migrate, sender=self, dispatch_uid="claim-search-index")
