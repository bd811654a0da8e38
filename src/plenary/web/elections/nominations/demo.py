"""A demo election with nominations open: the steering committee election, announced ten days
ago, nominations open three days ago and closing in eleven. Branches and equality groups have
recorded gender-balanced nominations, so the public tally has candidates above and below the
threshold; most candidates have accepted and written statements, and the women's group has put
a questionnaire that some have answered. The demo "Member" login is nominated and has not yet
decided, and the "Branch secretary" login's branch has not yet nominated for the committee, so
the candidate's and the secretary's pages can be tried at once.

Built through the same services the returning officer's pages use (and so audited), with the
returning officer demo login as the actor. Candidates other than the Member login have no
account, so their acceptances, statements and answers are written directly ("on paper").

Also a branch election (`build_branch_election`): the Branch secretary login's branch elects
its chair, members nominating, with a nomination waiting for the Member login to second it."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.utils import timezone

from plenary.web.accounts.models import User
from plenary.web.core.demo import BRANCH_SECRETARY, MEMBER, RETURNING_OFFICER, Demo, rng_for
from plenary.web.elections.models import Answer, Candidate, Election, MemberNomination, Section
from plenary.web.elections.nominations import services as nominations
from plenary.web.elections.questionnaires import services as questionnaires
from plenary.web.elections.setup import services as setup
from plenary.web.members.models import Member
from plenary.web.members.standing import Right, members_with

SLUG = "steering-committee-2027"
SECTIONS = (
    {
        "name": "Steering committee members",
        "position": 1,
        "seats": 11,
        "method": "scottish",
        "question": "",
        "reserved_category": "bame",
        "reserved_seats": 1,
        "minimum_women": 5,
        "nominating_kinds": ["branch", "equality_group"],
        "nominations_per_body": 2,
        "gender_balanced_nominations": True,
        "threshold": 3,
    },
    {
        "name": "Chair",
        "position": 2,
        "seats": 1,
        "method": "irv",
        "question": "",
        "reserved_category": "",
        "reserved_seats": 0,
        "minimum_women": 0,
        "nominating_kinds": ["branch", "region"],
        "nominations_per_body": 1,
        "gender_balanced_nominations": False,
        "threshold": 3,
    },
)
QUESTIONS = (
    "How will you make meetings easier to attend for members with caring responsibilities?",
    "Will you support a women's officer on every branch committee?",
)
STATEMENT = (
    "I have been a member of {branch} for {years} years. If elected I will argue for branches "
    "to be heard between conferences, and for every decision to be reported back in plain words."
)


def build_election_in_nominations(demo: Demo) -> Demo:
    if Election.objects.filter(slug=SLUG).exists():
        return demo
    rng = rng_for("election-nominations")
    ro = demo.login_member(RETURNING_OFFICER).user
    # On the hour, so the timeline reads as a returning officer would set it.
    now = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    election = _set_up(demo, ro, now)
    members_section, chair_section = election.sections.order_by("position")
    _nominate_members(demo, rng, ro, members_section, now)
    _nominate_chair(demo, rng, ro, chair_section, now)
    _candidates_respond(demo, rng, election)
    demo.count_created("elections")
    return demo


def _set_up(demo: Demo, ro: User, now: datetime) -> Election:
    announced = now - timedelta(days=10)
    drafted = announced - timedelta(hours=2)
    election = setup.election_create(
        actor=ro,
        title="Steering committee election 2027",
        slug=SLUG,
        unit=demo.national,
        description="Eleven members of the steering committee and its chair, elected by one "
        "member one vote. Branches and equality groups nominate.",
        roll_date=demo.today - timedelta(days=14),
    )
    for fields in SECTIONS:
        setup.section_create(actor=ro, election=election, now=drafted, **fields)
    setup.election_set_timeline(
        actor=ro,
        election=election,
        now=drafted,
        nominations_open_at=now - timedelta(days=3),
        nominations_close_at=now + timedelta(days=11),
        ballot_open_at=now + timedelta(days=14),
        ballot_close_at=now + timedelta(days=28),
    )
    return setup.election_announce(actor=ro, election=election, now=announced)


def _self_identified(demo: Demo, *, woman: bool) -> list[Member]:
    eligible = (
        members_with(Right.BE_NOMINATED)
        .filter(
            self_identification__counts_as_woman=woman,
            joined_on__lte=demo.today - timedelta(days=14),
        )
        .exclude(
            membership_number__in=[MEMBER.membership_number, RETURNING_OFFICER.membership_number]
        )
    )
    return list(eligible.order_by("membership_number"))


def _nominate_members(
    demo: Demo, rng: random.Random, ro: User, section: Section, now: datetime
) -> None:
    women = rng.sample(_self_identified(demo, woman=True), 6)
    others = rng.sample(_self_identified(demo, woman=False), 5)
    member_login = demo.login_member(MEMBER)
    # The Branch secretary login's branch has not met yet, so that login can record its
    # nominations in the demo; the Member login is nominated by the first other body.
    secretary_branch = demo.login_member(BRANCH_SECRETARY).branch
    bodies = [
        demo.branches[s] for s in sorted(demo.branches) if demo.branches[s] != secretary_branch
    ]
    bodies += [
        a for name, a in sorted(demo.affiliates.items()) if a.affiliate_type == "equality_group"
    ]
    for index, body in enumerate(bodies):
        # Earlier names in each list are more popular, so the tally has a spread.
        pair = [_popular(rng, women), _popular(rng, others)]
        if index == 0:
            pair[1] = member_login
        nominations.nominations_record(
            actor=ro,
            section=section,
            body=body,
            nominees=pair,
            now=now,
            meeting_date=demo.today - timedelta(days=rng.randint(0, 3)),
        )


def _popular(rng: random.Random, people: list[Member]) -> Member:
    weights = [len(people) - i for i in range(len(people))]
    return rng.choices(people, weights=weights)[0]


def _nominate_chair(
    demo: Demo, rng: random.Random, ro: User, section: Section, now: datetime
) -> None:
    hopefuls = rng.sample(
        _self_identified(demo, woman=True) + _self_identified(demo, woman=False), 3
    )
    bodies = [demo.branches[slug] for slug in sorted(demo.branches)][:8]
    bodies += [demo.regions[slug] for slug in sorted(demo.regions)][:2]
    for body in bodies:
        nominations.nominations_record(
            actor=ro,
            section=section,
            body=body,
            nominees=[_popular(rng, hopefuls)],
            now=now,
            meeting_date=demo.today - timedelta(days=rng.randint(0, 3)),
        )


def _candidates_respond(demo: Demo, rng: random.Random, election: Election) -> None:
    """Accept, state and answer on paper for every candidate but the Member login, who decides
    for themselves in the demo; one candidate declines."""
    questionnaire = questionnaires.questionnaire_create(
        actor=demo.login_member(RETURNING_OFFICER).user,
        election=election,
        posed_by="Heartwood Women",
        title="Questions from Heartwood Women",
        questions=QUESTIONS,
    )
    questions = list(questionnaire.questions.all())
    candidates = Candidate.objects.filter(section__election=election).select_related(
        "member__branch"
    )
    for index, candidate in enumerate(
        candidates.order_by("section__position", "member__membership_number")
    ):
        if candidate.member.membership_number == MEMBER.membership_number:
            continue
        declined = index == 3
        candidate.status = Candidate.Status.DECLINED if declined else Candidate.Status.ACCEPTED
        candidate.accepted_at = None if declined else timezone.now() - timedelta(days=1)
        years = max(1, (demo.today - candidate.member.joined_on).days // 365)
        candidate.statement = (
            "" if declined else STATEMENT.format(branch=candidate.member.branch.name, years=years)
        )
        candidate.save(update_fields=["status", "accepted_at", "statement"])
        if not declined and rng.random() < 0.6:
            for question in questions[: rng.randint(1, len(questions))]:
                Answer.objects.create(
                    question=question,
                    candidate=candidate,
                    text="Yes. I will put it to the first meeting after the election.",
                )


# --- A branch election -----------------------------------------------------------------------

BRANCH_SLUG = "branch-officers-2027"


def build_branch_election(demo: Demo) -> Demo:
    """The Branch secretary login's branch elects its chair: set up by the secretary, who
    named a member of the branch its returning officer (a member without a login, so each
    login keeps the one seat of its role; the national returning officer, who runs it too,
    adds its section and timeline);
    members nominate by a proposer and a seconder, and one nomination reaches the ballot.
    One nominee is proposed and seconded (on paper, by members without a login); another
    waits for the Member login to second it."""
    if Election.objects.filter(slug=BRANCH_SLUG).exists():
        return demo
    rng = rng_for("branch-election")
    secretary = demo.login_member(BRANCH_SECRETARY)
    # The branch's returning officer has no login in the demo; the national one, who runs
    # every election, sets up its section and timeline.
    national_ro = demo.login_member(RETURNING_OFFICER).user
    branch = secretary.branch
    now = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    announced = now - timedelta(days=4)
    drafted = announced - timedelta(hours=1)
    roll_date = demo.today - timedelta(days=7)
    pool = sorted(
        members_with(Right.NOMINATE).filter(
            branch=branch, joined_on__lte=roll_date, user__isnull=True, body_seats__isnull=True
        ),
        key=lambda m: m.membership_number,
    )
    officer, nominee, proposer, seconder, hopeful, their_proposer = rng.sample(pool, 6)
    election = setup.election_create(
        actor=secretary.user,
        title=f"{branch.name} officers 2027",
        slug=BRANCH_SLUG,
        unit=branch,
        description="The branch elects its chair by ballot before the annual general "
        "meeting. Members nominate: a proposer and a seconder.",
        roll_date=roll_date,
        returning_officer=officer,
    )
    section = setup.section_create(
        actor=national_ro,
        election=election,
        now=drafted,
        name="Branch chair",
        position=1,
        seats=1,
        method="irv",
    )
    setup.election_set_timeline(
        actor=national_ro,
        election=election,
        now=drafted,
        nominations_open_at=now - timedelta(days=2),
        nominations_close_at=now + timedelta(days=12),
        ballot_open_at=now + timedelta(days=14),
        ballot_close_at=now + timedelta(days=21),
    )
    setup.election_announce(actor=national_ro, election=election, now=announced)
    opened = now - timedelta(days=2)
    candidate = Candidate.objects.create(
        section=section,
        member=nominee,
        status=Candidate.Status.ACCEPTED,
        accepted_at=opened + timedelta(days=1),
        statement=STATEMENT.format(
            branch=branch.name, years=max(1, (demo.today - nominee.joined_on).days // 365)
        ),
    )
    MemberNomination.objects.create(
        section=section,
        nominee=nominee,
        proposer=proposer,
        seconder=seconder,
        status=MemberNomination.Status.SECONDED,
        candidate=candidate,
        proposed_at=opened + timedelta(hours=3),
        seconded_at=opened + timedelta(hours=20),
    )
    MemberNomination.objects.create(
        section=section,
        nominee=hopeful,
        proposer=their_proposer,
        seconder=demo.login_member(MEMBER),
        proposed_at=opened + timedelta(days=1),
    )
    demo.count_created("elections")
    return demo
