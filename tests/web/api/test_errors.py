"""Errors at the edge of the API, outside ninja's routing: paths no route matches, whatever
characters they hold. Each is JSON with a
`message`, like every other API error."""

from __future__ import annotations

import pytest
from django.test import Client

from plenary.web.api.errors import NOT_FOUND


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
