"""The demo's bodies and who sits on them: the national executive with its officers, the
organising group, the steering committee, the conference arrangements committee, the
disputes panel with its complaints officer, the elections committee with its returning
officer, and a committee for every branch. Each seat-holder is an active member, and no
member holds more than one seat, so every demo login has exactly the role it is named for.

A body's seats are filled when the body is created and never touched again, so a second
run changes nothing even if the roll has been edited in between."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from plenary.web.core.demo import (
    BRANCH_SECRETARY,
    CAC_MEMBER,
    COMPLAINTS_OFFICER,
    LOGIN_NUMBERS,
    MEMBERSHIP_SECRETARY,
    RETURNING_OFFICER,
    Demo,
    LoginRole,
    rng_for,
)
from plenary.web.members import standing
from plenary.web.members.models import Member
from plenary.web.members.standing import Right
from plenary.web.organisation.models import Body, BodySeat, Office, Unit

Kind = Body.Kind
CO_OPTED = "co-opted"


@dataclass(frozen=True)
class BodySpec:
    slug: str
    name: str
    kind: str
    unit_slug: str | None  # None: the national unit
    quorum: int
    # Offices in the order they are filled; an office marked CO_OPTED is filled by co-option.
    offices: tuple[str | tuple[str, str], ...]
    ordinary_seats: int
    logins: tuple[tuple[LoginRole, str], ...] = ()  # (login, office or "" for a plain seat)
    description: str = ""


NATIONAL_BODIES: tuple[BodySpec, ...] = (
    BodySpec(
        "national-executive",
        "National executive",
        Kind.EXECUTIVE,
        None,
        quorum=7,
        offices=(
            Office.CHAIR,
            Office.VICE_CHAIR,
            Office.SECRETARY,
            Office.ASSISTANT_SECRETARY,
            Office.TREASURER,
            Office.NATIONAL_ORGANISER,
            Office.CAMPAIGNS_OFFICER,
            Office.TRADE_UNION_ORGANISER,
            Office.MEDIA_OFFICER,
            (Office.SOCIAL_MEDIA_OFFICER, CO_OPTED),
        ),
        ordinary_seats=4,
        logins=((MEMBERSHIP_SECRETARY, Office.MEMBERSHIP_SECRETARY),),
        description="Elected at conference; meets monthly, runs the alliance between conferences.",
    ),
    BodySpec(
        "organising-group",
        "Organising group",
        Kind.ORGANISING_GROUP,
        None,
        quorum=6,
        offices=(Office.CO_CHAIR, Office.CO_CHAIR, Office.SECRETARY),
        ordinary_seats=9,
        description="Branch and affiliate representatives; decides between executive meetings.",
    ),
    BodySpec(
        "steering-committee",
        "Steering committee",
        Kind.STEERING_COMMITTEE,
        None,
        quorum=8,
        offices=(Office.CHAIR, Office.VICE_CHAIR, Office.SECRETARY, Office.TREASURER),
        ordinary_seats=11,
        description="Eleven members plus four officers, elected by one member one vote.",
    ),
    BodySpec(
        "conference-arrangements-committee",
        "Conference arrangements committee",
        Kind.CAC,
        None,
        quorum=3,
        offices=(Office.CHAIR, Office.SECRETARY),
        ordinary_seats=2,
        logins=((CAC_MEMBER, ""),),
        description="Receives motions and amendments, rules on remit, helps composite them.",
    ),
    BodySpec(
        "disputes-panel",
        "Disputes panel",
        Kind.DISPUTES_PANEL,
        None,
        quorum=3,
        offices=(Office.CHAIR,),
        ordinary_seats=3,
        logins=((COMPLAINTS_OFFICER, Office.COMPLAINTS_OFFICER),),
        description="Hears complaints with confidentiality and due process.",
    ),
    BodySpec(
        "elections-committee",
        "Elections committee",
        Kind.ELECTIONS,
        None,
        quorum=2,
        offices=(Office.CHAIR,),
        ordinary_seats=2,
        logins=((RETURNING_OFFICER, Office.RETURNING_OFFICER),),
        description="Runs internal elections: nominations, ballot, count and result.",
    ),
)

# Larger branches have a fuller committee; one small branch has co-opted its campaigns
# officer because nobody stood at the AGM.
BRANCH_EXTRA_OFFICES: dict[str, tuple[str | tuple[str, str], ...]] = {
    "millbridge": (Office.VICE_CHAIR, Office.MEMBERSHIP_SECRETARY, Office.CAMPAIGNS_OFFICER),
    "glenmuir": (Office.VICE_CHAIR, Office.TRADE_UNION_ORGANISER),
    "haverdale": (Office.ASSISTANT_SECRETARY,),
    "kirkby-moor": ((Office.CAMPAIGNS_OFFICER, CO_OPTED),),
}


def branch_committee(slug: str, branch: Unit) -> BodySpec:
    logins = ((BRANCH_SECRETARY, Office.SECRETARY),) if slug == "millbridge" else ()
    officers = (Office.CHAIR,) + (() if logins else (Office.SECRETARY,)) + (Office.TREASURER,)
    return BodySpec(
        f"{slug}-committee",
        f"{branch.name} branch committee",
        Kind.BRANCH_COMMITTEE,
        slug,
        quorum=3,
        offices=officers + BRANCH_EXTRA_OFFICES.get(slug, ()),
        ordinary_seats=2,
        logins=logins,
        description=f"The officers and committee of {branch.name} branch.",
    )


def term_start(today: date) -> date:
    """Officers were elected at last year's AGM, so every demo seat is current."""
    return date(today.year - 1, 5, 1)


