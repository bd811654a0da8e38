"""Writes of the notifications app: `notify` (what other apps' services call), sending the
emails with bounded retries, the daily digest, a member's preferences and read marks.

Sending is at least once: a run claims the rows it sends (`email_claim`), so two workers
never send the same row at the same time; a worker that dies mid-send leaves rows `sending`,
which `notifications_resume` hands back after `STALE_CLAIM` (the member may then get that one
email twice, which is better than never).

Retries: django-tasks (0.12) does not retry a failed task, so a failed email records its
attempt on its row and is queued again `RETRY_DELAYS[attempt - 1]` later, by re-enqueueing
the send task with `run_after` where the backend supports it (the database backend does) and
otherwise by the next `notifications_resume`. After `MAX_ATTEMPTS`, or at once when the mail
server refuses the address, the row is `failed` with the error kept."""

from __future__ import annotations

import logging
import secrets
import smtplib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from plenary.web.notifications import email
from plenary.web.notifications.kinds import Delivery, Kind, all_kinds, get_kind
from plenary.web.notifications.models import EmailStatus, Notification, Preference
from plenary.web.notifications.schedule import digest_schedule
from plenary.web.organisation.models import Organisation

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
)
STALE_CLAIM = timedelta(minutes=15)  # a run still "sending" after this has died
SEND_BATCH = 200  # notifications per send task


# --- preferences -------------------------------------------------------------------------


def preferences_of(
    user: AbstractBaseUser, kinds: Iterable[Kind] | None = None
) -> dict[str, Delivery]:
    """The user's choice for each kind (its default where they chose nothing; a statutory
    kind is always immediate, whatever a row says)."""
    kinds = list(all_kinds() if kinds is None else kinds)
    chosen = dict(
        Preference.objects.filter(user_id=user.pk, kind__in=[k.key for k in kinds]).values_list(
            "kind", "delivery"
        )
    )
    return {kind.key: _effective(kind, chosen.get(kind.key)) for kind in kinds}


def _effective(kind: Kind, chosen: str | None) -> Delivery:
    if chosen is not None and chosen in kind.choices:
        return Delivery(chosen)
    return kind.default


def preference_set(*, user: AbstractBaseUser, kind: str, delivery: str) -> Preference | None:
    """Save how the user wants a kind emailed; refused for a statutory kind (which cannot be
    turned off or put in a digest) and for a digest of a kind that allows none."""
    found = get_kind(kind)
    if delivery not in found.choices:
        if found.statutory:
            raise ValidationError(
                {kind: f"“{found.label}” is a formal notice: it is always emailed at once."}
            )
        raise ValidationError(
            {kind: f"“{found.label}” cannot be sent as {Delivery(delivery).label.lower()}."}
        )
    if delivery == found.default:
        Preference.objects.filter(user_id=user.pk, kind=kind).delete()
        return None
    preference, _ = Preference.objects.update_or_create(
        user_id=user.pk, kind=kind, defaults={"delivery": delivery}
    )
    return preference


@transaction.atomic
def preferences_save(*, user: AbstractBaseUser, choices: Mapping[str, str]) -> None:
    for kind, delivery in choices.items():
        preference_set(user=user, kind=kind, delivery=delivery)


def unsubscribe(token: str) -> tuple[AbstractBaseUser, list[Kind]]:
    """Turn off the kinds an unsubscribe link names (those that can be turned off), for the
    user it names. Raises `email.BadToken` for a link that is not ours."""
    from django.contrib.auth import get_user_model

    user_id, keys = email.read_unsubscribe_token(token)
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        raise email.BadToken
    kinds = [kind for kind in unsubscribe_kinds(keys) if kind.can_be_turned_off]
    with transaction.atomic():
        for kind in kinds:
            preference_set(user=user, kind=kind.key, delivery=Delivery.OFF)
    return user, kinds


def unsubscribe_kinds(keys: Iterable[str]) -> list[Kind]:
    registered = {kind.key: kind for kind in all_kinds()}
    return [registered[key] for key in keys if key in registered]


# --- notify ------------------------------------------------------------------------------


