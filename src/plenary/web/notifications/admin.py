"""Notifications in the site admin, read-only: to see which emails failed and why."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from plenary.web.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "kind", "subject", "email_status", "email_attempts"]
    list_filter = ["email_status", "kind"]
    search_fields = ["user__email", "subject"]
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
