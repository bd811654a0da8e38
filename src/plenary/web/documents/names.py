"""A display name that is safe to show, keep and send back in a Content-Disposition header.

It is only ever shown: files are stored under random names, never under this one."""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_LENGTH = 120
FALLBACK_NAME = "document"
# Reserved on Windows, or a quote that would end a header parameter.
_RESERVED = re.compile(r'[<>:"/\\|?*]')
_SPACES = re.compile(r"\s+")


def safe_name(raw: str | None, extension: str) -> str:
    """`raw` (the uploaded file's name) made safe, ending in `extension` (".pdf"): no folders,
    no control or invisible formatting characters (a right-to-left override could make
    "invoice\u202egpj.exe" read "invoiceexe.jpg"), no leading dots, normalised (NFC), at most
    120 characters; the extension is that of the detected kind, whatever the upload said."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _SPACES.sub(" ", unicodedata.normalize("NFC", name))
    name = "".join(c for c in name if unicodedata.category(c) not in {"Cc", "Cf", "Cs", "Co", "Cn"})
    name = _SPACES.sub(" ", _RESERVED.sub("_", name)).strip().lstrip(". ")
    stem, dot, old_extension = name.rpartition(".")
    if dot and stem and len(old_extension) <= 5 and " " not in old_extension:
        name = stem
    name = name.rstrip(". ") or FALLBACK_NAME
    return name[: MAX_NAME_LENGTH - len(extension)].rstrip(". ") + extension
