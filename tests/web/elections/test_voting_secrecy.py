"""Secrecy designed into the schema: nothing in the ballot box leads back to a voter."""

from __future__ import annotations

import uuid

from django.db import models

from plenary.web.elections.models import CastBallot, Section, VoteRecord

TIME_FIELDS = (models.DateTimeField, models.DateField, models.TimeField, models.DurationField)


def concrete(model):
    return [f for f in model._meta.get_fields() if getattr(f, "concrete", False)]


def test_a_cast_ballot_points_at_its_section_and_nothing_else():
    relations = [f for f in concrete(CastBallot) if f.is_relation]
    assert [(f.name, f.related_model) for f in relations] == [("section", Section)]


def test_nothing_points_at_a_cast_ballot():
    assert [f for f in CastBallot._meta.get_fields() if f.auto_created and not f.concrete] == []


def test_neither_table_has_a_time():
    for model in (CastBallot, VoteRecord):
        assert not [f.name for f in concrete(model) if isinstance(f, TIME_FIELDS)], model


def test_both_tables_have_random_keys_not_sequences():
    for model in (CastBallot, VoteRecord):
        pk = model._meta.pk
        assert isinstance(pk, models.UUIDField)
        first, second = pk.get_default(), pk.get_default()
        assert first != second and uuid.UUID(str(first)).version == 4


def test_the_vote_record_says_who_voted_on_what_section_and_nothing_about_how():
    assert sorted(f.name for f in concrete(VoteRecord)) == ["id", "member", "section"]
