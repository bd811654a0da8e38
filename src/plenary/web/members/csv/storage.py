"""Keeping an upload on the server between the steps of the web import: a confidential
Document of the use "members.import" (plenary.web.documents), checked as CSV, deleted once
imported and expiring after a day."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.utils import timezone

from plenary.web.documents.models import Document, Kind
from plenary.web.documents.selectors import document_content, document_of
from plenary.web.documents.services import document_delete, document_store, documents_delete_expired
from plenary.web.members.csv.decoding import MAX_FILE_BYTES, ImportFileError

UPLOAD_EXPIRED = "The uploaded file is no longer on the server; upload it again."
OWNER = "members.import"


class UploadStore:
    """Uploaded files wait on the server between the upload, column and preview steps, as
    documents under a random id; the browser only ever holds the session cookie, and the
    session only the id. Uploads older than a day are not read, and are swept away whenever a
    new one is saved."""

    MAX_AGE = timedelta(days=1)

    @classmethod
    def default(cls) -> UploadStore:
        return cls()

    def save(
        self, data: bytes, *, name: str = "upload.csv", by: AbstractBaseUser | AnonymousUser | None
    ) -> str:
        """The new upload's token (its document's id). ValidationError on the field "file"
        if the documents app refuses it (not text, too big)."""
        documents_delete_expired(owner=OWNER)
        document = document_store(
            ContentFile(data, name=name),
            kinds={Kind.CSV},
            max_bytes=MAX_FILE_BYTES,
            uploaded_by=by,
            confidential=True,
            owner=OWNER,
            expires_at=timezone.now() + self.MAX_AGE,
        )
        return str(document.id)

    def document(self, token: str) -> Document | None:
        """The upload's document, to serve back to the roll keeper (documents.serving)."""
        return document_of(token, owner=OWNER)

    def load(self, token: str) -> bytes:
        document = document_of(token, owner=OWNER)
        if document is None:
            raise ImportFileError(UPLOAD_EXPIRED)
        try:
            return document_content(document)
        except FileNotFoundError:
            raise ImportFileError(UPLOAD_EXPIRED) from None

    def delete(self, token: str) -> None:
        if (document := document_of(token, owner=OWNER)) is not None:
            document_delete(document)
