"""Importing the roll from CSV (upload, choose columns, preview, import) and exporting it.

The uploaded file stays on the server between steps (csv/storage.py, UploadStore: a
confidential document of plenary.web.documents); the session holds only its random token and
the chosen columns, so nothing the browser sends back is trusted as data. The import re-checks
every row inside its transaction."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from plenary.web.audit.log import request_actor
from plenary.web.core.actions import show_errors
from plenary.web.core.permissions import permission_required
from plenary.web.documents.serving import document_response
from plenary.web.members.csv import export as csv_export
from plenary.web.members.csv.decoding import (
    CsvTable,
    ImportFileError,
    decode_csv_bytes,
    read_csv_table,
)
from plenary.web.members.csv.forms import ColumnsForm, ExportForm, UploadForm
from plenary.web.members.csv.mapping import ColumnMapping, Field, branch_label, guess_mapping
from plenary.web.members.csv.plan import Action, RowNote, plan_member_import
from plenary.web.members.csv.rows import DateOrder
from plenary.web.members.csv.services import members_import
from plenary.web.members.csv.storage import UploadStore
from plenary.web.members.permissions import roll_branches

SESSION_KEY = "member_import"
ERRORS_SHOWN = 200


roll_importers_only = permission_required(
    "members.import_roll", "Only the national secretaries may import the roll."
)


class _NoUpload(Exception):
    """There is no upload in progress (or its file has gone): start again."""


def _pending(request: HttpRequest) -> tuple[dict[str, Any], CsvTable]:
    state = request.session.get(SESSION_KEY)
    if not state:
        raise _NoUpload
    try:
        data = UploadStore.default().load(state["token"])
        return state, read_csv_table(decode_csv_bytes(data))
    except ImportFileError as error:
        request.session.pop(SESSION_KEY, None)
        messages.error(request, str(error))
        raise _NoUpload from None


def _forget_upload(request: HttpRequest) -> None:
    state = request.session.pop(SESSION_KEY, None)
    if state:
        UploadStore.default().delete(state["token"])


def _mapping(state: dict[str, Any]) -> ColumnMapping:
    return {Field(name): column for name, column in state["mapping"].items()}


UploadStep = Callable[[HttpRequest, dict[str, Any], CsvTable], HttpResponseBase]


def _import_step(view: UploadStep) -> Callable[[HttpRequest], HttpResponseBase]:
    """A step after the upload: for roll keepers only, with the pending upload read back
    from the server (or a redirect to the upload when there is none)."""

    @roll_importers_only
    @wraps(view)
    def step(request: HttpRequest) -> HttpResponseBase:
        try:
            state, table = _pending(request)
        except _NoUpload:
            return redirect("members:import")
        return view(request, state, table)

    return step


@_import_step
def import_file(request: HttpRequest, state: dict[str, Any], table: CsvTable) -> HttpResponseBase:
    """The uploaded file itself, as it waits on the server: served by the documents app,
    which writes the view to the confidential document's access log."""
    document = UploadStore.default().document(state["token"])
    if document is None:
        return redirect("members:import")
    return document_response(request, document)


@roll_importers_only
def import_upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        _forget_upload(request)
        table: CsvTable = form.cleaned_data["table"]
        upload = form.cleaned_data["file"]
        try:
            token = UploadStore.default().save(
                form.cleaned_data["data"], name=upload.name, by=request.user
            )
        except ValidationError as error:
            show_errors(form, error)
            return render(request, "members/csv/upload.html", {"form": form})
        request.session[SESSION_KEY] = {
            "token": token,
            "filename": upload.name,
            "mapping": {
                f.value: column
                for f, column in guess_mapping(table.header, branch_label=branch_label()).items()
            },
            "date_order": DateOrder.DAY_FIRST.value,
            "columns_chosen": False,
        }
        return redirect("members:import_columns")
    return render(request, "members/csv/upload.html", {"form": form})


@_import_step
def import_columns(request: HttpRequest, state: dict[str, Any], table: CsvTable) -> HttpResponse:
    form = ColumnsForm(
        request.POST or None,
        table=table,
        mapping=_mapping(state),
        initial={"date_order": state["date_order"]},
    )
    if request.method == "POST" and form.is_valid():
        state["mapping"] = {f.value: column for f, column in form.mapping().items()}
        state["date_order"] = form.cleaned_data["date_order"]
        state["columns_chosen"] = True
        request.session.modified = True
        return redirect("members:import_preview")
    context = {"form": form, "state": state, "table": table, "sample": table.rows[:3]}
    return render(request, "members/csv/columns.html", context)


def _kept_note(kept: list[RowNote]) -> str:
    if not kept:
        return ""
    return f" {len(kept)} status{'es' if len(kept) > 1 else ''} kept: set by a decision."


@_import_step
def import_preview(request: HttpRequest, state: dict[str, Any], table: CsvTable) -> HttpResponse:
    if not state.get("columns_chosen"):
        return redirect("members:import_columns")
    mapping, order = _mapping(state), DateOrder(state["date_order"])
    if request.method == "POST":
        result = members_import(
            table=table,
            mapping=mapping,
            actor=request_actor(request),
            source=state["filename"],
            date_order=order,
        )
        if result.applied:
            _forget_upload(request)
            messages.success(
                request,
                f"Imported {state['filename']}: {result.created} new, {result.updated} "
                f"updated, {result.unchanged} unchanged.{_kept_note(result.plan.kept)}",
            )
            return redirect("members:import")
        plan = result.plan
    else:
        plan = plan_member_import(table=table, mapping=mapping, date_order=order)
    context = {
        "state": state,
        "plan": plan,
        "errors": plan.errors[:ERRORS_SHOWN],
        "more_errors": max(0, len(plan.errors) - ERRORS_SHOWN),
        "bad_lines": len({error.line for error in plan.errors}),
        "counts": {action: plan.count(action) for action in Action},
        "preview": plan.preview(),
    }
    return render(request, "members/csv/preview.html", context)


@_import_step
def import_errors(
    request: HttpRequest, state: dict[str, Any], table: CsvTable
) -> StreamingHttpResponse:
    """Every error of the pending upload, as CSV (the page lists only the first ones)."""
    plan = plan_member_import(
        table=table, mapping=_mapping(state), date_order=DateOrder(state["date_order"])
    )
    rows = [["Line", "Problem"], *([str(e.line), e.reason] for e in plan.errors)]
    response = StreamingHttpResponse(csv_export.csv_lines(rows), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="import-errors.csv"'
    return response


@permission_required("members.export_roll", "Only officers who keep a roll may export it.")
def export(request: HttpRequest) -> HttpResponseBase:
    branches = roll_branches(request.user)
    form = ExportForm(request.GET if "download" in request.GET else None, branches=branches)
    if form.is_valid():
        branch = form.cleaned_data["branch"]
        members = csv_export.members_export(
            actor=request_actor(request),
            branches=branches,
            branch=branch,
            statuses=form.cleaned_data["status"],
        )
        # A byte-order mark so spreadsheet programs read the file as UTF-8.
        lines = csv_export.csv_lines(csv_export.export_rows(members))
        response = StreamingHttpResponse(_with_bom(lines), content_type="text/csv; charset=utf-8")
        filename = csv_export.export_filename(branch, timezone.localdate())
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    context = {"form": form}
    return render(request, "members/csv/export.html", context)


def _with_bom(lines: Any) -> Any:
    yield "\ufeff"
    yield from lines
