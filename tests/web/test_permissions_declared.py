"""Every page declares who may open it (core/permissions.py), and every name it declares is a
permission or rule that some app's permissions.py registers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import rules
from django.contrib.auth.models import Permission
from django.urls import URLPattern, URLResolver, get_resolver
from ninja import NinjaAPI
from ninja.constants import NOT_SET

from plenary.web.core.permissions import (
    LOGGED_IN,
    MODEL_PERMISSION_PREFIXES,
    PUBLIC,
    declared_permission,
)

pytestmark = pytest.mark.django_db


def _patterns(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, Any]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def _ours(callback: Any) -> bool:
    return getattr(callback, "__module__", "").startswith("plenary.")


def _site_views() -> list[tuple[str, Any]]:
    return [(route, view) for route, view in _patterns(get_resolver()) if _ours(view)]


def _api_operations() -> list[tuple[str, Any, list[Any]]]:
    from plenary.web.api.api import api

    assert isinstance(api, NinjaAPI)
    found = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                auth = operation.auth_param
                if auth is NOT_SET:  # the operation takes the API's own authentication
                    auth = api.auth
                found.append((prefix + path, operation.view_func, auth))
    return found


def test_the_walk_finds_the_site_and_the_api():
    routes = [route for route, _ in _site_views()]
    assert any(route.startswith("members/") for route in routes)
    assert any(route.startswith("elections/") for route in routes)
    assert len(_api_operations()) >= 4


def test_every_page_declares_its_permission():
    undeclared = [
        f"{route} ({view.__module__}.{view.__name__})"
        for route, view in _site_views()
        if declared_permission(view) is None and not route.startswith("api/")
    ]
    assert not undeclared, "views with no declared permission:\n" + "\n".join(undeclared)


def test_every_api_operation_authenticates_or_is_declared_public():
    open_undeclared = [
        path
        for path, view, auth in _api_operations()
        if not auth and declared_permission(view) != PUBLIC
    ]
    assert not open_undeclared


def test_every_declared_name_is_registered():
    names = {declared_permission(view) for _, view in _site_views()} - {None, PUBLIC, LOGGED_IN}
    unknown = [n for n in names if not (rules.perm_exists(n) or rules.rule_exists(n))]
    assert not unknown


def test_no_permission_can_be_granted_through_the_admin_by_accident():
    """Django checks a user's model permissions (granted in the admin) beside ours, so none of
    ours may share a name with one of those."""
    ours = set(rules.permissions.permissions.keys())
    model_permissions = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Permission.objects.select_related("content_type")
    }
    assert not ours & model_permissions
    assert not [n for n in ours if n.split(".", 1)[1].startswith(MODEL_PERMISSION_PREFIXES)]
