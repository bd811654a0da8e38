"""Keeping an upload on the server between the steps of the web import."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
from pathlib import Path

from django.conf import settings

from plenary.web.members.csv.decoding import ImportFileError

UPLOAD_EXPIRED = "The uploaded file is no longer on the server; upload it again."


class UploadStore:
    """Uploaded files wait on the server between the upload, column and preview steps, in
    a private folder under a random token; the browser only ever holds the session cookie.
    Files older than a day are swept away whenever a new one is saved."""

    MAX_AGE_SECONDS = 24 * 60 * 60
    _TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def default(cls) -> UploadStore:
        folder = getattr(settings, "PLENARY_IMPORT_DIR", None) or settings.DATA_DIR / "imports"
        return cls(Path(folder))

    def save(self, data: bytes) -> str:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._sweep()
        token = secrets.token_urlsafe(24)
        descriptor = os.open(self._path(token), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        return token

    def load(self, token: str) -> bytes:
        try:
            return self._path(token).read_bytes()
        except (FileNotFoundError, ValueError):
            raise ImportFileError(UPLOAD_EXPIRED) from None

    def delete(self, token: str) -> None:
        try:
            self._path(token).unlink(missing_ok=True)
        except ValueError:
            pass

    def _path(self, token: str) -> Path:
        # The token comes from the session, but check it anyway: it names a file.
        if not self._TOKEN.match(token):
            raise ValueError("not an upload token")
        return self.folder / f"{token}.csv"

    def _sweep(self) -> None:
        cutoff = time.time() - self.MAX_AGE_SECONDS
        for path in self.folder.glob("*.csv"):
            with contextlib.suppress(FileNotFoundError):
                if path.stat().st_mtime < cutoff:
                    path.unlink()
