"""The preferences form: one choice per kind that can be changed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from plenary.web.notifications.kinds import Delivery, Kind


class PreferencesForm(forms.Form):
    def __init__(
        self, *args: Any, kinds: list[Kind], current: Mapping[str, Delivery], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        for kind in kinds:
            if kind.statutory:
                continue
            self.fields[kind.key] = forms.ChoiceField(
                label=kind.label,
                choices=[(choice.value, choice.label) for choice in kind.choices],
                initial=current[kind.key].value,
                widget=forms.RadioSelect,
            )
