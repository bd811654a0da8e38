"""The audit log in the site admin (read-only), and `AuditedAdmin`, which writes every change
made through the site admin to the log."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from plenary.web.audit.log import audit_record, request_actor
from plenary.web.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is written by services and never edited by hand."""

    list_display = ["sequence", "at", "actor_label", "action", "target"]
    list_filter = ["action"]
    search_fields = ["target", "actor_label", "action"]
    readonly_fields = [field.name for field in AuditEntry._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class AuditedAdmin:
    """Mix into every ModelAdmin that can write (before admin.ModelAdmin or its subclass):
    each addition, change and deletion made in the site admin is also an audit entry, in the
    admin's own transaction, with the fields it changed (Django's change message: the names of
    the fields, and the inline objects added, changed or deleted), never the values.

    Django's own admin history (LogEntry) can be edited and deleted by anyone with the rights
    to the database; these entries are chained like every other."""

    def log_addition(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        _admin_record(request, obj, "admin.add", message)
        return super().log_addition(request, obj, message)  # type: ignore[misc]

    def log_change(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        _admin_record(request, obj, "admin.change", message)
        return super().log_change(request, obj, message)  # type: ignore[misc]

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        for obj in queryset:
            _admin_record(request, obj, "admin.delete", [])
        return super().log_deletions(request, queryset)  # type: ignore[misc]


def _admin_record(request: HttpRequest, obj: Model, action: str, message: Any) -> None:
    if isinstance(message, str):
        message = [message] if message else []
    audit_record(
        actor=request_actor(request),
        action=action,
        target=obj,
        model=obj._meta.label_lower,
        changes=message,
    )