class SeatPicker:
    """Picks active members who hold no seat yet, with a generator per body."""

    def __init__(self, demo: Demo) -> None:
        self.demo = demo
        self.seated = set(
            BodySeat.objects.filter(member__in=demo.members.values()).values_list(
                "member_id", flat=True
            )
        )

    def pick(self, rng: random.Random, count: int, branch: Unit | None) -> list[Member]:
        eligible = [
            member
            for number, member in sorted(self.demo.members.items())
            if standing.may(member, Right.HOLD_OFFICE)
            and number not in LOGIN_NUMBERS
            and member.pk not in self.seated
            and (branch is None or member.branch_id == branch.pk)
        ]
        chosen = rng.sample(eligible, count)
        self.seated.update(member.pk for member in chosen)
        return chosen


def _seats(spec: BodySpec, body: Body, demo: Demo, picker: SeatPicker) -> list[BodySeat]:
    branch = demo.branches[spec.unit_slug] if spec.unit_slug else None
    filled = [_office_and_cooption(office) for office in spec.offices]
    filled += [("", False)] * spec.ordinary_seats
    people = picker.pick(rng_for(f"bodies:{spec.slug}"), len(filled), branch)
    starts_on = term_start(demo.today)
    seats = [
        BodySeat(body=body, member=person, office=office, co_opted=co_opted, starts_on=starts_on)
        for person, (office, co_opted) in zip(people, filled, strict=True)
    ]
    seats += [
        BodySeat(body=body, member=demo.login_member(login), office=office, starts_on=starts_on)
        for login, office in spec.logins
    ]
    return seats


def _office_and_cooption(office: str | tuple[str, str]) -> tuple[str, bool]:
    if isinstance(office, tuple):
        return office[0], office[1] == CO_OPTED
    return office, False


def _body(spec: BodySpec, demo: Demo) -> tuple[Body, bool]:
    unit = demo.branches[spec.unit_slug] if spec.unit_slug else demo.national
    assert unit is not None, "build_tree runs before build_bodies"
    return Body.objects.get_or_create(
        slug=spec.slug,
        defaults={
            "name": spec.name,
            "kind": spec.kind,
            "unit": unit,
            "quorum": spec.quorum,
            "description": spec.description,
        },
    )


def body_specs(demo: Demo) -> list[BodySpec]:
    branches = [branch_committee(slug, branch) for slug, branch in demo.branches.items()]
    return [*NATIONAL_BODIES, *branches]


def build_bodies(demo: Demo) -> Demo:
    picker = SeatPicker(demo)
    new_seats: list[BodySeat] = []
    for spec in body_specs(demo):
        body, created = _body(spec, demo)
        demo.bodies[spec.slug] = body
        if created:
            demo.count_created("bodies")
            new_seats += _seats(spec, body, demo, picker)
    BodySeat.objects.bulk_create(new_seats)
    demo.count_created("seats", len(new_seats))
    return demo
