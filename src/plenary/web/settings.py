"""Django settings. Every value an operator may change comes from the environment;
.env.example lists them all with their development defaults."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from plenary.web.env import (
    cache_settings,
    email_settings,
    env_bool,
    env_int,
    env_list,
    env_secret,
    env_str,
    file_storage_settings,
)

SOURCE_ROOT = Path(__file__).resolve().parents[3]
DATA_DIR = Path(env_str("PLENARY_DATA_DIR", str(SOURCE_ROOT / "var")))

DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("PLENARY_TESTING", False)


def _secret_key() -> str:
    """SECRET_KEY (or SECRET_KEY_FILE); failing that a random key kept in the data folder,
    so a one-machine install never ships or shares a key."""
    if key := env_secret("SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Exclusive create: when several processes start at once, exactly one key is written.
        with open(path, "x", opener=lambda name, flags: os.open(name, flags, 0o600)) as file:
            file.write(secrets.token_urlsafe(50))
    except FileExistsError:
        pass
    return path.read_text().strip()


SECRET_KEY = _secret_key()
# Signs the audit log's head (`plenary audit head`, docs/audit.md). Unset, a key derived from
# SECRET_KEY with a salt of its own; set it so that rotating SECRET_KEY keeps old heads valid.
PLENARY_AUDIT_KEY = env_secret("PLENARY_AUDIT_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Before allauth, so its templates (core/templates/allauth/layouts/base.html) put allauth's
    # pages in the site's own layout.
    "plenary.web.core",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "rules",
    "plenary.web.accounts",
    "plenary.web.organisation",
    "plenary.web.members",
    "plenary.web.audit",
    "plenary.web.lifecycles",
    "plenary.web.documents",
    "plenary.web.notifications",
    "plenary.web.elections",
    "plenary.web.api",
    "ninja",  # only so its docs page uses the bundled Swagger UI, not a CDN
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "plenary.web.api.middleware.ApiBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "plenary.web.accounts.middleware.OfficerTwoFactorMiddleware",
]

ROOT_URLCONF = "plenary.web.urls"
WSGI_APPLICATION = "plenary.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "plenary.web.organisation.context_processors.organisation",
                "plenary.web.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'plenary.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while a write commits; IMMEDIATE avoids lock upgrades failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# The cache is where the login throttles count, so it must be one for all worker processes:
# the database by default (`plenary createcachetable` makes its table), Redis by URL.
CACHES = {"default": cache_settings(env_str("CACHE_URL", "db://"))}
# Background work (counting an election) goes through django-tasks; the database backend keeps
# the queue in the site's own database; `plenary db_worker` (started by `plenary serve`) runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Each app's permissions.py (docs/decisions/0009-permissions.md).
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Accounts (django-allauth): email is the login; sign-up is open only to emails on the roll.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "plenary.web.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"login": "plenary.web.accounts.forms.LoginForm"}
# allauth's failed-login limit counts per account from anywhere: a stranger's five wrong
# passwords would lock the member out. plenary.web.accounts.login_throttle replaces it
# (by client and account, never a lockout; decision 0011). allauth's other limits stay.
# Sign-up: per client, and per address so nobody can make the site mail a member over and
# over (the view passes the address as the key).
ACCOUNT_RATE_LIMITS = {"login_failed": None, "signup": "20/m/ip,3/h/key"}
PLENARY_LOGIN_THROTTLE = {
    "window": 15 * 60,  # seconds: the failures of the last quarter of an hour count
    "per_client_account": 5,  # one client (IP) on one account
    "per_client": 50,  # one client on any accounts
    "account_under_attack": 20,  # one account from all clients: then, for every client,
    "per_client_account_under_attack": 2,  # this many on that account
}
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "plenary")
# Anyone holding an office or sitting on a body must use TOTP; "off" only for a local demo.
PLENARY_OFFICER_MFA = env_str("PLENARY_OFFICER_MFA", "required")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it before collectstatic runs
STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# A page must still render when collectstatic has not been run (tests, a first start).
WHITENOISE_MANIFEST_STRICT = False
WHITENOISE_USE_FINDERS = DEBUG or TESTING
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
# Uploaded documents (plenary.web.documents): a private folder, never served as static or
# media files; each is served only by its owning app's view, after its permission check.
FILE_STORAGE_URL = env_str("FILE_STORAGE_URL", (DATA_DIR / "documents").absolute().as_uri())
STORAGES["documents"] = file_storage_settings(
    FILE_STORAGE_URL, public_roots=[STATIC_ROOT, MEDIA_ROOT]
)

globals().update(email_settings(env_str("EMAIL_URL", "console://")))
# The site's public address, for the links in emails sent by the background worker (which
# has no request to take it from): scheme, host and any sub-path.
SITE_URL = env_str("SITE_URL", "http://localhost:8000")
# When the daily digest of notifications goes out: this hour, on the site's clock (TIME_ZONE).
NOTIFICATIONS_DIGEST_HOUR = env_int("NOTIFICATIONS_DIGEST_HOUR", 7)
if not 0 <= NOTIFICATIONS_DIGEST_HOUR <= 23:
    raise ImproperlyConfigured("NOTIFICATIONS_DIGEST_HOUR must be an hour from 0 to 23")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "plenary <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Admin", addr) for addr in env_list("ADMIN_EMAILS", [])]

# Production hardening: on whenever DEBUG is off, unless the operator says the site is
# served over plain HTTP (a single machine on a private network).
HTTPS = env_bool("HTTPS", not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and env_bool("SECURE_HSTS_PRELOAD", False)
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
# The login throttle counts by client address: behind a proxy every request comes from the
# proxy, so take the client from X-Forwarded-For, trusting as many hops as there are proxies.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_PROXY else 0)
SESSION_COOKIE_HTTPONLY = True
# Encrypted data, an expiry rounded to the day: a database copy cannot date a visit.
SESSION_ENGINE = "plenary.web.core.sessions"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy on every response (django-csp; docs/decisions/0011): scripts,
# styles, fonts and requests only from the site itself, never inline; images also as data:
# URIs (the two-factor set-up page's QR code, Swagger UI's icons); no plugins, no framing,
# forms post only to the site. The API docs page (/api/docs) runs under the same policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SILENCED_SYSTEM_CHECKS = ["security.W021"] if not SECURE_HSTS_PRELOAD else []

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "refusals_without_traceback": {"()": "plenary.web.core.logs.RefusalsWithoutTraceback"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # A 403 or 400 is one line, not a traceback (core/logs.py).
        "django.request": {"filters": ["refusals_without_traceback"]},
        "django.server": {"level": "INFO"},
        "weasyprint.progress": {"level": "WARNING"},  # a line per rendering step otherwise
    },
}
