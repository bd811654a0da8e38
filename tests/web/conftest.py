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
