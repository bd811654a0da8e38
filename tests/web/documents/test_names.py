"""Display names: no folders, no hidden characters, the extension of the real kind."""

from __future__ import annotations

import pytest

from plenary.web.documents.names import MAX_NAME_LENGTH, safe_name


@pytest.mark.parametrize(
    "raw, extension, expected",
    [
        ("minutes.pdf", ".pdf", "minutes.pdf"),
        ("../../etc/passwd", ".txt", "passwd.txt"),
        ("C:\\Users\\ann\\Desktop\\Receipt 12.JPG", ".jpg", "Receipt 12.jpg"),
        ("scan.png", ".pdf", "scan.pdf"),  # a PDF called .png is called .pdf
        ("invoice\u202egpj.exe", ".pdf", "invoicegpj.pdf"),  # right-to-left override gone
        ("line\nbreak\x00.pdf", ".pdf", "line break.pdf"),
        ('a "quoted" <name>?.pdf', ".pdf", "a _quoted_ _name__.pdf"),
        (".htaccess", ".txt", "htaccess.txt"),
        ("...", ".pdf", "document.pdf"),
        ("", ".odt", "document.odt"),
        (None, ".odt", "document.odt"),
        ("Cafe\u0301 notes.docx", ".docx", "Café notes.docx"),  # NFC: one é
        ("report v1.2 final", ".pdf", "report v1.2 final.pdf"),
        ("tabs\tand   spaces .pdf", ".pdf", "tabs and spaces.pdf"),
    ],
)
def test_safe_names(raw, extension, expected):
    assert safe_name(raw, extension) == expected


def test_a_long_name_is_cut_but_keeps_its_extension():
    name = safe_name("x" * 500 + ".pdf", ".pdf")
    assert len(name) == MAX_NAME_LENGTH and name.endswith("x.pdf")
