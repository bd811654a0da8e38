"""Carol, the national membership secretary, imports a membership list from CSV."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from plenary.web.env import file_storage_settings
from plenary.web.members.models import Member
from tests.browser.conftest import log_in_as_officer

pytestmark = pytest.mark.django_db(transaction=True)

BAD_FILE = (
    "Member No;Full name;Email;Branch;Expiry date\n"
    "K1;Kim Keen;kim@example.org;Northtown;31/12/2025\n"
    "K2;Lee Late;lee@example;Northtown;31/12/2025\n"
    "K3;Max Moved;;Westtown;31/12/2025\n"
    "K1;Kim Again;;Northtown;2025-13-01\n"
).encode("utf-8-sig")


@pytest.fixture(autouse=True)
def documents_folder(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": file_storage_settings((tmp_path / "documents").as_uri(), public_roots=[]),
    }


def test_carol_sees_every_bad_row_with_its_line_and_nothing_is_imported(page, carol):
    log_in_as_officer(page, carol)
    page.goto("/members/import/")
    page.get_by_label("Membership list (CSV)").set_input_files(
        {"name": "roll.csv", "mimeType": "text/csv", "buffer": BAD_FILE}
    )
    page.get_by_role("button", name="Upload and choose columns").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Which column holds what?")
    expect(page.get_by_label("Paid until")).to_have_value("4")
    page.get_by_role("button", name="Check the rows").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Nothing has been imported")
    rows = page.locator("#row-errors tbody tr")
    expect(rows).to_have_text(
        [
            "3bad email 'lee@example'",
            "4unknown branch 'Westtown'",
            "5paid until: bad date '2025-13-01': no such day; accepted formats: YYYY-MM-DD, "
            "DD/MM/YYYY (also with - or .), or 31 Dec 2024",
            "5duplicate membership number 'K1' (first on line 2)",
        ]
    )
    page.screenshot(path=str(_screenshot_path()), full_page=True)
    assert not Member.objects.filter(membership_number__startswith="K").exists()


def test_carol_imports_a_good_file_after_checking_the_preview(page, carol):
    log_in_as_officer(page, carol)
    page.goto("/members/import/")
    good = b"Membership number,Name,Branch\nK9,Kit Kind,northtown\n"
    page.get_by_label("Membership list (CSV)").set_input_files(
        {"name": "good.csv", "mimeType": "text/csv", "buffer": good}
    )
    page.get_by_role("button", name="Upload and choose columns").click()
    page.get_by_role("button", name="Check the rows").click()
    expect(page.locator("#import-counts")).to_contain_text("New members1")
    page.get_by_role("button", name="Import 1 member").click()
    expect(page.get_by_role("status")).to_contain_text("1 new, 0 updated, 0 unchanged")
    assert Member.objects.get(membership_number="K9").name == "Kit Kind"


def _screenshot_path():  # type: ignore[no-untyped-def]
    from pathlib import Path

    folder = Path("/tmp/plenary-screens")
    folder.mkdir(exist_ok=True)
    return folder / "member-import-errors.png"
