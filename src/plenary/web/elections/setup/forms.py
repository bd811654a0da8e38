"""Forms for setting up elections. They check shapes (types,
required fields); the services check the rules, and views put service errors beside fields."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.db.models import QuerySet

from plenary.web.elections.models import BallotFileAccess, BallotList, NominatingKind, Section
from plenary.web.elections.setup import services as setup
from plenary.web.members.models import Member
from plenary.web.organisation.models import Organisation, Unit

# Plain text boxes with the format spelled out, not the browsers' date pickers: those differ
# by browser and locale, and typing into them by keyboard or speech is unreliable (the advice
# of the GOV.UK design system). Both ISO and day/month/year are accepted.
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DATETIME_FORMATS = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M:%S"]
DATE_WIDGET = forms.DateInput(
    attrs={"inputmode": "numeric", "autocomplete": "off"}, format="%Y-%m-%d"
)


class UnitLabels:
    """Options read "Northtown (branch)", in the organisation's own words, which each form's
    field reads once rather than once per unit."""

    _organisation: Organisation | None = None

    def label_from_instance(self, obj: Unit) -> str:
        if self._organisation is None:
            self._organisation = Organisation.current()
        return f"{obj.name} ({obj.kind_label(self._organisation)})"


class UnitChoiceField(UnitLabels, forms.ModelChoiceField):
    pass


class UnitsChoiceField(UnitLabels, forms.ModelMultipleChoiceField):
    pass


class ElectionForm(forms.Form):
    title = forms.CharField(max_length=200)
    slug = forms.SlugField(
        max_length=80,
        label="Short name for the address",
        help_text="Letters, numbers and hyphens, e.g. exec-2026. It cannot change later.",
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    unit = UnitChoiceField(
        queryset=Unit.objects.order_by("kind", "name"),
        label="Held by",
        help_text="The level of the organisation that holds the election.",
    )
    electorate_units = UnitsChoiceField(
        queryset=Unit.objects.exclude(kind=Unit.Kind.NATIONAL).order_by("kind", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Electorate",
        help_text="Regions or branches whose active members may vote. Choose none for all members.",
    )
    roll_date = forms.DateField(
        required=False,
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
        help_text="The electorate is the active members on this date, e.g. 2027-01-31.",
    )
    ballot_list = forms.ChoiceField(
        choices=BallotList.choices,
        initial=BallotList.RECEIPT_CHECK,
        required=False,
        widget=forms.RadioSelect,
        label="What a voter's tracker code shows",
        help_text=(
            "Receipt check only: a voter can check that their ballot is in the box, and no one "
            "can be made to prove how they voted. Published ballot list: when the ballot closes "
            "every tracker code is listed with its ballot, so voters can check their vote was "
            "recorded as cast, but a voter can then prove their vote to someone pressing them. "
            "Voters are told which before they vote; it cannot change once the ballot opens."
        ),
    )
    ballot_file_access = forms.ChoiceField(
        choices=BallotFileAccess.choices,
        initial=BallotFileAccess.SCRUTINEERS,
        required=False,
        widget=forms.RadioSelect,
        label="Who may download the anonymised ballots (BLT) for a recount",
        help_text=(
            "The rankings of every ballot, without names or tracker codes, once the result is "
            "published. Anyone holding them can recount; with many candidates an unusual full "
            "ranking can still identify a voter who was told to cast it. Scrutineers are the "
            "section's candidates and the returning officers. With a published ballot list "
            "anyone has the rankings anyway. It cannot change once the ballot opens."
        ),
    )

    returning_officer = forms.CharField(
        max_length=32,
        required=False,
        label="Returning officer (membership number)",
        help_text=(
            "For a branch election, if the branch has no returning officer yet: the member "
            "who will run it, appointed to the branch's elections committee. Not yourself: "
            "nobody appoints themselves to an office. Leave blank if the branch has one."
        ),
    )

    def __init__(
        self,
        *args: Any,
        editing: bool = False,
        units: QuerySet[Unit] | None = None,
        names_returning_officer: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["slug"]
        if units is not None:  # the units for which this user may hold an election
            self.fields["unit"].queryset = units.order_by("kind", "name")  # type: ignore[attr-defined]
        if editing or not names_returning_officer:
            del self.fields["returning_officer"]

    def clean_returning_officer(self) -> Member | None:
        number = (self.cleaned_data.get("returning_officer") or "").strip()
        if not number:
            return None
        member = Member.objects.filter(membership_number__iexact=number).first()
        if member is None:
            raise forms.ValidationError(f"No member has the membership number {number}.")
        return member


class SectionForm(forms.ModelForm):
    nominating_kinds = forms.MultipleChoiceField(
        choices=NominatingKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Who may nominate",
    )

    class Meta:
        model = Section
        fields = list(setup.SECTION_FIELDS)
        labels = {
            "position": "Order on the election page",
            "method": "Counting rule",
            "reserved_category": "Reserved seats are for",
            "minimum_women": "Minimum number of women elected",
            "nominations_per_body": "Nominations each body (or member) may make",
            "gender_balanced_nominations": "Nominations must be gender-balanced",
            "threshold": "Nominations needed to reach the ballot",
        }
        widgets = {"question": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        for field, message in setup.section_rule_errors(data).items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        return data

    def _post_clean(self) -> None:
        # The rules are checked above and by the service; skip the model's own constraint
        # validation, which would repeat them in the less helpful database wording.
        pass


class TimelineForm(forms.Form):
    """The four moments, entered and shown in the organisation's time zone."""

    nominations_open_at = forms.DateTimeField(required=False, label="Nominations open")
    nominations_close_at = forms.DateTimeField(required=False, label="Nominations close")
    ballot_open_at = forms.DateTimeField(required=False, label="Ballot opens")
    ballot_close_at = forms.DateTimeField(required=False, label="Ballot closes")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.fields:
            field = cast(forms.DateTimeField, self.fields[name])  # the four declared above
            field.widget = forms.DateTimeInput(
                attrs={"autocomplete": "off"}, format=DATETIME_FORMATS[0]
            )
            field.input_formats = DATETIME_FORMATS
            field.help_text = f"Date and time in {settings.TIME_ZONE}, e.g. 2027-03-31 09:00."


class QuestionnaireForm(forms.Form):
    posed_by = forms.CharField(max_length=200, label="Put by (the group asking)")
    title = forms.CharField(max_length=200)
    questions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One question per line. Every candidate in the election is asked each question.",
    )
