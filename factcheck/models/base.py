"""What every model of the desk shares: optimistic locking (a save based on an older version is
refused), permission refusals in words a person understands, who made a change (for the history),
how staff are credited in public, and the slugs and fingerprints that name texts.
"""

import functools
import hashlib
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

# Invisible characters that turn the text after them around (right-to-left override, embeddings,
# isolates). A name holding one would reverse the site's own words after it ("said:" as ":dias").
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def no_direction_controls(value: str) -> None:
    """Refuse a name or title holding an invisible character that turns the text around it; right-to-left
    scripts need none (the browser lays Arabic or Hebrew out by itself)."""
    found = DIRECTION_CONTROLS.search(value or "")
    if found:
        raise ValidationError(
            "This contains an invisible character (U+%(code)04X) that would turn the words after it around "
            "on the public pages. Remove it: names in right-to-left scripts need no such character.",
            code="direction_control",
            params={"code": ord(found.group())},
        )


def fingerprint(text: str) -> str:
    """A stable hash of a text, insensitive to case and runs of whitespace."""
    normalised = " ".join(text.split()).casefold()
    return hashlib.sha256(normalised.encode()).hexdigest()


def short_slug(text: str, key: str, length: int = 60) -> str:
    """A readable slug from text, made unique by a short hash of key."""
    base = slugify(text)[:length].strip("-") or "item"
    return f"{base}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"


# What Django's <slug:…> path converter accepts: such a slug goes into an address as it is.
_URL_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def slug_address(viewname: str, slug: str) -> str:
    """reverse(viewname, kwargs={"slug": slug}) at a fraction of its cost (60 µs a call).

    Public pages link hundreds of claims, actors and articles (a sitemap 50,000):
    the address is reversed once per URLconf and script prefix around a marker,
    and each slug takes the marker's place. A slug the converter would refuse
    goes through reverse(), which raises NoReverseMatch as before.
    """
    if not _URL_SLUG.fullmatch(slug):
        return reverse(viewname, kwargs={"slug": slug})
    before, after = _address_around_slug(viewname, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    return f"{before}{slug}{after}"


@functools.lru_cache(maxsize=128)
def _address_around_slug(viewname: str, urlconf: str, script_prefix: str) -> tuple[str, str]:
    before, _, after = reverse(viewname, urlconf=urlconf, kwargs={"slug": "__slug__"}).partition("__slug__")
    return before, after


class StaleEditError(Exception):
    """Raised when a save would overwrite someone else's newer edit."""

    def __init__(self, obj):
        self.obj = obj
        super().__init__(
            f"This {obj._meta.verbose_name} was changed {_changed_by(obj)} while you were editing it. "
            "Reload the page to see the changes, then make yours again."
        )


def _changed_by(obj) -> str:
    """Who made the change a stale save would overwrite, as the refusal names them: "by Ana Ruiz", "in another
    tab or window of yours" (the same person, or the back button), or "by someone else" when nobody is known."""
    history = getattr(obj, "history", None)
    latest = history.only("history_user").first() if history is not None and obj.pk is not None else None
    changed_by = getattr(latest, "history_user", None)
    if changed_by is None:
        return "by someone else"
    if changed_by == acting_user(obj):
        return "in another tab or window of yours"
    return f"by {staff_name(changed_by)}"


def require_permission(user, permission: str, refusal: str) -> None:
    """Raise PermissionDenied with a message a person understands unless `user` holds `permission`."""
    if user is None or not user.has_perm(permission):
        raise PermissionDenied(refusal)


def record_change(obj: models.Model, *, by, reason: str) -> None:
    """Tell django-simple-history who made the next save of `obj` and why (shown in the admin's history)."""
    obj._history_user = by if getattr(by, "is_authenticated", False) else None
    obj._change_reason = reason


def acting_user(obj: models.Model):
    """Who is making the next save of `obj`: the user given to record_change(), else the user of the
    admin request being served (django-simple-history's middleware keeps it); None when nobody is known."""
    user = getattr(obj, "_history_user", None)
    if user is None:
        request = getattr(HistoricalRecords.context, "request", None)
        user = getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


def display_name(user) -> str:
    """How the public page credits a member of staff: first and last name, never the login; "" unless both are set."""
    if user is None or not user.first_name.strip() or not user.last_name.strip():
        return ""
    return " ".join(f"{user.first_name} {user.last_name}".split())


def staff_name(user) -> str:
    """How the desk names a member of staff in messages: their display name, else their login."""
    if user is None:
        return "someone no longer on the desk"
    return display_name(user) or user.get_username()


class VersionedModel(models.Model):
    """Optimistic locking: every save bumps `version`, and a save based on an
    older version is refused instead of silently overwriting a newer one."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or self.pk is None:
            return super().save(*args, **kwargs)
        with transaction.atomic():
            bumped = type(self)._base_manager.filter(pk=self.pk, version=self.version).update(version=F("version") + 1)
            if not bumped:
                raise StaleEditError(self)
            self.version += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
            return super().save(*args, **kwargs)
