"""The organisation: its tree of units (national body, regions, branches), affiliates,
and the bodies that run it with their offices. One installation serves one organisation;
its own rules (fees, delegate bands, labels) are rows here, shipped with DOMAIN.md's defaults."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

# The currencies written with a symbol before the figure; any other shows its ISO code.
CURRENCY_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


def english_plural(noun: str) -> str:
    """The plural of a unit label, which the organisation chooses: branch → branches,
    CLP → CLPs, constituency → constituencies, group → groups."""
    if not noun or noun[-1].isupper():
        return f"{noun}s"
    lower = noun.lower()
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return f"{noun}es"
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return f"{noun[:-1]}ies"
    return f"{noun}s"


class Organisation(models.Model):
    # The name an installation has until its operator names it.
    UNNAMED = "Our organisation"

    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    region_label = models.CharField(
        max_length=40, default="region", help_text="What the organisation calls a region."
    )
    branch_label = models.CharField(
        max_length=40,
        default="branch",
        help_text='What the organisation calls a local unit: "branch", "CLP", "group".',
    )
    currency = models.CharField(
        max_length=3,
        default="GBP",
        help_text="The ISO 4217 code of the currency fees are in: GBP, EUR, USD…",
    )
    individual_subscription = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        default=Decimal("10.00"),
        help_text="Minimum yearly subscription for an individual member.",
    )
    national_union_delegates = models.PositiveSmallIntegerField(
        default=1, help_text="Delegates sent by a nationally affiliated union's national office."
    )

    class Meta:
        constraints = [
            # One organisation per installation.
            models.CheckConstraint(condition=Q(id=1), name="organisation_is_singleton"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.id = 1
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def money(self, amount: Decimal) -> str:
        """An amount in the organisation's currency: £10.00, €10.00, or CHF 10.00."""
        symbol = CURRENCY_SYMBOLS.get(self.currency.upper())
        figure = f"{amount:,.2f}"
        return f"{symbol}{figure}" if symbol else f"{self.currency.upper()} {figure}"

    @property
    def branch_plural(self) -> str:
        return english_plural(self.branch_label)

    @property
    def region_plural(self) -> str:
        return english_plural(self.region_label)

    @classmethod
    def current(cls) -> Organisation:
        """The installation's organisation; a blank one until the operator names it."""
        organisation, _ = cls.objects.get_or_create(id=1, defaults={"name": cls.UNNAMED})
        return organisation


class Unit(models.Model):
    """A place in the tree: the national body at the root, regions under it, branches below."""

    class Kind(models.TextChoices):
        NATIONAL = "national", "National"
        REGION = "region", "Region"
        BRANCH = "branch", "Branch"

    PARENT_KIND = {Kind.NATIONAL: None, Kind.REGION: Kind.NATIONAL, Kind.BRANCH: Kind.REGION}

    kind = models.CharField(max_length=16, choices=Kind.choices)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(kind="national"), name="one_national_unit"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation:unit", kwargs={"slug": self.slug})

    def clean(self) -> None:
        wanted = self.PARENT_KIND[self.Kind(self.kind)]
        actual = self.parent.kind if self.parent else None
        if wanted != actual:
            expected = f"a {wanted} unit" if wanted else "no parent"
            raise ValidationError({"parent": f"A {self.kind} unit must have {expected}."})

    def ancestors(self) -> list[Unit]:
        chain, unit = [], self.parent
        while unit is not None:
            chain.append(unit)
            unit = unit.parent
        return list(reversed(chain))

    def lineage(self) -> list[Unit]:
        """This unit and those above it, from the national body down."""
        return [*self.ancestors(), self]

    def kind_label(self, organisation: Organisation | None = None) -> str:
        """ "branch", "region" (as the organisation calls them) or "national body". A caller
        labelling many units passes the organisation, read once."""
        organisation = organisation or Organisation.current()
        if self.kind == self.Kind.BRANCH:
            return organisation.branch_label
        if self.kind == self.Kind.REGION:
            return organisation.region_label
        return "national body"


class AffiliateType(models.TextChoices):
    NATIONAL_UNION = "national_union", "National trade union"
    LOCAL_UNION = "local_union", "Local or regional union, or party body"
    NATIONAL_ORGANISATION = "national_organisation", "National organisation"
    LOCAL_GROUP = "local_group", "Local group"
    EQUALITY_GROUP = "equality_group", "Equality group"


# A local group needs this many signed-up supporters to affiliate (DOMAIN.md, "Structure").
LOCAL_GROUP_MINIMUM_SUPPORTERS = 10


