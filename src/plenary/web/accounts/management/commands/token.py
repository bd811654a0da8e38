"""`plenary token MEMBERSHIP_NUMBER`: print a new personal API token for a member's scripts.

The member must already have a user account (signed up with the email on the roll): a token
acts as that account, and making accounts from the command line would bypass sign-up."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from plenary.web.accounts.token_services import TokenError, api_token_create
from plenary.web.members.models import Member

COMMAND_ACTOR = "plenary token (command line)"


class Command(BaseCommand):
    help = "Print a new API token for the member with this membership number (shown once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("membership_number")
        parser.add_argument("--name", default="command line", help="The token's name.")

    def handle(self, *args: Any, membership_number: str, name: str, **options: Any) -> None:
        member = (
            Member.objects.select_related("user")
            .filter(membership_number=membership_number)
            .first()
        )
        if member is None:
            raise CommandError(f"No member has membership number {membership_number!r}.")
        if member.user is None:
            raise CommandError(
                f"Member {membership_number} ({member.name}) has no user account. They must "
                "sign up first, with the email address on the roll; a token acts as that account."
            )
        try:
            _token, raw = api_token_create(user=member.user, name=name, actor=COMMAND_ACTOR)
        except TokenError as error:
            raise CommandError(f"Member {membership_number}: {error}") from error
        self.stdout.write(raw)
