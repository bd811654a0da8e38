"""Personas shared by the web and browser tests:
- alice: secretary of the Northtown branch (a branch officer, two-factor on);
- bob: an ordinary member of Northtown;
- carol: the national membership secretary (keeps the whole roll, two-factor on);
- dave: an ordinary member of Southtown;
- admin: the site admin."""

from __future__ import annotations

import pytest

from plenary.web.organisation.models import Body, Office, Unit
from tests.web import factories as f


@pytest.fixture
def tree(db):
    national = f.make_unit("Alliance National", Unit.Kind.NATIONAL)
    north = f.make_unit("North Region", Unit.Kind.REGION, national)
    south = f.make_unit("South Region", Unit.Kind.REGION, national)
    return {
        "national": national,
        "north": north,
        "south": south,
        "northtown": f.make_unit("Northtown", Unit.Kind.BRANCH, north),
        "southtown": f.make_unit("Southtown", Unit.Kind.BRANCH, south),
    }


@pytest.fixture
def alice(tree):
    member = f.make_member_with_login("Alice Archer", tree["northtown"])
    committee = f.make_body("Northtown committee", Body.Kind.BRANCH_COMMITTEE, tree["northtown"])
    f.give_seat(member, committee, Office.SECRETARY)
    f.enable_totp(member.user)
    return member.user


@pytest.fixture
def bob(tree):
    return f.make_member_with_login("Bob Baker", tree["northtown"]).user


@pytest.fixture
def carol(tree):
    member = f.make_member_with_login("Carol Clark", tree["southtown"])
    executive = f.make_body("National executive", Body.Kind.EXECUTIVE, tree["national"])
    f.give_seat(member, executive, Office.MEMBERSHIP_SECRETARY)
    f.enable_totp(member.user)
    return member.user


@pytest.fixture
def dave(tree):
    return f.make_member_with_login("Dave Dunn", tree["southtown"]).user


@pytest.fixture
def admin(db):
    user = f.make_user("admin@example.org", is_staff=True, is_superuser=True)
    f.enable_totp(user)
    return user
