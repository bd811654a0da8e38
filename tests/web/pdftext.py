"""Reading a PDF's text back, for the tests of printed documents (make system-deps installs
pdftotext from poppler-utils; without it these fail, saying so, rather than skip)."""

from __future__ import annotations

import shutil
import subprocess


def pdf_text(data: bytes) -> str:
    """The text of a PDF as pdftotext reads it; pages are separated by form feeds."""
    assert shutil.which("pdftotext"), "pdftotext is missing: run make system-deps"
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return out.stdout.decode()


def squashed(text: str) -> str:
    """Without any whitespace, so a name wrapped over lines still reads as one."""
    return "".join(text.split())
