"""Actors in the admin: their names and aliases, and merging duplicates."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from factcheck.admin.common import RecordOnlyHistoryAdmin, perform
from factcheck.models import (
    Actor,
    Claim,
)


def alias_lines(text: str) -> list[str]:
    """The non-blank lines of `text`, each with its runs of whitespace made one space."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


class AliasesField(forms.CharField):
    """An actor's other names as a person types them: one per line, or on one line separated by commas.

    Cleans to the list the model stores, without blanks or repeats (whatever their case); shows a
    stored list one name per line. Commas separate names only when everything is on one line, so a
    name with a comma in it ("Martin Luther King, Jr.") goes on a line of its own.
    """

    widget = forms.Textarea

    def __init__(self, *, max_name_length: int = 200, **kwargs):
        self.max_name_length = max_name_length
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "rows": 4}

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value) -> list[str]:
        text = super().to_python(value)
        lines = text.splitlines()
        names = lines if len(lines) > 1 else text.split(",")
        aliases = {}
        for name in (" ".join(name.split()) for name in names):
            if name:
                aliases.setdefault(name.casefold(), name)
        return list(aliases.values())

    def validate(self, value):
        super().validate(value)
        for name in value:
            if len(name) > self.max_name_length:
                raise ValidationError(
                    f"“{Truncator(name).chars(40)}” is longer than {self.max_name_length} characters: "
                    "put each name on a line of its own."
                )

    def has_changed(self, initial, data):
        # Compared as the lines shown, so that an untouched field keeps the stored list exactly.
        return alias_lines(self.prepare_value(initial or [])) != alias_lines(data or "")


class ActorAdminForm(forms.ModelForm):
    aliases = AliasesField(
        required=False,
        help_text="Other names it goes by, one per line (or on one line separated by commas), e.g. “Zelenskyy”. "
        "A name with a comma in it goes on a line of its own.",
    )

    class Meta:
        model = Actor
        fields = ["name", "slug", "kind", "description", "aliases"]

    def clean_aliases(self):
        if "aliases" not in self.changed_data:
            return self.instance.aliases
        return self.cleaned_data["aliases"]

    def clean(self):
        cleaned_data = super().clean()
        name = (cleaned_data.get("name") or "").casefold()
        if "aliases" in cleaned_data:
            cleaned_data["aliases"] = [alias for alias in cleaned_data["aliases"] if alias.casefold() != name]
        return cleaned_data


@admin.register(Actor)
class ActorAdmin(RecordOnlyHistoryAdmin):
    form = ActorAdminForm
    list_display = ["name", "kind", "alias_list", "description", "claims_made_count"]
    # Explicit: the claim-count annotation drops Meta.ordering, and the claimant autocomplete
    # (which pages through this queryset) then failed on an unordered list.
    ordering = ["name"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases", "description"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["their_claims"]
    actions = ["merge_actors"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claims_made_count=Count("claims_made"))

    @admin.display(description="Aliases")
    def alias_list(self, actor):
        return ", ".join(actor.aliases)

    @admin.display(description="Claims made", ordering="claims_made_count")
    def claims_made_count(self, actor):
        return actor.claims_made_count

    @admin.display(description="Their claims")
    def their_claims(self, actor):
        claims = Claim.objects.for_actor(actor).select_related("article")[:50] if actor.pk else []
        if not claims:
            return "None yet."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> ({}; {})</li>',
                (
                    (
                        reverse("admin:factcheck_claim_change", args=[claim.pk]),
                        claim,
                        "made" if claim.claimant_id == actor.pk else "mentioned",
                        claim.get_status_display(),
                    )
                    for claim in claims
                ),
            ),
        )

    def has_merge_permission(self, request):
        return request.user.has_perm("factcheck.merge_actors")

    @admin.action(description="Merge selected actors into one", permissions=["merge"])
    def merge_actors(self, request, queryset):
        actors = list(queryset)
        if len(actors) < 2:
            self.message_user(request, "Select at least two actors to merge.", messages.WARNING)
            return None
        if "apply" in request.POST:
            keep = next((actor for actor in actors if str(actor.pk) == request.POST.get("keep")), None)
            if keep is None:
                self.message_user(request, "Choose the actor to keep.", messages.ERROR)
            else:
                perform(
                    self,
                    request,
                    lambda: keep.merge(actors, by=request.user),
                    done=f"Merged {len(actors) - 1} actor(s) into {keep.name}; their names are now aliases.",
                )
                return None
        return TemplateResponse(
            request,
            "admin/factcheck/actor/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge actors",
                "opts": self.model._meta,
                "actors": actors,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
