"""Background tasks of accounts (django-tasks; `plenary db_worker` runs them, and
`plenary serve` starts that worker). Each task is a thin wrapper on a service."""

from __future__ import annotations

from django_tasks import task

from plenary.web.accounts import signup


@task()
def send_signup_mail(email: str, site_root: str) -> None:
    """Answer a sign-up request by email (accounts/signup.py). Returns nothing, so the task's
    stored result says nothing about whether the address is on the roll."""
    signup.send_signup_mail(email, site_root)
