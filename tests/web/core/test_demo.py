"""`plenary demo`: the demo organisation's shape, its logins and roles, idempotence, and
the refusal to run on a database that holds real people."""

from __future__ import annotations

from collections import Counter
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from plenary.cli import main as plenary_main
from plenary.web.accounts.models import User
from plenary.web.accounts.permissions import needs_two_factor
from plenary.web.core.demo import (
    BRANCH_SECRETARY,
    CAC_MEMBER,
    COMPLAINTS_OFFICER,
    DEMO_PASSWORD,
    LOGIN_ROLES,
    MEMBER,
    MEMBERSHIP_SECRETARY,
    RESERVED_DOMAINS,
    RETURNING_OFFICER,
    SITE_ADMIN,
)
from plenary.web.elections.models import Elector
from plenary.web.members import standing
from plenary.web.members.demo.people import POOLS
from plenary.web.members.demo.roll import plan_roll
from plenary.web.members.models import Member, SelfIdentification
from plenary.web.members.permissions import keeps_national_roll, roll_branches
from plenary.web.organisation import roles
from plenary.web.organisation.models import (
    Affiliate,
    AffiliateType,
    Body,
    BodySeat,
    Office,
    Organisation,
    Unit,
)
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_output() -> str:
    return run_demo()


def user(login) -> User:
    return User.objects.get(email=login.email)


def counts() -> dict[str, int]:
    models = [Unit, Affiliate, Member, SelfIdentification, Body, BodySeat, User, EmailAddress]
    return {model.__name__: model.objects.count() for model in models}


# The tree and the affiliates


def test_the_demo_has_one_national_body_three_regions_and_eight_branches(demo_output):
    kinds = Counter(Unit.objects.values_list("kind", flat=True))
    assert kinds == {Unit.Kind.NATIONAL: 1, Unit.Kind.REGION: 3, Unit.Kind.BRANCH: 8}
    for unit in Unit.objects.exclude(kind=Unit.Kind.NATIONAL):
        unit.full_clean()  # the parent is of the kind the tree requires


def test_the_organisation_is_named_and_calls_its_local_units_branches(demo_output):
    organisation = Organisation.current()
    assert organisation.name == "Heartwood Alliance"
    assert organisation.branch_label == "branch"


def test_the_demo_keeps_a_name_the_operator_has_given_the_organisation():
    Organisation.objects.create(name="Riverside Tenants", branch_label="group")
    run_demo()
    assert Organisation.current().name == "Riverside Tenants"
    assert Organisation.current().branch_label == "group"


def test_there_are_at_least_a_dozen_affiliates_covering_every_type(demo_output):
    types = Counter(Affiliate.objects.values_list("affiliate_type", flat=True))
    assert sum(types.values()) >= 12
    assert set(types) == set(AffiliateType.values)


def test_every_affiliate_keeps_the_models_own_rules(demo_output):
    for affiliate in Affiliate.objects.all():
        affiliate.full_clean()  # local groups have 10 supporters; union branches are unions'


def test_branches_of_an_affiliated_national_union_send_no_representatives(demo_output):
    union_branches = Affiliate.objects.filter(parent__isnull=False)
    assert union_branches.count() >= 2
    for branch in union_branches:
        assert branch.parent.affiliate_type == AffiliateType.NATIONAL_UNION
        assert not branch.sends_representatives
    unattached = Affiliate.objects.get(affiliate_type=AffiliateType.LOCAL_UNION, parent=None)
    assert unattached.sends_representatives


def test_national_organisations_are_both_over_and_under_two_hundred_members(demo_output):
    sizes = Affiliate.objects.filter(
        affiliate_type=AffiliateType.NATIONAL_ORGANISATION
    ).values_list("declared_members", flat=True)
    assert min(sizes) < 200 < max(sizes)


def test_there_is_an_equality_group_for_each_equality_strand(demo_output):
    names = " ".join(
        Affiliate.objects.filter(affiliate_type=AffiliateType.EQUALITY_GROUP).values_list(
            "name", flat=True
        )
    )
    for strand in ["Women", "LGBT", "BAME", "Disabled", "Youth"]:
        assert strand in names


def test_most_affiliates_are_paid_up_and_a_few_are_overdue(demo_output):
    paid = Counter(affiliate.is_paid_up for affiliate in Affiliate.objects.all())
    assert paid[False] >= 1
    assert paid[True] > 3 * paid[False]


# The roll


