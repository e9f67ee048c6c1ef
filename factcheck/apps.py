from django.apps import AppConfig


class FactcheckConfig(AppConfig):
    name = "factcheck"
    verbose_name = "Fact-checking desk"

    def ready(self):
        from factcheck import cache

        # Any change to what the public pages show makes their cached copies stale.
        cache.watch_desk_changes()
