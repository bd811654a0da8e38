"""Sections: their own rules, the pages, and the lock once nominations open."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenary.web.audit.models import AuditEntry
from plenary.web.elections.models import Section
from plenary.web.elections.setup import services as setup
from tests.web.elections.fixtures_setup import SECTION_DEFAULTS, build_election

pytestmark = pytest.mark.django_db


def _post(**overrides):  # type: ignore[no-untyped-def]
    data = {**SECTION_DEFAULTS, **overrides}
    return {k: v for k, v in data.items() if v is not False}


@pytest.fixture
def draft(tree, ro):  # type: ignore[no-untyped-def]
    election, _ = build_election(tree, ro, announce=False)
    return election


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"method": "referendum", "seats": 1}, "question", "needs the question"),
        ({"method": "referendum", "seats": 2, "question": "Adopt?"}, "seats", "set seats to 1"),
        ({"method": "irv", "seats": 2}, "seats", "fills one seat"),
        ({"reserved_seats": 4, "reserved_category": "bame"}, "reserved_seats", "more seats than"),
        ({"reserved_seats": 1}, "reserved_category", "which category"),
        ({"reserved_category": "bame"}, "reserved_seats", "how many seats"),
        ({"minimum_women": 4}, "minimum_women", "more women than"),
        ({"nominating_kinds": []}, "nominating_kinds", "at least one kind"),
        ({"threshold": 0}, "threshold", "at least one nominating body"),
        ({"method": "meek", "minimum_women": 1}, "method", "cannot apply reserved seats"),
        (
            {"method": "block", "reserved_seats": 1, "reserved_category": "bame"},
            "method",
            "cannot apply reserved seats",
        ),
    ],
)
def test_each_section_rule_is_refused_beside_its_field(client, ro, draft, overrides, field, words):
    client.force_login(ro)
    response = client.post(
        reverse("elections:section_create", args=[draft.slug]), _post(**overrides)
    )
    assert response.status_code == 200
    assert words in " ".join(response.context["form"].errors[field])
    assert draft.sections.count() == 1  # only the one build_election made


def test_a_returning_officer_adds_a_gender_balanced_multi_seat_section(client, ro, draft):
    client.force_login(ro)
    response = client.post(
        reverse("elections:section_create", args=[draft.slug]),
        _post(
            name="Officers",
            seats=2,
            nominating_kinds=["branch", "equality_group"],
            gender_balanced_nominations="on",
            minimum_women=1,
            threshold=5,
            position=2,
        ),
    )
    assert response.status_code == 302
    section = draft.sections.get(name="Officers")
    assert section.nominating_kinds == ["branch", "equality_group"]
    assert (
        section.gender_balanced_nominations
        and section.minimum_women == 1
        and section.threshold == 5
    )
    entry = AuditEntry.objects.filter(action="section.create").last()
    assert entry.details["name"] == "Officers" and entry.details["section"] == section.pk


def test_a_yes_no_section_needs_no_nominating_bodies(ro, draft):
    section = setup.section_create(
        actor=ro,
        election=draft,
        **{
            **SECTION_DEFAULTS,
            "method": "referendum",
            "seats": 1,
            "question": "Adopt the new rules?",
            "nominating_kinds": [],
        },
    )
    assert section.is_referendum and section.question == "Adopt the new rules?"


def test_sections_can_be_edited_and_removed_before_nominations_open(client, ro, draft):
    section = draft.sections.get()
    client.force_login(ro)
    edit = reverse("elections:section_edit", args=[draft.slug, section.pk])
    assert client.post(edit, _post(name="Branch seats", seats=4)).status_code == 302
    section.refresh_from_db()
    assert section.name == "Branch seats" and section.seats == 4
    delete = reverse("elections:section_delete", args=[draft.slug, section.pk])
    assert client.post(delete).status_code == 302
    assert not Section.objects.exists()
    assert AuditEntry.objects.filter(action="section.delete", details__name="Branch seats").exists()


def test_sections_cannot_change_once_nominations_have_opened(ro, tree):
    election, section = build_election(tree, ro)  # nominations opened a day ago
    with pytest.raises(ValidationError, match="once nominations have opened"):
        setup.section_update(actor=ro, section=section, **{**SECTION_DEFAULTS, "seats": 5})
    with pytest.raises(ValidationError, match="once nominations have opened"):
        setup.section_delete(actor=ro, section=section)
    with pytest.raises(ValidationError, match="once nominations have opened"):
        setup.section_create(actor=ro, election=election, **SECTION_DEFAULTS)


def test_sections_can_still_change_after_announcement_until_nominations_open(ro, tree):
    election, section = build_election(tree, ro)
    before_opening = election.nominations_open_at - timedelta(minutes=1)
    setup.section_update(
        actor=ro, section=section, now=before_opening, **{**SECTION_DEFAULTS, "seats": 5}
    )
    section.refresh_from_db()
    assert section.seats == 5


def test_the_page_says_sections_are_locked_when_nominations_are_open(client, ro, tree):
    election, section = build_election(tree, ro)
    client.force_login(ro)
    response = client.post(
        reverse("elections:section_delete", args=[election.slug, section.pk]), follow=True
    )
    assert "Sections cannot be changed once nominations have opened." in response.content.decode()
    assert Section.objects.filter(pk=section.pk).exists()


def test_bob_cannot_add_sections(client, bob, ro, draft):
    """A draft does not exist for him (404, not 403, so its name does not leak either)."""
    client.force_login(bob)
    response = client.post(
        reverse("elections:section_create", args=[draft.slug]), _post(name="Mine")
    )
    assert response.status_code == 404
    assert not draft.sections.filter(name="Mine").exists()


def test_the_section_page_groups_its_checkboxes_in_a_fieldset(client, ro, draft):
    client.force_login(ro)
    page = client.get(reverse("elections:section_create", args=[draft.slug])).content.decode()
    assert "<legend>Who may nominate</legend>" in page
