"""The import pages: upload, columns, preview, import; who may use them; bad input."""

from __future__ import annotations

import codecs
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from plenary.web.documents.models import Document, Kind
from plenary.web.documents.services import document_store
from plenary.web.members.csv import decoding, storage
from plenary.web.members.models import Member
from tests.web.members.csv_helpers import HEADER

pytestmark = pytest.mark.django_db

GOOD = HEADER + "G1,Gina Good,gina@example.org,Northtown,active,2021-05-01,\n"


@pytest.fixture
def upload_folder(documents_folder):
    """Where the uploads wait between steps: the documents storage (tests/web/conftest.py)."""
    return documents_folder


def upload(client, content: bytes, name: str = "roll.csv"):
    return client.post(reverse("members:import"), {"file": SimpleUploadedFile(name, content)})


def choose_columns(client, **choices: str):
    """Accept the guessed columns (as the form shows them), changing only `choices`."""
    form = client.get(reverse("members:import_columns")).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(choices)
    return client.post(reverse("members:import_columns"), data)


@pytest.mark.parametrize("persona", ["bob", "dave", "alice"])
def test_only_national_roll_keepers_may_import(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    for name in ["import", "import_columns", "import_preview", "import_errors", "import_file"]:
        assert client.get(reverse(f"members:{name}")).status_code == 403
    assert upload(client, GOOD.encode()).status_code == 403
    assert not Member.objects.filter(membership_number="G1").exists()


def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in(client, tree):
    response = client.get(reverse("members:import"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_carol_uploads_checks_the_preview_and_imports(client, carol, bob, upload_folder):
    client.force_login(carol)
    number = bob.member.membership_number
    content = (
        codecs.BOM_UTF8
        + (
            "Member No;Full name;E-mail;Branch;Status\n"
            f"{number};Robert Baker;;northtown;lapsed\n"
            "N1;Nia New;nia@example.org;Southtown;\n"
        ).encode()
    )
    assert upload(client, content).url == reverse("members:import_columns")
    assert len(list(upload_folder.iterdir())) == 1
    document = Document.objects.get()
    assert (document.owner, document.kind, document.confidential) == ("members.import", "csv", True)
    assert document.uploaded_by == carol and document.name == "roll.csv"

    columns = client.get(reverse("members:import_columns"))
    assert columns.context["form"]["membership_number"].value() == "0"
    assert columns.context["form"]["email"].value() == "2"
    assert choose_columns(client).url == reverse("members:import_preview")

    preview = client.get(reverse("members:import_preview"))
    assert preview.context["counts"] == {"new": 1, "update": 1, "unchanged": 0}
    page = preview.content.decode()
    assert "Robert Baker" in page and "Nia New" in page and "Import 2 members" in page
    assert not Member.objects.filter(membership_number="N1").exists()

    done = client.post(reverse("members:import_preview"), follow=True)
    assert "1 new, 1 updated, 0 unchanged" in done.content.decode()
    bob.member.refresh_from_db()
    assert (bob.member.name, bob.member.status) == ("Robert Baker", "lapsed")
    assert Member.objects.get(membership_number="N1").branch.slug == "southtown"
    # The file is gone from the server once imported.
    assert list(upload_folder.iterdir()) == []
    assert not Document.objects.exists()


def test_bad_rows_are_listed_with_lines_and_reasons_and_nothing_is_imported(client, carol):
    client.force_login(carol)
    content = GOOD + "B1,Bad Branch,,Nowhere,,,\nG1,Gina Twice,,Northtown,,,\n"
    upload(client, content.encode())
    choose_columns(client)
    preview = client.get(reverse("members:import_preview"))
    page = preview.content.decode()
    assert "Nothing has been imported" in page
    assert [(e.line, e.reason) for e in preview.context["errors"]] == [
        (3, "unknown branch 'Nowhere'"),
        (4, "duplicate membership number 'G1' (first on line 2)"),
    ]
    # Posting the import anyway changes nothing either.
    client.post(reverse("members:import_preview"))
    assert not Member.objects.filter(membership_number__in=["G1", "B1"]).exists()
    errors = client.get(reverse("members:import_errors"))
    body = b"".join(errors.streaming_content).decode()
    assert body.splitlines() == [
        "Line,Problem",
        "3,unknown branch 'Nowhere'",
        "4,duplicate membership number 'G1' (first on line 2)",
    ]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "The submitted file is empty."),
        (b"\x00\x01\x02\xff" * 100, decoding.NOT_TEXT),
        (b"\n\n  \n", decoding.EMPTY_FILE),
        (HEADER.encode(), decoding.NO_ROWS),
    ],
)
def test_unreadable_files_are_refused_beside_the_field(client, carol, content, message):
    client.force_login(carol)
    response = upload(client, content)
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [message]
    assert 'class="field field-error"' in response.content.decode()


