"""Who may see, import and export the membership roll, and see and edit a member's record.

A member's record is edited by the officers who keep their roll; a decision on standing
(suspension, expulsion, lifting one) only by a national roll keeper, until casework makes
them (docs/decisions/0021-roll-editing.md)."""

from __future__ import annotations

import rules
from django.db.models import QuerySet

from plenary.web.members.models import Member
from plenary.web.organisation import roles
from plenary.web.organisation.models import Office, Unit
from plenary.web.organisation.roles import AnyUser

ROLL_KEEPING_OFFICES = frozenset({Office.SECRETARY, Office.MEMBERSHIP_SECRETARY})


@rules.predicate
def keeps_national_roll(user: AnyUser) -> bool:
    """The national secretary or membership secretary: sees, imports and exports the whole roll."""
    return roles.is_site_admin(user) or roles.holds_national_office(user, ROLL_KEEPING_OFFICES)


def roll_branches(user: AnyUser) -> QuerySet[Unit]:
    """The branches whose members this user may list and export: every branch for a national
    roll keeper, their own for a branch officer, none for anyone else."""
    if keeps_national_roll(user):
        return Unit.objects.filter(kind=Unit.Kind.BRANCH)
    return roles.officer_branches(user)


@rules.predicate
def keeps_a_roll(user: AnyUser) -> bool:
    return keeps_national_roll(user) or bool(roles.branches_with_office(user))


@rules.predicate
def keeps_roll_of(user: AnyUser, branch: Unit) -> bool:
    return keeps_national_roll(user) or roles.is_branch_officer(user, branch)


@rules.predicate
def is_the_member(user: AnyUser, member: Member) -> bool:
    return bool(user.is_authenticated and member.user_id == user.pk)


@rules.predicate
def keeps_roll_of_member(user: AnyUser, member: Member) -> bool:
    return keeps_roll_of(user, member.branch)


rules.add_perm("members.see_roll", keeps_a_roll)
rules.add_perm("members.see_member", is_the_member | keeps_roll_of_member)
rules.add_perm("members.import_roll", keeps_national_roll)
rules.add_perm("members.export_roll", keeps_a_roll)
rules.add_perm("members.edit_member", keeps_roll_of_member)
rules.add_perm("members.set_standing", keeps_national_roll)
