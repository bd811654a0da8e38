"""Background tasks of the members app (django-tasks). Each is a thin wrapper on a service."""

from __future__ import annotations

from django_tasks import task

from plenary.web.members import roll_email


@task()
def tell_old_roll_address(member_id: int, old_email: str, changed_by: str, site_root: str) -> None:
    """Tell the address the roll had that an officer changed it (members/roll_email.py)."""
    roll_email.tell_old_address(
        member_id=member_id, old_email=old_email, changed_by=changed_by, site_root=site_root
    )
