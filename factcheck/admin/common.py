"""What every admin of the desk shares: who may be assigned work, refusals as messages, history to
read (never to revert), forms that refuse a save on top of someone else's newer edit, and the
autocomplete widget with a labelled empty option.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from factcheck.models import (
    StaleEditError,
)
from factcheck.templatetags.desk_admin import history_value, person

DESK_GROUPS = ["Fact-checker", "Editor"]

# History shows changed values whole: none the desk records comes near this length.
WHOLE_VALUE_CHARS = 1_000_000


def refusal_message(refusal: Exception) -> str:
    """The sentence to show an editor for a refused step."""
    if isinstance(refusal, ValidationError):
        return " ".join(refusal.messages)
    return str(refusal) or "You don't have permission to do that."


def desk_staff():
    """Active users who can work on claims: the people a claim may be assigned to."""
    return get_user_model().objects.filter(is_active=True, groups__name__in=DESK_GROUPS).distinct().order_by("username")


def staff_load() -> list[dict]:
    """Each person on the desk with what they have on their plate: claims assigned to them awaiting check
    and being researched, and the verdicts they started that are drafts or waiting for review. Three
    queries, however many people and claims."""
    from factcheck.models import Claim, Verdict

    assigned = Claim.objects.filter(status__in=[Claim.Status.NEW, Claim.Status.RESEARCHING], assignee__isnull=False)
    claims = {
        (row["assignee"], row["status"]): row["count"]
        for row in assigned.order_by().values("assignee", "status").annotate(count=Count("pk"))
    }
    verdicts = Verdict.objects.unpublished().filter(claim__status__in=Claim.WORKING_STATUSES).order_by()
    in_review = Count("pk", filter=Q(submitted_at__isnull=False))
    written = {
        row["author"]: row
        for row in verdicts.values("author").annotate(drafts=Count("pk") - in_review, in_review=in_review)
    }
    return [
        {
            "person": person,
            "new": claims.get((person.pk, Claim.Status.NEW), 0),
            "researching": claims.get((person.pk, Claim.Status.RESEARCHING), 0),
            "drafts": written.get(person.pk, {}).get("drafts", 0),
            "in_review": written.get(person.pk, {}).get("in_review", 0),
        }
        for person in desk_staff()
    ]


class StaffListFilter(admin.RelatedOnlyFieldListFilter):
    """People to filter a list by, named as the front page and the history name them ("Ana Ruiz (ana)"),
    in the order of their names: a login alone ("demo-checker-07") does not say who it is."""

    def field_choices(self, field, request, model_admin):
        listed = model_admin.get_queryset(request).distinct().values_list(f"{self.field_path}__pk", flat=True)
        people = get_user_model().objects.filter(pk__in=listed)
        return sorted(((user.pk, person(user)) for user in people), key=lambda choice: choice[1].casefold())


class HistoryValues(HistoricalRecordContextHelper):
    """Changed values as a person reads them: times to the minute, people by name, nothing as "—", and
    each value whole. django-simple-history cuts values over 100 characters around their first
    difference ("Harbo[21 chars] 7-4 on …"), which leaves a claim's earlier wording, a summary or a
    dismissal's details unreadable in the one place that keeps them."""

    def __init__(self, model, historical_record):
        super().__init__(model, historical_record, max_displayed_delta_change_chars=WHOLE_VALUE_CHARS)

    def prepare_delta_change_value(self, change, value):
        return history_value(super().prepare_delta_change_value(change, value))


class BrowserDateInput(forms.DateInput):
    """The browser's own date picker: usable on a phone, and valid HTML as served (the admin's date
    widget points aria-describedby at a help text its JavaScript makes later)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class LabelledAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete select whose first option is an empty one with a label attribute: valid
    HTML for a required select (a first option with text is not) and for an optional one."""

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, self.readable(value), attr)
        options = groups[0][1]
        if not options or options[0]["value"] != "":
            options.insert(0, self.create_option(name, "", "", False, 0))
        options[0]["attrs"]["label"] = "None"
        return groups

    def readable(self, values: list) -> list:
        """The selected values the related field can read: an add form prefilled from the URL
        (`?claim=abc`) would otherwise look "abc" up as an id and fail instead of selecting nothing."""
        remote = self.field.remote_field
        target = remote.model._meta.get_field(remote.field_name)
        readable = []
        for value in values:
            try:
                target.run_validators(target.to_python(value))
            except ValidationError:
                continue
            readable.append(value)
        return readable


class LabelledAutocompleteMixin:
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = LabelledAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RecordOnlyHistoryAdmin(SimpleHistoryAdmin):
    """History to read, not to revert: a revert would skip the workflow (and a published
    verdict must only change through a correction)."""

    def get_historical_record_context_helper(self, request, historical_record):
        return HistoryValues(self.model, historical_record)

    def has_change_history_permission(self, request, obj=None):
        return False

    def history_view(self, request, object_id, extra_context=None):
        self.refuse_unreadable_id(self.model, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("History is a record; change the current version instead.")
        self.refuse_unreadable_id(self.model, object_id)
        self.refuse_unreadable_id(self.model.history.model, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    @staticmethod
    def refuse_unreadable_id(model, value: str) -> None:
        """404 for an address whose id is not one (`/claim/abc/history/`): simple_history looks it up
        as given, and the database refuses the question rather than answering "no such row"."""
        try:
            model._meta.pk.run_validators(model._meta.pk.to_python(unquote(value)))
        except ValidationError:
            raise Http404(f"No {model._meta.verbose_name} has the id “{value}”.") from None


class VersionedAdminForm(forms.ModelForm):
    """Carries the version the editor loaded; saving on top of a newer version is a form error.

    The change_form templates render the hidden `version` field after the fieldsets
    (it cannot be listed in them: the model field is not editable).
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["version"] = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and cleaned_data.get("version") != self.instance.version:
            raise ValidationError(str(StaleEditError(self.instance)), code="stale")
        return cleaned_data


class StaleEditAdminMixin:
    """Turn the rare race the form check cannot see (two saves in the same instant) into a message."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEditError as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return HttpResponseRedirect(request.path)


def back_to(request, fallback: str) -> HttpResponseRedirect:
    """Redirect to the page the button was on (a local URL only), or to `fallback`."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = fallback
    return HttpResponseRedirect(target)


def perform(model_admin, request, step, *, done: str) -> bool:
    """Run one workflow step, report its outcome as a message, and say whether it succeeded."""
    try:
        step()
    except (PermissionDenied, ValidationError, StaleEditError) as refusal:
        model_admin.message_user(request, refusal_message(refusal), messages.ERROR)
        return False
    model_admin.message_user(request, done, messages.SUCCESS)
    return True


def perform_on_each(model_admin, request, queryset, step, *, done: str) -> None:
    """Run a bulk action's step on each claim; report how many moved and why any were refused."""
    moved, refused = 0, []
    for claim in queryset:
        try:
            step(claim)
        except (PermissionDenied, ValidationError, StaleEditError) as refusal:
            refused.append(f"“{claim}”: {refusal_message(refusal)}")
        else:
            moved += 1
    if moved:
        model_admin.message_user(request, f"{done}: {moved} claim{'s' if moved != 1 else ''}.", messages.SUCCESS)
    for reason in refused:
        model_admin.message_user(request, f"Not changed: {reason}", messages.ERROR)
