"""Recording nominations: who may record for which body, and every rule a nomination must meet,
each refused with its own message."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from plenary.web.audit.models import AuditEntry
from plenary.web.elections.models import Candidate, Nomination
from plenary.web.elections.nominations import services as nominations
from plenary.web.members.models import Member
from plenary.web.organisation.models import Affiliate, AffiliateType, Body, Office
from tests.web import factories as f
from tests.web.elections.fixtures_setup import build_election
from tests.web.elections.voting_helpers import identify

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
MEETING = date(2026, 2, 26)


def _record(actor, section, body, nominees, *, now=NOW, meeting_date=MEETING):  # type: ignore[no-untyped-def]
    return nominations.nominations_record(
        actor=actor,
        section=section,
        body=body,
        nominees=nominees,
        meeting_date=meeting_date,
        now=now,
    )


def _errors(raised: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return raised.value.message_dict


@pytest.fixture
def open_section(tree, ro):  # type: ignore[no-untyped-def]
    _, section = build_election(tree, ro, now=NOW)
    return section


@pytest.fixture
def nominees(tree):  # type: ignore[no-untyped-def]
    return {
        "wendy": f.make_member("Wendy Woman", tree["northtown"]),
        "mo": f.make_member("Mo Man", tree["southtown"]),
        "max": f.make_member("Max Man", tree["northtown"]),
        "una": f.make_member("Una Unsaid", tree["southtown"]),
    }


def test_a_branch_secretary_records_her_branchs_nominations(alice, tree, open_section, nominees):
    made = _record(alice, open_section, tree["northtown"], [nominees["wendy"], nominees["mo"]])
    assert [n.unit for n in made] == [tree["northtown"]] * 2
    assert {n.candidate.member for n in made} == {nominees["wendy"], nominees["mo"]}
    assert all(n.meeting_date == MEETING and n.recorded_by == alice for n in made)
    assert set(Candidate.objects.values_list("status", flat=True)) == {Candidate.Status.NOMINATED}
    entry = AuditEntry.objects.get(action="nomination.record")
    assert entry.actor == alice and entry.details["body"] == f"unit:{tree['northtown'].pk}"
    assert sorted(entry.details["nominees"]) == sorted(
        [nominees["wendy"].membership_number, nominees["mo"].membership_number]
    )


def test_alice_cannot_nominate_for_another_branch(alice, tree, open_section, nominees):
    with pytest.raises(ValidationError) as raised:
        _record(alice, open_section, tree["southtown"], [nominees["mo"]])
    assert "may not record nominations for Southtown" in _errors(raised)["body"][0]
    assert not Nomination.objects.exists()


def test_an_ordinary_member_cannot_nominate_for_their_branch(bob, tree, open_section, nominees):
    with pytest.raises(ValidationError, match="may not record nominations for Northtown"):
        _record(bob, open_section, tree["northtown"], [nominees["mo"]])


def test_nominations_are_refused_before_they_open_by_the_server_clock(
    alice, tree, open_section, nominees
):
    too_early = open_section.election.nominations_open_at - timedelta(seconds=1)
    with pytest.raises(ValidationError, match="Nominations are not open: they open"):
        _record(
            alice,
            open_section,
            tree["northtown"],
            [nominees["mo"]],
            now=too_early,
            meeting_date=date(2026, 2, 20),
        )


def test_nominations_are_refused_once_they_close(alice, tree, open_section, nominees):
    closed = open_section.election.nominations_close_at
    with pytest.raises(ValidationError, match="Nominations are not open: they closed"):
        _record(alice, open_section, tree["northtown"], [nominees["mo"]], now=closed)


def test_nominations_are_refused_in_an_unannounced_election(alice, tree, ro, nominees):
    _, section = build_election(tree, ro, now=NOW, announce=False, slug="draft")
    with pytest.raises(ValidationError, match="not open"):
        _record(alice, section, tree["northtown"], [nominees["mo"]])


def test_a_body_may_not_nominate_more_than_its_allowance(alice, tree, open_section, nominees):
    _record(alice, open_section, tree["northtown"], [nominees["wendy"]])
    with pytest.raises(ValidationError) as raised:
        _record(alice, open_section, tree["northtown"], [nominees["mo"], nominees["max"]])
    assert _errors(raised)["nominees"] == [
        "Northtown may nominate at most 2 in this section; it has already nominated 1."
    ]
    assert Nomination.objects.count() == 1


def test_a_body_cannot_nominate_the_same_member_twice(alice, tree, open_section, nominees):
    _record(alice, open_section, tree["northtown"], [nominees["wendy"]])
    with pytest.raises(ValidationError) as raised:
        _record(alice, open_section, tree["northtown"], [nominees["wendy"]])
    assert "has already nominated Wendy Woman" in _errors(raised)["nominees"][0]


def test_only_the_kinds_of_body_the_section_allows_may_nominate(tree, ro, nominees):
    _, section = build_election(tree, ro, now=NOW, nominating_kinds=["region"])
    with pytest.raises(ValidationError) as raised:
        _record(ro, section, tree["northtown"], [nominees["mo"]])
    assert _errors(raised)["body"] == ["Branches may not nominate in this section (only regions)."]


def test_a_regional_officer_nominates_for_the_region(tree, ro, nominees):
    _, section = build_election(tree, ro, now=NOW, nominating_kinds=["region"])
    officer = f.make_member_with_login("Rhod Region", tree["northtown"])
    f.give_seat(
        officer, f.make_body("North committee", Body.Kind.OTHER, tree["north"]), Office.SECRETARY
    )
    made = _record(officer.user, section, tree["north"], [nominees["mo"]])
    assert made[0].unit == tree["north"]
    with pytest.raises(ValidationError, match="may not record nominations for South Region"):
        _record(officer.user, section, tree["south"], [nominees["mo"]])


def test_the_returning_officer_records_an_equality_groups_nomination(tree, ro, nominees):
    _, section = build_election(tree, ro, now=NOW, nominating_kinds=["equality_group"])
    group = Affiliate.objects.create(
        name="Women's group", affiliate_type=AffiliateType.EQUALITY_GROUP, declared_members=40
    )
    made = _record(ro, section, group, [nominees["wendy"]])
    assert made[0].affiliate == group and made[0].unit is None


def test_a_branch_officer_cannot_record_for_an_affiliate(alice, tree, ro, nominees):
    _, section = build_election(tree, ro, now=NOW, nominating_kinds=["affiliate"])
    union = Affiliate.objects.create(
        name="Transport union", affiliate_type=AffiliateType.NATIONAL_UNION, declared_members=900
    )
    with pytest.raises(ValidationError, match="may not record nominations for Transport union"):
        _record(alice, section, union, [nominees["mo"]])


def test_a_branch_outside_the_electorate_does_not_nominate(alice, tree, ro, nominees):
    _, section = build_election(tree, ro, now=NOW, electorate=[tree["south"]])
    with pytest.raises(ValidationError) as raised:
        _record(alice, section, tree["northtown"], [nominees["mo"]])
    assert "outside this election's electorate" in _errors(raised)["body"][0]


def test_only_active_members_of_the_electorate_may_be_nominated(alice, tree, ro, nominees):
    _, section = build_election(tree, ro, now=NOW, electorate=[tree["north"]])
    lapsed = f.make_member("Lapsed Lou", tree["northtown"], status=Member.Status.LAPSED)
    with pytest.raises(ValidationError) as raised:
        _record(alice, section, tree["northtown"], [nominees["mo"], lapsed])
    assert _errors(raised)["nominees"] == [
        "Mo Man is not an active member of this election's electorate.",
        "Lapsed Lou is not an active member of this election's electorate.",
    ]


def test_the_meeting_cannot_be_in_the_future(alice, tree, open_section, nominees):
    with pytest.raises(ValidationError) as raised:
        _record(
            alice, open_section, tree["northtown"], [nominees["mo"]], meeting_date=date(2026, 3, 3)
        )
    assert _errors(raised)["meeting_date"] == ["The meeting date cannot be in the future."]


def test_gender_balanced_nominations_need_women_for_half(alice, tree, ro, nominees):
    _, section = build_election(tree, ro, now=NOW, gender_balanced_nominations=True)
    identify(nominees["mo"], counts_as_woman=False)
    identify(nominees["max"], counts_as_woman=False)
    identify(nominees["wendy"], counts_as_woman=True)
    with pytest.raises(ValidationError) as raised:
        _record(alice, section, tree["northtown"], [nominees["mo"], nominees["max"]])
    assert _errors(raised)["nominees"] == [
        "Nominations must be gender-balanced: at least 1 of Northtown's 2 nominees in this "
        "section must be women; none are."
    ]
    made = _record(alice, section, tree["northtown"], [nominees["mo"], nominees["wendy"]])
    assert len(made) == 2


def test_gender_balance_counts_the_bodys_earlier_nominations_too(alice, tree, ro, nominees):
    _, section = build_election(tree, ro, now=NOW, gender_balanced_nominations=True)
    identify(nominees["mo"], counts_as_woman=False)
    identify(nominees["max"], counts_as_woman=False)
    _record(alice, section, tree["northtown"], [nominees["mo"]])  # one nominee: no balance yet
    with pytest.raises(ValidationError, match="at least 1 of Northtown's 2 nominees"):
        _record(alice, section, tree["northtown"], [nominees["max"]])


def test_gender_balance_says_when_a_nominee_has_not_self_identified(alice, tree, ro, nominees):
    _, section = build_election(tree, ro, now=NOW, gender_balanced_nominations=True)
    identify(nominees["mo"], counts_as_woman=False)
    with pytest.raises(ValidationError) as raised:
        _record(alice, section, tree["northtown"], [nominees["mo"], nominees["una"]])
    message = _errors(raised)["nominees"][0]
    assert "Una Unsaid has not self-identified, so plenary cannot count them as a woman" in message


def test_a_body_withdraws_its_nomination_while_nominations_are_open(
    alice, tree, open_section, nominees
):
    made = _record(alice, open_section, tree["northtown"], [nominees["wendy"]])
    nominations.nomination_withdraw(actor=alice, nomination=made[0], now=NOW)
    assert not Nomination.objects.exists()
    assert not Candidate.objects.exists()  # nobody else nominated her
    assert AuditEntry.objects.filter(action="nomination.withdraw").get().details["nominee"] == (
        nominees["wendy"].membership_number
    )


def test_withdrawing_is_refused_after_nominations_close(alice, tree, open_section, nominees):
    made = _record(alice, open_section, tree["northtown"], [nominees["wendy"]])
    closed = open_section.election.nominations_close_at
    with pytest.raises(ValidationError, match="Nominations are not open"):
        nominations.nomination_withdraw(actor=alice, nomination=made[0], now=closed)
    assert Nomination.objects.count() == 1


def test_another_branchs_officer_cannot_withdraw_a_nomination(
    alice, dave, tree, ro, open_section, nominees
):
    made = _record(ro, open_section, tree["southtown"], [nominees["wendy"]])
    with pytest.raises(ValidationError, match="may not record nominations for Southtown"):
        nominations.nomination_withdraw(actor=alice, nomination=made[0], now=NOW)


def test_a_yes_no_section_takes_no_nominations(alice, tree, ro, nominees):
    _, section = build_election(
        tree, ro, now=NOW, method="referendum", seats=1, question="Adopt?", nominating_kinds=[]
    )
    with pytest.raises(ValidationError, match="yes/no ballot has no candidates"):
        _record(alice, section, tree["northtown"], [nominees["mo"]])
