"""One way to say who may do what (docs/decisions/0009-permissions.md).

Each app names its permissions and the predicates behind them in its own `permissions.py`
with `rules.add_perm`; that module is imported by the app's `ready()`. A question of who the
user is rather than what they may administer ("is this my candidacy?", "is this account a
member?") is a rule (`rules.add_rule`) instead, because Django lets a site admin through every
permission. Views declare their permission or rule with exactly one of the decorators below
(tests/web/test_permissions_declared.py fails on a view that declares none); object-level
checks inside a view (`require`), the API (`allowed`) and the templates (`perms.app.name`, or
`{% load rules %}{% has_perm name user obj as can %}`) all ask the same registry.

Permission names never take the `add_`, `change_`, `delete_` or `view_` prefixes, so none can
be granted by accident through the admin's model permissions, which Django checks too."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

import rules
from django.contrib.auth import decorators as auth_decorators
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

View = TypeVar("View", bound=Callable[..., Any])

ATTRIBUTE = "plenary_permission"
PUBLIC = "public"  # anyone, logged in or not
LOGGED_IN = "logged in"  # any account; what the view shows is the user's own
MODEL_PERMISSION_PREFIXES = ("add_", "change_", "delete_", "view_")


def declared_permission(view: Callable[..., Any]) -> str | None:
    """What a view declared: a permission name, PUBLIC, LOGGED_IN, or None (nothing)."""
    return getattr(view, ATTRIBUTE, None)


def _declare(view: View, permission: str) -> View:
    setattr(view, ATTRIBUTE, permission)
    return view


def public(view: View) -> View:
    """Anyone may open this page."""
    return _declare(view, PUBLIC)


def login_required(view: View) -> View:
    """Any logged-in user; the view shows or changes only what is their own."""
    return _declare(auth_decorators.login_required(view), LOGGED_IN)


def permission_required(permission: str, message: str = "") -> Callable[[View], View]:
    """The user must hold `permission` (a permission about no particular object); a visitor
    who is not logged in is sent to log in first."""

    def decorator(view: View) -> View:
        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            require(request.user, permission, message=message)
            return view(request, *args, **kwargs)

        return _declare(auth_decorators.login_required(cast(View, checked)), permission)

    return decorator


def rule_required(rule: str, message: str = "") -> Callable[[View], View]:
    """The user must pass `rule`: a question of who the user is rather than what they are
    allowed (is this account a member?), so a site admin is not let through by default as
    `has_perm` lets them through every permission. Rules are added with `rules.add_rule`."""

    def decorator(view: View) -> View:
        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            require(request.user, rule, message=message)
            return view(request, *args, **kwargs)

        return _declare(auth_decorators.login_required(cast(View, checked)), rule)

    return decorator


def object_permission_required(permission: str) -> Callable[[View], View]:
    """The view looks up its object and then calls `require(user, permission, obj)`: the
    permission (or rule) is declared here, where the URL-walk test sees it, and checked there."""

    def decorator(view: View) -> View:
        return _declare(auth_decorators.login_required(view), permission)

    return decorator


def allowed(user: Any, name: str, obj: object = None) -> bool:
    """A rule (`rules.add_rule`) is tested as it is; anything else is a permission."""
    if rules.rule_exists(name):
        return bool(rules.test_rule(name, user, obj))
    return bool(user.has_perm(name, obj))


def require(user: Any, name: str, obj: object = None, *, message: str = "") -> None:
    """Refuse (403, with the message on the page) unless the user holds the permission, or
    passes the rule, of that name."""
    if not allowed(user, name, obj):
        raise PermissionDenied(message or "You do not have permission to do this.")
