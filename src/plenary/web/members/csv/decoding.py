"""Reading an uploaded membership list: bytes to text (the encodings exports use), the
delimiter, and the table of header and rows. Refusals are `ImportFileError` with a message
for the person who uploaded the file."""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass

MAX_FILE_BYTES = 50 * 1024 * 1024

# Error messages (tests import these rather than repeating the text).
EMPTY_FILE = "The file is empty."
NOT_TEXT = "This is not a CSV file: it contains binary data. Export the list as CSV and try again."
TOO_BIG = f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB."
NO_HEADER = "The file has no header row: its first line must name the columns."
NO_ROWS = "The file has a header row but no members under it."
UNCLOSED_QUOTE = "unreadable: a quote is not closed, so the lines after it were not read"


class ImportFileError(Exception):
    """The file as a whole cannot be read (not a per-row problem)."""


# --- Reading the file --------------------------------------------------------------------


def decode_csv_bytes(data: bytes) -> str:
    """Text of an uploaded file in any common encoding: UTF-8 (with or without a byte-order
    mark), UTF-16 with a byte-order mark (Excel's "Unicode text"), or Windows-1252/Latin-1."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(TOO_BIG)
    if not data.strip():
        raise ImportFileError(EMPTY_FILE)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_or_none(data, "utf-16")
    else:
        text = _decode_or_none(data, "utf-8-sig")
        if text is None:
            # Every byte means something in Latin-1, so this is the last resort.
            text = _decode_or_none(data, "cp1252") or data.decode("latin-1")
    # Old DOS-era exports may end with Ctrl-Z; anything else of the kind is binary data.
    text = text.rstrip("\x1a") if text is not None else None
    if text is None or _CONTROL_CHARACTERS.search(text):
        raise ImportFileError(NOT_TEXT)
    if not text.strip():
        raise ImportFileError(EMPTY_FILE)
    return text


# Control characters never found in a text export; NUL in particular means binary data.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _decode_or_none(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever the header line uses most (outside quotes).
    Spreadsheets in many European locales write semicolons."""
    header = next((line for line in text[:65536].splitlines() if line.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {delimiter: unquoted.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


@dataclass(frozen=True)
class CsvTable:
    """A CSV file read into its header and its rows, each row with the line it starts on."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    delimiter: str
    # A problem that stopped reading part-way (an unterminated quote, say): (line, reason).
    read_error: tuple[int, str] | None = None

    def column_labels(self) -> list[str]:
        return [name or f"Column {index + 1}" for index, name in enumerate(self.header)]


def read_csv_table(text: str) -> CsvTable:
    delimiter = sniff_delimiter(text)
    # Strict: a quote left open would otherwise swallow the rest of the file into one cell
    # of one row, reported as that row's missing columns rather than as what it is.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    read_error = None
    line = 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                if header is None:
                    header = [cell.strip() for cell in record]
                else:
                    rows.append((line, record))
            line = reader.line_num + 1
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            read_error = (line, UNCLOSED_QUOTE)
        else:
            read_error = (line, f"cannot read this line as CSV ({error})")
    if header is None:
        raise ImportFileError(NO_HEADER)
    return CsvTable(header=header, rows=rows, delimiter=delimiter, read_error=read_error)