class FeeRule(models.Model):
    """Yearly affiliation fee for a type of affiliate from a membership size upwards."""

    affiliate_type = models.CharField(max_length=32, choices=AffiliateType.choices)
    min_members = models.PositiveIntegerField(
        default=0, help_text="Applies to affiliates with at least this many members."
    )
    annual_fee = models.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        ordering = ["affiliate_type", "min_members"]
        constraints = [
            models.UniqueConstraint(
                fields=["affiliate_type", "min_members"], name="one_fee_per_type_and_size"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_affiliate_type_display()} from {self.min_members}: {self.annual_fee}"


class DelegateBand(models.Model):
    """Delegates a branch or affiliate sends, by its membership size (lower bound inclusive)."""

    min_members = models.PositiveIntegerField(unique=True)
    delegates = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["min_members"]

    def __str__(self) -> str:
        return f"from {self.min_members} members: {self.delegates} delegates"


class Affiliate(models.Model):
    name = models.CharField(max_length=200)
    affiliate_type = models.CharField(max_length=32, choices=AffiliateType.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sub_affiliates",
        help_text="The nationally affiliated union this regional or local branch belongs to.",
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="affiliates",
        help_text="The region or branch it is based in (blank for national affiliates).",
    )
    declared_members = models.PositiveIntegerField(
        help_text="Members (or, for a local group, signed-up supporters) it declares."
    )
    affiliated_on = models.DateField(default=date.today)
    paid_until = models.DateField(null=True, blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation:affiliate", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.parent_id is not None:
            if self.parent_id == self.pk:
                errors["parent"] = "An affiliate cannot be its own parent."
            elif (
                self.parent is not None
                and self.parent.affiliate_type != AffiliateType.NATIONAL_UNION
            ):
                errors["parent"] = (
                    "Only a nationally affiliated union can have affiliated branches."
                )
            elif self.affiliate_type != AffiliateType.LOCAL_UNION:
                errors["affiliate_type"] = (
                    "A union's affiliated branch must be a local or regional union."
                )
        if (
            self.affiliate_type == AffiliateType.LOCAL_GROUP
            and self.declared_members is not None
            and self.declared_members < LOCAL_GROUP_MINIMUM_SUPPORTERS
        ):
            errors["declared_members"] = (
                f"A local group needs at least {LOCAL_GROUP_MINIMUM_SUPPORTERS} signed-up "
                "supporters to affiliate."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_paid_up(self) -> bool:
        return self.paid_until is not None and self.paid_until >= timezone.localdate()

    @property
    def sends_representatives(self) -> bool:
        """No double representation: a union affiliated nationally represents its branches."""
        return self.parent_id is None


class Body(models.Model):
    """An elected or appointed body that meets and decides."""

    class Kind(models.TextChoices):
        EXECUTIVE = "executive", "National executive"
        ORGANISING_GROUP = "organising_group", "Organising group"
        STEERING_COMMITTEE = "steering_committee", "Steering committee"
        CAC = "cac", "Conference arrangements committee"
        DISPUTES_PANEL = "disputes_panel", "Disputes panel"
        ELECTIONS = "elections", "Elections committee"
        BRANCH_COMMITTEE = "branch_committee", "Branch committee"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="bodies")
    slug = models.SlugField(max_length=80, unique=True)
    quorum = models.PositiveSmallIntegerField(null=True, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["unit__name", "name"]
        verbose_name_plural = "bodies"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation:body", kwargs={"slug": self.slug})


class Office(models.TextChoices):
    CHAIR = "chair", "Chair"
    CO_CHAIR = "co_chair", "Co-chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    SECRETARY = "secretary", "Secretary"
    ASSISTANT_SECRETARY = "assistant_secretary", "Assistant secretary"
    TREASURER = "treasurer", "Treasurer"
    MEMBERSHIP_SECRETARY = "membership_secretary", "Membership and affiliations secretary"
    NATIONAL_ORGANISER = "national_organiser", "National organiser"
    CAMPAIGNS_OFFICER = "campaigns_officer", "Campaigns officer"
    TRADE_UNION_ORGANISER = "trade_union_organiser", "Trade-union organiser"
    MEDIA_OFFICER = "media_officer", "Media officer"
    SOCIAL_MEDIA_OFFICER = "social_media_officer", "Social media officer"
    RETURNING_OFFICER = "returning_officer", "Returning officer"
    COMPLAINTS_OFFICER = "complaints_officer", "Complaints officer"


class BodySeatQuerySet(models.QuerySet["BodySeat"]):
    def current(self, on: date | None = None) -> BodySeatQuerySet:
        today = on or timezone.localdate()
        return self.filter(Q(starts_on__lte=today), Q(ends_on__isnull=True) | Q(ends_on__gte=today))


class BodySeat(models.Model):
    """A member's place on a body, with the office they hold there (blank: an ordinary seat).
    Co-opted members may speak but have no vote."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seats")
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="body_seats"
    )
    office = models.CharField(max_length=32, choices=Office.choices, blank=True)
    co_opted = models.BooleanField(default=False)
    starts_on = models.DateField(default=date.today)
    ends_on = models.DateField(null=True, blank=True)

    objects = BodySeatQuerySet.as_manager()

    class Meta:
        ordering = ["body", "office", "member__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="seat_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        role = self.get_office_display() if self.office else "member"
        return f"{self.member} - {role}, {self.body}"

    @property
    def has_vote(self) -> bool:
        return not self.co_opted

    @property
    def audit_target(self) -> str:
        """Its name in the audit log (audit.log.audit_target): under its body's."""
        return f"body:{self.body.slug}/seat:{self.pk}"

    # Offices that may be held only on bodies of these kinds, wherever the seat is made (the
    # body's page, the site admin): a returning officer runs the elections of the unit whose
    # elections committee they sit on (organisation/permissions.py).
    OFFICE_BODY_KINDS = {Office.RETURNING_OFFICER: frozenset({Body.Kind.ELECTIONS})}

    def clean(self) -> None:
        kinds = self.OFFICE_BODY_KINDS.get(Office(self.office)) if self.office else None
        if kinds is not None and self.body_id is not None and self.body.kind not in kinds:
            raise ValidationError(
                {
                    "office": "A returning officer is appointed to an elections committee, and "
                    "runs the elections of that committee's unit."
                }
            )
