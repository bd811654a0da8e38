"""When an officer changes a member's email on the roll (docs/decisions/0021-roll-editing.md).

The roll's address is the way into a member's vote: sign-up (accounts/signup.py) makes an
account for whoever can read mail at it. So a change of it by an officer
- is told to the old address (`tell_old_address`, run by `tasks.tell_old_roll_address`),
  with a signed link that puts the old address back (`stop_email_change`);
- holds sign-up through the new address for `HOLD` (`signup_held_until`), the time the old
  address has to use that link.

Nothing here touches a login: an account's email is the member's own, changed only by them."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from plenary.web.audit.log import audit_record
from plenary.web.core.signed_links import LinkRefused, read_signed_link
from plenary.web.members.models import Member
from plenary.web.organisation.models import Organisation

HOLD = timedelta(hours=72)
HOLD_HOURS = HOLD // timedelta(hours=1)
_SALT = "plenary.members.roll_email.stop"
# Who the audit log names as undoing a change: the holder of the stop link, who is not
# logged in; the link reached the old address, and that is all we know of them.
STOP_ACTOR = "the member's previous roll address (stop link)"


StopRefused = LinkRefused  # a stop link that cannot be used; str(error) says why


STOP_FORGED = "This link is not valid. Copy the whole link from the email."
STOP_EXPIRED = (
    f"This link has expired: it worked for {HOLD_HOURS} hours after the change. Ask the "
    "membership secretary to correct the address."
)
STOP_DONE = "The roll already has this address again: there is nothing to undo."


def signup_held_until(member: Member, now: datetime | None = None) -> datetime | None:
    """When sign-up through the member's roll address opens, if it is still held."""
    if member.email_changed_at is None:
        return None
    opens = member.email_changed_at + HOLD
    return opens if opens > (now or timezone.now()) else None


def make_stop_token(member: Member, old_email: str) -> str:
    return signing.dumps({"member": member.pk, "old": old_email}, salt=_SALT)


def _read_stop_token(token: str) -> tuple[int, str]:
    data = read_signed_link(
        token, salt=_SALT, max_age=HOLD, expired=STOP_EXPIRED, forged=STOP_FORGED
    )
    member_id, old = data.get("member"), data.get("old")
    if not isinstance(member_id, int) or not isinstance(old, str) or not old:
        raise StopRefused(STOP_FORGED)
    return member_id, old


def member_for_stop_link(token: str) -> tuple[Member, str]:
    """The member whose change the link undoes and the address it puts back, or StopRefused."""
    member_id, old = _read_stop_token(token)
    member = Member.objects.filter(pk=member_id).first()
    if member is None:
        raise StopRefused(STOP_FORGED)
    if member.email.lower() == old.lower():
        raise StopRefused(STOP_DONE)
    return member, old


def stop_email_change(token: str) -> Member:
    """Put the old address back on the roll and end the hold: the address the member had is
    the trusted one, and sign-up through the new one can no longer happen. Audited."""
    with transaction.atomic():
        member_id, _ = _read_stop_token(token)
        Member.objects.select_for_update().filter(pk=member_id).first()
        member, old = member_for_stop_link(token)
        member.email = old
        member.email_changed_at = None
        member.save(update_fields=["email", "email_changed_at"])
        audit_record(
            actor=STOP_ACTOR,
            action="members.email_change_stopped",
            target=f"member:{member.membership_number}",
            fields=["email"],
        )
    return member


def tell_old_address(*, member_id: int, old_email: str, changed_by: str, site_root: str) -> None:
    """Write to the address the roll had before an officer changed it. One function, so that
    it can become a call to the notifications app when that exists."""
    member = Member.objects.filter(pk=member_id).first()
    if member is None:
        return
    token = make_stop_token(member, old_email)
    stop_url = site_root.rstrip("/") + reverse("members:stop_email_change", kwargs={"token": token})
    context: dict[str, object] = {
        "organisation": Organisation.current(),
        "name": member.name,
        "changed_by": changed_by,
        "hold_hours": HOLD_HOURS,
        "stop_url": stop_url,
    }
    subject = render_to_string("members/email/roll_email_changed_subject.txt", context)
    body = render_to_string("members/email/roll_email_changed.txt", context)
    send_mail(" ".join(subject.split()), body, None, [old_email])
