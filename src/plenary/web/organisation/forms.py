from __future__ import annotations

from django import forms
from django.db.models import Model
from django.utils import timezone

from plenary.web.organisation.models import Affiliate, Office
from plenary.web.organisation.roll import roll


class SeatAddForm(forms.Form):
    membership_number = forms.CharField(label="Membership number", max_length=32)
    office = forms.ChoiceField(
        choices=[("", "No office (an ordinary seat)"), *Office.choices], required=False
    )
    co_opted = forms.BooleanField(
        required=False, label="Co-opted", help_text="A co-opted member may speak but has no vote."
    )
    starts_on = forms.DateField(
        label="Starts on",
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_membership_number(self) -> Model:
        number = self.cleaned_data["membership_number"].strip()
        member = roll().member_by_number(number)
        if member is None:
            raise forms.ValidationError(f"No member has the number {number}.")
        return member


class SeatEndForm(forms.Form):
    ends_on = forms.DateField(
        label="Term ends on",
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class AffiliateForm(forms.ModelForm):
    class Meta:
        model = Affiliate
        fields = [
            "name",
            "affiliate_type",
            "parent",
            "unit",
            "declared_members",
            "affiliated_on",
            "paid_until",
            "contact_name",
            "contact_email",
        ]
        widgets = {
            "affiliated_on": forms.DateInput(attrs={"type": "date"}),
            "paid_until": forms.DateInput(attrs={"type": "date"}),
        }
