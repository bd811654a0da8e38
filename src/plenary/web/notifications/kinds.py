"""The kinds of notification: a registry each app fills in its `AppConfig.ready`, so this app
names none of the apps above it (docs/notifications.md).

A kind says how its message is written (templates for the subject, the plain text and, if
wanted, HTML), what it is called on a member's preferences page, and what a member may choose
for it: a statutory notice (a meeting notice, a letter in a case) is always emailed at once
and cannot be turned off; any other kind may be turned off, and put in the daily digest when
it is `digestible`."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class Delivery(models.TextChoices):
    """How a member wants a kind emailed. Whatever they choose, the notification is listed on
    their notifications page."""

    IMMEDIATE = "immediate", "Email me at once"
    DIGEST = "digest", "Once a day, in a digest"
    OFF = "off", "Do not email me"


@dataclass(frozen=True)
class Kind:
    key: str  # "app.event", e.g. "election.result_published"
    label: str  # what the preferences page calls it: "An election's result is published"
    subject_template: str
    text_template: str
    html_template: str | None = None
    statutory: bool = False
    digestible: bool = True
    default: Delivery = Delivery.IMMEDIATE

    def __post_init__(self) -> None:
        if self.default not in self.choices:
            raise ValueError(
                f"notification kind {self.key!r}: the default {self.default!r} is not one of "
                f"its choices {[str(choice) for choice in self.choices]}"
            )

    @property
    def choices(self) -> tuple[Delivery, ...]:
        """What a member may choose: a statutory notice only ever at once."""
        if self.statutory:
            return (Delivery.IMMEDIATE,)
        if self.digestible:
            return (Delivery.IMMEDIATE, Delivery.DIGEST, Delivery.OFF)
        return (Delivery.IMMEDIATE, Delivery.OFF)

    @property
    def can_be_turned_off(self) -> bool:
        return not self.statutory


_kinds: dict[str, Kind] = {}


class UnknownKind(LookupError):
    pass


def register_kind(kind: Kind) -> Kind:
    """Declare a kind (from the owning app's `ready()`). Registering the same kind again is a
    no-op (ready() may run more than once); another kind under a taken key is an error."""
    existing = _kinds.get(kind.key)
    if existing is not None and existing != kind:
        raise ValueError(f"notification kind {kind.key!r} is already registered differently")
    _kinds[kind.key] = kind
    return kind


def get_kind(key: str) -> Kind:
    try:
        return _kinds[key]
    except KeyError:
        raise UnknownKind(f"no notification kind {key!r} is registered") from None


def all_kinds() -> list[Kind]:
    """Every registered kind, in the order the preferences page lists them."""
    return sorted(_kinds.values(), key=lambda kind: (kind.statutory, kind.label))
