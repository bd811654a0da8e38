"""Forms for nominations, candidates' statements and their answers to questionnaires. They
check shapes; the services check the rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms

from plenary.web.elections.models import Question
from plenary.web.elections.nominations.lifecycles import RECEIVED_BY
from plenary.web.elections.nominations.services import STATEMENT_MAX_LENGTH, BodyChoice
from plenary.web.elections.setup.forms import DATE_FORMATS, DATE_WIDGET
from plenary.web.members.models import Member


class NominationForm(forms.Form):
    """A body's nominations for one section: up to `nominations_per_body` membership numbers."""

    body = forms.ChoiceField(label="Nominating body")
    meeting_date = forms.DateField(
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
        label="Date of the meeting that decided",
        help_text="For example 2027-03-31.",
    )

    def __init__(self, *args: Any, bodies: list[BodyChoice], slots: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.bodies = {choice.key: choice.body for choice in bodies}
        body = cast(forms.ChoiceField, self.fields["body"])  # declared above as one
        body.choices = [("", "Choose a body")] + [(c.key, c.label) for c in bodies]
        if len(bodies) == 1:
            self.fields["body"].initial = bodies[0].key
        for i in range(1, slots + 1):
            self.fields[f"nominee_{i}"] = forms.CharField(
                max_length=32,
                required=i == 1,
                label=f"Membership number of nominee {i}",
            )
        self.slots = slots
        self.nominee_fields = [f"nominee_{i}" for i in range(1, slots + 1)]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        nominees = []
        for i in range(1, self.slots + 1):
            number = (data.get(f"nominee_{i}") or "").strip()
            if not number:
                continue
            member = Member.objects.filter(membership_number__iexact=number).first()
            if member is None:
                self.add_error(f"nominee_{i}", f"No member has the membership number {number}.")
            else:
                nominees.append(member)
        data["nominees"] = nominees
        data["body_object"] = self.bodies.get(data.get("body", ""))
        return data


class AcceptanceOnBehalfForm(forms.Form):
    """An acceptance the nominee made outside the site, as the returning officer received it."""

    received_by = forms.ChoiceField(
        label="How the acceptance was received",
        choices=[(key, label.capitalize()) for key, label in RECEIVED_BY.items()],
        widget=forms.RadioSelect,
    )
    received_on = forms.DateField(
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
        label="Date it was received",
        help_text="For example 2027-03-31. It cannot be in the future.",
    )
    note = forms.CharField(
        required=False,
        max_length=500,
        label="Note (optional)",
        help_text="For example: signed form handed in at the branch meeting. Kept in the record.",
    )


def _member_by_number(form: forms.Form, field: str, number: str) -> Member | None:
    member = Member.objects.filter(membership_number__iexact=number.strip()).first()
    if member is None:
        form.add_error(field, f"No member has the membership number {number.strip()}.")
    return member


class MemberNominationForm(forms.Form):
    """A member's proposal: the nominee and the seconder, by membership number."""

    nominee = forms.CharField(
        max_length=32,
        label="Membership number of the member you nominate",
        help_text="Ask them for it; it is on their membership card and account page.",
    )
    seconder = forms.CharField(
        max_length=32,
        label="Membership number of your seconder",
        help_text="Another member of the electorate, who confirms on their own page.",
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        for field in ("nominee", "seconder"):
            if data.get(field):
                data[f"{field}_member"] = _member_by_number(self, field, str(data[field]))
        return data


class StatementForm(forms.Form):
    statement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        max_length=STATEMENT_MAX_LENGTH,
        label="Your statement",
        help_text="Shown on the election page. Up to 5,000 characters.",
    )


class AnswersForm(forms.Form):
    def __init__(self, *args: Any, questions: Sequence[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[f"q{question.pk}"] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 4}),
                required=False,
                label=f"{question.position}. {question.text}",
                help_text="Leave blank to give no reply.",
            )
