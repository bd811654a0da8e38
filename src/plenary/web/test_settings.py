"""Settings for the test suite: the real settings, with fast password hashing and no HTTPS."""

import os

os.environ.setdefault("PLENARY_TESTING", "true")
os.environ.setdefault("PLENARY_OFFICER_MFA", "required")

from plenary.web.settings import *  # noqa: E402,F403

# Tests serve static files from the app folders (whitenoise finders), not a collected manifest.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Background tasks run at once, in the test's own thread and transaction.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
