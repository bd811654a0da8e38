"""Officers who keep the roll edit a member's record on the site, and what that opens is
guarded (docs/decisions/0021-roll-editing.md): who may edit whom, validation beside each
field, the audit entry, the notice to the old address and its stop link, and decisions on
standing, which only national roll keepers record."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from plenary.web.audit.log import audit_verify
from plenary.web.audit.models import AuditEntry
from plenary.web.members import roll_email
from plenary.web.members.models import Member, StatusDecision
from plenary.web.members.services import member_set_standing, member_update
from tests.web import factories as f

pytestmark = pytest.mark.django_db

STOP_LINK = re.compile(r"http://testserver(/members/roll-email/stop/[^/\s]+/)")


def edit_url(member: Member) -> str:
    return reverse("members:edit", args=[member.membership_number])


def standing_url(member: Member) -> str:
    return reverse("members:standing", args=[member.membership_number])


def form_of(member: Member, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": member.name,
        "email": member.email,
        "branch": member.branch_id,
        "joined_on": member.joined_on.isoformat(),
        "paid_until": member.paid_until.isoformat() if member.paid_until else "",
        "status": member.status,
    }
    data.update(changes)
    return data


def entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("sequence"))


# --- who may edit whom --------------------------------------------------------------------


def test_a_branch_secretary_edits_a_member_of_her_branch(client, alice, bob):
    client.force_login(alice)
    member = bob.member
    response = client.post(edit_url(member), form_of(member, name="Robert Baker"))
    assert response.status_code == 302 and response["Location"] == member.get_absolute_url()
    member.refresh_from_db()
    assert member.name == "Robert Baker"
    page = client.get(response["Location"]).content.decode()
    assert "Saved the record of Robert Baker: name." in page
    assert edit_url(member) in page  # the record links to its edit page for her


def test_a_branch_secretary_cannot_edit_another_branchs_member(client, alice, dave):
    client.force_login(alice)
    # 404, as for a number nobody has: the page tells no one which numbers exist.
    assert client.get(edit_url(dave.member)).status_code == 404
    assert client.post(edit_url(dave.member), form_of(dave.member, name="X")).status_code == 404
    dave.member.refresh_from_db()
    assert dave.member.name == "Dave Dunn"
    with pytest.raises(PermissionDenied):
        member_update(alice, dave.member, name="X")


def test_an_ordinary_member_cannot_edit_even_their_own_record(client, bob):
    client.force_login(bob)
    assert client.get(edit_url(bob.member)).status_code == 403
    page = client.get(bob.member.get_absolute_url()).content.decode()
    assert edit_url(bob.member) not in page


def test_a_branch_secretary_can_choose_only_her_branches_and_the_national_secretary_any(
    client, alice, carol, bob, tree
):
    client.force_login(alice)
    page = client.get(edit_url(bob.member)).content.decode()
    assert "Northtown" in page and "Southtown" not in page
    moved = client.post(edit_url(bob.member), form_of(bob.member, branch=tree["southtown"].pk))
    assert moved.status_code == 200
    assert "Select a valid choice" in moved.content.decode()
    with pytest.raises(ValidationError) as refused:
        member_update(alice, bob.member, branch=tree["southtown"])
    assert "branch" in refused.value.message_dict
    client.force_login(carol)
    moved = client.post(edit_url(bob.member), form_of(bob.member, branch=tree["southtown"].pk))
    assert moved.status_code == 302
    bob.member.refresh_from_db()
    assert bob.member.branch == tree["southtown"]


def test_an_edit_sets_only_active_or_lapsed(client, alice, carol, bob):
    client.force_login(alice)
    page = client.get(edit_url(bob.member)).content.decode()
    assert 'value="lapsed"' in page and 'value="suspended"' not in page
    response = client.post(edit_url(bob.member), form_of(bob.member, status="suspended"))
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    for officer in (alice, carol):  # not even a national roll keeper, by an edit
        with pytest.raises(ValidationError) as refused:
            member_update(officer, bob.member, status=Member.Status.EXPELLED)
        assert "decisions, not roll edits" in refused.value.message_dict["status"][0]
    lapsed = client.post(edit_url(bob.member), form_of(bob.member, status="lapsed"))
    assert lapsed.status_code == 302
    bob.member.refresh_from_db()
    assert bob.member.status == Member.Status.LAPSED


def test_an_edit_never_lifts_a_suspension(client, alice, carol, bob):
    member_set_standing(actor=carol, member=bob.member, status="suspended", reason="Case 12")
    client.force_login(alice)
    page = client.get(edit_url(bob.member)).content.decode()
    assert 'name="status"' not in page and "decisions, not roll edits" in page
    # The rest of the record is still edited, and the status stays.
    response = client.post(edit_url(bob.member), form_of(bob.member, status="active", name="Bo"))
    assert response.status_code == 302
    bob.member.refresh_from_db()
    assert bob.member.name == "Bo" and bob.member.status == Member.Status.SUSPENDED
    with pytest.raises(ValidationError):
        member_update(alice, bob.member, status=Member.Status.ACTIVE)


# --- validation beside the fields -----------------------------------------------------------


def test_every_bad_field_is_reported_beside_it_and_nothing_is_saved(client, alice, bob):
    client.force_login(alice)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        edit_url(bob.member),
        form_of(bob.member, name="  ", email="bob@", joined_on=tomorrow.isoformat()),
    )
    assert response.status_code == 200
    page = response.content.decode()
    for name in ("name", "email", "joined_on"):
        assert f'id="id_{name}_error"' in page
        assert re.search(rf'<input[^>]*aria-invalid="true"[^>]*id="id_{name}"', page), name
    assert "Enter a valid email address" in page
    assert "There are problems with what you entered" in page
    bob.member.refresh_from_db()
    assert bob.member.name == "Bob Baker"
    assert not entries("members.edit")


def test_dates_are_checked_against_today_and_each_other(client, alice, bob):
    client.force_login(alice)
    tomorrow = timezone.localdate() + timedelta(days=1)
    page = client.post(
        edit_url(bob.member), form_of(bob.member, joined_on=tomorrow.isoformat())
    ).content.decode()
    assert 'id="id_joined_on_error"' in page and "cannot be in the future" in page
    page = client.post(
        edit_url(bob.member),
        form_of(bob.member, joined_on="2020-01-01", paid_until="2019-12-31"),
    ).content.decode()
    assert 'id="id_paid_until_error"' in page and "cannot end before the member joined" in page


def test_a_shared_address_is_saved_with_a_warning(client, alice, bob, tree):
    f.make_member("Hal Household", tree["northtown"], email="home@example.org")
    client.force_login(alice)
    response = client.post(
        edit_url(bob.member), form_of(bob.member, email="home@example.org"), follow=True
    )
    bob.member.refresh_from_db()
    assert bob.member.email == "home@example.org"
    assert "1 other member on the roll has this email address too" in response.content.decode()


# --- the audit entry ----------------------------------------------------------------------


def test_an_edit_is_audited_with_the_fields_changed_and_not_their_values(client, alice, bob):
    client.force_login(alice)
    old_email = bob.member.email
    client.post(
        edit_url(bob.member),
        form_of(bob.member, name="Robert Baker", email="robert@example.org", paid_until=""),
    )
    [entry] = entries("members.edit")
    assert entry.actor == alice and entry.target == f"member:{bob.member.membership_number}"
    assert entry.details == {"fields": ["email", "name", "paid_until"]}
    assert "Robert" not in str(entry.details) and "robert@" not in str(entry.details)
    assert old_email not in str(entry.details)
    assert audit_verify().ok


def test_saving_without_a_change_writes_nothing(client, alice, bob):
    client.force_login(alice)
    response = client.post(edit_url(bob.member), form_of(bob.member), follow=True)
    assert "Nothing was changed." in response.content.decode()
    assert not entries("members.edit")


# --- an email change: the old address is told, the login is not touched ----------------------


def test_an_email_change_is_told_to_the_old_address_and_never_changes_the_login(
    client, alice, bob, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    old = bob.member.email
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url(bob.member), form_of(bob.member, email="new.bob@example.org"))
    [notice] = mail.outbox
    assert notice.to == [old]
    assert "Alice Archer changed the email address" in notice.body
    assert "new.bob@example.org" not in notice.body  # the old address is not told the new one
    assert "72 hours" in notice.body and STOP_LINK.search(notice.body)
    bob.refresh_from_db()
    bob.member.refresh_from_db()
    assert bob.email == old  # the login's address is the member's own
    assert bob.member.email == "new.bob@example.org" and bob.member.email_changed_at


def test_a_change_of_case_only_is_not_an_email_change(
    alice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = member_update(alice, bob.member, email=bob.member.email.upper())
    assert result.changed == ["email"] and not result.email_changed
    assert mail.outbox == []
    bob.member.refresh_from_db()
    assert bob.member.email_changed_at is None


def test_adding_an_address_where_there_was_none_tells_no_one_but_still_holds_sign_up(
    alice, tree, django_capture_on_commit_callbacks
):
    member = f.make_member("Nia Noemail", tree["northtown"], email="")
    with django_capture_on_commit_callbacks(execute=True):
        member_update(alice, member, email="nia@example.org")
    assert mail.outbox == []
    member.refresh_from_db()
    assert roll_email.signup_held_until(member) is not None


def _change_and_get_stop_link(client, alice, member, new, callbacks) -> str:
    client.force_login(alice)
    with callbacks(execute=True):
        client.post(edit_url(member), form_of(member, email=new))
    client.logout()
    match = STOP_LINK.search(mail.outbox[-1].body)
    assert match
    return match.group(1)


def test_the_old_address_puts_itself_back_with_the_link(
    client, alice, tree, django_capture_on_commit_callbacks
):
    erin = f.make_member("Erin Evans", tree["northtown"], email="erin@example.org")
    path = _change_and_get_stop_link(
        client, alice, erin, "officer@example.org", django_capture_on_commit_callbacks
    )
    page = client.get(path)  # opening the link changes nothing
    assert page.status_code == 200 and "Put erin@example.org back" in page.content.decode()
    erin.refresh_from_db()
    assert erin.email == "officer@example.org"
    done = client.post(path)
    assert done.status_code == 200 and "back on the roll" in done.content.decode()
    erin.refresh_from_db()
    assert erin.email == "erin@example.org" and erin.email_changed_at is None
    [entry] = entries("members.email_change_stopped")
    assert entry.actor is None and entry.actor_label == roll_email.STOP_ACTOR
    assert entry.details == {"fields": ["email"]}
    again = client.post(path)  # once back, there is nothing to undo
    assert again.status_code == 400 and roll_email.STOP_DONE in again.content.decode()


def test_the_stop_link_undoes_a_second_change_too(
    client, alice, tree, django_capture_on_commit_callbacks
):
    """Changing the address twice (or clearing it first) does not shake off the first notice."""
    erin = f.make_member("Erin Evans", tree["northtown"], email="erin@example.org")
    path = _change_and_get_stop_link(client, alice, erin, "", django_capture_on_commit_callbacks)
    erin.refresh_from_db()
    member_update(alice, erin, email="officer@example.org")
    client.post(path)
    erin.refresh_from_db()
    assert erin.email == "erin@example.org"


def test_a_stop_link_expires_with_the_hold_and_a_forged_one_is_refused(
    client, alice, tree, monkeypatch
):
    erin = f.make_member("Erin Evans", tree["northtown"], email="erin@example.org")
    member_update(alice, erin, email="officer@example.org")
    signed_at = time.time() - roll_email.HOLD.total_seconds() - 60
    with monkeypatch.context() as past:
        past.setattr(
            signing.TimestampSigner, "timestamp", lambda _: signing.b62_encode(int(signed_at))
        )
        token = roll_email.make_stop_token(erin, "erin@example.org")
    path = reverse("members:stop_email_change", args=[token])
    response = client.post(path)
    assert response.status_code == 400 and roll_email.STOP_EXPIRED in response.content.decode()
    forged = reverse("members:stop_email_change", args=[token[:-2] + "xx"])
    assert client.post(forged).status_code == 400
    erin.refresh_from_db()
    assert erin.email == "officer@example.org"


# --- decisions on standing ------------------------------------------------------------------


def test_the_national_secretary_records_a_suspension_with_its_reason(client, carol, bob):
    client.force_login(carol)
    page = client.get(bob.member.get_absolute_url()).content.decode()
    assert standing_url(bob.member) in page
    response = client.post(
        standing_url(bob.member), {"status": "suspended", "reason": "Disciplinary case 12"}
    )
    assert response.status_code == 302
    bob.member.refresh_from_db()
    assert bob.member.status == Member.Status.SUSPENDED
    decision = StatusDecision.objects.get()
    assert decision.reason == "Disciplinary case 12" and decision.decided_by == carol
    [entry] = entries("members.set_standing")
    assert entry.actor == carol
    assert entry.details == {"status": "suspended", "decision": decision.pk}
    page = client.get(bob.member.get_absolute_url()).content.decode()
    assert "by a decision on" in page


def test_a_decision_needs_a_reason_beside_its_field(client, carol, bob):
    client.force_login(carol)
    response = client.post(standing_url(bob.member), {"status": "expelled", "reason": "  "})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_reason_error"' in page
    bob.member.refresh_from_db()
    assert bob.member.status == Member.Status.ACTIVE and not StatusDecision.objects.exists()


def test_only_a_national_roll_keeper_records_decisions(client, alice, bob):
    client.force_login(alice)
    assert client.get(standing_url(bob.member)).status_code == 403
    response = client.post(standing_url(bob.member), {"status": "suspended", "reason": "x"})
    assert response.status_code == 403
    record = client.get(bob.member.get_absolute_url()).content.decode()
    assert standing_url(bob.member) not in record
    with pytest.raises(PermissionDenied):
        member_set_standing(actor=alice, member=bob.member, status="suspended", reason="x")
    bob.member.refresh_from_db()
    assert bob.member.status == Member.Status.ACTIVE


def test_a_reinstatement_is_a_decision_too(carol, bob):
    member_set_standing(actor=carol, member=bob.member, status="suspended", reason="Case 12")
    member_set_standing(actor=carol, member=bob.member, status="active", reason="Appeal upheld")
    bob.member.refresh_from_db()
    assert bob.member.status == Member.Status.ACTIVE
    assert StatusDecision.objects.filter(member=bob.member).count() == 2
    assert bob.member.joined_on == date(2020, 1, 1)


def test_an_empty_post_shows_the_form_again_not_a_server_error(client, alice, bob):
    """Found by the outside review: an empty body left the form unbound (a 500)."""
    client.force_login(alice)
    response = client.post(edit_url(bob.member), {})
    assert response.status_code == 200
    assert response.context["form"].errors
