"""The storage documents are kept in: `storages["documents"]`, configured by FILE_STORAGE_URL
(plenary.web.env.file_storage_settings)."""

from __future__ import annotations

from typing import NoReturn

from django.core.files.storage import FileSystemStorage, Storage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    """A folder on this machine that no URL points into: a document is read back only
    through `document_response`, after the owning view's permission check."""

    def url(self, name: str | None) -> NoReturn:
        raise NotImplementedError(
            "Documents have no public URL; serve them with document_response."
        )


def document_storage() -> Storage:
    return storages["documents"]
