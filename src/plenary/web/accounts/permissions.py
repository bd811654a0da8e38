"""What an account must do because of the offices its member holds."""

from __future__ import annotations

import rules

from plenary.web.organisation import roles
from plenary.web.organisation.roles import AnyUser


@rules.predicate
def needs_two_factor(user: AnyUser) -> bool:
    """Anyone who holds an office, sits on a body, or administers the site."""
    if not user.is_authenticated:
        return False
    return bool(user.is_staff or user.is_superuser or roles.current_seats(user))
