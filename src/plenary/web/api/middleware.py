"""A body over Django's upload limit, refused under /api/ before anything reads it."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from plenary.web.api.errors import TOO_LARGE, message

API_PREFIX = "/api/"


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django itself reads a length it cannot parse as no body


class ApiBodyLimitMiddleware:
    """Django raises RequestDataTooBig wherever the body is first read (inside a view it
    became a 500 with a traceback; inside the CSRF middleware an HTML 400). Checking the
    declared length first, as Django does, answers every API path with a JSON 413."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if (
            limit is not None
            and request.path_info.startswith(API_PREFIX)
            and _declared_length(request) > limit
        ):
            return message(413, TOO_LARGE)
        return self.get_response(request)
