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
PRIVATE_S3_STORAGE = "plenary.web.documents.s3.PrivateS3Storage"

# S3 bucket names: 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending
# with a letter or digit.
_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_REGION = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_LOOPBACK = {"localhost", "127.0.0.1", "::1"}
# What FILE_STORAGE_URL=s3://... takes after the "?".
_S3_OPTIONS = {"endpoint_url", "region", "addressing_style", "sse", "kms_key_id", "acl"}
# Options that would give a document a URL of its own (public, presigned, through a CDN), or
# make it readable by others. Documents are only ever streamed by document_response, after
# the owning view's permission check, so these are refused rather than ignored.
_S3_PUBLIC_OPTIONS = {
    "public",
    "querystring_auth",
    "querystring_expire",
    "presigned",
    "custom_domain",
    "url_protocol",
    "cloudfront_key_id",
    "cloudfront_key",
    "default_acl",
}
_S3_PRIVATE_ACLS = {"private", "bucket-owner-full-control"}
_S3_ENCRYPTION = {"AES256", "aws:kms", "aws:kms:dsse"}


def _without_credentials(url: str) -> str:
    """The URL as it may be shown in an error message: any user:password@ taken out."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc="***@" + parts.netloc.rpartition("@")[2]).geturl()


def s3_storage_settings(url: str) -> dict[str, object]:
    """The `documents` storage in an S3-compatible object store (django-storages' S3Storage):

    s3://BUCKET[/prefix]?endpoint_url=https://s3.example.org&region=eu-west-1
        &addressing_style=path|virtual   how the bucket is named in requests (the store's choice)
        &sse=AES256|aws:kms[&kms_key_id=...]   server-side encryption of every object
        &acl=private|bucket-owner-full-control   a canned ACL to send (none unless told)

    No credentials in the URL (it is logged and shown in errors): FILE_STORAGE_ACCESS_KEY and
    FILE_STORAGE_SECRET_KEY (or FILE_STORAGE_ACCESS_KEY_FILE / FILE_STORAGE_SECRET_KEY_FILE),
    else boto3's own chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, AWS_PROFILE, an
    instance or container role). Objects are never overwritten, and never given a URL."""
    parts = urlsplit(url)
    shown = _without_credentials(url)
    if "@" in parts.netloc:
        raise ImproperlyConfigured(
            "FILE_STORAGE_URL: credentials do not go in the URL (it is logged and shown); "
            "set FILE_STORAGE_ACCESS_KEY and FILE_STORAGE_SECRET_KEY (or their _FILE forms), "
            "or the AWS_* environment"
        )
    bucket = parts.netloc
    if not bucket:
        raise ImproperlyConfigured(f"FILE_STORAGE_URL names no bucket: {shown!r}")
    if not _BUCKET.match(bucket) or ".." in bucket:
        raise ImproperlyConfigured(
            f"FILE_STORAGE_URL: {bucket!r} is not a bucket name (3 to 63 lower-case letters, "
            "digits, dots and hyphens)"
        )
    if parts.fragment:
        raise ImproperlyConfigured(f"FILE_STORAGE_URL has a #fragment: {shown!r}")
    prefix = unquote(parts.path).strip("/")
    if prefix and any(segment in {"", ".", ".."} for segment in prefix.split("/")):
        raise ImproperlyConfigured(
            f"FILE_STORAGE_URL: the prefix {prefix!r} has an empty, . or .. segment"
        )
    query = parse_qs(parts.query, keep_blank_values=True)
    for key, values in query.items():
        if key in _S3_PUBLIC_OPTIONS:
            raise ImproperlyConfigured(
                f"FILE_STORAGE_URL: {key} is not accepted: documents are never given a public "
                "or presigned URL (they are streamed through the permission check)"
            )
        if key not in _S3_OPTIONS:
            raise ImproperlyConfigured(
                f"FILE_STORAGE_URL: unknown option {key!r} (known: "
                f"{', '.join(sorted(_S3_OPTIONS))})"
            )
        if len(values) > 1:
            raise ImproperlyConfigured(f"FILE_STORAGE_URL gives {key} more than once")
    option = {key: values[0] for key, values in query.items()}
    options: dict[str, object] = {
        "bucket_name": bucket,
        "location": prefix,
        # A new document never replaces an object that is there (a random name that clashes
        # gets a suffix), and nothing here ever gives an object a URL (PrivateS3Storage.url).
        "file_overwrite": False,
        "querystring_auth": True,
        "custom_domain": None,
        "gzip": False,
        "default_acl": None,
        "object_parameters": {},
    }
    if (endpoint := option.get("endpoint_url")) is not None:
        options["endpoint_url"] = _s3_endpoint(endpoint)
    if (region := option.get("region")) is not None:
        if not _REGION.match(region):
            raise ImproperlyConfigured(f"FILE_STORAGE_URL: {region!r} is not a region name")
        options["region_name"] = region
    if (style := option.get("addressing_style")) is not None:
        if style not in {"path", "virtual", "auto"}:
            raise ImproperlyConfigured(
                f"FILE_STORAGE_URL: addressing_style must be path, virtual or auto, not {style!r}"
            )
        options["addressing_style"] = style
    if (acl := option.get("acl")) is not None:
        if acl not in _S3_PRIVATE_ACLS:
            raise ImproperlyConfigured(
                f"FILE_STORAGE_URL: acl={acl} is not accepted: only private or "
                "bucket-owner-full-control (documents are never readable from the store by "
                "anyone but the site)"
            )
        options["default_acl"] = acl
    encryption: dict[str, str] = {}
    if (sse := option.get("sse")) is not None:
        if sse not in _S3_ENCRYPTION:
            raise ImproperlyConfigured(
                f"FILE_STORAGE_URL: sse must be one of {', '.join(sorted(_S3_ENCRYPTION))}, "
                f"not {sse!r}"
            )
        encryption["ServerSideEncryption"] = sse
    if (key_id := option.get("kms_key_id")) is not None:
        if not sse or not sse.startswith("aws:kms"):
            raise ImproperlyConfigured("FILE_STORAGE_URL: kms_key_id needs sse=aws:kms")
        encryption["SSEKMSKeyId"] = key_id
    options["object_parameters"] = encryption
    access_key = env_secret("FILE_STORAGE_ACCESS_KEY")
    secret_key = env_secret("FILE_STORAGE_SECRET_KEY")
    if bool(access_key) != bool(secret_key):
        raise ImproperlyConfigured(
            "FILE_STORAGE_ACCESS_KEY and FILE_STORAGE_SECRET_KEY go together: set both or neither"
        )
    if access_key:
        options["access_key"] = access_key
        options["secret_key"] = secret_key
    return {"BACKEND": PRIVATE_S3_STORAGE, "OPTIONS": options}


def _s3_endpoint(endpoint: str) -> str:
    """An object store's address: https://, or http:// only on this machine (documents would
    otherwise cross the network unencrypted)."""
    parts = urlsplit(endpoint)
    scheme = parts.scheme.lower()
    try:
        _ = parts.port
    except ValueError:
        raise ImproperlyConfigured("FILE_STORAGE_URL: endpoint_url has a bad port") from None
    if scheme not in {"http", "https"} or not parts.hostname:
        raise ImproperlyConfigured(
            "FILE_STORAGE_URL: endpoint_url must be https://HOST[:PORT], not "
            f"{_without_credentials(endpoint)!r}"
        )
    if "@" in parts.netloc:
        raise ImproperlyConfigured(
            "FILE_STORAGE_URL: credentials do not go in endpoint_url; set "
            "FILE_STORAGE_ACCESS_KEY and FILE_STORAGE_SECRET_KEY"
        )
    if parts.query or parts.fragment:
        raise ImproperlyConfigured("FILE_STORAGE_URL: endpoint_url takes no query or fragment")
    if scheme == "http" and parts.hostname not in _LOOPBACK:
        raise ImproperlyConfigured(
            "FILE_STORAGE_URL: endpoint_url must be https:// (http:// only to 127.0.0.1, ::1 "
            "or localhost): documents must not cross the network unencrypted"
        )
    return endpoint


def file_storage_settings(url: str, *, public_roots: list[Path]) -> dict[str, object]:
    """The `documents` entry of STORAGES from FILE_STORAGE_URL: `file:///absolute/folder`, a
    private folder on this machine, or `s3://BUCKET[/prefix]?endpoint_url=...`, an
    S3-compatible object store (s3_storage_settings). A folder must not be, hold or sit inside
    a folder the site serves publicly (`public_roots`: STATIC_ROOT, MEDIA_ROOT)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "s3":
        return s3_storage_settings(url)
    if scheme != "file":
        raise ImproperlyConfigured(
            "FILE_STORAGE_URL must start file:/// or s3://, not "
            f"{scheme + '://' if scheme else _without_credentials(url)!r}"
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
