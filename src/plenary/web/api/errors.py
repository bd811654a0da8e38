"""Every error the API returns is JSON with a `message`, whatever raised it: the voting
services' refusals, authentication, validation, unknown paths and methods, and bugs."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from plenary.web.elections.voting.services import (
    AlreadyVoted,
    BallotClosed,
    BallotNotOpen,
    InvalidBallot,
    NotEligible,
    VotingError,
)

logger = logging.getLogger(__name__)

UNAUTHENTICATED = "Authentication required: send `Authorization: Bearer <token>` or log in."
NOT_FOUND = "Not found."
TOO_LARGE = "The request body is too large."
METHOD_NOT_ALLOWED = "Method {} is not allowed here; allowed: {}."
INTERNAL = "Something went wrong on the server; it has been logged."
UNAVAILABLE = (
    "The service is briefly unavailable (its database is not answering); try again in a few "
    "seconds. If you were voting, trying again tells you whether your vote was recorded."
)
RETRY_AFTER_SECONDS = 5

# The voting services' refusals and the status each one is.
VOTING_STATUS: dict[type[VotingError], int] = {
    AlreadyVoted: 409,
    BallotClosed: 409,
    BallotNotOpen: 409,
    NotEligible: 403,
    InvalidBallot: 400,
}


def message(status: int, text: str, **extra: Any) -> JsonResponse:
    return JsonResponse({"message": text, **extra}, status=status)


def _validation_summary(errors: list[dict[str, Any]]) -> str:
    parts = []
    for error in errors[:5]:
        where = ".".join(str(step) for step in error.get("loc", ()))
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "The request is not valid: " + "; ".join(parts)


def install(api: NinjaAPI) -> None:
    def on_authentication(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = message(401, UNAUTHENTICATED)
        response["WWW-Authenticate"] = 'Bearer realm="plenary"'
        return response

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return message(exc.status_code, exc.message)

    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return message(422, _validation_summary(exc.errors), errors=exc.errors)

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return message(404, NOT_FOUND)

    def on_voting(request: HttpRequest, exc: VotingError) -> HttpResponse:
        status = next((s for cls, s in VOTING_STATUS.items() if isinstance(exc, cls)), 400)
        return message(status, str(exc))

    def on_database_down(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.warning("API database unavailable on %s %s: %s", request.method, request.path, exc)
        response = message(503, UNAVAILABLE)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    def on_anything(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
        return message(500, INTERNAL)

    _add_handler(api, AuthenticationError, on_authentication)
    _add_handler(api, HttpError, on_http_error)
    _add_handler(api, ValidationError, on_validation)
    _add_handler(api, Http404, on_not_found)
    _add_handler(api, VotingError, on_voting)
    _add_handler(api, OperationalError, on_database_down)
    _add_handler(api, InterfaceError, on_database_down)
    _add_handler(api, Exception, on_anything)


_E = TypeVar("_E", bound=Exception)


def _add_handler(
    api: NinjaAPI, exc_class: type[_E], handler: Callable[[HttpRequest, _E], HttpResponse]
) -> None:
    # ninja types a handler's second argument as the exception or its class; it is only ever
    # called with the exception raised.
    api.add_exception_handler(exc_class, handler)  # type: ignore[arg-type]


def json_method_not_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """ninja answers a wrong method with a plain-text 405; say it in JSON like every error."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            allowed = response.get("Allow", "")
            replaced = message(405, METHOD_NOT_ALLOWED.format(request.method, allowed or "none"))
            replaced["Allow"] = allowed
            return replaced
        return response

    return wrapped


@csrf_exempt  # any method reaches it; it answers 404 and changes nothing
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return message(404, NOT_FOUND)
