"""Declaring a lifecycle and moving objects through it.

A `Lifecycle` names an object's states, the field that holds its state, and its
`Transition`s: each from a set of source states to one target, refused by the first of its
guards that gives a reason. A guard is a plain function `(obj, actor, context) -> str | None`:
None lets the transition through, a string is the reason a person reads.

`Lifecycle.apply` is the only way a transition happens: in one transaction it locks the
object's row (so two concurrent transitions cannot both pass the same check), reads the state
again from the row, checks the source state and the guards, sets the state (and whatever the
transition's effect changes), saves, writes a `TransitionRecord` and one audit entry.
A refusal raises `ValidationError` with the reason and writes nothing.

`Lifecycle.allowed` says, for a page, which transitions an actor may take now and why the
others are refused. See docs/lifecycles.md."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from plenary.web.audit.log import Actor, actor_label_of, audit_record, audit_target
from plenary.web.lifecycles.models import TransitionRecord

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Context:
    """What a guard may judge besides the object and the actor: the moment of the transition
    (the server's clock unless the caller gives one), the actor's note, and anything else the
    caller passes in `data`."""

    at: datetime
    note: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)


Guard = Callable[[M, Actor, Context], str | None]
Effect = Callable[[M, Context], Iterable[str]]


@dataclass(frozen=True)
class Transition(Generic[M]):
    """A named move from any of `source` to `target`.

    - `guards` are checked in order after the source state; the first reason stops it.
    - `effect` may change other fields of the object as part of the move (a date stamped on
      acceptance) and returns the names of the fields it changed, so they are saved too.
    - `ends`: the object's life ends here; after the move is recorded the object is deleted
      (its records and audit entry stay).
    - `audit_action` is the audit log's action name, "<lifecycle>.<transition>" by default.
    - `label` is what a page shows ("Accept"), the name capitalised by default."""

    name: str
    source: Collection[str]
    target: str
    guards: Sequence[Guard[M]] = ()
    effect: Effect[M] | None = None
    ends: bool = False
    audit_action: str = ""
    label: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "source", frozenset(self.source))
        object.__setattr__(self, "guards", tuple(self.guards))
        if not self.label:
            object.__setattr__(self, "label", self.name.replace("_", " ").capitalize())


@dataclass(frozen=True)
class Option(Generic[M]):
    """A transition as a page offers it: allowed, or refused with the reason."""

    transition: Transition[M]
    reason: str | None

    @property
    def allowed(self) -> bool:
        return self.reason is None

    @property
    def name(self) -> str:
        return self.transition.name

    @property
    def label(self) -> str:
        return self.transition.label


NOT_FROM_STATE = "{label} is not possible: the {noun}'s state is “{state}”."
GONE = "This {noun} no longer exists."


def _labels(states: type[models.Choices] | Iterable[str]) -> dict[str, str]:
    if isinstance(states, type) and issubclass(states, models.Choices):
        return {str(value): str(label) for value, label in states.choices}
    return {str(state): str(state) for state in states}


class Lifecycle(Generic[M]):
    """The states and transitions of one kind of object.

    `states` is a `TextChoices` class (its labels name the states in refusals) or plain
    strings. `field` is the model field holding the state; with `field=None` the object has no
    stored state: it is in `initial` for as long as it exists, and every transition must end
    it. `audit_target(obj)` gives what the audit entry is about (the object itself by
    default; the candidacy's election, say), named by audit.log.audit_target, and
    `audit_details(obj)` adds what the log should say about it. `noun` names the
    object in the refusals the lifecycle itself gives ("the candidacy's state is …")."""

    def __init__(
        self,
        name: str,
        *,
        model: type[M],
        states: type[models.Choices] | Iterable[str],
        transitions: Sequence[Transition[M]],
        field: str | None = "status",
        initial: str | None = None,
        noun: str = "",
        audit_target: Callable[[M], models.Model | str] | None = None,
        audit_details: Callable[[M], Mapping[str, Any]] | None = None,
    ) -> None:
        self.name = name
        self.model = model
        self.state_labels = _labels(states)
        self.field = field
        self.initial = initial
        self.noun = noun or model._meta.verbose_name
        self.transitions: dict[str, Transition[M]] = {}
        self._audit_target = audit_target
        self._audit_details = audit_details
        for t in transitions:
            self._check_declaration(t)
            self.transitions[t.name] = t
        if field is None and initial is None:
            raise ValueError(f"{name}: a lifecycle without a state field needs `initial`.")
        if initial is not None and initial not in self.state_labels:
            raise ValueError(f"{name}: the initial state {initial!r} is not one of its states.")

    def _check_declaration(self, t: Transition[M]) -> None:
        if t.name in self.transitions:
            raise ValueError(f"{self.name}: the transition {t.name!r} is declared twice.")
        unknown = (set(t.source) | {t.target}) - set(self.state_labels)
        if unknown:
            raise ValueError(f"{self.name}.{t.name}: unknown states {sorted(unknown)}.")
        if self.field is None and not t.ends:
            raise ValueError(
                f"{self.name}.{t.name}: without a state field, every transition must end "
                "the object."
            )

    def __repr__(self) -> str:
        return f"<Lifecycle {self.name}: {', '.join(self.transitions)}>"

    # --- reading ---------------------------------------------------------------------------

    def state_of(self, obj: M) -> str:
        if self.field is None:
            assert self.initial is not None  # checked in __init__
            return self.initial
        return str(getattr(obj, self.field))

    def state_label(self, state: str) -> str:
        return self.state_labels.get(state, state)

    def transition(self, name: str) -> Transition[M]:
        try:
            return self.transitions[name]
        except KeyError:
            raise ValueError(f"{self.name} has no transition {name!r}.") from None

    def refusal(
        self,
        obj: M,
        name: str,
        actor: Actor,
        *,
        at: datetime | None = None,
        note: str = "",
        data: Mapping[str, Any] | None = None,
    ) -> str | None:
        """Why `actor` may not take the transition now, or None if they may. Reads the object
        as it is in memory (`apply` reads it again under a lock)."""
        context = Context(at=at or timezone.now(), note=note, data=data or {})
        return self._refusal(obj, self.transition(name), actor, context)

    def _refusal(self, obj: M, t: Transition[M], actor: Actor, context: Context) -> str | None:
        state = self.state_of(obj)
        if state not in t.source:
            return NOT_FROM_STATE.format(
                label=t.label, noun=self.noun, state=self.state_label(state)
            )
        for guard in t.guards:
            reason = guard(obj, actor, context)
            if reason is not None:
                return reason
        return None

    def allowed(
        self,
        obj: M,
        actor: Actor,
        *,
        at: datetime | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> list[Option[M]]:
        """Every transition leaving the object's current state, in declared order, each
        allowed or refused with its reason: what a page offers, and why not."""
        context = Context(at=at or timezone.now(), data=data or {})
        state = self.state_of(obj)
        return [
            Option(t, self._refusal(obj, t, actor, context))
            for t in self.transitions.values()
            if state in t.source
        ]

    # --- writing ---------------------------------------------------------------------------

    def apply(
        self,
        obj: M,
        name: str,
        *,
        actor: Actor,
        at: datetime | None = None,
        note: str = "",
        data: Mapping[str, Any] | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> TransitionRecord:
        """Take the transition `name`, or raise ValidationError with the reason it is refused
        (and write nothing). `details` are added to the audit entry."""
        t = self.transition(name)
        context = Context(at=at or timezone.now(), note=note, data=data or {})
        with transaction.atomic():
            self._lock(obj)
            from_state = self.state_of(obj)
            reason = self._refusal(obj, t, actor, context)
            if reason is not None:
                raise ValidationError(reason)
            changed: list[str] = []
            if self.field is not None:
                setattr(obj, self.field, t.target)
                changed.append(self.field)
            if t.effect is not None:
                changed += [f for f in t.effect(obj, context) if f not in changed]
            if changed and not t.ends:
                obj.save(update_fields=changed)
            record = TransitionRecord.objects.create(
                content_type=ContentType.objects.get_for_model(type(obj)),
                object_id=obj.pk,
                lifecycle=self.name,
                transition=t.name,
                from_state=from_state,
                to_state=t.target,
                at=context.at,
                # The stubs type the foreign key as accounts' User, which this app (below
                # accounts) knows only as AbstractBaseUser (decision 0008).
                actor=actor if isinstance(actor, AbstractBaseUser) else None,  # type: ignore[misc]
                actor_label=actor_label_of(actor),
                note=note,
            )
            audit_record(
                actor=actor,
                action=t.audit_action or f"{self.name}.{t.name}",
                target=self._target_of(obj),
                **{
                    **(self._audit_details(obj) if self._audit_details else {}),
                    **(details or {}),
                    "transition": {"from": from_state, "to": t.target},
                    **({"note": note} if note else {}),
                },
            )
            if t.ends:
                obj.delete()
        return record

    def _lock(self, obj: M) -> None:
        """Lock the object's row until the transaction ends and read its state again, so a
        second transition waiting on the lock judges the state the first one left."""
        rows = type(obj)._default_manager.select_for_update().filter(pk=obj.pk)
        values = list(rows.values_list(self.field or "pk", flat=True))
        if not values:
            raise ValidationError(GONE.format(noun=self.noun))
        if self.field is not None:
            setattr(obj, self.field, values[0])

    def _target_of(self, obj: M) -> str:
        return audit_target(self._audit_target(obj) if self._audit_target is not None else obj)
