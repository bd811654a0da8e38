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