def notify(
    kind: str,
    recipients: Iterable[AbstractBaseUser],
    context: Mapping[str, Any],
    *,
    obj: models.Model | None = None,
    url: str = "",
) -> list[Notification]:
    """Tell each recipient (a user) about something: store a notification for each, with
    the kind's message rendered from `context` (plus `recipient`, `organisation` and `link`,
    the absolute form of `url`, a path on this site), and queue the emails of those who want
    them at once for when the caller's transaction commits. Call it from a service, inside
    its transaction. Never from the voting path."""
    found = get_kind(kind)
    users = list({user.pk: user for user in recipients}.values())
    if not users:
        return []
    chosen = dict(
        Preference.objects.filter(user_id__in=[u.pk for u in users], kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    content_type = ContentType.objects.get_for_model(obj) if obj is not None else None
    base = {
        **context,
        "organisation": Organisation.current(),
        "link": email.absolute(url) if url else "",
    }
    now = timezone.now()
    rows = []
    for user in users:
        subject, text, html = email.render_message(found, {**base, "recipient": user})
        rows.append(
            Notification(
                user_id=user.pk,
                kind=kind,
                created_at=now,
                subject=subject,
                text=text,
                html=html,
                url=email.site_path(url),
                content_type=content_type,
                object_id=str(obj.pk) if obj is not None else "",
                email_status=_first_status(found, chosen.get(user.pk), user),
            )
        )
    made = Notification.objects.bulk_create(rows)
    queued = [n.pk for n in made if n.email_status == EmailStatus.QUEUED]
    if queued:
        transaction.on_commit(lambda: _enqueue(queued))
    if any(n.email_status == EmailStatus.DIGEST for n in made):
        digest_schedule(now)
    return made


def _first_status(kind: Kind, chosen: str | None, user: AbstractBaseUser) -> str:
    if not getattr(user, "email", "") or not user.is_active:
        return EmailStatus.NONE
    delivery = _effective(kind, chosen)
    if delivery == Delivery.OFF:
        return EmailStatus.NONE
    if delivery == Delivery.DIGEST:
        return EmailStatus.DIGEST
    return EmailStatus.QUEUED


def _enqueue(ids: Sequence[int], run_after: datetime | None = None) -> None:
    from plenary.web.notifications import tasks  # the task module imports this one

    task = tasks.send_notifications
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # left for notifications_resume
        task = task.using(run_after=run_after)
    for start in range(0, len(ids), SEND_BATCH):
        task.enqueue(list(ids[start : start + SEND_BATCH]))


# --- sending -----------------------------------------------------------------------------


@dataclass
class Sent:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    turned_off: int = 0


def _due(now: datetime) -> Q:
    return Q(email_next_attempt_at__isnull=True) | Q(email_next_attempt_at__lte=now)


DIGEST_CLAIM = "d"


def _claim(
    rows: models.QuerySet[Notification], now: datetime, *, prefix: str = "q"
) -> list[Notification]:
    """Mark the rows as being sent by this run, in one UPDATE, and return them: a row another
    run claimed first is not in the UPDATE's result, so no two runs send it."""
    claim = prefix + secrets.token_hex(15)
    rows.update(email_status=EmailStatus.SENDING, email_claim=claim, email_claimed_at=now)
    return list(
        Notification.objects.filter(email_claim=claim, email_status=EmailStatus.SENDING)
        .select_related("user")
        .order_by("pk")
    )


def _permanent(error: Exception) -> bool:
    return isinstance(error, smtplib.SMTPRecipientsRefused)


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:500]


def _record_failure(row: Notification, error: Exception, now: datetime, *, back_to: str) -> None:
    row.email_attempts += 1
    row.email_error = _describe(error)
    row.email_claim = ""
    if _permanent(error) or row.email_attempts >= MAX_ATTEMPTS:
        row.email_status = EmailStatus.FAILED
        row.email_next_attempt_at = None
    else:
        row.email_status = back_to
        row.email_next_attempt_at = now + RETRY_DELAYS[row.email_attempts - 1]
    row.save(
        update_fields=[
            "email_attempts",
            "email_error",
            "email_claim",
            "email_status",
            "email_next_attempt_at",
        ]
    )


def _record_sent(rows: Sequence[Notification], now: datetime) -> None:
    Notification.objects.filter(pk__in=[row.pk for row in rows]).update(
        email_status=EmailStatus.SENT,
        email_claim="",
        emailed_at=now,
        email_next_attempt_at=None,
        email_error="",
    )


def _turned_off_since(rows: Sequence[Notification]) -> set[int]:
    """The rows whose member has turned their kind off since they were queued."""
    off = set(
        Preference.objects.filter(
            user_id__in={row.user_id for row in rows},
            kind__in={row.kind for row in rows},
            delivery=Delivery.OFF,
        ).values_list("user_id", "kind")
    )
    return {
        row.pk
        for row in rows
        if (row.user_id, row.kind) in off and get_kind(row.kind).can_be_turned_off
    }


def notifications_send(ids: Sequence[int], *, now: datetime | None = None) -> Sent:
    """Email these queued notifications (those that are due), over one connection to the
    mail server; what fails is retried later (see the module's docstring)."""
    now = now or timezone.now()
    rows = _claim(
        Notification.objects.filter(pk__in=list(ids), email_status=EmailStatus.QUEUED).filter(
            _due(now)
        ),
        now,
    )
    result = Sent()
    off = _turned_off_since(rows)
    if off:
        Notification.objects.filter(pk__in=off).update(
            email_status=EmailStatus.NONE, email_claim=""
        )
        result.turned_off = len(off)
    rows = [row for row in rows if row.pk not in off]
    if not rows:
        return result
    retry: dict[datetime, list[int]] = defaultdict(list)
    connection = get_connection(fail_silently=False)
    unreachable: Exception | None = None
    try:
        connection.open()
    except Exception as error:  # the server is down: every row waits for a retry
        logger.warning("cannot reach the mail server: %s", _describe(error))
        unreachable = error
    try:
        for row in rows:
            failure = unreachable
            if failure is None:
                try:
                    connection.send_messages([email.notification_message(row)])
                except Exception as error:
                    logger.warning("notification %s not sent: %s", row.pk, _describe(error))
                    failure = error
                    _close_quietly(connection)  # the next message opens a fresh connection
                else:
                    _record_sent([row], now)  # at once: a crash later does not resend it
                    result.sent += 1
                    continue
            _record_failure(row, failure, now, back_to=EmailStatus.QUEUED)
            if row.email_status == EmailStatus.FAILED:
                result.failed += 1
            elif row.email_next_attempt_at is not None:
                retry[row.email_next_attempt_at].append(row.pk)
    finally:
        _close_quietly(connection)
    for when, waiting in retry.items():
        result.retrying += len(waiting)
        _enqueue(waiting, run_after=when)
    return result


def _close_quietly(connection: Any) -> None:
    try:
        connection.close()
    except Exception:  # noqa: BLE001  (a connection that is already broken)
        pass


def notifications_resume(*, now: datetime | None = None) -> int:
    """Hand back rows a dead run left `sending` (to the digest, if a digest run claimed
    them), and queue every email that is due but may have no task waiting for it (a retry on
    a backend that cannot defer, a task lost with its worker). Returns how many were queued.
    Safe to run at any time, as often as wanted."""
    now = now or timezone.now()
    stale = Notification.objects.filter(
        email_status=EmailStatus.SENDING, email_claimed_at__lt=now - STALE_CLAIM
    )
    stale.filter(email_claim__startswith=DIGEST_CLAIM).update(
        email_status=EmailStatus.DIGEST, email_claim=""
    )
    stale.update(email_status=EmailStatus.QUEUED, email_claim="")
    due = list(
        Notification.objects.filter(email_status=EmailStatus.QUEUED)
        .filter(_due(now))
        .filter(Q(created_at__lt=now - timedelta(minutes=5)) | Q(email_attempts__gt=0))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if due:
        _enqueue(due)
    return len(due)


# --- the daily digest --------------------------------------------------------------------


def digest_send(user_id: int, *, now: datetime | None = None) -> int:
    """Email one user the notifications waiting for their digest, in one message. Returns how
    many it held (0 when there was nothing to send, or the send failed and will be tried
    again by the next digest run)."""
    now = now or timezone.now()
    rows = _claim(
        Notification.objects.filter(user_id=user_id, email_status=EmailStatus.DIGEST).filter(
            _due(now)
        ),
        now,
        prefix=DIGEST_CLAIM,
    )
    off = _turned_off_since(rows)
    if off:
        Notification.objects.filter(pk__in=off).update(
            email_status=EmailStatus.NONE, email_claim=""
        )
    rows = [row for row in rows if row.pk not in off]
    if not rows:
        return 0
    rows.sort(key=lambda row: (row.created_at, row.pk))
    try:
        message = email.digest_message(rows[0].user, rows)
        message.send(fail_silently=False)
    except Exception as error:
        logger.warning("digest for user %s not sent: %s", user_id, _describe(error))
        for row in rows:
            _record_failure(row, error, now, back_to=EmailStatus.DIGEST)  # next run retries
        return 0
    _record_sent(rows, now)
    return len(rows)


def digests_send(*, now: datetime | None = None) -> int:
    """Send every user their digest (what `plenary notifications_digest` runs once a day).
    Returns how many digest emails were sent."""
    now = now or timezone.now()
    users = (
        Notification.objects.filter(email_status=EmailStatus.DIGEST)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )
    return sum(1 for user_id in list(users) if digest_send(user_id, now=now))


# --- reading -----------------------------------------------------------------------------


def notification_mark_read(*, user: AbstractBaseUser, notification_id: int) -> bool:
    """Mark one of the user's notifications read; False if it is not theirs."""
    return bool(
        Notification.objects.filter(pk=notification_id, user_id=user.pk).update(is_read=True)
    )


def notifications_mark_all_read(*, user: AbstractBaseUser) -> int:
    return Notification.objects.filter(user_id=user.pk, is_read=False).update(is_read=True)
