"""Writes: storing a checked upload, recording a view, deleting."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Collection
from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from plenary.web.documents.content import EXTENSIONS, ContentRefused, content_check
from plenary.web.documents.models import Document, DocumentAccess, Kind
from plenary.web.documents.names import safe_name
from plenary.web.documents.storage import document_storage

TOO_BIG = "The file is larger than {limit}."


def size_label(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    if size >= 1024:
        return f"{size / 1024:g} KB"
    return f"{size} bytes"


def document_store(
    file: File,
    *,
    kinds: Collection[Kind],
    max_bytes: int,
    uploaded_by: AbstractBaseUser | AnonymousUser | None,
    confidential: bool,
    owner: str,
    expires_at: datetime | None = None,
    field: str = "file",
) -> Document:
    """Keep an uploaded file as a Document of `owner` ("members.import"), if its content is one
    of `kinds` and it is at most `max_bytes`; else ValidationError naming `field`. Images are
    kept without their metadata. The file is stored under a random name; its own name is
    kept (made safe, with the extension of its real kind) only to be shown."""
    if file.size is not None and file.size > max_bytes:
        raise ValidationError({field: TOO_BIG.format(limit=size_label(max_bytes))}, code="too_big")
    file.seek(0)
    data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError({field: TOO_BIG.format(limit=size_label(max_bytes))}, code="too_big")
    try:
        checked = content_check(data, kinds)
    except ContentRefused as refusal:
        raise ValidationError({field: str(refusal)}, code="refused") from None
    storage = document_storage()
    stored_name = storage.save(secrets.token_hex(16), ContentFile(checked.data))
    try:
        return Document.objects.create(
            owner=owner,
            name=safe_name(file.name, EXTENSIONS[checked.kind]),
            stored_name=stored_name,
            kind=checked.kind,
            content_type=checked.content_type,
            size=len(checked.data),
            sha256=hashlib.sha256(checked.data).hexdigest(),
            # The user model, known only as settings.AUTH_USER_MODEL below accounts.
            uploaded_by=uploaded_by if isinstance(uploaded_by, AbstractBaseUser) else None,  # type: ignore[misc]
            confidential=confidential,
            expires_at=expires_at,
        )
    except BaseException:
        storage.delete(stored_name)
        raise


def document_delete(document: Document) -> None:
    """The document's file, then its row (its access log stays)."""
    document_storage().delete(document.stored_name)
    document.delete()


def documents_delete_expired(*, owner: str | None = None) -> int:
    """Delete every document past its expiry (of `owner` only, when given); how many."""
    expired = Document.objects.filter(expires_at__lte=timezone.now())
    if owner is not None:
        expired = expired.filter(owner=owner)
    count = 0
    for document in expired:
        with transaction.atomic():
            document_delete(document)
        count += 1
    return count


def document_access_record(
    document: Document, user: AbstractBaseUser | AnonymousUser, *, inline: bool
) -> DocumentAccess:
    """One view of a confidential document, in its access log (not the audit chain)."""
    known = user if isinstance(user, AbstractBaseUser) else None
    return DocumentAccess.objects.create(
        document_id=document.id,
        document_name=document.name,
        user=known,  # type: ignore[misc]  # the user model, as above
        user_label=known.get_username() if known is not None else "(not logged in)",
        inline=inline,
    )
