"""Forms for the CSV import (upload, then columns) and the export (filters)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet

from plenary.web.members.csv.decoding import (
    MAX_FILE_BYTES,
    NO_ROWS,
    TOO_BIG,
    CsvTable,
    ImportFileError,
    decode_csv_bytes,
    read_csv_table,
)
from plenary.web.members.csv.mapping import FIELD_LABELS, ColumnMapping, Field, mapping_problems
from plenary.web.members.csv.rows import DateOrder
from plenary.web.members.models import Member
from plenary.web.organisation.models import Organisation, Unit


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Membership list (CSV)",
        help_text=(
            f"A CSV file of up to {MAX_FILE_BYTES // (1024 * 1024)} MB, with a header row; "
            "comma, semicolon or tab separated; UTF-8, UTF-16 or Windows encoding."
        ),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size is not None and upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(TOO_BIG)
        data = upload.read()
        try:
            table = read_csv_table(decode_csv_bytes(data))
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        if not table.rows:
            raise forms.ValidationError(NO_ROWS)
        self.cleaned_data["data"] = data
        self.cleaned_data["table"] = table
        return upload


NOT_IN_FILE = ""
DATE_ORDER_CHOICES = [
    (DateOrder.DAY_FIRST.value, "Day first: 31/12/2024"),
    (DateOrder.MONTH_FIRST.value, "Month first: 12/31/2024"),
]
FIELD_HELP: dict[Field, str] = {
    Field.MEMBERSHIP_NUMBER: "Required. Members already on the roll are matched on it.",
    Field.NAME: "Required, unless the file has first and last name columns instead.",
    Field.FIRST_NAME: "Only if there is no full-name column.",
    Field.LAST_NAME: "Only if there is no full-name column.",
    Field.BRANCH: "Required: the branch's name or its short name (slug).",
    Field.STATUS: "active, lapsed, suspended or expelled. Blank means active for new members.",
}


class ColumnsForm(forms.Form):
    """Which column of the file holds each of plenary's fields."""

    date_order = forms.ChoiceField(
        label="Dates like 03/04/2024 are written",
        choices=DATE_ORDER_CHOICES,
        widget=forms.RadioSelect,
        help_text="Dates written as 2024-04-03 are read the same either way.",
    )

    def __init__(self, *args: Any, table: CsvTable, mapping: ColumnMapping, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [(NOT_IN_FILE, "(not in the file)")] + [
            (str(index), label) for index, label in enumerate(table.column_labels())
        ]
        fields = {
            field_.value: forms.TypedChoiceField(
                label=FIELD_LABELS[field_],
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=str(mapping[field_]) if field_ in mapping else NOT_IN_FILE,
                help_text=FIELD_HELP.get(field_, ""),
            )
            for field_ in Field
        }
        self.fields = {**fields, "date_order": self.fields["date_order"]}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for field_, problem in mapping_problems(self.mapping()).items():
            self.add_error(field_.value, problem)
        return cleaned

    def mapping(self) -> ColumnMapping:
        return {
            field_: self.cleaned_data[field_.value]
            for field_ in Field
            if self.cleaned_data.get(field_.value) is not None
        }


class ExportForm(forms.Form):
    branch = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label="All I may see",
    )
    status = forms.MultipleChoiceField(
        choices=Member.Status.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked for every status.",
    )

    def __init__(self, *args: Any, branches: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only branches the officer may see can be chosen: anything else is "not a choice".
        self.fields["branch"].queryset = branches  # type: ignore[attr-defined]
        self.fields["branch"].label = Organisation.current().branch_label.capitalize()
