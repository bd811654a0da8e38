"""Uploaded documents and the access log of the confidential ones.

A document's row is written only by `documents/services.py` (`document_store`), after its
content has been checked; its file lives in `storages["documents"]` under a random name.
The app that owns a document refers to it with a foreign key of its own and names its use
in `owner` ("members.import")."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class Kind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word document (DOCX)"
    ODT = "odt", "OpenDocument text (ODT)"
    PNG = "png", "PNG image"
    JPEG = "jpeg", "JPEG image"
    # Only where a use asks for them (the roll import's CSV).
    CSV = "csv", "CSV file"
    TEXT = "text", "Plain text"


class Document(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.CharField(
        max_length=100, db_index=True, help_text='The use that owns it, e.g. "members.import".'
    )
    name = models.CharField(max_length=255, help_text="The uploaded file's name, made safe.")
    stored_name = models.CharField(
        max_length=100, unique=True, help_text="Its random name in the storage."
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    content_type = models.CharField(max_length=100, help_text="Detected from the content.")
    size = models.PositiveBigIntegerField(help_text="Bytes, as stored.")
    sha256 = models.CharField(max_length=64, help_text="Of the content as stored.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    confidential = models.BooleanField(
        default=False, help_text="Every view of a confidential document is logged."
    )
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="When set, deleted after this time (and not read)."
    )

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()


class DocumentAccess(models.Model):
    """One view of a confidential document. Its own table, outside the audit chain: views
    are many and are not administrative acts. It keeps the document's id and name, not a
    foreign key, so the log outlives the document."""

    document_id = models.UUIDField(db_index=True)
    document_name = models.CharField(max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_label = models.CharField(max_length=254, help_text="Who viewed it, as at the time.")
    at = models.DateTimeField(default=timezone.now)
    inline = models.BooleanField(default=False, help_text="Shown in the browser, not downloaded.")

    class Meta:
        ordering = ["at", "id"]
        verbose_name_plural = "document accesses"

    def __str__(self) -> str:
        return f"{self.user_label} viewed {self.document_name} at {self.at:%Y-%m-%d %H:%M}"
