"""Printed documents: a Django template rendered to PDF by WeasyPrint (docs/pdfs.md).

    from plenary.web.core.pdf import pdf_available, pdf_response, pdf_unavailable, render_pdf

    if (missing := pdf_available()) is not None:
        return pdf_unavailable(missing)
    pdf = render_pdf("elections/voting/result_pdf.html", {"election": e}, request=request)
    return pdf_response(pdf, f"{e.slug}-result.pdf")

WeasyPrint lays text out with the system's Pango, HarfBuzz and Fontconfig (Debian packages,
installed by ``make system-deps``). Whether they load is found out the first time a PDF is
asked for and kept for the life of the process: ``pdf_available()`` is ``None`` when the
engine works, or a sentence saying what is missing, which the page offering the PDF shows
instead of the link (see docs/decisions/0018-pdfs.md).

The document fetches nothing: the print stylesheet is read from this app's static folder and
every URL in the HTML (images, stylesheets) is refused, so no name or text in a template can
make the server open a file or a connection."""

from __future__ import annotations

import functools
import importlib
import re
from pathlib import Path
from types import ModuleType
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

PRINT_CSS = Path(__file__).parent / "static" / "core" / "print.css"

# The libraries WeasyPrint opens (as it names them) -> (what they are, the Debian package).
SYSTEM_LIBRARIES = {
    "libgobject-2.0-0": ("GLib", "libglib2.0-0"),
    "libpango-1.0-0": ("Pango", "libpango-1.0-0"),
    "libharfbuzz-0": ("HarfBuzz", "libharfbuzz0b"),
    "libfontconfig-1": ("Fontconfig", "libfontconfig1"),
    "libpangoft2-1.0-0": ("PangoFT2", "libpangoft2-1.0-0"),
}
FIX = "run make system-deps (as root), then restart plenary"


class PdfUnavailable(RuntimeError):
    """The PDF engine cannot run here; the message says what is missing."""


def _import_weasyprint() -> ModuleType:
    return importlib.import_module("weasyprint")


def _missing_library(error: OSError) -> str:
    """What a failed load of a system library means, in words an administrator can act on."""
    found = re.search(r"cannot load library '([^']+)'", str(error))
    name = found.group(1) if found else ""
    if name in SYSTEM_LIBRARIES:
        what, package = SYSTEM_LIBRARIES[name]
        return (
            f"the system library {what} ({name}, Debian package {package}) is not installed: {FIX}"
        )
    return f"a system library PDF rendering needs could not be loaded ({error}): {FIX}"


@functools.cache
def pdf_available() -> str | None:
    """None when PDFs can be made here; otherwise what is missing. Checked once per process
    (the first call imports WeasyPrint and renders a one-line document)."""
    try:
        weasyprint = _import_weasyprint()
    except ImportError:
        return (
            "the Python package weasyprint is not installed: it is one of plenary's "
            "dependencies, so reinstall plenary (make run or make test does)"
        )
    except OSError as error:
        return _missing_library(error)
    except Exception as error:  # noqa: BLE001 - e.g. a warning the settings turn into an error
        return f"WeasyPrint could not start ({error!r}): {FIX}"
    try:
        pdf = weasyprint.HTML(string="<p>plenary</p>").write_pdf()
    except OSError as error:
        return _missing_library(error)
    except Exception as error:  # noqa: BLE001 - any failure of the probe means no PDFs
        return f"the PDF engine failed on a one-line test document ({error!r}): {FIX}"
    if not pdf or not pdf.startswith(b"%PDF-"):
        return f"the PDF engine produced no PDF for a one-line test document: {FIX}"
    return None


@functools.cache
def _print_css() -> str:
    return PRINT_CSS.read_text(encoding="utf-8")


def render_pdf(
    template_name: str, context: dict[str, Any], *, request: HttpRequest | None = None
) -> bytes:
    """The template, rendered like a page (autoescaped; with the request, the context
    processors' values too), laid out on A4 by the print stylesheet. Templates extend
    ``core/pdf/base.html``. Raises PdfUnavailable when the engine cannot run here."""
    if (missing := pdf_available()) is not None:
        raise PdfUnavailable(missing)
    weasyprint = _import_weasyprint()
    from weasyprint.urls import URLFetcher

    html = render_to_string(template_name, context, request=request)
    refuse_all = URLFetcher(allowed_protocols=())  # no file, no http, no data: nothing
    document = weasyprint.HTML(string=html, url_fetcher=refuse_all, media_type="print")
    stylesheet = weasyprint.CSS(string=_print_css(), url_fetcher=refuse_all)
    pdf: bytes = document.write_pdf(stylesheets=[stylesheet])
    return pdf


def pdf_response(pdf: bytes, filename: str, *, attachment: bool = True) -> HttpResponse:
    """The PDF as a download (or, with attachment=False, shown in the browser)."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(attachment, filename) or ""
    response["X-Content-Type-Options"] = "nosniff"
    return response


def pdf_unavailable(reason: str) -> HttpResponse:
    """503 with what is missing, for a PDF URL on a server that cannot make PDFs."""
    return HttpResponse(
        f"PDFs cannot be made on this server: {reason}.\n",
        status=503,
        content_type="text/plain; charset=utf-8",
    )
