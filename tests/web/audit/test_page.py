"""The audit log page: returning officers and site admins only, paginated, filtered by target."""

from __future__ import annotations

from django.urls import reverse

from plenary.web.audit.log import audit_record
from plenary.web.audit.views import PAGE_SIZE
from tests.web.elections.voting_helpers import make_returning_officer


def test_an_ordinary_member_may_not_read_the_audit_log(client, bob):
    client.force_login(bob)
    assert client.get(reverse("audit:log")).status_code == 403


def test_a_visitor_is_sent_to_log_in(client, db):
    response = client.get(reverse("audit:log"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_returning_officer_reads_the_newest_entries_first(client, tree):
    officer = make_returning_officer(tree["national"])
    audit_record(actor=officer, action="election.create", target="election:exec-2026")
    audit_record(actor=officer, action="election.announce", target="election:exec-2026")
    client.force_login(officer)
    response = client.get(reverse("audit:log"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index("election.announce") < body.index("election.create")
    assert "2 entries" in body


def test_the_log_filters_by_target_and_what_lies_under_it(client, admin):
    audit_record(actor=admin, action="election.create", target="election:exec-2026")
    audit_record(actor=admin, action="section.add", target="election:exec-2026/section:1")
    audit_record(actor=admin, action="election.create", target="election:other")
    audit_record(actor=admin, action="election.create", target="election:exec-2026-bis")
    client.force_login(admin)
    response = client.get(reverse("audit:log"), {"target": "election:exec-2026"})
    page = response.context["page"]
    targets = [entry.target for entry in page]
    assert targets == ["election:exec-2026/section:1", "election:exec-2026"]


def test_the_log_is_paginated(client, admin):
    for number in range(PAGE_SIZE + 3):
        audit_record(actor=admin, action="test", target=f"thing:{number}")
    client.force_login(admin)
    first = client.get(reverse("audit:log"))
    assert len(first.context["page"]) == PAGE_SIZE
    second = client.get(reverse("audit:log"), {"page": 2})
    assert [entry.target for entry in second.context["page"]] == ["thing:2", "thing:1", "thing:0"]


def test_the_admin_shows_entries_but_cannot_add_change_or_delete_them(client, admin):
    entry = audit_record(actor=admin, action="election.create", target="election:exec-2026")
    client.force_login(admin)
    assert client.get("/admin/audit/auditentry/").status_code == 200
    assert client.get(f"/admin/audit/auditentry/{entry.pk}/change/").status_code == 200
    assert client.get("/admin/audit/auditentry/add/").status_code == 403
    deleted = client.post(f"/admin/audit/auditentry/{entry.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 403
    changed = client.post(f"/admin/audit/auditentry/{entry.pk}/change/", {"target": "x"})
    assert changed.status_code == 403
    entry.refresh_from_db()
    assert entry.target == "election:exec-2026"


def test_who_reads_an_entry_is_a_rule_of_its_target(client, tree, admin):
    """An app with confidential records says which of their entries a reader may see."""
    from django.db.models import Q

    from plenary.web.audit import selectors

    officer = make_returning_officer(tree["national"])
    audit_record(actor=officer, action="election.create", target="election:exec-2026")
    audit_record(actor=admin, action="casefile.open", target="casefile:7")
    audit_record(actor=admin, action="casefile.open", target="casefile:8")
    selectors.register_target_rule(
        "casefile", lambda user: Q(target="casefile:7") if user == admin else Q(pk__in=[])
    )
    try:
        client.force_login(officer)
        body = client.get(reverse("audit:log")).content.decode()
        assert "election:exec-2026" in body and "casefile:" not in body
        client.force_login(admin)
        body = client.get(reverse("audit:log")).content.decode()
        assert "casefile:7" in body and "casefile:8" not in body
    finally:
        selectors._target_rules.pop("casefile", None)


def test_a_very_long_target_filter_is_a_filter_not_a_server_error(client, tree):
    officer = make_returning_officer(tree["national"])
    client.force_login(officer)
    assert client.get(reverse("audit:log"), {"target": "x" * 100_000}).status_code == 200
