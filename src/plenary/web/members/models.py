"""The membership roll."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class Member(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        LAPSED = "lapsed", "Lapsed"
        SUSPENDED = "suspended", "Suspended"
        EXPELLED = "expelled", "Expelled"

    membership_number = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True, db_index=True)
    # When an officer last changed the email on the roll: sign-up through the new address
    # waits while the old one can stop it (members/roll_email.py).
    email_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    branch = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        related_name="members",
        limit_choices_to={"kind": "branch"},
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    joined_on = models.DateField(default=timezone.localdate)
    paid_until = models.DateField(null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
    )

    class Meta:
        ordering = ["name", "membership_number"]
        indexes = [models.Index(fields=["branch", "status"], name="member_branch_status")]

    def __str__(self) -> str:
        return f"{self.name} ({self.membership_number})"

    def get_absolute_url(self) -> str:
        return reverse("members:detail", kwargs={"number": self.membership_number})


class StatusDecision(models.Model):
    """A decision that set a member's status outside ordinary roll keeping: a suspension, an
    expulsion, or lifting one. Until casework exists only a national roll keeper records one,
    always with a reason (docs/decisions/0021-roll-editing.md). The latest decision that set
    the member's current status protects it from imports."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="status_decisions")
    status = models.CharField(max_length=16, choices=Member.Status.choices)
    reason = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by_label = models.CharField(max_length=300)
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        get_latest_by = ["decided_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="status_decision_has_reason")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_status_display()} on {self.decided_at:%Y-%m-%d}"


class SelfIdentification(models.Model):
    """Optional, consented self-identification, used only to apply reserved seats and
    gender balance. Never shown publicly; readable only by the member and by counts."""

    member = models.OneToOneField(
        Member, on_delete=models.CASCADE, related_name="self_identification"
    )
    consent_given_at = models.DateTimeField()
    gender = models.CharField(max_length=100, blank=True, help_text="In your own words; optional.")
    counts_as_woman = models.BooleanField(
        default=False,
        verbose_name="Count me as a woman for gender-balance rules",
    )
    bame = models.BooleanField(default=False, verbose_name="Black, Asian or minority ethnic")
    lgbt = models.BooleanField(default=False, verbose_name="LGBT+")
    disabled = models.BooleanField(default=False, verbose_name="Disabled")
    youth = models.BooleanField(default=False, verbose_name="Young member")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_given_at__isnull=False),
                name="self_identification_needs_consent",
            )
        ]

    def __str__(self) -> str:
        return f"Self-identification of {self.member}"
