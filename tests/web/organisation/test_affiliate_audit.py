"""Creating and changing an affiliate is written to the audit log, by the officer who did it;
the contact's personal details are logged only as having changed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plenary.web.audit.log import audit_verify
from plenary.web.audit.models import AuditEntry
from plenary.web.organisation.models import Affiliate, AffiliateType

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Climate Action Group",
    "affiliate_type": AffiliateType.LOCAL_GROUP,
    "declared_members": "25",
    "affiliated_on": "2026-03-01",
    "paid_until": "2027-02-28",
    "contact_name": "Casey Contact",
    "contact_email": "casey@example.org",
}


def _last() -> AuditEntry:
    return AuditEntry.objects.order_by("sequence").last()


def test_creating_an_affiliate_is_logged_with_its_fields_but_not_its_contact(client, carol):
    client.force_login(carol)
    assert client.post(reverse("organisation:affiliate_new"), FORM).status_code == 302
    affiliate = Affiliate.objects.get(name="Climate Action Group")
    entry = _last()
    assert (entry.action, entry.target) == ("affiliate.create", f"affiliate:{affiliate.pk}")
    assert entry.actor == carol and entry.actor_account == carol.pk
    assert entry.details["name"] == "Climate Action Group"
    assert entry.details["declared_members"] == 25
    assert entry.details["paid_until"] == "2027-02-28"
    assert entry.details["contact_changed"] == ["contact_name", "contact_email"]
    assert "casey" not in str(entry.details).lower()
    assert audit_verify().ok


def test_changing_an_affiliate_logs_only_what_changed(client, carol):
    client.force_login(carol)
    client.post(reverse("organisation:affiliate_new"), FORM)
    affiliate = Affiliate.objects.get(name="Climate Action Group")
    changed = {**FORM, "declared_members": "40", "contact_email": "new@example.org"}
    response = client.post(reverse("organisation:affiliate_edit", args=[affiliate.pk]), changed)
    assert response.status_code == 302
    entry = _last()
    assert (entry.action, entry.target) == ("affiliate.update", f"affiliate:{affiliate.pk}")
    assert entry.details == {"declared_members": 40, "contact_changed": ["contact_email"]}
    assert entry.actor == carol


def test_a_refused_affiliate_writes_no_entry(client, carol):
    client.force_login(carol)
    before = AuditEntry.objects.count()
    client.post(reverse("organisation:affiliate_new"), {**FORM, "declared_members": "4"})
    assert AuditEntry.objects.count() == before
