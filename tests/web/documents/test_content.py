"""What a file is, from its bytes: the allow-list, macros and archives refused, metadata gone."""

from __future__ import annotations

import bz2
import io
import tarfile

import pytest
from PIL import Image

from plenary.web.documents import content
from plenary.web.documents.content import ContentRefused, content_check
from plenary.web.documents.models import Kind
from tests.web.documents import files

STANDARD = content.STANDARD_KINDS


@pytest.mark.parametrize(
    "data, kind",
    [
        (files.PDF, Kind.PDF),
        (files.docx(), Kind.DOCX),
        (files.odt(), Kind.ODT),
        (files.image("PNG"), Kind.PNG),
        (files.image("JPEG"), Kind.JPEG),
    ],
)
def test_each_allowed_kind_is_recognised_by_its_content(data, kind):
    checked = content_check(data, STANDARD)
    assert checked.kind == kind
    assert checked.content_type == content.CONTENT_TYPES[kind]


def test_a_pdf_is_a_pdf_whatever_it_is_called_and_refused_where_only_images_are_allowed():
    assert content_check(files.PDF, STANDARD).kind == Kind.PDF
    with pytest.raises(ContentRefused) as refusal:
        content_check(files.PDF, {Kind.PNG, Kind.JPEG})
    assert (
        str(refusal.value) == "This file is a PDF, which is not accepted here. Accepted: PNG, JPG."
    )


def _tar() -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as archive:
        info = tarfile.TarInfo("a.txt")
        info.size = 2
        archive.addfile(info, io.BytesIO(b"hi"))
    return out.getvalue()


@pytest.mark.parametrize(
    "data, message",
    [
        (
            b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120,
            content.NOT_ALLOWED.format(accepted="PDF, DOCX, ODT, PNG, JPG"),
        ),
        (
            b"<html><script>alert(1)</script></html>",
            content.NOT_ALLOWED.format(accepted="PDF, DOCX, ODT, PNG, JPG"),
        ),
        (files.zip_of([("report.pdf", files.PDF)]), content.ARCHIVE),
        (b"\x1f\x8b\x08\x00" + b"\x00" * 20, content.ARCHIVE),
        (b"7z\xbc\xaf\x27\x1c\x00\x04", content.ARCHIVE),
        (b"Rar!\x1a\x07\x01\x00", content.ARCHIVE),
        (bz2.compress(b"hello"), content.ARCHIVE),
        (_tar(), content.ARCHIVE),
        (b"PK\x03\x04 not really a zip", content.ARCHIVE),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, content.OLD_OFFICE),
        (
            files.docx(("word/vbaProject.bin", b"\xd0\xcf\x11\xe0")),
            content.MACROS.format(kind="DOCX"),
        ),
        (files.docx(types=files.DOCM_TYPES), content.MACROS.format(kind="DOCX")),
        (files.docx(("word/activeX/activeX1.xml", "<ax/>")), content.MACROS.format(kind="DOCX")),
        (
            files.odt(("Basic/Standard/Module1.xml", "<script:module/>")),
            content.MACROS.format(kind="ODT"),
        ),
        (files.odt(("Scripts/python/run.py", "import os")), content.MACROS.format(kind="ODT")),
        (
            files.odt(mimetype="application/vnd.oasis.opendocument.spreadsheet"),
            content.NOT_ALLOWED_ODF,
        ),
        (files.image("PNG")[:40], content.BROKEN.format(kind="a PNG image")),
        (b"\xff\xd8\xff\xe0 broken", content.BROKEN.format(kind="a JPEG image")),
        (b"", content.EMPTY),
    ],
    ids=[
        "exe",
        "html",
        "zip",
        "gzip",
        "7z",
        "rar",
        "bzip2",
        "tar",
        "bad-zip",
        "old-doc",
        "docm-vba",
        "docm-type",
        "docx-activex",
        "odt-basic",
        "odt-scripts",
        "ods",
        "cut-png",
        "bad-jpeg",
        "empty",
    ],
)
def test_anything_else_is_refused_with_a_reason(data, message):
    with pytest.raises(ContentRefused) as refusal:
        content_check(data, STANDARD)
    assert str(refusal.value) == message


def test_text_is_accepted_only_where_the_use_asks_for_it():
    data = "Number;Name\n1;Zoë\n".encode()
    with pytest.raises(ContentRefused):
        content_check(data, STANDARD)
    assert content_check(data, {Kind.CSV}).kind == Kind.CSV
    assert content_check(data, {Kind.TEXT}).content_type == "text/plain"
    assert content_check("a,b\n".encode("utf-16"), {Kind.CSV}).kind == Kind.CSV
    assert content_check(b"\xef\xbb\xbfBZh;PK\r\n1;2\r\n\x1a", {Kind.CSV}).kind == Kind.CSV
    for binary in [b"a,b\x00\n", b"\x01\x02\x03", b"\x1b[31mred"]:
        with pytest.raises(ContentRefused):
            content_check(binary, {Kind.CSV})
    # A PDF is not "text" because a CSV is asked for.
    with pytest.raises(ContentRefused, match="is a PDF"):
        content_check(files.PDF, {Kind.CSV})


def test_a_jpeg_loses_its_exif_and_comment_and_is_turned_upright():
    original = files.image("JPEG", exif=True, size=(8, 6))
    with Image.open(io.BytesIO(original)) as before:
        assert before.getexif()[0x010F] == "PhoneMaker" and b"High Street" in original
    checked = content_check(original, STANDARD)
    assert b"PhoneMaker" not in checked.data and b"High Street" not in checked.data
    with Image.open(io.BytesIO(checked.data)) as after:
        assert after.format == "JPEG"
        assert dict(after.getexif()) == {}
        assert "comment" not in after.info and "exif" not in after.info
        assert after.size == (6, 8)  # the orientation tag said: turned


def test_a_png_loses_its_exif_and_text_chunks():
    original = files.image("PNG", exif=True)
    assert b"PhoneMaker" in original and b"High Street" in original
    checked = content_check(original, STANDARD)
    assert b"PhoneMaker" not in checked.data and b"High Street" not in checked.data
    with Image.open(io.BytesIO(checked.data)) as after:
        assert after.format == "PNG" and dict(after.getexif()) == {}
        assert "Comment" not in after.info


def test_an_image_too_large_to_decode_safely_is_refused(monkeypatch):
    monkeypatch.setattr(content, "MAX_IMAGE_PIXELS", 40)
    with pytest.raises(ContentRefused, match="too large"):
        content_check(files.image("PNG", size=(10, 10)), STANDARD)
