"""What a file is, decided from its bytes alone (never its name or the browser's say-so), and
the cleaning a kind needs before it is kept (image metadata stripped).

Each allowed kind has a check of its own structure: PDF by its header; PNG and JPEG by
decoding them with Pillow, then re-encoding without metadata; DOCX and ODT by opening the
zip container and reading what it declares itself to be, refusing macros; CSV and plain
text by the absence of binary data. Anything else, archives first of all, is refused with
a message for the person who uploaded it."""

from __future__ import annotations

import codecs
import io
import re
import warnings
import zipfile
from collections.abc import Collection
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from plenary.web.documents.models import Kind

STANDARD_KINDS = frozenset({Kind.PDF, Kind.DOCX, Kind.ODT, Kind.PNG, Kind.JPEG})
CONTENT_TYPES = {
    Kind.PDF: "application/pdf",
    Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Kind.ODT: "application/vnd.oasis.opendocument.text",
    Kind.PNG: "image/png",
    Kind.JPEG: "image/jpeg",
    Kind.CSV: "text/csv",
    Kind.TEXT: "text/plain",
}
EXTENSIONS = {
    Kind.PDF: ".pdf",
    Kind.DOCX: ".docx",
    Kind.ODT: ".odt",
    Kind.PNG: ".png",
    Kind.JPEG: ".jpg",
    Kind.CSV: ".csv",
    Kind.TEXT: ".txt",
}
# What a browser may show in a tab (under a sandboxing CSP) rather than download.
INLINE_KINDS = frozenset({Kind.PDF, Kind.PNG, Kind.JPEG})

# An image larger than this is refused rather than decoded (a "decompression bomb").
MAX_IMAGE_PIXELS = 50_000_000
# Bytes read from one member of a zip container when checking what it is.
_ZIP_MEMBER_READ = 1024 * 1024

# Messages (tests import these rather than repeating the text).
EMPTY = "The file is empty."
NOT_ALLOWED = "This type of file is not accepted here. Accepted: {accepted}."
IS_KIND_NOT_ALLOWED = "This file is {kind}, which is not accepted here. Accepted: {accepted}."
ARCHIVE = "Archives (zip, 7z, rar, tar, gzip) are not accepted: upload the documents themselves."
MACROS = "Documents with macros are not accepted: save it as a plain {kind} (or PDF) first."
OLD_OFFICE = "Old Office files (.doc, .xls, .ppt) are not accepted: save it as DOCX or PDF."
ENCRYPTED = "Password-protected documents are not accepted."
BROKEN = "This file looks like {kind} but cannot be read: it may be damaged."
IMAGE_TOO_LARGE = "The image is too large (more than 50 megapixels)."


class ContentRefused(ValueError):
    """The content is not one of the kinds allowed; the message says why, for a person."""


@dataclass(frozen=True)
class CheckedContent:
    kind: Kind
    data: bytes  # as it is to be kept: image metadata stripped

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


def accepted_label(kinds: Collection[Kind]) -> str:
    return ", ".join(EXTENSIONS[kind].lstrip(".").upper() for kind in Kind if kind in kinds)


def content_check(data: bytes, kinds: Collection[Kind]) -> CheckedContent:
    """The kind of `data`, if it is one of `kinds`, and the bytes to keep; else ContentRefused."""
    if not data:
        raise ContentRefused(EMPTY)
    kind = _detect(data)
    if kind is None and (Kind.CSV in kinds or Kind.TEXT in kinds) and _is_text(data):
        kind = Kind.CSV if Kind.CSV in kinds else Kind.TEXT
    if kind is None:
        raise ContentRefused(NOT_ALLOWED.format(accepted=accepted_label(kinds)))
    if kind not in kinds:
        raise ContentRefused(
            IS_KIND_NOT_ALLOWED.format(kind=_a(kind), accepted=accepted_label(kinds))
        )
    if kind in (Kind.PNG, Kind.JPEG):
        data = _image_without_metadata(data, kind)
    return CheckedContent(kind, data)


def _a(kind: Kind) -> str:
    label = kind.label
    return ("an " if label[0] in "AEIOU" else "a ") + label


# --- Recognising a kind ----------------------------------------------------------------------

