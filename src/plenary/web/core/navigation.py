"""The site's main navigation and the home page's panels: registries that each app fills in
its `ready()`, so core (the bottom layer) names no app above it.

A capability adds its page to the menu with `add_nav_item` and its part of the home page with
`add_home_panel`; both are shown only to the users its `shown_to` admits."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

UserTest = Callable[[Any], bool]


def logged_in(user: Any) -> bool:
    return bool(user.is_authenticated)


def with_permission(permission: str) -> UserTest:
    """Shown to users who hold the permission (a permission about no particular object)."""

    def test(user: Any) -> bool:
        return bool(user.is_authenticated and user.has_perm(permission))

    return test


@dataclass(frozen=True)
class NavItem:
    key: str  # the `nav` a page of this section puts in its context, to mark the item current
    label: str
    url_name: str
    order: int
    shown_to: UserTest = logged_in


@dataclass(frozen=True)
class HomePanel:
    """A part of a logged-in user's home page: a template, and the context it needs (None
    from `context` leaves the panel out for that user)."""

    template: str
    order: int
    context: Callable[[HttpRequest], Mapping[str, Any] | None]


_nav_items: list[NavItem] = []
_home_panels: list[HomePanel] = []


def add_nav_item(item: NavItem) -> None:
    if any(existing.key == item.key for existing in _nav_items):
        return  # ready() may run more than once (tests, management commands)
    _nav_items.append(item)
    _nav_items.sort(key=lambda entry: entry.order)


def add_home_panel(panel: HomePanel) -> None:
    if any(existing.template == panel.template for existing in _home_panels):
        return
    _home_panels.append(panel)
    _home_panels.sort(key=lambda entry: entry.order)


def nav_items_for(user: Any) -> list[NavItem]:
    return [item for item in _nav_items if item.shown_to(user)]


@dataclass(frozen=True)
class ShownPanel:
    template: str
    context: Mapping[str, Any]


def home_panels_for(request: HttpRequest) -> list[ShownPanel]:
    shown = []
    for panel in _home_panels:
        context = panel.context(request)
        if context is not None:
            shown.append(ShownPanel(panel.template, context))
    return shown
