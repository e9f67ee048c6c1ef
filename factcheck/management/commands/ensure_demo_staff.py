"""Make sure the demo staff accounts exist, in development only: an editor and a fact-checker.

Two people, because the desk's two-person rule means nobody publishes their own verdict: the
fact-checker writes and submits a verdict, the editor reviews and publishes it. Each password is
generated and printed once, when its account is created; it is never a fixed string. With DEBUG
off the command refuses and does nothing.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

# (username, desk group, display name): public pages credit reviewers by name, and publishing refuses an unnamed one.
DEMO_STAFF = [
    ("editor", "Editor", ("Demo", "Editor")),
    ("factchecker", "Fact-checker", ("Demo", "Fact-checker")),
]


class Command(BaseCommand):
    help = "Create the demo editor and fact-checker accounts (development only) and print their passwords once."

    def handle(self, **options):
        if not settings.DEBUG:
            raise CommandError("The demo staff accounts are for development only (DJANGO_DEBUG is off).")
        User = get_user_model()
        created = []
        for username, group, (first_name, last_name) in DEMO_STAFF:
            existing = User.objects.filter(username=username).first()
            if existing is not None:
                if not (existing.first_name and existing.last_name):
                    # Made before publishing needed a display name: give it one, or it cannot publish.
                    existing.first_name, existing.last_name = first_name, last_name
                    existing.save(update_fields=["first_name", "last_name"])
                self.stdout.write(
                    f"Demo {group.lower()} “{username}” exists. "
                    f"Forgot the password? python manage.py changepassword {username}"
                )
                continue
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username=username, password=password, is_staff=True, first_name=first_name, last_name=last_name
            )
            user.groups.add(Group.objects.get_or_create(name=group)[0])
            created.append(f"  {group:<13} “{username}”, password: {password}")
        if created:
            self.stdout.write(
                self.style.SUCCESS(
                    "Demo staff created (passwords shown only this once). Log in at /admin/ as\n"
                    + "\n".join(created)
                    + "\nThe fact-checker writes and submits a verdict; the editor reviews and publishes it."
                )
            )
