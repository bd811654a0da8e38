"""Small files of each kind, made in the test (Pillow for images, zipfile for containers)."""

from __future__ import annotations

import io
import zipfile

from PIL import Image
from PIL.PngImagePlugin import PngInfo

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

DOCX_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
DOCM_TYPES = DOCX_TYPES.replace(
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "vnd.ms-word.document.macroEnabled.main+xml",
)


def zip_of(members: list[tuple[str, bytes | str]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as container:
        for name, content in members:
            compress = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            container.writestr(name, content, compress_type=compress)
    return out.getvalue()


def docx(*extra: tuple[str, bytes | str], types: str = DOCX_TYPES) -> bytes:
    return zip_of([("[Content_Types].xml", types), ("word/document.xml", "<w:document/>"), *extra])


def odt(*extra: tuple[str, bytes | str], mimetype: str = "application/vnd.oasis.opendocument.text"):
    return zip_of([("mimetype", mimetype), ("content.xml", "<office:document/>"), *extra])


def image(kind: str, *, exif: bool = False, size: tuple[int, int] = (8, 6)) -> bytes:
    picture = Image.new("RGB", size, (200, 30, 30))
    options: dict[str, object] = {}
    if exif:
        tags = Image.Exif()
        tags[0x010F] = "PhoneMaker"  # Make
        tags[0x0110] = "Phone 12"  # Model
        tags[0x0132] = "2026:11:30 19:04:00"  # DateTime
        tags[0x0112] = 6  # Orientation: turned 90 degrees
        options["exif"] = tags.tobytes()
        if kind == "JPEG":
            options["comment"] = b"taken at 1 High Street"
        else:
            text = PngInfo()
            text.add_text("Comment", "taken at 1 High Street")
            options["pnginfo"] = text
    out = io.BytesIO()
    picture.save(out, kind, **options)
    return out.getvalue()