_SIGNATURES: list[tuple[bytes, Kind]] = [
    (b"%PDF-", Kind.PDF),
    (b"\x89PNG\r\n\x1a\n", Kind.PNG),
    (b"\xff\xd8\xff", Kind.JPEG),
]
_ARCHIVES = [
    b"\x1f\x8b",  # gzip
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\xfd7zXZ\x00",
    b"\x28\xb5\x2f\xfd",  # zstandard
]
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


def _detect(data: bytes) -> Kind | None:
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if data.startswith(_ZIP):
        return _zip_kind(data)
    if data.startswith(tuple(_ARCHIVES)) or _BZIP2.match(data) or data[257:262] == b"ustar":
        raise ContentRefused(ARCHIVE)
    if data.startswith(_OLE2):
        raise ContentRefused(OLD_OFFICE)
    return None


def _zip_kind(data: bytes) -> Kind:
    """DOCX or ODT, by what the container says of itself; any other zip is an archive."""
    try:
        container = zipfile.ZipFile(io.BytesIO(data))
        members = container.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise ContentRefused(ARCHIVE) from None
    names = {member.filename for member in members}
    lowered = {name.lower() for name in names}
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        kind = Kind.DOCX
        declared = _read_member(container, "[Content_Types].xml", kind)
        if b"macroEnabled" in declared or any(
            name.endswith(("vbaproject.bin", "vbadata.xml")) or name.startswith("word/activex/")
            for name in lowered
        ):
            raise ContentRefused(MACROS.format(kind="DOCX"))
        if b"wordprocessingml.document.main+xml" not in declared:
            raise ContentRefused(BROKEN.format(kind=_a(kind)))
    elif members and members[0].filename == "mimetype":
        declared = _read_member(container, "mimetype", Kind.ODT).strip()
        if declared != CONTENT_TYPES[Kind.ODT].encode():
            raise ContentRefused(NOT_ALLOWED_ODF)
        kind = Kind.ODT
        # OpenDocument keeps Basic macros under Basic/ and other scripts under Scripts/.
        if any(name.startswith(("basic/", "scripts/")) for name in lowered):
            raise ContentRefused(MACROS.format(kind="ODT"))
    else:
        raise ContentRefused(ARCHIVE)
    if any(member.flag_bits & 0x1 for member in members):
        raise ContentRefused(ENCRYPTED)
    return kind


NOT_ALLOWED_ODF = "Of the OpenDocument formats only text documents (ODT) are accepted."


def _read_member(container: zipfile.ZipFile, name: str, kind: Kind) -> bytes:
    try:
        with container.open(name) as member:
            return member.read(_ZIP_MEMBER_READ)
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError):
        # RuntimeError: encrypted; NotImplementedError: an unknown compression method.
        raise ContentRefused(BROKEN.format(kind=_a(kind))) from None


# Control characters never found in text; NUL in particular means binary data.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0e-\x19\x1b-\x1f\x7f]")


def _is_text(data: bytes) -> bool:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return False
    else:
        # Latin-1 decodes any bytes: what is looked for here are the control characters.
        text = data.decode("latin-1")
    return not _CONTROL_CHARACTERS.search(text)


# --- Images ----------------------------------------------------------------------------------


def _image_without_metadata(data: bytes, kind: Kind) -> bytes:
    """The image decoded and written again with none of its metadata (EXIF: camera, time,
    place; comments; XMP), turned upright first as its EXIF orientation said. Its colour
    profile is kept: it is needed to show the colours right and says nothing of anyone."""
    pillow_format = "PNG" if kind == Kind.PNG else "JPEG"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[pillow_format]) as probe:
                if probe.width * probe.height > MAX_IMAGE_PIXELS:
                    raise ContentRefused(IMAGE_TOO_LARGE)
                probe.verify()
            with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
                image.load()
                icc_profile = image.info.get("icc_profile")
                upright = ImageOps.exif_transpose(image)
    except ContentRefused:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ContentRefused(IMAGE_TOO_LARGE) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ContentRefused(BROKEN.format(kind=_a(kind))) from None
    # A copy carries the pixels and palette; of its info only what shows the pixels is kept.
    clean = upright.copy()
    clean.info = {key: upright.info[key] for key in ("transparency",) if key in upright.info}
    options: dict[str, object] = {}
    if icc_profile:
        options["icc_profile"] = icc_profile
    if kind == Kind.JPEG:
        options["quality"] = 92
    out = io.BytesIO()
    clean.save(out, pillow_format, **options)
    return out.getvalue()
