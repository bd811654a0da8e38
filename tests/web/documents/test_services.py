"""Storing an upload: the checks, the row, the file under a random name; deleting; expiry."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from plenary.web.documents.content import STANDARD_KINDS
from plenary.web.documents.models import Document
from plenary.web.documents.selectors import document_content, document_of
from plenary.web.documents.services import (
    document_delete,
    document_store,
    documents_delete_expired,
)
from tests.web.documents import files

pytestmark = pytest.mark.django_db


def store(data: bytes, name: str = "paper.pdf", **options):
    arguments = {
        "kinds": STANDARD_KINDS,
        "max_bytes": 1024 * 1024,
        "uploaded_by": None,
        "confidential": False,
        "owner": "tests.papers",
        **options,
    }
    return document_store(SimpleUploadedFile(name, data), **arguments)


def test_a_pdf_is_kept_under_a_random_name_with_what_its_content_says(alice, documents_folder):
    document = store(files.PDF, name="../Motion 4 (final).pdf", uploaded_by=alice)
    assert document.name == "Motion 4 (final).pdf"
    assert (document.kind, document.content_type) == ("pdf", "application/pdf")
    assert document.size == len(files.PDF)
    assert document.sha256 == hashlib.sha256(files.PDF).hexdigest()
    assert document.uploaded_by == alice and document.owner == "tests.papers"
    assert len(document.stored_name) == 32 and "Motion" not in document.stored_name
    path = documents_folder / document.stored_name
    assert path.read_bytes() == files.PDF and path.stat().st_mode & 0o777 == 0o600
    assert document_content(document) == files.PDF


def test_a_pdf_called_png_is_kept_as_a_pdf():
    document = store(files.PDF, name="photo.png")
    assert (document.kind, document.name) == ("pdf", "photo.pdf")


def test_an_image_is_kept_without_its_metadata(documents_folder):
    document = store(files.image("JPEG", exif=True), name="IMG_0001.jpeg")
    kept = (documents_folder / document.stored_name).read_bytes()
    assert b"PhoneMaker" not in kept and document.name == "IMG_0001.jpg"
    assert document.sha256 == hashlib.sha256(kept).hexdigest() and document.size == len(kept)
    with Image.open(io.BytesIO(kept)) as image:
        assert dict(image.getexif()) == {}


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"MZ" + b"\x00" * 60, "setup.exe", "This type of file is not accepted here."),
        (files.zip_of([("a.pdf", files.PDF)]), "papers.zip", "Archives"),
        (files.docx(("word/vbaProject.bin", b"x")), "motion.docm", "macros"),
        (files.odt(("Basic/Standard/Module1.xml", "x")), "motion.odt", "macros"),
        (files.PDF + b"x" * 2000, "big.pdf", "The file is larger than 1 KB."),
    ],
)
def test_a_refused_file_is_a_validation_error_on_the_field_and_nothing_is_kept(
    data, name, message, documents_folder
):
    with pytest.raises(ValidationError) as error:
        store(data, name=name, max_bytes=1024, field="paper")
    assert list(error.value.error_dict) == ["paper"]
    assert message in error.value.messages[0]
    assert not Document.objects.exists()
    assert not documents_folder.exists() or list(documents_folder.iterdir()) == []


def test_a_file_whose_size_is_unknown_is_still_held_to_the_limit():
    upload = ContentFile(files.PDF + b"x" * 2000, name="big.pdf")
    upload.size = None  # type: ignore[misc]  # as a stream of unknown length would be
    with pytest.raises(ValidationError, match="larger than"):
        document_store(
            upload,
            kinds=STANDARD_KINDS,
            max_bytes=1024,
            uploaded_by=None,
            confidential=False,
            owner="tests.papers",
        )


def test_a_document_of_one_use_is_not_found_under_another(documents_folder):
    document = store(files.PDF)
    assert document_of(document.id, owner="tests.papers") == document
    assert document_of(str(document.id), owner="tests.other") is None
    assert document_of("not-an-id", owner="tests.papers") is None
    document_delete(document)
    assert not Document.objects.exists() and list(documents_folder.iterdir()) == []


def test_expired_documents_are_not_read_and_are_deleted(documents_folder):
    now = timezone.now()
    old = store(files.PDF, expires_at=now - timedelta(minutes=1))
    other_use = store(files.PDF, expires_at=now - timedelta(minutes=1), owner="tests.other")
    fresh = store(files.PDF, expires_at=now + timedelta(hours=1))
    kept = store(files.PDF)
    assert document_of(old.id, owner="tests.papers") is None
    assert documents_delete_expired(owner="tests.papers") == 1
    assert set(Document.objects.all()) == {other_use, fresh, kept}
    assert documents_delete_expired() == 1
    assert sorted(p.name for p in documents_folder.iterdir()) == sorted(
        [fresh.stored_name, kept.stored_name]
    )
