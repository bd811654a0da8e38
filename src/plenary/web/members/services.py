"""Writes to a member's own record."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from plenary.web.members.models import Member, SelfIdentification

SELF_IDENTIFICATION_FIELDS = ("gender", "counts_as_woman", "bame", "lgbt", "disabled", "youth")


@transaction.atomic
def self_identification_save(
    *, member: Member, consent: bool, **answers: object
) -> SelfIdentification | None:
    """Store the member's answers with their consent; without consent, store nothing and
    delete anything stored before (withdrawing consent erases the data)."""
    if not consent:
        SelfIdentification.objects.filter(member=member).delete()
        return None
    record, _ = SelfIdentification.objects.update_or_create(
        member=member,
        defaults={
            "consent_given_at": timezone.now(),
            **{field: answers[field] for field in SELF_IDENTIFICATION_FIELDS if field in answers},
        },
    )
    return record
