"""FILE_STORAGE_URL: a private folder, never one the site serves (s3://: test_s3.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from plenary.web.documents.storage import document_storage
from plenary.web.env import PRIVATE_FILE_STORAGE, file_storage_settings


def test_a_file_url_names_a_private_folder_with_owner_only_permissions(tmp_path):
    config = file_storage_settings((tmp_path / "docs").as_uri(), public_roots=[])
    assert config == {
        "BACKEND": PRIVATE_FILE_STORAGE,
        "OPTIONS": {
            "location": str(tmp_path / "docs"),
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    }
    assert file_storage_settings("file://localhost/srv/docs", public_roots=[])["OPTIONS"][
        "location"
    ] == str(Path("/srv/docs").resolve())


@pytest.mark.parametrize(
    "url, message",
    [
        ("/var/lib/plenary/documents", "must start file:///"),
        ("https://example.org/documents", "must start file:/// or s3://, not 'https://'"),
        ("file://otherhost/documents", "no host or query"),
        ("file:///srv/docs?mode=1", "no host or query"),
        ("file:relative/folder", "must name an absolute folder"),
    ],
)
def test_a_bad_file_storage_url_stops_the_start(url, message):
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        file_storage_settings(url, public_roots=[])


@pytest.mark.parametrize("inside", ["", "documents", "../"])
def test_a_folder_the_site_serves_may_not_hold_documents(tmp_path, inside):
    static = tmp_path / "var" / "static"
    location = (static / inside).resolve() if inside else static
    with pytest.raises(ImproperlyConfigured, match="serves\\s+publicly|serves publicly"):
        file_storage_settings(location.as_uri(), public_roots=[static])


def test_a_symbolic_link_cannot_hide_a_public_folder(tmp_path):
    static = tmp_path / "static"
    static.mkdir()
    (tmp_path / "innocent").symlink_to(static)
    with pytest.raises(ImproperlyConfigured, match="publicly"):
        file_storage_settings((tmp_path / "innocent").as_uri(), public_roots=[static])


def test_the_default_folder_is_under_the_data_folder_apart_from_static_and_media():
    # The settings as loaded (before the tests' own folder): <data dir>/documents.
    assert settings.FILE_STORAGE_URL == (settings.DATA_DIR / "documents").absolute().as_uri()
    location = Path(
        file_storage_settings(
            settings.FILE_STORAGE_URL, public_roots=[settings.STATIC_ROOT, settings.MEDIA_ROOT]
        )["OPTIONS"]["location"]
    )
    for public in [settings.STATIC_ROOT, settings.MEDIA_ROOT]:
        assert public.resolve() not in [location, *location.parents]
        assert location not in public.resolve().parents


def test_a_document_has_no_url(documents_folder):
    with pytest.raises(NotImplementedError, match="no public URL"):
        document_storage().url("anything")
