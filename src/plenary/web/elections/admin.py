"""Elections in the site admin: read-only. Every change goes through the returning officer's
pages, whose services check the phase and write the audit log; an admin edit would do neither.
Ballots and vote records are not registered at all (secrecy: see docs/elections-threat-model.md)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from plenary.web.elections.models import (
    Candidate,
    Election,
    MemberNomination,
    Nomination,
    Questionnaire,
    Section,
)


class ReadOnly:
    """Viewing only: no adding, changing or deleting from the site admin."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    pass


class SectionInline(ReadOnly, admin.TabularInline):
    model = Section
    fields = ["position", "name", "seats", "method", "threshold", "nominations_per_body"]
    extra = 0


@admin.register(Election)
class ElectionAdmin(ReadOnlyAdmin):
    list_display = [
        "title",
        "slug",
        "unit",
        "announced_at",
        "nominations_open_at",
        "ballot_close_at",
    ]
    search_fields = ["title", "slug"]
    inlines = [SectionInline]


@admin.register(Candidate)
class CandidateAdmin(ReadOnlyAdmin):
    list_display = ["member", "section", "status"]
    list_filter = ["status", "section__election"]
    search_fields = ["member__name"]


@admin.register(Nomination)
class NominationAdmin(ReadOnlyAdmin):
    list_display = ["candidate", "unit", "affiliate", "meeting_date", "recorded_by"]
    list_filter = ["candidate__section__election"]


@admin.register(MemberNomination)
class MemberNominationAdmin(ReadOnlyAdmin):
    list_display = ["nominee", "section", "proposer", "seconder", "status", "proposed_at"]
    list_filter = ["status", "section__election"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(ReadOnlyAdmin):
    list_display = ["title", "posed_by", "election"]
