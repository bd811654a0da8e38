"""The ballot paper as forms: number boxes for a ranked ballot, radio buttons for yes/no.

A number box is a plain text input (inputmode numeric): it works without JavaScript, by
keyboard and with screen readers, and does not change the number when someone scrolls."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from django import forms

from plenary.web.elections.models import Candidate

NOT_A_NUMBER = "Enter a whole number from 1 to {n}, or leave the box blank."
REPEATED = "You gave {k} to more than one candidate: give each number once."
GAP = "There is no {missing}: number your choices 1, 2, 3 and so on without gaps."
NOTHING = "Number at least one candidate: put 1 beside your first choice."
NO_CHOICE = "Choose yes, no or abstain."


def preference_field_name(candidate_id: int) -> str:
    return f"pref_{candidate_id}"


class MarksInvalidFields(forms.Form):
    """Points each box with an error at its message, for screen readers."""

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]  # Django's hook; the stubs omit it
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs.update({"aria-invalid": "true", "aria-describedby": f"id_{name}_error"})


class RankedBallotForm(MarksInvalidFields):
    """One optional number box per candidate, in ballot-paper order."""

    def __init__(self, *args: Any, candidates: Sequence[Candidate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        for candidate in self.candidates:
            self.fields[preference_field_name(candidate.id)] = forms.CharField(
                label=candidate.member.name,
                required=False,
                max_length=4,
                widget=forms.TextInput(
                    attrs={
                        "inputmode": "numeric",
                        "size": 3,
                        "autocomplete": "off",
                        "class": "preference",
                    }
                ),
            )
        self.ranking: list[int] = []

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        numbers = self._numbers(cleaned)
        if self.errors:
            return cleaned
        if not numbers:
            raise forms.ValidationError(NOTHING)
        self._check_repeats(numbers)
        if not self.errors:
            self._check_gaps(numbers)
        if not self.errors:
            self.ranking = [cid for cid, _ in sorted(numbers.items(), key=lambda item: item[1])]
        return cleaned

    def _numbers(self, cleaned: dict[str, object]) -> dict[int, int]:
        """Candidate id -> the number given, for the boxes not left blank."""
        n, numbers = len(self.candidates), {}
        for candidate in self.candidates:
            name = preference_field_name(candidate.id)
            value = str(cleaned.get(name) or "").strip()
            if not value:
                continue
            if not value.isdigit() or not 1 <= int(value) <= n:
                self.add_error(name, NOT_A_NUMBER.format(n=n))
                continue
            numbers[candidate.id] = int(value)
        return numbers

    def _check_repeats(self, numbers: dict[int, int]) -> None:
        counts = Counter(numbers.values())
        for cid, k in numbers.items():
            if counts[k] > 1:
                self.add_error(preference_field_name(cid), REPEATED.format(k=k))

    def _check_gaps(self, numbers: dict[int, int]) -> None:
        used = set(numbers.values())
        missing = next(k for k in range(1, len(used) + 2) if k not in used)
        if missing <= max(used):
            after = min(k for k in used if k > missing)
            for cid, k in numbers.items():
                if k == after:
                    self.add_error(preference_field_name(cid), GAP.format(missing=missing))

    def ranked_candidates(self) -> list[Candidate]:
        by_id = {c.id: c for c in self.candidates}
        return [by_id[cid] for cid in self.ranking]

    def posted_numbers(self) -> list[tuple[str, str]]:
        """(field name, number) for the boxes filled in, to carry to the review step."""
        return [
            (preference_field_name(cid), str(position))
            for position, cid in enumerate(self.ranking, start=1)
        ]


class ChoiceBallotForm(MarksInvalidFields):
    """A yes/no question: yes, no or abstain."""

    choice = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No"), ("abstain", "Abstain")],
        widget=forms.RadioSelect,
        error_messages={"required": NO_CHOICE, "invalid_choice": NO_CHOICE},
    )

    def __init__(self, *args: Any, question: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["choice"].label = question or "Your vote"

    def posted_numbers(self) -> list[tuple[str, str]]:
        return [("choice", self.cleaned_data["choice"])]


class ReceiptCheckForm(forms.Form):
    code = forms.CharField(
        label="Your tracker code",
        max_length=40,
        help_text="The code on your receipt, such as 7KQ2-M0ZD-9XH4-PT3B (dashes optional).",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
