from __future__ import annotations

from typing import Any

from allauth.account import forms as allauth_forms
from django import forms

from plenary.web.members.models import SelfIdentification
from plenary.web.members.services import SELF_IDENTIFICATION_FIELDS


class SelfIdentificationForm(forms.ModelForm):
    consent = forms.BooleanField(
        required=False,
        label="I agree that plenary stores these answers",
        help_text=(
            "They are used only to apply reserved seats and gender-balance rules in elections. "
            "Untick and save to delete them."
        ),
    )

    class Meta:
        model = SelfIdentification
        fields = list(SELF_IDENTIFICATION_FIELDS)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        answered = any(data.get(field) for field in self.Meta.fields)
        if answered and not data.get("consent"):
            self.add_error(
                "consent", "Tick this box to let plenary store your answers, or clear them."
            )
        return data


class SignupRequestForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="The address your branch has for you on the membership roll.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class LoginForm(allauth_forms.LoginForm):
    """allauth's login form in the site's words: a label says what a field is, so no
    placeholder repeats it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)
        self.fields["login"].label = "Email address"
        if "remember" in self.fields:
            self.fields["remember"].label = "Keep me logged in on this device"
