"""Typed readers for settings taken from the environment; bad values fail loudly at start-up."""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(name: str) -> str | None:
    """A secret from NAME, or from the file named by NAME_FILE (for Docker/systemd secrets)."""
    if value := os.environ.get(name):
        return value
    if path := os.environ.get(f"{name}_FILE"):
        try:
            return Path(path).read_text().strip()
        except OSError as error:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {path}: {error}") from None
    return None


def email_settings(url: str) -> dict[str, object]:
    """Email settings from a URL: console://, smtp://user:pass@host:587?tls=1, smtps://..., dummy://."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "dummy":
        return {"EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}
    if scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start console://, smtp:// or smtps://, not {scheme or url!r}"
        )
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(f"EMAIL_URL has a bad port: {url!r}") from None
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL names no host")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port or (465 if scheme == "smtps" else 587),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": scheme == "smtps",
        "EMAIL_USE_TLS": scheme == "smtp" and query.get("tls", "1") in _TRUE,
    }


PRIVATE_FILE_STORAGE = "plenary.web.documents.storage.PrivateFileSystemStorage"


def file_storage_settings(url: str, *, public_roots: list[Path]) -> dict[str, object]:
    """The `documents` entry of STORAGES from FILE_STORAGE_URL: `file:///absolute/folder`, a
    private folder on this machine. The folder must not be, hold or sit inside a folder the
    site serves publicly (`public_roots`: STATIC_ROOT, MEDIA_ROOT)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "s3":
        raise ImproperlyConfigured(
            "FILE_STORAGE_URL: s3:// (an object store) is not supported yet; "
            "use file:///absolute/folder"
        )
    if scheme != "file":
        raise ImproperlyConfigured(
            f"FILE_STORAGE_URL must start file:///, not {scheme + '://' if scheme else url!r}"
        )
    if parts.netloc not in {"", "localhost"} or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"FILE_STORAGE_URL must be file:///absolute/folder (no host or query), not {url!r}"
        )
    raw_path = unquote(parts.path)
    if not raw_path.startswith("/") or raw_path.startswith("//"):
        raise ImproperlyConfigured(f"FILE_STORAGE_URL must name an absolute folder, not {url!r}")
    # Resolved, so a symbolic link cannot hide an overlap.
    location = Path(raw_path).resolve()
    for root in public_roots:
        public = root.resolve()
        if location == public or public in location.parents or location in public.parents:
            raise ImproperlyConfigured(
                f"FILE_STORAGE_URL {location} overlaps {public}, which the site serves "
                "publicly; choose a folder of its own"
            )
    return {
        "BACKEND": PRIVATE_FILE_STORAGE,
        "OPTIONS": {
            "location": str(location),
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    }


DEFAULT_CACHE_TABLE = "plenary_cache"
_TABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


def cache_settings(url: str) -> dict[str, object]:
    """The default cache from a URL. The cache holds what every worker process must share
    (the login throttles), so the default is the site's own database:

    db:// (table plenary_cache) or db://TABLE   the database cache; `plenary createcachetable`
    redis://[:PASSWORD@]HOST:PORT/DB, rediss://  Redis (needs the redis package)
    locmem:// or locmem://NAME                  this process only: one worker, or tests
    dummy://                                    no cache at all: throttles do nothing
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "db":
        table = unquote(parts.netloc or parts.path.lstrip("/")) or DEFAULT_CACHE_TABLE
        if not _TABLE_NAME.match(table):
            raise ImproperlyConfigured(
                f"CACHE_URL db://TABLE needs a plain table name (letters, digits, _), not {table!r}"
            )
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": table,
        }
    if scheme in {"redis", "rediss"}:
        if not parts.hostname:
            raise ImproperlyConfigured(f"CACHE_URL names no Redis host: {url!r}")
        if importlib.util.find_spec("redis") is None:
            raise ImproperlyConfigured(
                "CACHE_URL is a Redis URL but the redis package is not installed "
                "(it is one of plenary's dependencies: pip install redis)"
            )
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": parts.netloc or "plenary",
        }
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"CACHE_URL must start db://, redis://, rediss://, locmem:// or dummy://, not {url!r}"
    )
