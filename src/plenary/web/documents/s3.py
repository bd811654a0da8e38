"""Documents in an S3-compatible object store: FILE_STORAGE_URL=s3://BUCKET[/prefix]?...
(plenary.web.env.s3_storage_settings). Imported only when so configured, so a site on a
folder never loads boto3."""

from __future__ import annotations

from typing import Any, NoReturn

from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    """django-storages' S3 backend with no URLs: no public and no presigned URL is ever made
    for a document; it is read back only through `document_response`, after the owning
    view's permission check, and streamed by the site."""

    def url(self, name: str | None, *args: Any, **kwargs: Any) -> NoReturn:
        raise NotImplementedError(
            "Documents have no public URL; serve them with document_response."
        )
