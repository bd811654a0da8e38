"""The demo registries in core/demo.py: the apps' builders run in their declared order, and
each app that holds people contributes a check for real data."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from plenary.web.core import demo as core_demo
from plenary.web.core.demo import Demo, builders, real_data, register

DECLARED_ORDER = [
    "build_organisation",
    "build_tree",
    "build_affiliates",
    "build_members",
    "build_bodies",
    "build_logins",
    "build_election_in_nominations",
    "build_branch_election",
    "build_voting_elections",
]


@pytest.fixture
def empty_registry(monkeypatch):
    monkeypatch.setattr(core_demo, "_BUILDERS", {})


def test_the_apps_register_their_builders_in_the_declared_order():
    assert [builder.__name__ for builder in builders()] == DECLARED_ORDER


def test_each_builder_lives_in_the_app_that_owns_its_rows():
    modules = {builder.__name__: builder.__module__ for builder in builders()}
    assert modules["build_tree"] == "plenary.web.organisation.demo"
    assert modules["build_bodies"].startswith("plenary.web.members.demo")
    assert modules["build_logins"] == "plenary.web.accounts.demo"
    assert modules["build_voting_elections"] == "plenary.web.elections.demo"


@pytest.mark.django_db
def test_build_demo_runs_builders_by_order_not_by_when_they_registered(empty_registry):
    ran: list[str] = []

    def step(name: str):
        def builder(demo: Demo) -> Demo:
            ran.append(name)
            demo.count_created(name)
            return demo

        builder.__qualname__ = name
        return builder

    register(step("third"), order=30)
    register(step("first"), order=10)
    register(step("second"), order=20)
    demo = core_demo.build_demo(date(2026, 5, 1))
    assert ran == ["first", "second", "third"]
    assert list(demo.created) == ["first", "second", "third"]


def test_registering_a_builder_again_is_harmless_and_two_at_one_order_are_refused(
    empty_registry,
):
    def build_one(demo: Demo) -> Demo:
        return demo

    def build_other(demo: Demo) -> Demo:
        return demo

    register(build_one, order=10)
    register(build_one, order=10)
    assert builders() == [build_one]
    with pytest.raises(ImproperlyConfigured, match="both registered at 10"):
        register(build_other, order=10)


@pytest.mark.django_db
def test_an_empty_database_holds_no_real_data():
    assert not real_data()


@pytest.mark.django_db
def test_running_the_demo_twice_adds_no_row_to_any_table():
    call_command("demo", stdout=StringIO())
    models = apps.get_models()
    before = {model._meta.label: model.objects.count() for model in models}
    second = StringIO()
    call_command("demo", stdout=second)
    assert {model._meta.label: model.objects.count() for model in models} == before
    assert "nothing to add" in second.getvalue()
