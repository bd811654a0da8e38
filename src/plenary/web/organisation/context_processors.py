from __future__ import annotations

from django.http import HttpRequest

from plenary.web.organisation.models import Organisation


def organisation(request: HttpRequest) -> dict[str, object]:
    """The organisation's name and labels, which every page's header and footer show."""
    return {"organisation": Organisation.current()}
