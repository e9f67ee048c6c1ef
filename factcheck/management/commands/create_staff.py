"""Create a staff account in one of the desk's roles, so daily work never needs a superuser.

    python manage.py create_staff USERNAME --role editor|fact-checker --name "First Last" [--email ADDRESS]

The name is how the public pages credit the person (never the login); it is required.

The password is asked for twice, or read from FACTCHECK_STAFF_PASSWORD when a
script runs the command (--no-input). Django's password validators apply
either way. An existing username is refused, never changed.
"""

import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

ROLES = {"editor": "Editor", "fact-checker": "Fact-checker"}
PASSWORD_VARIABLE = "FACTCHECK_STAFF_PASSWORD"


def split_name(name: str) -> tuple[str, str]:
    """("First", "Last") from "First Last" (everything after the first word is the last name)."""
    first_name, _, last_name = " ".join(name.split()).partition(" ")
    return first_name, last_name


def create_staff(*, username: str, role: str, password: str, name: str, email: str = ""):
    """Create an active staff user in the group for `role`, with the display name `name`, and return it.

    Raises ValidationError when the username is taken, the name is not a first and last name,
    or the password fails the validators.
    """
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise ValidationError(f"A user named “{username}” exists already.")
    first_name, last_name = split_name(name)
    if not (first_name and last_name):
        raise ValidationError(
            'Give the person\'s first and last name (--name "Maria López"): the public pages credit them by it.'
        )
    user = User(username=username, email=email, is_staff=True, first_name=first_name, last_name=last_name)
    password_validation.validate_password(password, user)
    try:
        group = Group.objects.get(name=ROLES[role])
    except Group.DoesNotExist:
        raise ValidationError(f"The {ROLES[role]} group is missing; run `python manage.py migrate` first.") from None
    with transaction.atomic():
        user.set_password(password)
        user.save()
        user.groups.add(group)
    return user


class Command(BaseCommand):
    help = "Create a staff user as an editor or a fact-checker (password prompted, or from FACTCHECK_STAFF_PASSWORD)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(ROLES))
        parser.add_argument("--name", required=True, help="First and last name, as the public pages credit them.")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help=f"Never prompt; take the password from {PASSWORD_VARIABLE}.",
        )

    def handle(self, *, username, role, name, email, interactive, **options):
        password = os.environ.get(PASSWORD_VARIABLE) or (self.ask_password() if interactive else "")
        if not password:
            raise CommandError(f"No password: set {PASSWORD_VARIABLE} or run the command without --no-input.")
        try:
            create_staff(username=username, role=role, password=password, name=name, email=email)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(f"Created {ROLES[role].lower()} “{username}”. They can log in to the admin.")
        )

    def ask_password(self) -> str:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ; nothing was created.")
        return password
