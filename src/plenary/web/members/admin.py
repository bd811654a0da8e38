from django.contrib import admin

from plenary.web.audit.admin import AuditedAdmin
from plenary.web.members.models import Member


@admin.register(Member)
class MemberAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["membership_number", "name", "email", "branch", "status", "paid_until"]
    list_filter = ["status", "branch"]
    search_fields = ["membership_number", "name", "email"]
    raw_id_fields = ["user"]
    # Self-identification is deliberately not shown here: it is for counts only.
