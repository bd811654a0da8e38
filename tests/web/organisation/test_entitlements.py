from decimal import Decimal

import pytest

from plenary.web.organisation.entitlements import affiliate_delegates, annual_fee, delegates_for
from plenary.web.organisation.models import Affiliate, AffiliateType, DelegateBand, FeeRule

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("members", "delegates"),
    [
        (0, 0),
        (9, 0),
        (10, 2),
        (99, 2),
        (100, 3),
        (499, 3),
        (500, 4),
        (2000, 4),
        (2001, 5),
        (90000, 5),
    ],
)
def test_default_delegate_bands_follow_the_domain_defaults(members, delegates):
    assert delegates_for(members) == delegates


@pytest.mark.parametrize(
    ("affiliate_type", "members", "fee"),
    [
        (AffiliateType.NATIONAL_UNION, 50000, "500.00"),
        (AffiliateType.LOCAL_UNION, 300, "100.00"),
        (AffiliateType.NATIONAL_ORGANISATION, 200, "100.00"),
        (AffiliateType.NATIONAL_ORGANISATION, 201, "200.00"),
        (AffiliateType.LOCAL_GROUP, 12, "20.00"),
    ],
)
def test_default_fees_depend_on_type_and_size(affiliate_type, members, fee):
    assert annual_fee(affiliate_type, members) == Decimal(fee)


def test_an_organisation_can_change_its_own_bands_and_fees():
    DelegateBand.objects.filter(min_members=2001).update(delegates=7)
    FeeRule.objects.filter(affiliate_type=AffiliateType.LOCAL_GROUP).update(
        annual_fee=Decimal("35")
    )
    assert delegates_for(5000) == 7
    assert annual_fee(AffiliateType.LOCAL_GROUP, 40) == Decimal("35.00")


def test_a_type_without_fee_rules_has_no_fee():
    FeeRule.objects.filter(affiliate_type=AffiliateType.EQUALITY_GROUP).delete()
    assert annual_fee(AffiliateType.EQUALITY_GROUP, 100) is None


def test_a_national_union_sends_its_configured_delegates_and_its_branches_none():
    union = Affiliate.objects.create(
        name="Transport Workers",
        affiliate_type=AffiliateType.NATIONAL_UNION,
        declared_members=80000,
    )
    branch = Affiliate.objects.create(
        name="Transport Workers North",
        affiliate_type=AffiliateType.LOCAL_UNION,
        declared_members=900,
        parent=union,
    )
    independent = Affiliate.objects.create(
        name="Dockers Branch", affiliate_type=AffiliateType.LOCAL_UNION, declared_members=900
    )
    assert affiliate_delegates(union) == 1
    assert affiliate_delegates(branch) == 0
    assert affiliate_delegates(independent) == 4
