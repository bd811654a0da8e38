"""Serving: a download with nosniff and an RFC 6266 name; inline only when asked, under a
sandboxing CSP; every view of a confidential document in its access log."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory

from plenary.web.audit.models import AuditEntry
from plenary.web.documents.content import STANDARD_KINDS
from plenary.web.documents.models import DocumentAccess, Kind
from plenary.web.documents.selectors import document_accesses
from plenary.web.documents.services import document_store
from plenary.web.documents.serving import SANDBOX_CSP, document_response
from tests.web.documents import files, urls

pytestmark = pytest.mark.django_db


def store(data: bytes, name: str, *, confidential: bool = False, kinds=STANDARD_KINDS):
    return document_store(
        SimpleUploadedFile(name, data),
        kinds=kinds,
        max_bytes=1024 * 1024,
        uploaded_by=None,
        confidential=confidential,
        owner="tests.papers",
    )


def get(user=None):
    request = RequestFactory().get("/somewhere/")
    request.user = user or AnonymousUser()
    return request


def served(request, document, **options):
    """The response, its content read into `.body` and its file closed."""
    response = document_response(request, document, **options)
    response.body = b"".join(response.streaming_content)
    response.file_to_stream.close()  # not response.close(): that ends the "request"
    return response


def test_a_document_is_a_download_with_nosniff_and_its_name():
    document = store(files.PDF, "Motion – Zoë.pdf")
    response = served(get(), document)
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Motion%20%E2%80%93%20Zo%C3%AB.pdf"
    )
    assert "Content-Security-Policy" not in response
    assert response["Cache-Control"] == "private"
    assert response.body == files.PDF


def test_an_ascii_name_is_sent_plainly():
    response = served(get(), store(files.PDF, "minutes.pdf"))
    assert response["Content-Disposition"] == 'attachment; filename="minutes.pdf"'


@pytest.mark.parametrize("data, kind", [(files.PDF, "pdf"), (files.image("PNG"), "png")])
def test_a_pdf_or_image_is_shown_inline_only_when_asked_and_then_sandboxed(data, kind):
    document = store(data, f"file.{kind}")
    inline = served(get(), document, inline_ok=True)
    assert inline["Content-Disposition"].startswith("inline;")
    assert inline["Content-Security-Policy"] == SANDBOX_CSP == "sandbox; default-src 'none'"
    assert inline["X-Content-Type-Options"] == "nosniff"
    assert served(get(), document)["Content-Disposition"].startswith("attachment;")


def test_other_kinds_are_always_downloads():
    for document in [
        store(files.docx(), "motion.docx"),
        store(b"a,b\n<script>x</script>\n", "list.csv", kinds={Kind.CSV}),
    ]:
        response = served(get(), document, inline_ok=True)
        assert response["Content-Disposition"].startswith("attachment;")
        assert "Content-Security-Policy" not in response
    assert response["Content-Type"] == "text/csv"


def test_every_view_of_a_confidential_document_is_logged_outside_the_audit_chain(alice, bob):
    document = store(files.PDF, "evidence.pdf", confidential=True)
    audit_entries = AuditEntry.objects.count()
    response = served(get(alice), document)
    assert response["Cache-Control"] == "private, no-store"
    served(get(bob), document, inline_ok=True)
    served(get(alice), document)
    log = list(document_accesses(document))
    assert [(a.user, a.inline) for a in log] == [(alice, False), (bob, True), (alice, False)]
    assert log[0].user_label == alice.get_username()
    assert log[0].document_name == "evidence.pdf"
    assert AuditEntry.objects.count() == audit_entries
    # The log outlives the document.
    document_id = document.id
    document.delete()
    assert DocumentAccess.objects.filter(document_id=document_id).count() == 3


def test_a_document_that_is_not_confidential_leaves_no_log(alice):
    document = store(files.PDF, "agenda.pdf")
    served(get(alice), document)
    assert not DocumentAccess.objects.exists()


def test_a_document_whose_file_has_gone_is_not_found(documents_folder):
    document = store(files.PDF, "gone.pdf", confidential=True)
    (documents_folder / document.stored_name).unlink()
    with pytest.raises(Http404):
        document_response(get(), document)
    assert not DocumentAccess.objects.exists()


@pytest.mark.urls("tests.web.documents.urls")
def test_through_the_whole_stack_a_view_serves_only_after_its_check(client, bob, dave, monkeypatch):
    monkeypatch.setattr(urls, "ALLOWED", {bob.pk})
    document = store(files.PDF, "evidence.pdf", confidential=True)
    url = f"/papers/{document.id}/"
    assert client.get(url).status_code == 302  # to log in
    client.force_login(dave)
    assert client.get(url).status_code == 403
    assert not DocumentAccess.objects.exists()
    client.force_login(bob)
    response = client.get(url + "?view")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == files.PDF
    assert response["Content-Security-Policy"] == SANDBOX_CSP
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'inline; filename="evidence.pdf"'
    assert [access.user for access in DocumentAccess.objects.all()] == [bob]
