"""Written-once SQL: JoinedSelect reads a join into instances equal to what the ORM returns;
insert_rows stores rows as create() would."""

from __future__ import annotations

import uuid

import pytest
from django.db import IntegrityError, transaction

from plenary.web.core.sql import JoinedSelect, insert_rows
from plenary.web.elections.models import CastBallot, Election, Section, VoteRecord
from plenary.web.elections.setup import services as setup
from plenary.web.members.models import Member
from tests.web import factories as f
from tests.web.elections.voting_helpers import make_candidates, make_election, make_section

pytestmark = pytest.mark.django_db

SECTION_WITH_ELECTION = "FROM {s} JOIN {e} ON e.id = s.election_id WHERE s.id = %s"


@pytest.fixture
def open_section(tree):
    return make_section(make_election(tree["national"]))


def _field_values(instance):
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_each_alias_is_read_into_an_instance_with_the_orms_values(tree):
    election = make_election(tree["national"])
    section = make_section(election, seats=2, nominating_kinds=["branch", "region"])
    make_candidates(section, tree["northtown"], "Ann Able", "Ben Bold")
    setup.section_fix_ballot_paper(section=section)  # a JSON list of ids
    found = JoinedSelect({"s": Section, "e": Election}, SECTION_WITH_ELECTION).fetch_one(
        [section.pk]
    )
    assert _field_values(found["s"]) == _field_values(Section.objects.get(pk=section.pk))
    assert _field_values(found["e"]) == _field_values(Election.objects.get(pk=election.pk))
    assert found["e"].ballot_open_at.tzinfo is not None
    assert isinstance(found["s"].ballot_paper, list)
    assert not found["s"]._state.adding  # saved instances, as the ORM gives


def test_no_matching_row_is_none(db):
    select = JoinedSelect({"s": Section, "e": Election}, SECTION_WITH_ELECTION)
    assert select.fetch_one([123456]) is None


def test_an_alias_the_left_join_found_nothing_for_is_none(tree):
    user = f.make_user("no-member@example.org")
    select = JoinedSelect(
        {"u": type(user), "m": Member},
        "FROM {u} LEFT JOIN {m} ON m.user_id = u.id WHERE u.id = %s",
    )
    found = select.fetch_one([user.pk])
    assert found["u"] == user and found["m"] is None


def test_a_row_inserted_by_hand_reads_back_as_the_orm_would_have_stored_it(open_section):
    insert_rows(
        (CastBallot, dict(section_id=open_section.pk, ranking=[3, 1], choice="", tracker="T-1"))
    )
    ballot = CastBallot.objects.get(tracker="T-1")
    assert ballot.ranking == [3, 1] and ballot.section == open_section
    assert isinstance(ballot.id, uuid.UUID)  # the field's default, as create() gives


def test_a_hand_inserted_row_meets_the_same_constraints(open_section, bob):
    insert_rows((VoteRecord, dict(section_id=open_section.pk, member_id=bob.member.pk)))
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows((VoteRecord, dict(section_id=open_section.pk, member_id=bob.member.pk)))
    assert VoteRecord.objects.filter(section=open_section).count() == 1


def test_a_field_the_model_does_not_have_is_refused(open_section):
    with pytest.raises(TypeError, match="has no field trackr"):
        insert_rows((CastBallot, dict(section_id=open_section.pk, trackr="x")))


def test_rows_inserted_together_are_all_or_nothing(open_section, bob, dave):
    insert_rows(
        (CastBallot, dict(section_id=open_section.pk, ranking=[1], choice="", tracker="T-1"))
    )
    with pytest.raises(IntegrityError):
        insert_rows(
            (VoteRecord, {"section_id": open_section.pk, "member_id": dave.member.pk}),
            (CastBallot, {"section_id": open_section.pk, "ranking": [2], "tracker": "T-1"}),
        )
    assert not VoteRecord.objects.filter(member=dave.member).exists()
    assert CastBallot.objects.count() == 1  # and the test's own transaction is still usable
