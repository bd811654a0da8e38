"""Long lists split into pages; `core/_pagination.html` renders the links."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(
    request: HttpRequest, items: QuerySet[Any] | Sequence[Any], per_page: int
) -> dict[str, object]:
    """Context for a paged list: the page the request asks for, and the request's other
    parameters, which the partial's Previous and Next links keep (the filters, say)."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {"page": page, "query": query.urlencode()}
