import pytest
from django.core.exceptions import ValidationError

from plenary.web.organisation.models import Affiliate, AffiliateType, Organisation, Unit

pytestmark = pytest.mark.django_db


def test_a_branch_must_sit_under_a_region(tree):
    misplaced = Unit(name="Stray", slug="stray", kind=Unit.Kind.BRANCH, parent=tree["national"])
    with pytest.raises(ValidationError) as error:
        misplaced.full_clean()
    assert "parent" in error.value.message_dict


def test_the_national_body_has_no_parent(tree):
    Unit(name="Stray", slug="stray", kind=Unit.Kind.REGION, parent=tree["national"]).full_clean()
    assert tree["national"].lineage() == [tree["national"]]
    assert tree["northtown"].lineage() == [tree["national"], tree["north"], tree["northtown"]]


def test_only_a_national_union_can_have_affiliated_branches():
    group = Affiliate.objects.create(
        name="Friends of the Earth Local",
        affiliate_type=AffiliateType.LOCAL_GROUP,
        declared_members=30,
    )
    child = Affiliate(
        name="Sub group",
        affiliate_type=AffiliateType.LOCAL_UNION,
        declared_members=30,
        parent=group,
    )
    with pytest.raises(ValidationError) as error:
        child.full_clean()
    assert "nationally affiliated union" in error.value.message_dict["parent"][0]


def test_a_local_group_needs_ten_supporters():
    small = Affiliate(name="Tiny", affiliate_type=AffiliateType.LOCAL_GROUP, declared_members=9)
    with pytest.raises(ValidationError) as error:
        small.full_clean()
    assert "at least 10" in error.value.message_dict["declared_members"][0]


def test_there_is_one_organisation_per_installation():
    first = Organisation.current()
    second = Organisation(name="Another")
    second.save()
    assert Organisation.objects.count() == 1
    assert Organisation.current().name == "Another"
    assert first.pk == second.pk == 1
