"""FILE_STORAGE_URL=s3://...: documents in an S3-compatible object store (django-storages),
against a local server the test run starts (moto's server mode, tests/servers.py), through
the same client code as production. Never a public or presigned URL: every document is
streamed by the site after the permission check."""

from __future__ import annotations

import re

import pytest
from botocore.exceptions import ClientError
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory

from plenary.web.documents.content import STANDARD_KINDS
from plenary.web.documents.models import DocumentAccess
from plenary.web.documents.s3 import PrivateS3Storage
from plenary.web.documents.selectors import document_content
from plenary.web.documents.services import document_delete, document_store
from plenary.web.documents.serving import document_response
from plenary.web.documents.storage import document_storage
from plenary.web.env import PRIVATE_S3_STORAGE, file_storage_settings
from tests.web.documents import files

ENDPOINT = "https://s3.example.org"


@pytest.fixture(autouse=True)
def no_credentials_from_the_environment(monkeypatch):
    for name in [
        "FILE_STORAGE_ACCESS_KEY",
        "FILE_STORAGE_SECRET_KEY",
        "FILE_STORAGE_ACCESS_KEY_FILE",
        "FILE_STORAGE_SECRET_KEY_FILE",
    ]:
        monkeypatch.delenv(name, raising=False)


def s3(url: str) -> dict:
    return file_storage_settings(url, public_roots=[])


# -- the URL -------------------------------------------------------------------------------


def test_an_s3_url_names_a_bucket_a_prefix_and_the_store():
    config = s3(f"s3://plenary-docs/site/documents/?endpoint_url={ENDPOINT}&region=eu-west-1")
    assert config == {
        "BACKEND": PRIVATE_S3_STORAGE,
        "OPTIONS": {
            "bucket_name": "plenary-docs",
            "location": "site/documents",
            "file_overwrite": False,
            "querystring_auth": True,
            "custom_domain": None,
            "gzip": False,
            "default_acl": None,
            "object_parameters": {},
            "endpoint_url": ENDPOINT,
            "region_name": "eu-west-1",
        },
    }
    # Without a prefix, an endpoint or a region: AWS itself, boto3's region, the bucket's root.
    options = s3("s3://plenary-docs")["OPTIONS"]
    assert options["location"] == "" and "endpoint_url" not in options


def test_encryption_acl_and_addressing_are_options():
    options = s3(
        "s3://plenary-docs?sse=aws:kms&kms_key_id=alias/plenary&acl=private"
        "&addressing_style=path&endpoint_url=http%3A%2F%2F127.0.0.1%3A9000"
    )["OPTIONS"]
    assert options["object_parameters"] == {
        "ServerSideEncryption": "aws:kms",
        "SSEKMSKeyId": "alias/plenary",
    }
    assert options["default_acl"] == "private"
    assert options["addressing_style"] == "path"
    assert options["endpoint_url"] == "http://127.0.0.1:9000"
    assert s3("s3://plenary-docs?sse=AES256")["OPTIONS"]["object_parameters"] == {
        "ServerSideEncryption": "AES256"
    }


def test_credentials_come_from_the_environment_or_files(monkeypatch, tmp_path):
    assert "access_key" not in s3("s3://plenary-docs")["OPTIONS"]  # boto3's own chain
    (tmp_path / "secret").write_text("the-secret\n")
    monkeypatch.setenv("FILE_STORAGE_ACCESS_KEY", "the-key")
    monkeypatch.setenv("FILE_STORAGE_SECRET_KEY_FILE", str(tmp_path / "secret"))
    options = s3("s3://plenary-docs")["OPTIONS"]
    assert (options["access_key"], options["secret_key"]) == ("the-key", "the-secret")
    monkeypatch.delenv("FILE_STORAGE_SECRET_KEY_FILE")
    with pytest.raises(ImproperlyConfigured, match="go together"):
        s3("s3://plenary-docs")


