"""Sending a document to the browser, once the owning app's view has checked the permission."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest

from plenary.web.documents.content import INLINE_KINDS
from plenary.web.documents.models import Document, Kind
from plenary.web.documents.services import document_access_record
from plenary.web.documents.storage import document_storage

# For a document shown in the browser: no script, no plugin, no request it could make, and
# a unique origin, so a crafted PDF or image can reach neither the site nor its cookies.
SANDBOX_CSP = "sandbox; default-src 'none'"


def document_response(
    request: HttpRequest, document: Document, *, inline_ok: bool = False
) -> FileResponse:
    """The document as a download (or, if `inline_ok` and it is a PDF or an image, to be shown
    in the browser under a sandboxing Content-Security-Policy). The caller is the owning
    app's view and has already checked the permission (core/permissions.py). A view of a
    confidential document is written to its access log first."""
    inline = inline_ok and Kind(document.kind) in INLINE_KINDS
    try:
        file = document_storage().open(document.stored_name, "rb")
    except FileNotFoundError:
        raise Http404("The document's file is no longer on the server.") from None
    if document.confidential:
        document_access_record(document, request.user, inline=inline)
    response = FileResponse(
        file,
        as_attachment=not inline,
        filename=document.name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store" if document.confidential else "private"
    if inline:
        response["Content-Security-Policy"] = SANDBOX_CSP
    return response
