"""Unit labels in the plural, fees in the organisation's currency, seats by office rank."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from plenary.web.organisation.models import (
    Affiliate,
    AffiliateType,
    Body,
    Office,
    Organisation,
    english_plural,
)
from plenary.web.organisation.selectors import bodies_with_seats
from tests.web import factories as f


@pytest.mark.parametrize(
    ("label", "plural"),
    [
        ("branch", "branches"),
        ("region", "regions"),
        ("CLP", "CLPs"),
        ("group", "groups"),
        ("constituency", "constituencies"),
        ("nation", "nations"),
        ("day", "days"),
    ],
)
def test_unit_labels_have_english_plurals(label, plural):
    assert english_plural(label) == plural


@pytest.mark.django_db
def test_the_organisation_home_panel_says_branches_not_branchs(client, bob, tree):
    client.force_login(bob)
    page = client.get(reverse("core:home")).content.decode()
    assert "branchs" not in page
    tree_page = client.get(reverse("organisation:tree")).content.decode()
    assert "branches" in tree_page and "branchs" not in tree_page


@pytest.mark.django_db
def test_a_clp_label_is_pluralised_as_clps(client, bob, tree):
    organisation = Organisation.current()
    organisation.branch_label = "CLP"
    organisation.save()
    client.force_login(bob)
    page = client.get(reverse("organisation:tree")).content.decode()
    assert "CLPs" in page and "CLPes" not in page


@pytest.mark.django_db
def test_fees_show_the_organisations_currency(client, bob):
    Affiliate.objects.create(
        name="Teachers Union", affiliate_type=AffiliateType.NATIONAL_UNION, declared_members=100000
    )
    client.force_login(bob)
    page = client.get(reverse("organisation:affiliates")).content.decode()
    assert "£500.00" in page
    organisation = Organisation.current()
    organisation.currency = "CHF"
    organisation.save()
    assert "CHF 500.00" in client.get(reverse("organisation:affiliates")).content.decode()


def test_money_uses_a_symbol_where_there_is_one():
    assert Organisation(currency="EUR").money(Decimal("1234.5")) == "€1,234.50"


@pytest.mark.django_db
def test_a_body_lists_its_officers_by_rank_before_ordinary_seats(tree):
    body = f.make_body("Westtown committee", Body.Kind.BRANCH_COMMITTEE, tree["northtown"])
    for name, office in [
        ("Aaron Ordinary", ""),
        ("Tess Treasurer", Office.TREASURER),
        ("Zoe Chair", Office.CHAIR),
        ("Sam Secretary", Office.SECRETARY),
        ("Vic Vice", Office.VICE_CHAIR),
    ]:
        f.give_seat(f.make_member(name, tree["northtown"]), body, office)
    seats = bodies_with_seats(Body.objects.filter(pk=body.pk)).get().current_seats
    assert [seat.member.name for seat in seats] == [
        "Zoe Chair",
        "Vic Vice",
        "Sam Secretary",
        "Tess Treasurer",
        "Aaron Ordinary",
    ]