def test_a_file_over_the_size_limit_is_refused(client, carol, monkeypatch):
    monkeypatch.setattr(decoding, "MAX_FILE_BYTES", 10)
    monkeypatch.setattr("plenary.web.members.csv.forms.MAX_FILE_BYTES", 10)
    client.force_login(carol)
    response = upload(client, GOOD.encode())
    assert response.context["form"].errors["file"] == [decoding.TOO_BIG]


def test_wrong_columns_are_explained_beside_each_choice(client, carol):
    client.force_login(carol)
    upload(client, b"Colour,Size\nred,large\n")
    response = choose_columns(client, email="0", status="0")
    form = response.context["form"]
    assert form.errors["membership_number"] == [
        "Choose the column that holds the membership number."
    ]
    assert form.errors["branch"] == ["Choose the column that holds the branch."]
    assert form.errors["status"] == ["That column is already chosen for Email."]
    # The preview is not reachable until the columns are right.
    assert client.get(reverse("members:import_preview")).url == reverse("members:import_columns")


def test_a_tampered_column_choice_is_an_error_not_a_crash(client, carol):
    client.force_login(carol)
    upload(client, GOOD.encode())
    response = choose_columns(client, email="99")
    assert "Select a valid choice" in response.context["form"].errors["email"][0]


def test_steps_without_an_upload_go_back_to_the_upload(client, carol):
    client.force_login(carol)
    assert client.get(reverse("members:import_preview")).url == reverse("members:import")
    assert client.get(reverse("members:import_columns")).url == reverse("members:import")


def test_an_upload_whose_file_has_gone_starts_again_with_a_message(client, carol, upload_folder):
    client.force_login(carol)
    upload(client, GOOD.encode())
    for path in upload_folder.iterdir():
        path.unlink()
    response = client.get(reverse("members:import_columns"), follow=True)
    assert storage.UPLOAD_EXPIRED in response.content.decode()


def test_a_token_in_the_session_cannot_name_another_file(carol, upload_folder):
    store = storage.UploadStore.default()
    other = document_store(
        ContentFile(b"not yours\n", name="notes.txt"),
        kinds={Kind.TEXT},
        max_bytes=100,
        uploaded_by=None,
        confidential=True,
        owner="casework.evidence",
    )
    for token in ["../secret.txt", str(other.id), other.stored_name, ""]:
        with pytest.raises(decoding.ImportFileError, match="no longer on the server"):
            store.load(token)
    token = store.save(b"a,b\n", name="list.csv", by=carol)
    assert store.load(token) == b"a,b\n"
    stored = upload_folder / Document.objects.get(id=token).stored_name
    assert stored.stat().st_mode & 0o777 == 0o600


def test_an_upload_older_than_a_day_is_not_read_and_is_swept_by_the_next(carol, upload_folder):
    store = storage.UploadStore.default()
    old = store.save(b"a,b\n", by=carol)
    expires_at = Document.objects.get(id=old).expires_at
    assert timedelta(hours=23) < expires_at - timezone.now() <= timedelta(days=1)
    Document.objects.filter(id=old).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(decoding.ImportFileError, match="no longer on the server"):
        store.load(old)
    store.save(b"c,d\n", by=carol)
    assert not Document.objects.filter(id=old).exists()
    assert len(list(upload_folder.iterdir())) == 1


def test_a_file_the_documents_app_refuses_is_explained_beside_the_field(client, carol, monkeypatch):
    monkeypatch.setattr(storage, "MAX_FILE_BYTES", 10)
    client.force_login(carol)
    response = upload(client, GOOD.encode())
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["The file is larger than 10 bytes."]
    assert not Document.objects.exists()


def test_the_roll_keeper_downloads_the_file_waiting_and_each_download_is_logged(
    client, carol, upload_folder
):
    """The documents app's serving: after the permission check, as an attachment with
    nosniff, and written to the confidential document's access log."""
    from plenary.web.documents.models import DocumentAccess

    client.force_login(carol)
    upload(client, GOOD.encode())
    choose_columns(client)
    preview = client.get(reverse("members:import_preview")).content.decode()
    assert reverse("members:import_file") in preview
    response = client.get(reverse("members:import_file"))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == GOOD.encode()
    access = DocumentAccess.objects.get()
    assert access.user == carol
