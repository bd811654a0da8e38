"""The demo roll: 600 fictional members across the eight branches, mostly active, some
lapsed or suspended, a few expelled; about four in ten have given consented
self-identification, for the reserved-seat and gender-balance demos.

The roll is planned in full from the fixed seed before the database is touched, so every
run plans the same people under the same membership numbers, and only missing ones are
inserted."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Q

from plenary.web.core.demo import (
    BRANCH_SECRETARY,
    DEMO_NUMBER_PATTERN,
    LOGIN_NUMBERS,
    LOGIN_ROLES,
    MEMBER,
    Demo,
    at_reserved_domain,
    membership_number,
    rng_for,
)
from plenary.web.members.demo.people import Person, email_for, make_person
from plenary.web.members.models import Member, SelfIdentification
from plenary.web.organisation.demo import branch_shares

Status = Member.Status

MEMBER_COUNT = 600

# How many of the non-login members are not active (the logins are all active).
STATUS_QUOTAS = {Status.LAPSED: 78, Status.SUSPENDED: 21, Status.EXPELLED: 9}
NO_EMAIL_SHARE = 0.02  # some members never gave an address
CONSENT_SHARE = 0.4
# The ordinary member and the branch secretary share a branch, so the member login sees
# its own branch's officers.
LOGIN_BRANCH = "millbridge"


@dataclass(frozen=True)
class Identification:
    gender: str
    counts_as_woman: bool
    bame: bool
    lgbt: bool
    disabled: bool
    youth: bool
    consent_days_ago: int


@dataclass(frozen=True)
class MemberPlan:
    number: str
    person: Person
    email: str
    branch_slug: str
    status: str
    joined_on: date
    paid_until: date
    identification: Identification | None


def _allocate_branches(rng: random.Random, count: int) -> list[str]:
    """Exactly proportional branch sizes (largest remainder), in shuffled order."""
    shares = branch_shares()
    total = sum(shares.values())
    exact = {slug: count * share / total for slug, share in shares.items()}
    sizes = {slug: int(value) for slug, value in exact.items()}
    by_remainder = sorted(exact, key=lambda slug: exact[slug] - sizes[slug], reverse=True)
    for slug in by_remainder[: count - sum(sizes.values())]:
        sizes[slug] += 1
    slots = [slug for slug, size in sizes.items() for _ in range(size)]
    rng.shuffle(slots)
    return slots


def _allocate_statuses(rng: random.Random, count: int) -> list[str]:
    slots: list[str] = [status for status, quota in STATUS_QUOTAS.items() for _ in range(quota)]
    slots += [Status.ACTIVE] * (count - len(slots))
    rng.shuffle(slots)
    return slots


def _dates(rng: random.Random, status: str, today: date) -> tuple[date, date]:
    """Joined and paid-until dates that fit the status: active members are paid up, lapsed
    and expelled ones stopped paying a while ago, after at least a year's membership."""
    lapsed_days = rng.randint(20, 900) if status in {Status.LAPSED, Status.EXPELLED} else 0
    # Most members joined in the last few years; a long tail goes back 25 years.
    joined_days = 20 + int(rng.betavariate(1.2, 3.5) * 9000)
    if lapsed_days:
        joined_days = max(joined_days, lapsed_days + 365)
        return today - timedelta(days=joined_days), today - timedelta(days=lapsed_days)
    return today - timedelta(days=joined_days), today + timedelta(days=rng.randint(15, 365))


def _gender(rng: random.Random, person: Person) -> tuple[str, bool]:
    if rng.random() < 0.04:
        return "Non-binary", rng.random() < 0.3
    if person.name_reads_as == "either":
        woman = rng.random() < 0.5
    else:
        woman = (person.name_reads_as == "woman") != (rng.random() < 0.03)
    words = ["Woman", "woman", "Female", ""] if woman else ["Man", "man", "Male", ""]
    return rng.choice(words), woman


