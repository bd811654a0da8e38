"""Reads for elections: who is on the ballot, the public running tally, what a user may see.

Nothing here writes; every function takes what it reads from as keyword or positional data
and returns querysets or plain dataclasses the templates and the voting code can use."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from plenary.web.elections.models import Candidate, Section


def candidates_with_tally(section: Section) -> QuerySet[Candidate]:
    """Every candidate of the section, annotated with `nominating_bodies` (how many bodies
    nominated them)."""
    return (
        Candidate.objects.filter(section=section)
        .select_related("member__branch")
        .annotate(nominating_bodies=Count("nominations", distinct=True))
    )


def ballot_candidates(section: Section) -> list[Candidate]:
    """The candidates on the section's ballot paper, in ballot-paper order (by name).

    A candidate is on the ballot when they have accepted nomination and at least
    `section.threshold` bodies nominated them. Before nominations close the list is
    provisional; the voting code calls this once the ballot opens, when it is final."""
    return list(
        candidates_with_tally(section)
        .filter(status=Candidate.Status.ACCEPTED, nominating_bodies__gte=section.threshold)
        .order_by("member__name", "member__membership_number")
    )
