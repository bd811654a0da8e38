"""Fuzz the API from its own OpenAPI schema (schemathesis, in-process through the WSGI app):
no request, valid or not, makes a server error, and every error is JSON with a `message`."""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from plenary.web.accounts.token_services import api_token_create

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())

# Enough to reach every status each operation can give, few enough to run in seconds; the
# `fuzz` profile (`make fuzz`) draws many more.
EXAMPLES = 25 if os.environ.get("HYPOTHESIS_PROFILE", "ci") == "ci" else settings().max_examples


@schemathesis.check
def errors_are_json_with_a_message(ctx, response, case) -> None:  # type: ignore[no-untyped-def]
    if response.status_code >= 400:
        try:
            body = response.json()
        except ValueError:
            body = None
        assert isinstance(body, dict) and isinstance(body.get("message"), str), (
            f"{response.status_code} without a JSON message: {response.text[:200]}"
        )


@pytest.fixture
def in_test_transaction():
    """The WSGI app would close the test's database connection after each request (it is
    inside a transaction, so Django counts it unusable); Django's own test client unhooks
    this for the same reason."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(bob, ranked, referendum, in_test_transaction) -> str:
    """A voter with a token, and an open election with a ranked and a yes/no ballot."""
    return api_token_create(user=bob, name="fuzz", actor=bob)[1]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_never_fails_and_always_explains_its_errors(case, token):
    # A schema-valid vote may still be refused on its merits (a candidate not on the paper,
    # a second vote): 400 and 409 are right there, so "valid input is accepted" does not apply.
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"}, excluded_checks=[positive_data_acceptance]
    )
