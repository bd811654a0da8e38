"""Forms for an officer's edit of a member's record and for a decision on standing. They
only shape the input; members/services.py validates and writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet

from plenary.web.members.models import Member
from plenary.web.organisation.models import Unit


class MarksInvalidFields(forms.Form):
    """Points each box with an error at its message, for screen readers."""

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]  # Django's hook; the stubs omit it
        self.mark_invalid()

    def mark_invalid(self) -> None:
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs.update({"aria-invalid": "true", "aria-describedby": f"id_{name}_errors"})


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class MemberEditForm(MarksInvalidFields):
    name = forms.CharField(max_length=200)
    email = forms.EmailField(
        required=False,
        max_length=254,
        help_text=(
            "The address on the roll. A change is told to the old address, and sign-up "
            "through the new one waits 72 hours. A login's address is not changed here."
        ),
    )
    branch = forms.ModelChoiceField(queryset=Unit.objects.none(), empty_label=None)
    joined_on = forms.DateField(label="Joined on", widget=DateInput())
    paid_until = forms.DateField(
        label="Subscription paid until", required=False, widget=DateInput()
    )
    status = forms.ChoiceField(
        choices=[
            (Member.Status.ACTIVE.value, Member.Status.ACTIVE.label),
            (Member.Status.LAPSED.value, Member.Status.LAPSED.label),
        ],
    )

    def __init__(
        self, *args: Any, member: Member, branches: QuerySet[Unit], branch_label: str, **kwargs: Any
    ) -> None:
        kwargs.setdefault(
            "initial",
            {
                "name": member.name,
                "email": member.email,
                "branch": member.branch,
                "joined_on": member.joined_on,
                "paid_until": member.paid_until,
                "status": member.status,
            },
        )
        super().__init__(*args, **kwargs)
        # The member's own branch is always a choice, so the form never moves them by itself.
        branch = self.fields["branch"]
        assert isinstance(branch, forms.ModelChoiceField)
        branch.queryset = Unit.objects.filter(
            Q(pk__in=branches.values("pk")) | Q(pk=member.branch_id)
        ).order_by("name")
        self.fields["branch"].label = branch_label.capitalize()
        if member.status not in {Member.Status.ACTIVE, Member.Status.LAPSED}:
            # Suspension and expulsion are decisions: only another decision changes them.
            del self.fields["status"]


class StandingForm(MarksInvalidFields):
    status = forms.ChoiceField(label="Status decided", choices=Member.Status.choices)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "Why, and on whose decision (the meeting or the case). Kept with the decision; "
            "the audit log records that a decision was made, not the reason."
        ),
    )