def test_the_roll_has_six_hundred_members_with_demo_numbers(demo_output):
    numbers = list(Member.objects.values_list("membership_number", flat=True))
    assert len(numbers) == 600
    assert all(number.startswith("D") and len(number) == 7 for number in numbers)
    assert Member.objects.filter(branch__kind=Unit.Kind.BRANCH).count() == 600


def test_most_members_are_active_and_every_status_occurs(demo_output):
    statuses = Counter(Member.objects.values_list("status", flat=True))
    assert set(statuses) == set(Member.Status.values)
    assert statuses[Member.Status.ACTIVE] > 0.75 * 600
    assert statuses[Member.Status.EXPELLED] < statuses[Member.Status.SUSPENDED]
    assert statuses[Member.Status.SUSPENDED] < statuses[Member.Status.LAPSED]


def test_active_members_are_paid_up_and_lapsed_members_are_not(demo_output):
    today = timezone.localdate()
    active = Member.objects.filter(status=Member.Status.ACTIVE)
    assert not active.filter(paid_until__lt=today).exists()
    lapsed = Member.objects.filter(status=Member.Status.LAPSED)
    assert not lapsed.filter(paid_until__gte=today).exists()
    for member in Member.objects.all():
        assert member.joined_on <= today
        assert member.joined_on < member.paid_until


def test_every_branch_has_members_and_branches_differ_in_size(demo_output):
    sizes = Counter(Member.objects.values_list("branch__slug", flat=True))
    assert len(sizes) == 8
    assert max(sizes.values()) > 2 * min(sizes.values())


def test_member_emails_are_unique_and_at_reserved_example_domains(demo_output):
    emails = [email for email in Member.objects.values_list("email", flat=True) if email]
    assert len(emails) == len(set(emails))
    assert all(email.rsplit("@", 1)[1] in RESERVED_DOMAINS for email in emails)


def test_some_members_have_consented_self_identification_for_reserved_seats(demo_output):
    found = SelfIdentification.objects.all()
    assert 100 < found.count() < 400
    assert found.filter(counts_as_woman=True).count() > 50
    for flag in ["bame", "lgbt", "disabled", "youth"]:
        assert found.filter(**{flag: True}).exists(), flag
    assert not found.filter(consent_given_at__isnull=True).exists()


def test_the_roll_is_planned_the_same_way_every_time():
    today = date(2026, 5, 1)
    assert plan_roll(today) == plan_roll(today)


def test_the_roll_draws_names_from_every_heritage_and_rarely_repeats_one():
    plans = plan_roll(date(2026, 5, 1))
    assert {plan.person.heritage for plan in plans} == set(POOLS)
    assert len({plan.person.name for plan in plans}) > 0.9 * len(plans)


# Bodies and seats


def test_every_kind_of_body_is_there_but_other(demo_output):
    kinds = set(Body.objects.values_list("kind", flat=True))
    assert kinds == set(Body.Kind.values) - {Body.Kind.OTHER}


def test_the_national_executive_has_its_officers(demo_output):
    offices = set(
        BodySeat.objects.filter(body__kind=Body.Kind.EXECUTIVE).values_list("office", flat=True)
    )
    wanted = {
        Office.CHAIR,
        Office.VICE_CHAIR,
        Office.SECRETARY,
        Office.TREASURER,
        Office.MEMBERSHIP_SECRETARY,
    }
    assert wanted <= offices


def test_every_branch_has_a_committee_of_its_own_members_with_chair_secretary_treasurer(
    demo_output,
):
    for branch in Unit.objects.filter(kind=Unit.Kind.BRANCH):
        committee = Body.objects.get(unit=branch, kind=Body.Kind.BRANCH_COMMITTEE)
        seats = committee.seats.select_related("member")
        assert {Office.CHAIR, Office.SECRETARY, Office.TREASURER} <= {s.office for s in seats}
        assert all(seat.member.branch_id == branch.pk for seat in seats)


def test_a_co_opted_member_sits_somewhere_without_a_vote(demo_output):
    co_opted = BodySeat.objects.filter(co_opted=True)
    assert co_opted.exists()
    assert not any(seat.has_vote for seat in co_opted)


def test_every_seat_is_current_and_held_by_an_active_member(demo_output):
    seats = BodySeat.objects.select_related("member")
    assert seats.count() == BodySeat.objects.current().count()
    assert all(seat.member.status == Member.Status.ACTIVE for seat in seats)


def test_the_disputes_panel_has_a_complaints_officer_and_elections_a_returning_officer(
    demo_output,
):
    assert BodySeat.objects.filter(
        body__kind=Body.Kind.DISPUTES_PANEL, office=Office.COMPLAINTS_OFFICER
    ).exists()
    assert BodySeat.objects.filter(
        body__kind=Body.Kind.ELECTIONS, office=Office.RETURNING_OFFICER
    ).exists()


