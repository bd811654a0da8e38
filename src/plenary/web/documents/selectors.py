"""Reads: a document of a given use, its content, its access log."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from plenary.web.documents.models import Document, DocumentAccess
from plenary.web.documents.storage import document_storage


def document_of(document_id: str | uuid.UUID, *, owner: str) -> Document | None:
    """The document of `owner` with this id, if it exists and has not expired. An id that
    names another use's document (or is no id at all) finds nothing."""
    try:
        key = document_id if isinstance(document_id, uuid.UUID) else uuid.UUID(str(document_id))
    except ValueError:
        return None
    document = Document.objects.filter(id=key, owner=owner).first()
    if document is None or document.expired:
        return None
    return document


def document_content(document: Document) -> bytes:
    """The stored bytes, for the server's own use (reading an uploaded list). Showing them to
    a person goes through serving.document_response, which logs confidential views.
    FileNotFoundError when the file has gone from the storage."""
    with document_storage().open(document.stored_name, "rb") as file:
        data: bytes = file.read()
    return data


def document_accesses(document: Document) -> QuerySet[DocumentAccess]:
    """Who viewed a confidential document and when, oldest first; for its owning app's page
    (behind that app's own permission check)."""
    return DocumentAccess.objects.filter(document_id=document.id).select_related("user")
