"""Accounts in the site admin. Every admin that can write is audited (AuditedAdmin), including
the ones Django and allauth register: permission groups, email addresses and authenticators
(deleting one resets a user's two-factor authentication)."""

from __future__ import annotations

from typing import Any

from allauth.account.admin import EmailAddressAdmin as BaseEmailAddressAdmin
from allauth.account.models import EmailAddress
from allauth.mfa.admin import AuthenticatorAdmin as BaseAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.http import HttpRequest

from plenary.web.accounts.models import User
from plenary.web.audit.admin import AuditedAdmin
from plenary.web.audit.log import audit_record, request_actor


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_staff", "is_superuser", "is_active", "last_login"]
    search_fields = ["email", "name"]
    fieldsets = (
        (None, {"fields": ("email", "name", "password")}),
        (
            "Permissions",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "name", "password1", "password2")}),
    )


for model in (Group, EmailAddress, Authenticator):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(Group)
class GroupAdmin(AuditedAdmin, BaseGroupAdmin):
    pass


@admin.register(EmailAddress)
class EmailAddressAdmin(AuditedAdmin, BaseEmailAddressAdmin):
    def make_verified(self, request: HttpRequest, queryset: Any) -> None:
        unverified = list(queryset.filter(verified=False).values_list("pk", flat=True))
        super().make_verified(request, queryset)
        for address in EmailAddress.objects.filter(pk__in=unverified, verified=True):
            audit_record(
                actor=request_actor(request),
                action="admin.change",
                target=address,
                model=address._meta.label_lower,
                changes=[{"changed": {"fields": ["verified"]}}],
            )

    make_verified.short_description = BaseEmailAddressAdmin.make_verified.short_description  # type: ignore[attr-defined]


@admin.register(Authenticator)
class AuthenticatorAdmin(AuditedAdmin, BaseAuthenticatorAdmin):
    pass