# Logins and roles


def test_every_role_login_authenticates_with_the_demo_password(demo_output):
    for login in LOGIN_ROLES:
        assert authenticate(email=login.email, password=DEMO_PASSWORD) == user(login), login.role


def test_no_login_authenticates_with_a_wrong_password(demo_output):
    for login in LOGIN_ROLES:
        assert authenticate(email=login.email, password="not-the-demo-password") is None


def test_every_login_has_a_verified_primary_email_address(demo_output):
    for login in LOGIN_ROLES:
        address = EmailAddress.objects.get(user=user(login))
        assert (address.email, address.verified, address.primary) == (login.email, True, True)


def test_every_login_but_the_site_admin_is_an_active_member(demo_output):
    for login in LOGIN_ROLES:
        if login is SITE_ADMIN:
            assert not Member.objects.filter(user=user(login)).exists()
        else:
            member = Member.objects.get(user=user(login))
            assert member.membership_number == login.membership_number
            assert member.email == login.email
            assert standing.standing_of(member).in_good_standing


def test_the_member_login_is_an_ordinary_member_with_no_office(demo_output):
    member = user(MEMBER)
    assert roles.current_seats(member) == []
    assert not needs_two_factor(member)
    assert not roles.is_site_admin(member)
    assert not roles.officer_branches(member).exists()


def test_the_branch_secretary_is_an_officer_of_their_own_branch_only(demo_output):
    secretary = user(BRANCH_SECRETARY)
    branch = secretary.member.branch
    assert roles.is_branch_officer(secretary, branch)
    assert list(roll_branches(secretary)) == [branch]
    assert not keeps_national_roll(secretary)
    # The ordinary member login belongs to the same branch, so sees its secretary at work.
    assert user(MEMBER).member.branch == branch


def test_the_returning_officer_login_is_a_returning_officer(demo_output):
    returning_officer = user(RETURNING_OFFICER)
    assert returning_officer.has_perm("elections.create")
    assert not user(MEMBER).has_perm("elections.create")


def test_the_cac_login_sits_on_the_conference_arrangements_committee(demo_output):
    assert roles.sits_on_body_of_kind(user(CAC_MEMBER), Body.Kind.CAC)
    assert not roles.sits_on_body_of_kind(user(MEMBER), Body.Kind.CAC)


def test_the_complaints_officer_login_is_a_complaints_officer(demo_output):
    assert roles.holds_office(user(COMPLAINTS_OFFICER), {Office.COMPLAINTS_OFFICER})
    assert not roles.holds_office(user(CAC_MEMBER), {Office.COMPLAINTS_OFFICER})


def test_the_membership_secretary_login_keeps_the_national_roll(demo_output):
    assert keeps_national_roll(user(MEMBERSHIP_SECRETARY))
    assert not keeps_national_roll(user(BRANCH_SECRETARY))


def test_the_site_admin_login_is_a_superuser(demo_output):
    admin = user(SITE_ADMIN)
    assert roles.is_site_admin(admin)
    assert admin.is_staff


def test_each_officer_login_holds_exactly_the_one_seat_of_its_role(demo_output):
    for login in [
        BRANCH_SECRETARY,
        RETURNING_OFFICER,
        CAC_MEMBER,
        COMPLAINTS_OFFICER,
        MEMBERSHIP_SECRETARY,
    ]:
        assert len(roles.current_seats(user(login))) == 1, login.role


# The printout


def test_the_printout_gives_the_address_and_every_login_with_the_password(demo_output):
    assert "http://127.0.0.1:8000/" in demo_output
    for login in LOGIN_ROLES:
        line = next(line for line in demo_output.splitlines() if login.email in line)
        assert login.role in line and DEMO_PASSWORD in line


def test_the_printout_gives_the_address_the_site_is_served_on():
    # `make run PORT=8123` passes --address 127.0.0.1:8123 (see the Makefile's run target).
    output = run_demo("--address", "127.0.0.1:8123")
    assert "Open http://127.0.0.1:8123/ and log in as:" in output
    assert ":8000" not in output
    assert "http://[::1]:9000/" in run_demo("--address", "[::]:9000")


def test_a_bad_address_is_refused_before_anything_is_loaded():
    with pytest.raises(CommandError, match="--address: the address must be HOST:PORT"):
        run_demo("--address", "localhost")
    assert not Member.objects.exists()


