import pytest
from django.urls import reverse

from plenary.web.organisation.models import Affiliate, AffiliateType, Body
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def test_the_organisation_pages_need_a_login(client, tree):
    response = client.get(reverse("organisation:tree"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_tree_lists_regions_branches_members_and_delegates(client, bob, tree):
    for index in range(11):
        f.make_member(f"Member {index}", tree["southtown"])
    f.make_member("Lapsed Person", tree["southtown"], status="lapsed")
    client.force_login(bob)
    page = client.get(reverse("organisation:tree")).content.decode()
    assert "North Region" in page and "South Region" in page
    assert "Northtown" in page and "Southtown" in page
    # Southtown: 11 active members -> 2 delegates; the lapsed member does not count.
    assert '<td class="num">11</td>\n        <td class="num">2</td>' in page


def test_a_branch_page_shows_its_committee_and_co_opted_members(client, alice, bob, tree):
    committee = Body.objects.get(slug="northtown-committee")
    f.give_seat(bob.member, committee, co_opted=True)
    f.enable_totp(bob)  # a seat on a body requires two-factor authentication
    client.force_login(bob)
    page = client.get(tree["northtown"].get_absolute_url()).content.decode()
    assert "Northtown committee" in page
    assert "Alice Archer" in page and "Secretary" in page
    assert "Co-opted: may speak, no vote" in page


def test_affiliates_show_fee_and_no_double_representation(client, bob):
    union = Affiliate.objects.create(
        name="Teachers Union", affiliate_type=AffiliateType.NATIONAL_UNION, declared_members=100000
    )
    Affiliate.objects.create(
        name="Teachers Union Leeds",
        affiliate_type=AffiliateType.LOCAL_UNION,
        declared_members=700,
        parent=union,
    )
    client.force_login(bob)
    page = client.get(reverse("organisation:affiliates")).content.decode()
    assert "500.00" in page and "100.00" in page
    detail = client.get(reverse("organisation:affiliate", args=[union.sub_affiliates.get().pk]))
    assert "represented through Teachers Union" in detail.content.decode()


def test_affiliates_can_be_filtered_by_type(client, bob):
    Affiliate.objects.create(
        name="Women for Change", affiliate_type=AffiliateType.EQUALITY_GROUP, declared_members=40
    )
    Affiliate.objects.create(
        name="Rail Union", affiliate_type=AffiliateType.NATIONAL_UNION, declared_members=40000
    )
    client.force_login(bob)
    page = client.get(
        reverse("organisation:affiliates"), {"type": "equality_group"}
    ).content.decode()
    assert "Women for Change" in page and "Rail Union" not in page


def test_an_unknown_unit_is_a_404_with_the_sites_own_page(client, bob, settings):
    settings.DEBUG = False
    client.force_login(bob)
    response = client.get("/organisation/units/nowhere/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert client.get("/organisation/affiliates/99999/").status_code == 404


def test_the_tree_runs_a_fixed_number_of_queries(client, bob, tree, django_assert_max_num_queries):
    for index in range(30):
        f.make_unit(f"Extra {index}", "branch", tree["north"])
    client.force_login(bob)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("organisation:tree")).status_code == 200
