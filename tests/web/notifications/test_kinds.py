"""The registry of kinds: what each kind lets a member choose."""

from __future__ import annotations

import pytest

from plenary.web.notifications.kinds import (
    Delivery,
    Kind,
    UnknownKind,
    all_kinds,
    get_kind,
    register_kind,
)
from tests.web.notifications.conftest import NEWS, NOTICE, SUBJECT, TEXT, URGENT


def test_a_registered_kind_is_found_by_its_key():
    assert get_kind("test.news") is NEWS
    with pytest.raises(UnknownKind):
        get_kind("test.nothing")


def test_registering_the_same_kind_twice_is_harmless_but_a_clash_is_an_error():
    register_kind(NEWS)
    with pytest.raises(ValueError, match="already registered"):
        register_kind(Kind("test.news", "Something else", SUBJECT, TEXT))


def test_a_statutory_notice_may_only_be_sent_at_once():
    assert NOTICE.choices == (Delivery.IMMEDIATE,)
    assert not NOTICE.can_be_turned_off
    with pytest.raises(ValueError, match="not one of its choices"):
        Kind("test.bad", "Bad", SUBJECT, TEXT, statutory=True, default=Delivery.OFF)


def test_other_kinds_may_be_turned_off_and_digested_where_they_allow_it():
    assert NEWS.choices == (Delivery.IMMEDIATE, Delivery.DIGEST, Delivery.OFF)
    assert URGENT.choices == (Delivery.IMMEDIATE, Delivery.OFF)
    with pytest.raises(ValueError):
        Kind("test.bad", "Bad", SUBJECT, TEXT, digestible=False, default=Delivery.DIGEST)


def test_statutory_kinds_are_listed_last():
    assert all_kinds()[-1] is NOTICE


def test_elections_registers_its_two_kinds():
    assert not get_kind("election.result_published").statutory
    nomination = get_kind("nomination.to_accept")
    assert nomination.html_template and not nomination.digestible
