"""Writing notifications' emails: rendering a kind's templates, the footer every email ends
with, and the signed unsubscribe link every email that can be turned off carries (in its text
and in the `List-Unsubscribe` header, with RFC 8058's one-click `List-Unsubscribe-Post`)."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template import Engine, engines
from django.template.backends.django import DjangoTemplates
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse

from plenary.web.notifications.kinds import Kind, get_kind
from plenary.web.organisation.models import Organisation

if TYPE_CHECKING:
    from plenary.web.notifications.models import Notification

_SALT = "plenary.notifications.unsubscribe"


def site_url() -> str:
    """The site's address for links in emails (SITE_URL), without a trailing slash."""
    return str(settings.SITE_URL).rstrip("/")


def site_path(path: str) -> str:
    """A path as seen from the site's root, without the prefix a request under a sub-path
    gives `reverse()` (a worker has none): the form `Notification.url` is kept in."""
    prefix = get_script_prefix()
    if prefix != "/" and path.startswith(prefix):
        return "/" + path[len(prefix) :]
    return path


def absolute(path: str) -> str:
    """A site path as a full address under SITE_URL (which holds any sub-path)."""
    return site_url() + site_path(path) if path.startswith("/") else path


@functools.cache
def _text_engine() -> Engine:
    """The site's template engine, but not escaping HTML: subjects and plain text are not
    HTML, and "Smith & Jones" must not arrive as "Smith &amp; Jones"."""
    backend = engines["django"]
    assert isinstance(backend, DjangoTemplates)
    base = backend.engine
    return Engine(
        dirs=base.dirs,
        app_dirs=base.app_dirs,
        libraries=base.libraries,
        debug=base.debug,
        string_if_invalid=base.string_if_invalid,
        autoescape=False,
    )


def render_text(template: str, context: Mapping[str, Any]) -> str:
    return _text_engine().render_to_string(template, dict(context))


def render_subject(template: str, context: Mapping[str, Any]) -> str:
    """One line, as a mail header must be."""
    return " ".join(render_text(template, context).split())[:300]


def render_message(kind: Kind, context: Mapping[str, Any]) -> tuple[str, str, str]:
    """The subject, plain text and HTML (empty when the kind has no HTML template)."""
    html = render_to_string(kind.html_template, dict(context)) if kind.html_template else ""
    return (
        render_subject(kind.subject_template, context),
        render_text(kind.text_template, context).strip() + "\n",
        html,
    )


# --- unsubscribing -----------------------------------------------------------------------


class BadToken(Exception):
    pass


def unsubscribe_token(user_id: int, kinds: Sequence[str]) -> str:
    """A token that turns off these kinds' emails for this user, without logging in. It does
    not expire: an unsubscribe link must go on working, and all it can do is stop emails."""
    return signing.dumps({"u": user_id, "k": sorted(set(kinds))}, salt=_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, list[str]]:
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature as error:
        raise BadToken from error
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise BadToken
    kinds = data.get("k")
    if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
        raise BadToken
    return data["u"], kinds


def unsubscribe_url(user_id: int, kinds: Sequence[str]) -> str:
    path = reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(user_id, kinds)})
    return absolute(path)


# --- messages ----------------------------------------------------------------------------


def _message(
    *,
    to: str,
    subject: str,
    text: str,
    html: str,
    footer: Mapping[str, Any],
    unsubscribe: str | None,
) -> EmailMultiAlternatives:
    headers = {"Auto-Submitted": "auto-generated"}
    if unsubscribe:
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    context = {**footer, "unsubscribe_url": unsubscribe}
    body = text.rstrip() + "\n\n" + render_text("notifications/email/footer.txt", context).strip()
    message = EmailMultiAlternatives(subject, body + "\n", None, [to], headers=headers)
    if html:
        footer_html = render_to_string("notifications/email/footer.html", context)
        message.attach_alternative(html + footer_html, "text/html")
    return message


def _footer(**extra: Any) -> dict[str, Any]:
    return {
        "organisation": Organisation.current(),
        "preferences_url": absolute(reverse("notifications:preferences")),
        **extra,
    }


def notification_message(notification: Notification) -> EmailMultiAlternatives:
    kind = get_kind(notification.kind)
    unsubscribe = (
        unsubscribe_url(notification.user_id, [kind.key]) if kind.can_be_turned_off else None
    )
    return _message(
        to=notification.user.email,
        subject=notification.subject,
        text=notification.text,
        html=notification.html,
        footer=_footer(kind=kind, statutory=kind.statutory),
        unsubscribe=unsubscribe,
    )


def digest_message(user: Any, notifications: Sequence[Notification]) -> EmailMultiAlternatives:
    """One email for a user's waiting digest notifications; its unsubscribe link turns off
    every kind it holds."""
    kinds = sorted({n.kind for n in notifications})
    context = {
        "recipient": user,
        "notifications": [
            {"subject": n.subject, "text": n.text, "url": absolute(n.url) if n.url else ""}
            for n in notifications
        ],
        "list_url": absolute(reverse("notifications:list")),
        "organisation": Organisation.current(),
    }
    return _message(
        to=user.email,
        subject=render_subject("notifications/email/digest_subject.txt", context),
        text=render_text("notifications/email/digest.txt", context),
        html="",
        footer=_footer(kind=None, statutory=False, digest=True),
        unsubscribe=unsubscribe_url(user.pk, kinds),
    )
