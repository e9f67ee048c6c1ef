"""Actors: the people and organisations who make claims or are mentioned in them."""

import json

from django.db import models, transaction
from django.db.models import Q
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from factcheck.models.base import (
    no_direction_controls,
    record_change,
    require_permission,
    short_slug,
    slug_address,
)


class ActorQuerySet(models.QuerySet):
    def matching(self, *names: str) -> "ActorQuerySet":
        """Actors whose canonical name or one of whose aliases is one of `names` (any case).

        The database narrows the candidates (aliases are a JSON list, searched as text, where
        some databases store non-ASCII escaped); the exact, case-folded comparison is made here.
        """
        query = Q()
        for name in names:
            escaped = json.dumps(name)[1:-1]
            query |= Q(name__iexact=name) | Q(aliases__icontains=name) | Q(aliases__icontains=escaped)
        folded = {name.casefold() for name in names}
        candidates = self.filter(query).only("pk", "name", "aliases")
        return self.filter(pk__in=[actor.pk for actor in candidates if folded & actor.all_names_folded()])


class Actor(models.Model):
    """A person, organisation, country or other body that makes or appears in claims."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANIZATION = "organization", "Organisation"
        COUNTRY = "country", "Country"
        OTHER = "other", "Other"

    name = models.CharField(
        max_length=200,
        unique=True,
        validators=[no_direction_controls],
        help_text="Canonical name, e.g. “Volodymyr Zelenskyy”.",
    )
    slug = models.SlugField(max_length=220, unique=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.PERSON)
    description = models.CharField(max_length=300, blank=True, help_text="Role, e.g. “U.S. Ambassador to NATO”.")
    aliases = models.JSONField(default=list, blank=True, help_text="Other names it goes by, e.g. “Zelenskyy”.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        permissions = [("merge_actors", "Can merge duplicate actors")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["person", "organization", "country", "other"]), name="actor_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """Save; a renamed actor whose address came from its old name gets one from the new name, and every
        address it leaves keeps leading to it (FormerActorAddress), so links and search results still work."""
        stored = None
        if not self._state.adding and self.pk is not None:
            stored = Actor._base_manager.filter(pk=self.pk).values("name", "slug").first()
        if stored and stored["name"] != self.name and self.slug == stored["slug"] == self.slug_for(stored["name"]):
            self.slug = self._free_slug(self.slug_for(self.name))
        if not self.slug:
            self.slug = self._free_slug(self.slug_for(self.name))
        with transaction.atomic():
            super().save(*args, **kwargs)
            FormerActorAddress.objects.filter(slug=self.slug).delete()
            if stored and stored["slug"] != self.slug:
                FormerActorAddress.objects.update_or_create(slug=stored["slug"], defaults={"actor": self})

    def get_absolute_url(self):
        return slug_address("factcheck:actor_detail", self.slug)

    @staticmethod
    def slug_for(name: str) -> str:
        """The address an actor of this name gets when nothing else has it."""
        return slugify(name)[:200] or short_slug(name, name)

    def _free_slug(self, slug: str) -> str:
        """`slug`, or when another actor has it, `slug` made unique by a short hash of the name."""
        if Actor._base_manager.filter(slug=slug).exclude(pk=self.pk).exists():
            return short_slug(self.name, f"{self.name}:{self.pk}", length=200)
        return slug

    def all_names_folded(self) -> set[str]:
        return {self.name.casefold(), *(alias.casefold() for alias in self.aliases)}

    def add_alias(self, alias: str) -> bool:
        """Record another name for this actor; returns False when it was known already."""
        alias = " ".join(alias.split())
        if not alias or alias.casefold() in self.all_names_folded():
            return False
        self.aliases = [*self.aliases, alias]
        return True

    def merge(self, duplicates, *, by) -> int:
        """Fold `duplicates` into this actor: their claims (as claimant or mentioned) point here,
        their names become aliases, and they are deleted. Returns how many claims moved.

        Name matching in the importer will never be perfect, so editors merge by hand; every
        re-pointed claim gets a history row naming the editor.
        """
        from factcheck.models.claims import Claim
        from factcheck.models.verdicts import Verdict

        require_permission(by, "factcheck.merge_actors", "Only an editor can merge actors.")
        duplicates = [actor for actor in duplicates if actor.pk != self.pk]
        moved = set()
        with transaction.atomic():
            for duplicate in duplicates:
                for claim in Claim.objects.filter(claimant=duplicate):
                    claim.claimant = self
                    # The same claimant under one record, not a different claimant: a published claim's
                    # wording is not changed by it (the editor merging is named in its history).
                    claim._wording_change_allowed = True
                    record_change(claim, by=by, reason=f"Claimant merged into {self.name}"[:100])
                    claim.save(update_fields=["claimant", "updated_at"])
                    moved.add(claim.pk)
                for claim in Claim.objects.filter(actors=duplicate):
                    claim.actors.remove(duplicate)
                    claim.actors.add(self)
                    moved.add(claim.pk)
                # The claimant as checked on published verdicts is the same person too (and the record goes).
                Verdict.objects.filter(checked_claimant=duplicate).update(checked_claimant=self)
                # The transcripts they speak in: their later claims there are credited to this actor too.
                duplicate.speaking_parts.update(actor=self)
                for name in [duplicate.name, *duplicate.aliases]:
                    self.add_alias(name)
                if not self.description:
                    self.description = duplicate.description
                record_change(duplicate, by=by, reason=f"Merged into {self.name}"[:100])
                # The duplicate's addresses, old and current, lead to this actor from now on.
                addresses = [duplicate.slug, *duplicate.former_addresses.values_list("slug", flat=True)]
                duplicate.delete()
                for slug in addresses:
                    FormerActorAddress.objects.update_or_create(slug=slug, defaults={"actor": self})
            record_change(self, by=by, reason=f"Merged {len(duplicates)} duplicate(s) in"[:100])
            self.save()
        return len(moved)


class FormerActorAddress(models.Model):
    """An address an actor's public page used to have (before a rename, or a merge into another actor):
    it redirects, permanently, to the actor's page."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="former_addresses")
    slug = models.SlugField(max_length=220, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "former actor addresses"

    def __str__(self):
        return f"{self.slug} → {self.actor.slug}"
