"""Errors at the edge of the API, before or outside ninja's routing: a body over Django's
upload limit, and paths no route matches whatever characters they hold. Each is JSON with a
`message`, like every other API error."""

from __future__ import annotations

import logging

import pytest
from django.conf import settings
from django.test import Client

from plenary.web.api.errors import NOT_FOUND, TOO_LARGE


def test_an_oversized_vote_body_is_413_json_without_a_traceback(bob_api, ranked, caplog):
    body = '{"ranking": ["' + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1) + '"]}'
    with caplog.at_level(logging.INFO):
        response = bob_api.client.post(
            f"/api/ballots/{ranked.pk}/vote",
            body,
            content_type="application/json",
            headers=bob_api.headers,
        )
    assert response.status_code == 413
    assert response.json() == {"message": TOO_LARGE}
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


def test_an_oversized_body_to_any_api_path_is_413_json(bob_api, db):
    body = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = bob_api.client.post(
        "/api/no/such/thing", body, content_type="application/json", headers=bob_api.headers
    )
    assert response.status_code == 413
    assert response.json() == {"message": TOO_LARGE}


@pytest.mark.parametrize(
    "path",
    [
        "/api/ballots/%F0%9F%B6%9A%0A%C2%8A/vote",  # the one schemathesis found
        "/api/ballots/1%0A/vote",
        "/api/%0A",
        "/api/ballots/%0D%0A",
        "/api/%FF%FE",
        "/api/ballots/%00/vote",
        "/api/no/such/path",
        "/api/ballots/abc/vote",
    ],
)
@pytest.mark.parametrize("method", ["get", "post", "put", "delete"])
def test_every_unmatched_api_path_is_json_404(db, path, method):
    response = getattr(Client(), method)(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"message": NOT_FOUND}


def test_a_site_path_still_gets_the_html_404(db):
    response = Client().get("/no/such/page%0A")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")
