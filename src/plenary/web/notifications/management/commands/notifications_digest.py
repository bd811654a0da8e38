"""`plenary notifications_digest`: send each member their daily digest of notifications, and
queue again any email whose send was lost. Run it once a day (docs/notifications.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from plenary.web.notifications import services


class Command(BaseCommand):
    help = "Send the daily notification digests, and queue again any email whose send was lost."

    def handle(self, *args: Any, **options: Any) -> None:
        digests = services.digests_send()
        resumed = services.notifications_resume()
        self.stdout.write(f"{digests} digest(s) sent; {resumed} email(s) queued again.")
