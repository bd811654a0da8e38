from django.contrib import admin
from django.http import HttpRequest

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
