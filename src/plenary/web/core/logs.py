"""Logging filters for the settings' LOGGING."""

from __future__ import annotations

import logging


class RefusalsWithoutTraceback(logging.Filter):
    """Django logs a refused request (403, 400) with the exception that refused it, so every
    "not allowed" wrote a full traceback. A refusal is the site working as meant: log its
    one line and keep tracebacks for server errors (5xx)."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