@pytest.mark.parametrize(
    "url, message",
    [
        ("s3://", "names no bucket"),
        ("s3:///documents", "names no bucket"),
        ("ftp://plenary-docs/documents", "must start file:/// or s3://, not 'ftp://'"),
        ("s3://Plenary_Docs", "is not a bucket name"),
        ("s3://plenary-docs:9000", "is not a bucket name"),
        ("s3://plenary-docs/a/../b", "has an empty, . or .. segment"),
        ("s3://plenary-docs#x", "#fragment"),
        ("s3://plenary-docs?public=1", "public is not accepted: documents are never given"),
        ("s3://plenary-docs?querystring_auth=false", "querystring_auth is not accepted"),
        ("s3://plenary-docs?querystring_expire=60", "querystring_expire is not accepted"),
        ("s3://plenary-docs?custom_domain=cdn.example.org", "custom_domain is not accepted"),
        ("s3://plenary-docs?acl=public-read", "acl=public-read is not accepted"),
        ("s3://plenary-docs?default_acl=public-read", "default_acl is not accepted"),
        ("s3://plenary-docs?colour=blue", "unknown option 'colour'"),
        ("s3://plenary-docs?region=a&region=b", "gives region more than once"),
        ("s3://plenary-docs?region=EU%20West", "is not a region name"),
        ("s3://plenary-docs?endpoint_url=ftp://store", "endpoint_url must be https://"),
        ("s3://plenary-docs?endpoint_url=http://store.lan:9000", "only to 127.0.0.1"),
        ("s3://plenary-docs?endpoint_url=https://store:x", "bad port"),
        ("s3://plenary-docs?addressing_style=sideways", "path, virtual or auto"),
        ("s3://plenary-docs?sse=rot13", "sse must be one of"),
        ("s3://plenary-docs?kms_key_id=k", "kms_key_id needs sse=aws:kms"),
    ],
)
def test_a_bad_s3_url_stops_the_start(url, message):
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        s3(url)


@pytest.mark.parametrize(
    "url",
    [
        "s3://AKIAEXAMPLE:hunter2-secret@plenary-docs/documents",
        "s3://plenary-docs?endpoint_url=https://AKIAEXAMPLE:hunter2-secret@s3.example.org",
        "s3://AKIAEXAMPLE:hunter2-secret@Bad_Bucket?colour=blue",
    ],
)
def test_credentials_in_the_url_are_refused_without_being_repeated(url):
    with pytest.raises(ImproperlyConfigured, match="credentials do not go in") as refused:
        s3(url)
    assert "hunter2" not in str(refused.value) and "AKIAEXAMPLE" not in str(refused.value)


# -- against the local object store --------------------------------------------------------


def get(user=None):
    request = RequestFactory().get("/somewhere/")
    request.user = user or AnonymousUser()
    return request


def store(data: bytes, name: str, *, confidential: bool = True):
    return document_store(
        SimpleUploadedFile(name, data),
        kinds=STANDARD_KINDS,
        max_bytes=1024 * 1024,
        uploaded_by=None,
        confidential=confidential,
        owner="tests.papers",
    )


@pytest.mark.django_db
def test_a_document_is_kept_in_the_bucket_privately_and_streamed_by_the_site(s3_documents):
    assert isinstance(document_storage(), PrivateS3Storage)
    document = store(files.PDF, "Minutes.pdf")
    key = f"documents/{document.stored_name}"
    assert s3_documents.keys() == [key]
    assert s3_documents.get(key) == files.PDF
    # Private: the bucket owner alone may read it; no grant to everyone or to any AWS user.
    grants = s3_documents.client.get_object_acl(Bucket=s3_documents.name, Key=key)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert all(grant["Grantee"]["Type"] == "CanonicalUser" for grant in grants)
    # The object's own metadata says nothing of the document (no name, no type).
    head = s3_documents.client.head_object(Bucket=s3_documents.name, Key=key)
    assert head["ContentType"] == "application/octet-stream"
    assert "ContentDisposition" not in head and head["Metadata"] == {}

    response = document_response(get(), document)
    assert response.status_code == 200 and not response.has_header("Location")
    assert response.streaming
    assert b"".join(response.streaming_content) == files.PDF
    response.file_to_stream.close()
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Length"] == str(len(files.PDF))
    assert DocumentAccess.objects.filter(document_id=document.id).count() == 1
    assert document_content(document) == files.PDF

    document_delete(document)
    assert s3_documents.keys() == []


