"""`plenary demo`: load the fictional demo organisation and print how to log in.

Safe to run again: it adds only what is missing, and prints the logins every time. It
refuses to touch a database that holds real members or users (see plenary.web.core.demo:
the apps register the builders and the checks for real data)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from plenary.web.core.demo import (
    DEMO_ADDRESS,
    DEMO_PASSWORD,
    LOGIN_ROLES,
    Demo,
    build_demo,
    demo_url,
    real_data,
    refusal,
)


class Command(BaseCommand):
    help = "Load the fictional demo organisation (600 members, bodies, one login per role)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even though the database holds members or users that are "
            "not demo data. The demo logins' password is public: never on a live site.",
        )
        parser.add_argument(
            "--address",
            default=DEMO_ADDRESS,
            metavar="HOST:PORT",
            help="Where the site is served, to print the right address to open "
            f"(as given to `plenary serve`; default {DEMO_ADDRESS}). `make run` passes its own.",
        )

    def handle(
        self, *args: Any, force: bool = False, address: str = DEMO_ADDRESS, **options: Any
    ) -> None:
        try:
            url = demo_url(address)
        except ValueError as error:
            raise CommandError(f"--address: {error}") from None
        found = real_data()
        if found and not force:
            raise CommandError(refusal(found))
        demo = build_demo()
        self.stdout.write(summary(demo))
        self.stdout.write(logins_block(url))


def summary(demo: Demo) -> str:
    shape = (
        f"1 national body, {len(demo.regions)} regions, {len(demo.branches)} branches, "
        f"{len(demo.affiliates)} affiliates, {len(demo.members)} members, {len(demo.bodies)} bodies"
    )
    if demo.created:
        added = ", ".join(f"{count} {kind}" for kind, count in demo.created.items())
        return f"Demo organisation loaded: {shape}.\nThis run added {added}.\n"
    return f"Demo organisation already loaded ({shape}); nothing to add.\n"


def logins_block(url: str) -> str:
    rows = [("Role", "Email", "Password")]
    rows += [(role.role, role.email, DEMO_PASSWORD) for role in LOGIN_ROLES]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    rule = "=" * max(len(line) for line in lines)
    return "\n".join(
        ["", rule, f"Open {url} and log in as:", "", *lines, "", two_factor_note(), rule, ""]
    )


def two_factor_note() -> str:
    if settings.PLENARY_OFFICER_MFA == "off":
        return (
            "Two-factor enforcement for officers is OFF in this local demo "
            "(PLENARY_OFFICER_MFA=off);\na live site requires officers to use an authenticator app."
        )
    return (
        "Officers (every login above but the plain member) will be asked to set up an "
        "authenticator app;\nset PLENARY_OFFICER_MFA=off to skip that in a local demo."
    )
