import pytest

from plenary.web.accounts.token_services import token_uses
from plenary.web.env import file_storage_settings
from tests.personas import admin, alice, bob, carol, dave, tree  # noqa: F401


@pytest.fixture(autouse=True)
def no_token_use_left_for_a_timer(django_db_blocker):
    """Token uses are written by a timer a minute later. A test's own rows are gone by its
    end, so writing what it left now touches nothing; a timer left running could write into
    a later test's rows."""
    yield
    with django_db_blocker.unblock():
        token_uses.flush()


@pytest.fixture(autouse=True)
def documents_folder(settings, tmp_path):
    """Each test keeps its uploaded documents in a folder of its own."""
    folder = tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": file_storage_settings(folder.as_uri(), public_roots=[]),
    }
    return folder


class Bucket:
    """A fresh bucket on the test run's S3-compatible server, and a boto3 client of the
    test's own to look inside it (the site's client is the storage's)."""

    def __init__(self, endpoint: str, name: str, prefix: str):
        import boto3

        self.endpoint, self.name, self.prefix = endpoint, name, prefix
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="eu-west-1",
            aws_access_key_id="test-access-key",
            aws_secret_access_key="test-secret-key",
        )
        self.client.create_bucket(
            Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )

    def url(self, **options: str) -> str:
        query = "&".join(
            f"{key}={value}"
            for key, value in {
                "endpoint_url": self.endpoint,
                "region": "eu-west-1",
                "addressing_style": "path",
                **options,
            }.items()
        )
        return f"s3://{self.name}/{self.prefix}?{query}"

    def keys(self) -> list[str]:
        listed = self.client.list_objects_v2(Bucket=self.name)
        return sorted(entry["Key"] for entry in listed.get("Contents", []))

    def get(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


@pytest.fixture
def s3_documents(documents_folder, settings, s3_service, monkeypatch):
    """The documents storage in a fresh bucket of the local S3-compatible server
    (tests/conftest.py s3_service), configured as in production: FILE_STORAGE_URL=s3://...
    with the credentials in FILE_STORAGE_ACCESS_KEY / FILE_STORAGE_SECRET_KEY."""
    import secrets

    # Nothing from this machine's AWS configuration, and no instance-metadata look-ups.
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("FILE_STORAGE_ACCESS_KEY", "test-access-key")
    monkeypatch.setenv("FILE_STORAGE_SECRET_KEY", "test-secret-key")
    bucket = Bucket(s3_service, f"plenary-{secrets.token_hex(6)}", "documents")
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": file_storage_settings(bucket.url(), public_roots=[]),
    }
    return bucket
