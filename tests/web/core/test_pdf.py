"""core/pdf.py: a template rendered to PDF by WeasyPrint, read back with pdftotext.

These tests need WeasyPrint's system libraries and poppler-utils (make system-deps installs
them); where either is missing they fail, saying so, rather than skip."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plenary.web.core import pdf
from tests.web.pdftext import pdf_text, squashed

TEMPLATE = """{% extends "core/pdf/base.html" %}
{% block title %}Notice: {{ name }}{% endblock %}
{% block content %}<h1>Notice: {{ name }}</h1>
<table><thead><tr><th>Candidate</th><th>Votes</th></tr></thead>
<tbody><tr><th>{{ name }}</th><td>12</td></tr></tbody></table>
{% for i in pages %}<p class="filler">Paragraph {{ i }} of a long notice.</p>{% endfor %}
{% endblock %}"""


@pytest.fixture
def template(settings, tmp_path):
    (tmp_path / "notice.html").write_text(TEMPLATE, encoding="utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    return "notice.html"


@pytest.fixture
def engine():
    """The real engine, and a fresh look at whether it works."""
    pdf.pdf_available.cache_clear()
    missing = pdf.pdf_available()
    assert missing is None, f"WeasyPrint cannot run here: {missing}"
    yield
    pdf.pdf_available.cache_clear()


def test_a_template_renders_to_a_pdf_whose_text_reads_back(engine, template):
    data = pdf.render_pdf(template, {"name": "Ann Able", "pages": range(3)})
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    assert "Notice: Ann Able" in text and "Candidate" in text and "Paragraph 2" in text


def test_pages_are_numbered_and_headed_with_the_title(engine, template):
    data = pdf.render_pdf(template, {"name": "Ann Able", "pages": range(150)})
    text = pdf_text(data)
    pages = text.count("\f")
    assert pages >= 2
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert text.count("Notice: Ann Able") >= pages  # the running head on every page


@pytest.mark.parametrize(
    "name",
    [
        "<script>alert(1)</script>",
        '"><img src="file:///etc/passwd">',
        "Bartholomew " * 16 + "Smith",
        "W" * 200,
    ],
    ids=["script", "tag", "many-words", "one-long-word"],
)
def test_a_hostile_or_very_long_name_is_text(engine, template, name):
    text = pdf_text(pdf.render_pdf(template, {"name": name, "pages": []}))
    assert squashed(name) in squashed(text)


def test_nothing_is_fetched(engine, settings, tmp_path, caplog):
    (tmp_path / "fetch.html").write_text(
        '{% extends "core/pdf/base.html" %}{% block content %}'
        '<img src="file:///etc/passwd" alt="picture"><p>After</p>{% endblock %}',
        encoding="utf-8",
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    text = pdf_text(pdf.render_pdf("fetch.html", {}))
    assert "After" in text and "root:" not in text
    assert any("disallowed protocol" in r.getMessage() for r in caplog.records)


def test_the_response_is_a_named_attachment():
    response = pdf.pdf_response(b"%PDF-1.7 test", "exec-2026-result.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="exec-2026-result.pdf"'


def test_unavailable_is_a_503_saying_what_is_missing():
    response = pdf.pdf_unavailable("the system library Pango is not installed")
    assert response.status_code == 503
    assert "the system library Pango is not installed" in response.content.decode()


@pytest.fixture
def probe():
    pdf.pdf_available.cache_clear()
    yield
    pdf.pdf_available.cache_clear()


def test_a_missing_system_library_is_named_with_its_debian_package(probe, monkeypatch):
    def fail():
        raise OSError(
            "cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object "
            "file: No such file or directory"
        )

    monkeypatch.setattr(pdf, "_import_weasyprint", fail)
    missing = pdf.pdf_available()
    assert missing is not None
    assert "Pango" in missing and "libpango-1.0-0" in missing and "make system-deps" in missing
    with pytest.raises(pdf.PdfUnavailable, match="Pango"):
        pdf.render_pdf("core/pdf/base.html", {})


def test_a_missing_python_package_says_so(probe, monkeypatch):
    def fail():
        raise ImportError("No module named 'weasyprint'")

    monkeypatch.setattr(pdf, "_import_weasyprint", fail)
    assert "Python package weasyprint" in (pdf.pdf_available() or "")


def test_the_check_is_made_once(probe, monkeypatch):
    calls = []

    def fail():
        calls.append(1)
        raise OSError("cannot load library 'libfontconfig-1': not found")

    monkeypatch.setattr(pdf, "_import_weasyprint", fail)
    assert pdf.pdf_available() == pdf.pdf_available()
    assert "Fontconfig" in (pdf.pdf_available() or "") and len(calls) == 1


def test_make_run_and_make_test_both_install_the_system_packages():
    makefile = (Path(__file__).resolve().parents[3] / "Makefile").read_text()
    targets = dict(re.findall(r"^(run|test): (\$\(STAMP\)[^\n]*)$", makefile, flags=re.M))
    assert "system-deps" in targets["run"].split() and "system-deps" in targets["test"].split()
    script = (Path(__file__).resolve().parents[3] / "scripts" / "ensure-system-deps.sh").read_text()
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "fonts-dejavu-core", "poppler-utils"):
        assert f"missing+=({package})" in script, package
