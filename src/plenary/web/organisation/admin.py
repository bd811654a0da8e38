from django.contrib import admin
from django.http import HttpRequest

from plenary.web.audit.admin import AuditedAdmin
from plenary.web.organisation.models import (
    Affiliate,
    Body,
    BodySeat,
    DelegateBand,
    FeeRule,
    Organisation,
    Unit,
)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "branch_label", "region_label", "individual_subscription"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not Organisation.objects.exists()


@admin.register(Unit)
class UnitAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Affiliate)
class AffiliateAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "affiliate_type", "parent", "declared_members", "paid_until"]
    list_filter = ["affiliate_type"]
    search_fields = ["name"]


class BodySeatInline(admin.TabularInline):
    model = BodySeat
    autocomplete_fields = ["member"]
    extra = 0


@admin.register(Body)
class BodyAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "quorum"]
    list_filter = ["kind"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [BodySeatInline]


@admin.register(FeeRule, DelegateBand)
class TableAdmin(AuditedAdmin, admin.ModelAdmin):
    pass
