"""A fact-checker fixes a claim's claimant in place: an existing actor, or a new one made in the same step.

The import cannot find every claimant, and the claimant field only offers actors the desk already
has. So the claim's page also takes a new person or organisation (name, kind, optional role): saving
the claim creates the actor (recorded in its history under the fact-checker's name) and makes it the
claimant. A name the desk already knows, as a name or an alias, is refused with the actor to choose
instead, so no duplicate is made by mistake; an editor merges the ones that slip through later.
Creating an actor needs the ``add_actor`` permission, which both roles have.
"""

from django import forms
from django.core.exceptions import PermissionDenied

from factcheck.models import Actor
from factcheck.models.base import no_direction_controls

NEW_CLAIMANT_FIELDS = ["new_claimant_name", "new_claimant_kind", "new_claimant_description"]


class NewClaimantFormMixin(forms.Form):
    """The new-claimant fields of a claim's form; ``clean()`` makes the claimant an unsaved Actor."""

    new_claimant_name = forms.CharField(
        label="Or a new claimant",
        max_length=200,
        required=False,
        validators=[no_direction_controls],
        help_text="When the claimant is not on the desk yet: their name as readers know it. Leave the field "
        "above empty.",
    )
    new_claimant_kind = forms.ChoiceField(
        label="The new claimant is",
        choices=[(Actor.Kind.PERSON, "A person"), (Actor.Kind.ORGANIZATION, "An organisation")],
        initial=Actor.Kind.PERSON,
        required=False,
    )
    new_claimant_description = forms.CharField(
        label="Their role",
        max_length=300,
        required=False,
        help_text="Optional, e.g. “Labour MP for Eastbrook North”, “energy company”.",
    )

    def clean(self):
        cleaned_data = super().clean()
        name = " ".join(cleaned_data.get("new_claimant_name", "").split())
        if not name:
            return cleaned_data
        if cleaned_data.get("claimant") is not None:
            self.add_error("new_claimant_name", "Choose an existing claimant or name a new one, not both.")
            return cleaned_data
        known = Actor.objects.matching(name).first()
        if known is not None:
            self.add_error("new_claimant_name", f"“{known.name}” is on the desk already: choose it above.")
            return cleaned_data
        cleaned_data["claimant"] = Actor(
            name=name,
            kind=cleaned_data.get("new_claimant_kind") or Actor.Kind.PERSON,
            description=" ".join(cleaned_data.get("new_claimant_description", "").split()),
        )
        return cleaned_data

    def _get_validation_exclusions(self):
        # The new claimant has no row yet: the claim's "a quotation needs a claimant" rule is checked by the
        # database when both are saved, not against the empty claimant field.
        excluded = super()._get_validation_exclusions()
        claimant = getattr(self, "cleaned_data", {}).get("claimant")
        if claimant is not None and claimant.pk is None:
            excluded.add("claimant")
        return excluded


def save_new_claimant(request, claim) -> None:
    """Save the claim's claimant first when the form made a new one (the claim's save then points at it)."""
    claimant = claim.claimant if claim.claimant_id is None else None
    if claimant is None or claimant.pk is not None:
        return
    if not request.user.has_perm("factcheck.add_actor"):
        raise PermissionDenied("Only a fact-checker or an editor can add a claimant.")
    claimant._change_reason = "Added as a claimant on a claim's page"
    claimant.save()
    claim.claimant = claimant