@pytest.mark.django_db
def test_a_document_in_the_store_has_no_url_public_or_presigned(s3_documents):
    document = store(files.PDF, "Minutes.pdf")
    with pytest.raises(NotImplementedError, match="no public URL"):
        document_storage().url(document.stored_name)
    with pytest.raises(NotImplementedError, match="no public URL"):
        document_storage().url(document.stored_name, expire=60)
    # Asked without the site's credentials, the store refuses: nothing is public.
    import boto3
    from botocore import UNSIGNED
    from botocore.config import Config

    anonymous = boto3.client(
        "s3",
        endpoint_url=s3_documents.endpoint,
        region_name="eu-west-1",
        config=Config(signature_version=UNSIGNED),
    )
    with pytest.raises(ClientError) as refused:
        anonymous.get_object(Bucket=s3_documents.name, Key=f"documents/{document.stored_name}")
    assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


@pytest.mark.django_db
def test_an_object_is_never_overwritten(s3_documents):
    storage = document_storage()
    first = storage.save("same-name", ContentFile(b"first"))
    second = storage.save("same-name", ContentFile(b"second"))
    assert first == "same-name" and second != first
    assert s3_documents.get("documents/same-name") == b"first"


@pytest.mark.django_db
def test_server_side_encryption_is_asked_for_every_object(s3_documents, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": file_storage_settings(s3_documents.url(sse="AES256"), public_roots=[]),
    }
    document = store(files.PDF, "Minutes.pdf")
    head = s3_documents.client.head_object(
        Bucket=s3_documents.name, Key=f"documents/{document.stored_name}"
    )
    assert head["ServerSideEncryption"] == "AES256"
    response = document_response(get(), document)
    assert b"".join(response.streaming_content) == files.PDF
    response.file_to_stream.close()


@pytest.mark.django_db
def test_a_document_gone_from_the_store_is_not_found(s3_documents):
    document = store(files.PDF, "Minutes.pdf", confidential=False)
    s3_documents.client.delete_object(
        Bucket=s3_documents.name, Key=f"documents/{document.stored_name}"
    )
    with pytest.raises(Http404):
        document_response(get(), document)
    with pytest.raises(FileNotFoundError):
        document_content(document)


STORE_ON_ONE = """
from django.core.files.base import ContentFile
from plenary.web.documents.models import Kind
from plenary.web.documents.services import document_store
from plenary.web.documents.storage import document_storage
assert type(document_storage()).__name__ == "PrivateS3Storage"
document = document_store(ContentFile(b"a,b\\n1,2\\n", name="list.csv"), kinds={Kind.CSV},
    max_bytes=100, uploaded_by=None, confidential=True, owner="tests.shared")
print(document.id)
"""

READ_ON_THE_OTHER = """
from plenary.web.documents.selectors import document_content, document_of
print(document_content(document_of("{id}", owner="tests.shared")).decode(), end="")
"""


@pytest.mark.slow
def test_two_instances_configured_by_environment_share_the_documents(
    s3_documents, tmp_path, monkeypatch
):
    """The production settings (plenary.web.settings) in two processes with data folders of
    their own, sharing the database and the bucket: one stores, the other reads."""
    from tests.servers import fresh_database, plenary_env, run_plenary

    with fresh_database(tmp_path) as database_url:
        instances = [
            plenary_env(
                tmp_path / name,
                database_url,
                FILE_STORAGE_URL=s3_documents.url(sse="AES256"),
                FILE_STORAGE_ACCESS_KEY="test-access-key",
                FILE_STORAGE_SECRET_KEY="test-secret-key",
                AWS_CONFIG_FILE="/nonexistent",
                AWS_SHARED_CREDENTIALS_FILE="/nonexistent",
                AWS_EC2_METADATA_DISABLED="true",
            )
            for name in ["one", "two"]
        ]
        run_plenary(instances[0], "migrate", "-v0")
        document_id = run_plenary(instances[0], "shell", "-v0", "-c", STORE_ON_ONE).split()[-1]
        read = run_plenary(
            instances[1], "shell", "-v0", "-c", READ_ON_THE_OTHER.format(id=document_id)
        )
        assert read == "a,b\n1,2\n"
        assert len(s3_documents.keys()) == 1
        assert not (tmp_path / "one" / "documents").exists()
        assert not (tmp_path / "two" / "documents").exists()