def test_make_run_tells_the_demo_the_port_it_serves_on():
    makefile = (Path(__file__).resolve().parents[3] / "Makefile").read_text()
    run_target = makefile.split("\nrun: $(STAMP)\n", 1)[1].split("\n\n", 1)[0]
    assert "plenary demo --address $(HOST):$(PORT)" in run_target
    assert "plenary serve $(HOST):$(PORT)" in run_target


def test_the_printout_says_two_factor_is_off_when_the_local_demo_turns_it_off(settings):
    settings.PLENARY_OFFICER_MFA = "off"
    assert "Two-factor enforcement for officers is OFF in this local demo" in run_demo()


def test_the_printout_warns_officers_of_two_factor_when_it_is_required(settings):
    settings.PLENARY_OFFICER_MFA = "required"
    assert "PLENARY_OFFICER_MFA=off" in run_demo()


# Running again


def test_running_the_demo_twice_adds_nothing(demo_output):
    before = counts()
    second = run_demo()
    assert counts() == before
    assert "nothing to add" in second
    assert before["Member"] == 600


def test_a_second_run_still_prints_the_logins(demo_output):
    second = run_demo()
    for login in LOGIN_ROLES:
        assert login.email in second
    assert second.count(DEMO_PASSWORD) == len(LOGIN_ROLES)


def test_a_second_run_leaves_edits_to_demo_data_alone(demo_output):
    member = Member.objects.get(membership_number="D000100")
    member.status = Member.Status.SUSPENDED
    member.save()
    run_demo()
    member.refresh_from_db()
    assert member.status == Member.Status.SUSPENDED


def test_a_run_restores_a_deleted_demo_member_and_nothing_else(demo_output):
    before = counts()
    # A member with no seat, on no election's roll and standing nowhere: those records protect
    # the members they name.
    free = Member.objects.filter(body_seats__isnull=True, candidacies__isnull=True).exclude(
        pk__in=Elector.objects.values("member")
    )
    free.order_by("-membership_number").first().delete()
    assert Member.objects.count() == 599
    run_demo()
    assert Member.objects.count() == 600
    assert counts()["BodySeat"] == before["BodySeat"]


# Refusing real databases


def test_the_demo_refuses_a_database_with_real_members(tree):
    f.make_member("Real Person", tree["northtown"])
    with pytest.raises(CommandError, match="1 member\\(s\\) that are not demo members"):
        run_demo()
    assert not Member.objects.filter(membership_number__startswith="D").exists()
    assert not User.objects.exists()


def test_the_demo_refuses_a_database_with_a_real_user_account(db):
    User.objects.create_user(email="treasurer@realbranch.org.uk", password="x" * 12)
    with pytest.raises(CommandError, match="user account"):
        run_demo()
    assert not Member.objects.exists()


def test_a_demo_style_number_with_a_real_email_counts_as_a_real_member(tree):
    Member.objects.create(
        membership_number="D123456",
        name="Dee Real",
        email="dee@realmail.co.uk",
        branch=tree["northtown"],
    )
    with pytest.raises(CommandError, match="not demo members"):
        run_demo()


def test_the_refusal_exits_non_zero_with_a_message_and_no_traceback(tree, capsys):
    f.make_member("Real Person", tree["northtown"])
    with pytest.raises(SystemExit) as exit_:
        plenary_main(["demo"])
    assert exit_.value.code != 0
    error = capsys.readouterr().err
    assert "Refusing to load the demo organisation" in error
    assert "--force" in error
    assert "Traceback" not in error


def test_force_loads_the_demo_beside_real_members_under_their_national_body(tree):
    real = f.make_member("Real Person", tree["northtown"])
    run_demo("--force")
    assert Member.objects.filter(membership_number__startswith="D").count() == 600
    assert Member.objects.filter(pk=real.pk).exists()
    # The one national unit there may be is reused; the demo's regions hang from it.
    assert Unit.objects.filter(kind=Unit.Kind.NATIONAL).get() == tree["national"]
    assert Unit.objects.get(slug="wales").parent == tree["national"]


def test_every_login_gets_through_the_login_form_to_the_site(demo_output, client, settings):
    settings.PLENARY_OFFICER_MFA = "off"
    for login in LOGIN_ROLES:
        client.logout()
        response = client.post(
            reverse("account_login"), {"login": login.email, "password": DEMO_PASSWORD}
        )
        # Straight to the site: no "confirm your email address" stop on the way.
        assert response.status_code == 302 and response.url == "/", login.role
        assert client.session["_auth_user_id"] == str(user(login).pk)
