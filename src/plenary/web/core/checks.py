"""System checks of plenary's own (`plenary check --deploy`), registered in CoreConfig.ready().

plenary.W001: the cache is held in each process (locmem://) or is no cache at all (dummy://).
The login throttles count in the cache, so with several worker processes or several
instances each would count on its own (docs/decisions/0022-scale-out.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache": "held in each process",
    "django.core.cache.backends.dummy.DummyCache": "no cache at all",
}


@register(Tags.caches, deploy=True)
def shared_cache(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        Warning(
            f"The cache is {PER_PROCESS_CACHES[backend]} ({backend.rsplit('.', 1)[-1]}): "
            "several worker processes or instances would share nothing, so each would "
            "count login attempts on its own and the throttles would not hold.",
            hint="Set CACHE_URL to db:// (one machine) or redis://HOST:6379/0 (several).",
            id="plenary.W001",
        )
    ]