def _identification(rng: random.Random, person: Person) -> Identification | None:
    if rng.random() >= CONSENT_SHARE:
        return None
    gender, counts_as_woman = _gender(rng, person)
    bame_share = 0.05 if person.heritage in {"british_irish", "european"} else 0.85
    return Identification(
        gender=gender,
        counts_as_woman=counts_as_woman,
        bame=rng.random() < bame_share,
        lgbt=rng.random() < 0.09,
        disabled=rng.random() < 0.12,
        youth=rng.random() < 0.10,
        consent_days_ago=rng.randint(1, 700),
    )


def plan_roll(today: date, count: int = MEMBER_COUNT) -> list[MemberPlan]:
    """The whole demo roll, the same on every run (dates count back from `today`)."""
    rng = rng_for("members")
    branches = _allocate_branches(rng, count)
    login_emails = {role.membership_number: role.email for role in LOGIN_ROLES}
    statuses = iter(_allocate_statuses(rng, count - len(LOGIN_NUMBERS)))
    taken = set(login_emails.values())
    plans = []
    for index in range(1, count + 1):
        number, person = membership_number(index), make_person(rng)
        is_login = number in login_emails
        status = Status.ACTIVE if is_login else next(statuses)
        joined_on, paid_until = _dates(rng, status, today)
        email = email_for(person, rng, taken)
        if rng.random() < NO_EMAIL_SHARE:
            email = ""
        branch = branches[index - 1]
        if number in {MEMBER.membership_number, BRANCH_SECRETARY.membership_number}:
            branch = LOGIN_BRANCH
        plans.append(
            MemberPlan(
                number=number,
                person=person,
                email=login_emails.get(number, email),
                branch_slug=branch,
                status=status,
                joined_on=joined_on,
                paid_until=paid_until,
                identification=_identification(rng, person),
            )
        )
    return plans


def _member(plan: MemberPlan, demo: Demo) -> Member:
    return Member(
        membership_number=plan.number,
        name=plan.person.name,
        email=plan.email,
        branch=demo.branches[plan.branch_slug],
        status=plan.status,
        joined_on=plan.joined_on,
        paid_until=plan.paid_until,
    )


def _self_identification(member: Member, found: Identification, today: date) -> SelfIdentification:
    consent_on = max(member.joined_on, today - timedelta(days=found.consent_days_ago))
    return SelfIdentification(
        member=member,
        consent_given_at=datetime.combine(consent_on, time(19, 30), tzinfo=UTC),
        gender=found.gender,
        counts_as_woman=found.counts_as_woman,
        bame=found.bame,
        lgbt=found.lgbt,
        disabled=found.disabled,
        youth=found.youth,
    )


def build_members(demo: Demo) -> Demo:
    plans = plan_roll(demo.today)
    numbers = [plan.number for plan in plans]
    existing = set(
        Member.objects.filter(membership_number__in=numbers).values_list(
            "membership_number", flat=True
        )
    )
    missing = [_member(plan, demo) for plan in plans if plan.number not in existing]
    Member.objects.bulk_create(missing, batch_size=500)
    demo.count_created("members", len(missing))
    demo.members = {
        member.membership_number: member
        for member in Member.objects.filter(membership_number__in=numbers).select_related("branch")
    }
    # Only for members inserted now: a member who withdrew consent stays withdrawn.
    inserted = {member.membership_number for member in missing}
    _add_self_identification(demo, [plan for plan in plans if plan.number in inserted])
    return demo


def _add_self_identification(demo: Demo, plans: list[MemberPlan]) -> None:
    rows = [
        _self_identification(demo.members[plan.number], plan.identification, demo.today)
        for plan in plans
        if plan.identification is not None
    ]
    SelfIdentification.objects.bulk_create(rows, batch_size=500)
    demo.count_created("self-identifications", len(rows))


def real_members() -> int:
    """Members that are not demo members: the demo's `plenary demo` refuses to run beside them
    (core.demo.real_data). A demo member has a demo number and no email address, or one at a
    reserved example domain."""
    demo_members = Q(membership_number__regex=DEMO_NUMBER_PATTERN) & (
        Q(email="") | at_reserved_domain()
    )
    return Member.objects.exclude(demo_members).count()
