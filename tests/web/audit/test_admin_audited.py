"""Changes made through the site admin are audit entries too, and every admin that can write
is audited (so a model registered later cannot be forgotten)."""

from __future__ import annotations

import pytest
from django.contrib import admin as django_admin
from django.test import RequestFactory
from django.urls import reverse

from plenary.web.audit.admin import AuditedAdmin
from plenary.web.audit.log import audit_verify
from plenary.web.audit.models import AuditEntry
from plenary.web.organisation.models import AffiliateType, FeeRule

pytestmark = pytest.mark.django_db


def test_every_admin_that_can_write_is_audited(admin):
    request = RequestFactory().get("/admin/")
    request.user = admin
    unaudited = [
        model._meta.label
        for model, model_admin in django_admin.site._registry.items()
        if not isinstance(model_admin, AuditedAdmin)
        and (
            model_admin.has_add_permission(request)
            or model_admin.has_change_permission(request)
            or model_admin.has_delete_permission(request)
        )
    ]
    assert unaudited == []


def _entries() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action__startswith="admin.").order_by("sequence"))


def test_adding_changing_and_deleting_in_the_admin_is_logged_by_the_admin(client, admin):
    client.force_login(admin)
    data = {"affiliate_type": AffiliateType.LOCAL_GROUP, "min_members": "500", "annual_fee": "10"}
    added = client.post(reverse("admin:organisation_feerule_add"), data)
    assert added.status_code == 302
    rule = FeeRule.objects.get(affiliate_type=AffiliateType.LOCAL_GROUP, min_members=500)
    change_url = reverse("admin:organisation_feerule_change", args=[rule.pk])
    assert client.post(change_url, {**data, "annual_fee": "12"}).status_code == 302
    delete_url = reverse("admin:organisation_feerule_delete", args=[rule.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 302

    add, change, delete = _entries()
    assert [e.action for e in (add, change, delete)] == [
        "admin.add",
        "admin.change",
        "admin.delete",
    ]
    assert {e.target for e in (add, change, delete)} == {f"feerule:{rule.pk}"}
    assert all(e.actor == admin and e.actor_account == admin.pk for e in (add, change, delete))
    assert change.details["model"] == "organisation.feerule"
    assert change.details["changes"] == [{"changed": {"fields": ["Annual fee"]}}]
    assert "12" not in str(change.details)  # which fields, never their values
    assert audit_verify().ok


def test_a_bulk_delete_in_the_admin_is_one_entry_per_object(client, admin):
    rules = [
        FeeRule.objects.create(
            affiliate_type=AffiliateType.LOCAL_GROUP, min_members=n, annual_fee=1
        )
        for n in (700, 800)
    ]
    client.force_login(admin)
    response = client.post(
        reverse("admin:organisation_feerule_changelist"),
        {"action": "delete_selected", "_selected_action": [r.pk for r in rules], "post": "yes"},
    )
    assert response.status_code == 302
    assert sorted(e.target for e in _entries()) == sorted(f"feerule:{r.pk}" for r in rules)
    assert {e.action for e in _entries()} == {"admin.delete"}


def test_marking_an_email_address_verified_in_the_admin_is_logged(client, admin, bob):
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.create(user=bob, email="bob2@example.org", verified=False)
    client.force_login(admin)
    response = client.post(
        reverse("admin:account_emailaddress_changelist"),
        {"action": "make_verified", "_selected_action": [address.pk]},
    )
    assert response.status_code == 302
    [entry] = _entries()
    assert (entry.action, entry.target) == ("admin.change", f"emailaddress:{address.pk}")
    assert entry.details["changes"] == [{"changed": {"fields": ["verified"]}}]
