"""Sign-up for members, without telling anyone whether an address is on the roll
(docs/decisions/0012-signup-without-enumeration.md).

The web process only queues `tasks.send_signup_mail` with the address as typed, whatever it
is, and answers alike. In the worker, `send_signup_mail` looks the address up and writes to it:
a sign-up link if it belongs to exactly one active member without an account, a reminder if it
already has an account, a note if several members share it, and nothing at all otherwise.

The link carries a signed, timestamped token (django.core.signing) naming the member and the
address. It is good for `LINK_MAX_AGE`, and once: `member_for_link` accepts it only while the
member is still current, still has that address and still has no account, and creating the
account (`create_account`) ends all three.

An address an officer put on the roll less than `roll_email.HOLD` (72 hours) ago is held: the
worker sends no link but a note saying when sign-up through it opens, and a link made before
is refused until then. In that time the old address, told of the change, can undo it
(docs/decisions/0021-roll-editing.md); otherwise an officer could put their own address on a
member's record and vote as them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from plenary.web.accounts.models import User
from plenary.web.core.signed_links import LinkRefused, read_signed_link
from plenary.web.members.models import Member
from plenary.web.members.roll_email import HOLD_HOURS, signup_held_until
from plenary.web.members.standing import current_members
from plenary.web.organisation.models import Organisation

LINK_MAX_AGE = timedelta(hours=24)
_SALT = "plenary.accounts.signup"


FORGED = "This sign-up link is not valid. Copy the whole link from the email, or ask for a new one."
EXPIRED = (
    "This sign-up link has expired. Ask for a new one: links work for "
    f"{LINK_MAX_AGE // timedelta(hours=1)} hours."
)
SPENT = (
    "This sign-up link can no longer be used: an account has already been made with it, or "
    "your membership record has changed since it was sent. Log in, or ask for a new link."
)


def held_message(opens: datetime) -> str:
    return (
        "This address was put on the membership roll recently, so sign-up through it waits "
        f"{HOLD_HOURS} hours after the change, in case the change was not yours. Ask for a new "
        f"link after {opens:%-d %B %Y, %H:%M}."
    )


def unlinked_members_with(email: str) -> list[Member]:
    """Up to two current members without an account who have this address on the roll."""
    return list(current_members().filter(email__iexact=email, user__isnull=True)[:2])


def make_token(member: Member) -> str:
    return signing.dumps({"member": member.pk, "email": member.email.lower()}, salt=_SALT)


@dataclass(frozen=True)
class LinkHolder:
    member: Member
    email: str


def _read(token: str) -> dict[str, object]:
    return read_signed_link(token, salt=_SALT, max_age=LINK_MAX_AGE, expired=EXPIRED, forged=FORGED)


def member_for_link(token: str) -> LinkHolder:
    """The member a sign-up link is for, or LinkRefused saying why not."""
    data = _read(token)
    email = str(data.get("email", ""))
    matches = unlinked_members_with(email) if email else []
    if (
        len(matches) != 1
        or matches[0].pk != data.get("member")
        or User.objects.filter(email__iexact=email).exists()
    ):
        raise LinkRefused(SPENT)
    if (opens := signup_held_until(matches[0])) is not None:
        raise LinkRefused(held_message(timezone.localtime(opens)))
    return LinkHolder(member=matches[0], email=email)


def create_account(token: str, password: str) -> User:
    """Create the account the link is for, linked to its member, with the address verified
    (the link reached it). The member's row is locked, so two uses at once make one account."""
    with transaction.atomic():
        member_id = _read(token).get("member")
        if not isinstance(member_id, int):
            raise LinkRefused(FORGED)
        Member.objects.select_for_update().filter(pk=member_id).first()
        holder = member_for_link(token)
        user = User.objects.create_user(
            email=holder.email, password=password, name=holder.member.name
        )
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        Member.objects.filter(pk=holder.member.pk).update(user=user)
    return user


def _mail(template: str, to: str, context: dict[str, object]) -> None:
    subject = render_to_string(f"accounts/email/{template}_subject.txt", context)
    body = render_to_string(f"accounts/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, None, [to])


def send_signup_mail(email: str, site_root: str) -> None:
    """What the worker does for a sign-up request. `site_root` is the site's address as the
    request reached it (scheme, host and any sub-path), for the links in the mail."""
    root = site_root.rstrip("/")
    context: dict[str, object] = {
        "organisation": Organisation.current(),
        "max_age_hours": LINK_MAX_AGE // timedelta(hours=1),
    }
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        context["reset_url"] = root + reverse("account_reset_password")
        context["login_url"] = root + reverse("account_login")
        _mail("signup_already_registered", user.email, context)
        return
    matches = unlinked_members_with(email)
    if len(matches) == 1:
        member = matches[0]
        context["name"] = member.name
        if (opens := signup_held_until(member)) is not None:
            context["opens"] = timezone.localtime(opens)
            context["hold_hours"] = HOLD_HOURS
            _mail("signup_held", member.email, context)
            return
        context["link"] = root + reverse(
            "account_signup_link", kwargs={"token": make_token(member)}
        )
        _mail("signup_link", member.email, context)
    elif len(matches) > 1:
        _mail("signup_shared_address", matches[0].email, context)
    # Otherwise the address is no current member's: write to no one (see the decision record).
