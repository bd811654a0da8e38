"""Composites: one text agreed from several motions, with its differences left as options.

A composite is taken section by section. Each section has its **common ground** (which
amendments may change, each voted for or against) and its **differences**, each a `Choice`
of options:

- *independent* options, each voted for or against on its own;
- *incompatible* options, taken against each other, with "Neither" only where the
  committee offers it (`neither=True`).

An option, or a whole choice, may be *conditional* on an earlier option ("if option A is
agreed: ..."), and each option is labelled with the group that proposed it. The
substantive text is the common ground as amended with the options agreed, for ratification.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass

from plenary.procedure.amendments import AmendmentError, parse_amendment
from plenary.procedure.motions import Motion, parse_motion
from plenary.procedure.rebasing import carry_in_order


class CompositeError(ValueError):
    """A composite that cannot be put to conference as it stands."""


@dataclass(frozen=True)
class Condition:
    """Taken only if option `label` was agreed (or, with `agreed=False`, was not)."""

    label: str
    agreed: bool = True

    def holds(self, agreed_options: Collection[str]) -> bool:
        return (self.label in agreed_options) == self.agreed

    def describe(self) -> str:
        return f"if option {self.label} is {'agreed' if self.agreed else 'not agreed'}"


@dataclass(frozen=True)
class Option:
    label: str  # "A", "B1": unique within the composite
    text: str
    proposer: str | None = None  # the group that proposed it
    condition: Condition | None = None

    def describe(self) -> str:
        return f"option {self.label}" + (f" ({self.proposer})" if self.proposer else "")


@dataclass(frozen=True)
class Choice:
    """A difference: independent options, or incompatible options against each other."""

    kind: str  # independent or incompatible
    options: tuple[Option, ...]
    neither: bool = False  # incompatible only: the committee adds "Neither"
    condition: Condition | None = None  # the whole choice depends on an earlier option


@dataclass(frozen=True)
class CommonGroundAmendment:
    label: str  # "Amendment 1"
    text: str  # as its movers wrote it, read by `parse_amendment`
    mover: str | None = None

    def describe(self) -> str:
        return self.label + (f" ({self.mover})" if self.mover else "")


@dataclass(frozen=True)
class Section:
    title: str
    common_ground: str
    amendments: tuple[CommonGroundAmendment, ...] = ()
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class Composite:
    title: str
    sections: tuple[Section, ...]
    originals: tuple[str, ...] = ()  # the motions it was composited from

    def options(self) -> Iterator[tuple[Section, Choice, Option]]:
        for section in self.sections:
            for choice in section.choices:
                for option in choice.options:
                    yield section, choice, option


def independent(*options: Option, condition: Condition | None = None) -> Choice:
    return Choice("independent", tuple(options), condition=condition)


def incompatible(
    *options: Option, neither: bool = False, condition: Condition | None = None
) -> Choice:
    return Choice("incompatible", tuple(options), neither=neither, condition=condition)


def check_composite(composite: Composite) -> None:
    """Raise `CompositeError` naming the first thing that stops the composite being put."""
    if not composite.sections:
        raise CompositeError(f"{composite.title}: a composite needs at least one section")
    earlier: set[str] = set()
    amendment_labels: set[str] = set()
    for section in composite.sections:
        for amendment in section.amendments:
            _check_amendment(section, amendment, amendment_labels)
        for choice in section.choices:
            _check_choice(section, choice, earlier)


def _check_amendment(section: Section, amendment: CommonGroundAmendment, seen: set[str]) -> None:
    if amendment.label in seen:
        raise CompositeError(f"{amendment.label} appears more than once")
    seen.add(amendment.label)
    try:
        edits = parse_amendment(amendment.text)
    except AmendmentError as exc:
        raise CompositeError(f"{section.title}, {amendment.label}: {exc}") from exc
    _, [taken] = carry_in_order(_common_ground(section), [(amendment.label, edits)])
    if taken.status != "carried":
        reason = f"line {taken.line}: {taken.reason}"
        raise CompositeError(f"{section.title}, {amendment.label}: {reason}")


def _check_choice(section: Section, choice: Choice, earlier: set[str]) -> None:
    where = section.title
    if choice.kind not in ("independent", "incompatible"):
        raise CompositeError(f"{where}: a choice is independent or incompatible, not {choice.kind}")
    if not choice.options:
        raise CompositeError(f"{where}: a choice needs at least one option")
    if choice.kind == "incompatible" and len(choice.options) + choice.neither < 2:
        raise CompositeError(f"{where}: incompatible options need at least two to choose from")
    if choice.kind == "independent" and choice.neither:
        raise CompositeError(f"{where}: 'Neither' is only offered between incompatible options")
    _check_condition(where, "the choice", choice.condition, earlier)
    own: set[str] = set()
    for option in choice.options:
        if option.label in earlier or option.label in own:
            raise CompositeError(f"{where}: option {option.label} appears more than once")
        if option.condition is not None and choice.kind == "incompatible":
            raise CompositeError(
                f"{where}: option {option.label} is taken against the others, so the "
                "condition goes on the choice, not on one option"
            )
        # an independent option may depend on one put before it in the same choice
        _check_condition(where, f"option {option.label}", option.condition, earlier | own)
        own.add(option.label)
    earlier.update(own)


def _check_condition(where: str, what: str, condition: Condition | None, earlier: set[str]) -> None:
    if condition is not None and condition.label not in earlier:
        raise CompositeError(
            f"{where}: {what} depends on option {condition.label}, which is not an earlier option"
        )


def _common_ground(section: Section) -> Motion:
    return parse_motion(f"{section.title}\n{section.common_ground}")


def section_as_amended(section: Section, carried: Collection[str]) -> str:
    """The section's common ground with the carried amendments (labels) applied in order."""
    chosen = [(a.label, parse_amendment(a.text)) for a in section.amendments if a.label in carried]
    amended, taken = carry_in_order(_common_ground(section), chosen)
    for outcome in taken:
        if outcome.status != "carried":
            raise CompositeError(f"{section.title}, {outcome.source}: {outcome.reason}")
    return "\n".join(amended.text.splitlines()[1:])


def substantive_text(
    composite: Composite, agreed: Collection[str], carried: Collection[str] = ()
) -> str:
    """The substantive document for ratification: each section's common ground (with the
    `carried` amendments) followed by the `agreed` options' text, in order. An option agreed
    while its condition does not hold, or two incompatible options both agreed, is refused."""
    check_composite(composite)
    parts = [composite.title]
    for section in composite.sections:
        parts += ["", section.title, section_as_amended(section, carried)]
        for choice in section.choices:
            parts += _agreed_texts(section, choice, agreed)
    return "\n".join(parts)


def _agreed_texts(section: Section, choice: Choice, agreed: Collection[str]) -> list[str]:
    chosen = [option for option in choice.options if option.label in agreed]
    if choice.kind == "incompatible" and len(chosen) > 1:
        labels = " and ".join(option.label for option in chosen)
        raise CompositeError(f"{section.title}: options {labels} cannot both be agreed")
    texts = []
    for option in chosen:
        for condition in (choice.condition, option.condition):
            if condition is not None and not condition.holds(agreed):
                raise CompositeError(
                    f"{section.title}: option {option.label} is taken only {condition.describe()}"
                )
        texts.append(option.text)
    return texts
