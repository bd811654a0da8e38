"""An open election with a ranked and a yes/no ballot, and API clients for its voters."""

from __future__ import annotations

import pytest
from django.test import Client

from plenary.web.accounts.token_services import api_token_create
from plenary.web.elections.models import Method
from tests.web.elections import voting_helpers
from tests.web.elections.voting_helpers import make_section

# The voting tests' open election and its ranked section, shared rather than built again here.
election = voting_helpers.election
section = voting_helpers.section


class ApiClient:
    """The Django test client with a bearer token on every request and JSON bodies."""

    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str):  # type: ignore[no-untyped-def]
        return self.client.get(path, headers=self.headers)

    def post(self, path: str, body: object):  # type: ignore[no-untyped-def]
        return self.client.post(path, body, content_type="application/json", headers=self.headers)


@pytest.fixture
def ranked(section):  # type: ignore[no-untyped-def]
    """The voting tests' ranked section: Ann Able, Ben Bold and Cat Cole for two seats."""
    return section


@pytest.fixture
def referendum(election):
    return make_section(
        election,
        "Rule change",
        method=Method.REFERENDUM,
        position=1,
        question="Should the branch meet monthly?",
    )


@pytest.fixture
def bob_api(bob):
    return ApiClient(api_token_create(user=bob, name="tests", actor=bob)[1])


@pytest.fixture
def anonymous_api(db):
    return ApiClient(None)
