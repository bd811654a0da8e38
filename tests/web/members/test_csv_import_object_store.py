"""The roll import's upload kept in an S3-compatible object store (FILE_STORAGE_URL=s3://...,
the local server of tests/conftest.py s3_service): upload, columns, preview, the roll
keeper's download and the import, end to end. The file goes to the bucket and back through
the site only: no response sends the browser to the store."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plenary.web.documents.models import Document, DocumentAccess
from plenary.web.members.csv import decoding, storage
from plenary.web.members.models import Member
from tests.web.members.csv_helpers import HEADER
from tests.web.members.test_csv_import_views import choose_columns, upload

pytestmark = pytest.mark.django_db

GOOD = HEADER + "S1,Sam Store,sam@example.org,Northtown,active,2021-05-01,\n"


def never_to_the_store(response, bucket) -> None:
    """Neither a redirect to the store nor a link into it."""
    location = response.get("Location", "")
    assert bucket.endpoint not in location and bucket.name not in location
    if not response.streaming:
        page = response.content.decode()
        assert bucket.endpoint not in page and bucket.name not in page


def test_carol_imports_a_list_kept_in_the_object_store(client, carol, s3_documents):
    client.force_login(carol)
    responses = [upload(client, GOOD.encode())]
    assert responses[0].url == reverse("members:import_columns")
    document = Document.objects.get()
    key = f"documents/{document.stored_name}"
    assert s3_documents.keys() == [key]
    assert s3_documents.get(key) == GOOD.encode()

    responses.append(client.get(reverse("members:import_columns")))
    responses.append(choose_columns(client))
    preview = client.get(reverse("members:import_preview"))
    responses.append(preview)
    assert "Sam Store" in preview.content.decode()

    # The roll keeper's download: streamed by the site after the permission check.
    download = client.get(reverse("members:import_file"))
    responses.append(download)
    assert download.status_code == 200 and download.streaming
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Cache-Control"] == "private, no-store"
    assert b"".join(download.streaming_content) == GOOD.encode()
    assert DocumentAccess.objects.get().user == carol

    done = client.post(reverse("members:import_preview"))
    responses.append(done)
    assert Member.objects.get(membership_number="S1").name == "Sam Store"
    assert s3_documents.keys() == [] and not Document.objects.exists()
    for response in responses:
        never_to_the_store(response, s3_documents)


def test_someone_else_cannot_fetch_the_upload_from_the_site_or_the_store(
    client, carol, bob, s3_documents
):
    client.force_login(carol)
    upload(client, GOOD.encode())
    client.force_login(bob)
    refused = client.get(reverse("members:import_file"))
    assert refused.status_code == 403
    never_to_the_store(refused, s3_documents)
    assert not DocumentAccess.objects.exists()


def test_an_expired_upload_is_swept_from_the_bucket(carol, s3_documents):
    store = storage.UploadStore.default()
    old = store.save(b"a,b\n", by=carol)
    Document.objects.filter(id=old).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(decoding.ImportFileError, match="no longer on the server"):
        store.load(old)
    new = store.save(b"c,d\n", by=carol)
    assert s3_documents.keys() == [f"documents/{Document.objects.get(id=new).stored_name}"]
    assert store.load(new) == b"c,d\n"


def test_an_upload_gone_from_the_bucket_starts_again_with_a_message(client, carol, s3_documents):
    client.force_login(carol)
    upload(client, GOOD.encode())
    for key in s3_documents.keys():
        s3_documents.client.delete_object(Bucket=s3_documents.name, Key=key)
    response = client.get(reverse("members:import_columns"), follow=True)
    assert storage.UPLOAD_EXPIRED in response.content.decode()
