"""The JSON API: /api/openapi.json is its schema, /api/docs its browsable documentation
(Swagger UI served from this site's own static files, so it works offline)."""

from __future__ import annotations

from ninja import NinjaAPI

from plenary.web.api import ballots, errors
from plenary.web.api.auth import SessionAuth, TokenAuth

api = NinjaAPI(
    title="plenary API",
    version="1",
    description=(
        "Vote, check receipts and read results. Authenticate with a personal token "
        "(`Authorization: Bearer <token>`, made on your account page) or the browser session "
        "(unsafe methods then need the CSRF token). Every error is JSON with a `message`."
    ),
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("", ballots.router)
