"""Make sure a demo editor account exists, in development only.

The password is generated and printed once, when the account is created; it
is never a fixed string. With DEBUG off the command refuses and does nothing.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the demo editor account (development only) and print its generated password once."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")

    def handle(self, *, username, **options):
        if not settings.DEBUG:
            raise CommandError("The demo editor account is for development only (DJANGO_DEBUG is off).")
        User = get_user_model()
        existing = User.objects.filter(username=username).first()
        if existing is not None:
            if not (existing.first_name and existing.last_name):
                # Made before publishing needed a display name: give it one, or it cannot publish.
                existing.first_name, existing.last_name = "Demo", "Editor"
                existing.save(update_fields=["first_name", "last_name"])
            self.stdout.write(
                f"Demo editor “{username}” exists. Forgot the password? python manage.py changepassword {username}"
            )
            return
        password = secrets.token_urlsafe(12)
        # Named, because the public pages credit reviewers by name and publishing refuses an unnamed one.
        user = User.objects.create_user(
            username=username, password=password, is_staff=True, first_name="Demo", last_name="Editor"
        )
        user.groups.add(Group.objects.get_or_create(name="Editor")[0])
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo editor created. Log in at /admin/ as “{username}” with password: {password}\n"
                "(shown only this once)"
            )
        )
