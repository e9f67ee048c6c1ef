"""Template helpers for the admin: values in the history list as a person reads them."""

from datetime import date, datetime

from django import template
from django.contrib.auth import get_user_model
from django.utils import timezone
from simple_history.models import DeletedObject

from factcheck.models import display_name, staff_name

register = template.Library()


@register.filter
def person(user) -> str:
    """A member of staff as "First Last (login)", or the login alone when they have no name."""
    if user is None:
        return "—"
    name = display_name(user)
    return f"{name} ({user.get_username()})" if name else user.get_username()


@register.filter
def history_value(value) -> str:
    """A changed value as the history shows it: times to the minute, nobody as "—", people by name.

    django-simple-history hands over an empty foreign key as a "deleted" object with no key
    ("Deleted user (pk=None)"); that is an empty value, not a deleted one.
    """
    if isinstance(value, DeletedObject):
        return "—" if value.pk is None else str(value)
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
            if timezone.is_aware(value)
            else f"{value:%Y-%m-%d %H:%M}"
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, get_user_model()):
        return person(value)
    return str(value)


@register.filter(name="staff_name")
def staff_name_filter(user) -> str:
    """A member of staff by first and last name, or their login when they have none (models.staff_name)."""
    return staff_name(user)
