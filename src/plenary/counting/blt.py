"""Reading and writing BLT ballot files (the OpenSTV / OpaVote / Droop format).

    3 2                  candidates and seats
    -2                   optional: withdrawn candidates, as negative numbers
    4 1 2 0              weight, preferences (1-based), 0 ends the line
    2 3=1 0              equal preferences
    (b7) 1 2 3 0         optional ballot id in parentheses, then a single ballot
    0                    end of ballots
    "Castor"             one name per candidate, then the title
    "Pollux"
    "Helen"
    "Election title"

Real files are messier (see the Scottish council files): names may be unquoted, carry
doubled quotes inside quotes, be given only in ``# ALTERNATIVE NAME k:``
comments; spreadsheet exports add trailing commas. We accept every file whose meaning is
clear and raise ``BltError(path, line, reason)`` otherwise. A file may give more seats than
candidates (a section that did not fill): it is counted, and the seats left are vacant.

The ballot section is parsed with numpy in one pass when it holds only plain numbers;
anything else (equal preferences, ballot ids, errors to locate) takes the exact
line-by-line path.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import numpy as np

from plenary.counting.profile import (
    PAD,
    BallotFileError,
    Profile,
    ProfileError,
    TiedRanking,
    candidates_error,
    pack_rankings,
    table_size_error,
)

# profile.MAX_CANDIDATES is checked on the header line, and profile.MAX_TABLE_CELLS as the
# ballot lines are read, before any table is made (profile.py says why they are set there).

#: Scottish STV multiplies a paper's value (up to 10**5) by a surplus (up to papers x 10**5)
#: in int64 (below 9.2 x 10**18): 10**8 papers keeps that safe, and no election comes near.
MAX_PAPERS = 10**8
_PLAIN_NUMBERS = b"0123456789 \t\r\n"
_ALTERNATIVE = re.compile(r"#\s*ALTERNATIVE NAME\s+(\d+)\s*:\s*(.*)$", re.IGNORECASE)
_QUOTED_ONCE = re.compile(r'"(?:[^"]|"")*"')
_QUOTED_MANY = re.compile(r'"(?:[^"]|"")*"(?:\s+"(?:[^"]|"")*")*')
_END_OF_BALLOTS = re.compile(rb"^[ \t]*0[ \t,]*\r?$", re.MULTILINE)


class BltError(BallotFileError):
    """A BLT file that cannot be read, with where and why."""


@dataclass
class _Source:
    """The file being read: its name for messages, and its lines as bytes."""

    path: str
    data: bytes

    def error(self, line: int, reason: str) -> BltError:
        return BltError(self.path, line, reason)


def read_blt(source: str | os.PathLike[str] | IO[bytes], *, name: str | None = None) -> Profile:
    """Read a BLT file (a path or a binary file object) into a ``Profile``."""
    if isinstance(source, str | os.PathLike):
        path = name or os.fspath(source)
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise BltError(path, 0, f"cannot read file: {exc.strerror or exc}") from None
    else:
        path = name or str(getattr(source, "name", "<stream>"))
        data = source.read()
    return parse_blt(data, path=str(path))


def parse_blt(data: bytes | str, *, path: str = "<string>") -> Profile:
    """Parse the text of a BLT file."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte order mark from some editors
    src = _Source(path, data)
    header_end, header_line, n, seats, csv_dialect = _header(src)
    options, ballots_start, ballots_line = _options(src, header_end, header_line, n)
    end_start, end_stop = _end_of_ballots(src, ballots_start)
    section = data[ballots_start:end_start]
    names_line = ballots_line + section.count(b"\n") + 1
    strict, weights, tied, invalid = _ballots(src, section, ballots_line, n, csv_dialect, options)
    names, title = _names(src, data[end_stop:], names_line, n, csv_dialect)
    total = int(weights.sum()) + sum(w for _, w in tied) + invalid
    if total > MAX_PAPERS:
        raise src.error(header_line, f"{total} ballot papers: more than {MAX_PAPERS} are refused")
    try:
        profile = Profile(
            candidates=names,
            seats=seats,
            rankings=strict,
            weights=weights,
            title=title,
            withdrawn=frozenset(options.withdrawn),
            tied_rankings=tuple(tied),
            invalid=invalid,
            tie_order=tuple(options.tie_order),
        )
    except ProfileError as exc:
        raise src.error(header_line, str(exc)) from None
    # Counts step through a compact copy of the lines: made here, while reading, it is
    # made once for every count of the file rather than once per count.
    profile.compact_lines  # noqa: B018 (the access builds and caches it)
    return profile


# --- header and withdrawn line ---------------------------------------------------------


def _lines_from(data: bytes, start: int, first_line: int) -> Iterator[tuple[int, int, int, bytes]]:
    """Yield ``(line number, start, end, text)`` for each line from byte ``start``."""
    number = first_line
    while start < len(data):
        stop = data.find(b"\n", start)
        stop = len(data) if stop < 0 else stop
        yield number, start, stop + 1, data[start:stop]
        start = stop + 1
        number += 1


def _is_blank_or_comment(text: bytes) -> bool:
    stripped = text.strip()
    return not stripped or stripped.startswith(b"#")


def _header(src: _Source) -> tuple[int, int, int, int, bool]:
    """Return (end of header, its line number, candidates, seats, spreadsheet dialect)."""
    for number, _, stop, text in _lines_from(src.data, 0, 1):
        if _is_blank_or_comment(text):
            continue
        csv_dialect = text.rstrip().endswith(b",")
        fields = text.replace(b",", b" ").split()
        if len(fields) != 2 or not all(f.isdigit() for f in fields):
            raise src.error(number, "the first line must be: number-of-candidates seats")
        n, seats = int(fields[0]), int(fields[1])
        if n < 1:
            raise src.error(number, "no candidates")
        too_many = candidates_error(n)
        if too_many:
            raise src.error(number, too_many)
        if seats < 1:
            raise src.error(number, "the number of seats must be at least 1")
        return stop, number, n, seats, csv_dialect
    raise src.error(1, "empty file: no header line")


@dataclass
class _Options:
    withdrawn: list[int] = field(default_factory=list)
    tie_order: list[int] = field(default_factory=list)
    nicknames: dict[bytes, int] = field(default_factory=dict)  # Droop's [nick a b c]


def _options(src: _Source, start: int, header_line: int, n: int) -> tuple[_Options, int, int]:
    """Read the lines between header and ballots: withdrawn candidates as negative
    numbers, and Droop's bracketed options (``[withdrawn 2 3]``, ``[tie 3 2 1]``; other
    bracketed options are for other counters and are skipped)."""
    options = _Options()
    for number, begin, _, text in _lines_from(src.data, start, header_line + 1):
        if _is_blank_or_comment(text):
            continue
        fields = text.replace(b",", b" ").replace(b"[", b" [ ").replace(b"]", b" ] ").split()
        if fields[0] == b"[":
            if fields[-1] != b"]":
                raise src.error(number, "option line has no closing ]")
            if fields[1] == b"nick":
                options.nicknames = {f: i for i, f in enumerate(fields[2:-1])}
                if len(options.nicknames) != n:
                    raise src.error(number, f"[nick] must name all {n} candidates once each")
            elif fields[1] in (b"withdrawn", b"tie"):
                target = options.withdrawn if fields[1] == b"withdrawn" else options.tie_order
                target.extend(_candidate(src, number, f, n, options) for f in fields[2:-1])
            continue
        if not fields[0].startswith(b"-"):
            return options, begin, number
        for f in fields:
            if not f.startswith(b"-"):
                raise src.error(number, f"bad withdrawn candidate {_show(f)}")
            options.withdrawn.append(_candidate(src, number, f[1:], n, options))
    return options, len(src.data), header_line + 1


def _candidate(src: _Source, number: int, field: bytes, n: int, options: _Options) -> int:
    if field in options.nicknames:
        return options.nicknames[field]
    if not field.isdigit() or not 1 <= int(field) <= n:
        raise src.error(number, f"unknown candidate {_show(field)} (there are {n})")
    return int(field) - 1


def _end_of_ballots(src: _Source, start: int) -> tuple[int, int]:
    """Find the line holding a single 0 that ends the ballots: (its start, its end)."""
    data = src.data
    # Every newline from just before the ballots, and the byte after each (numpy finds
    # them far quicker than repeated bytes.find on a file of a million lines).
    first = max(start - 1, 0)
    text = np.frombuffer(data, dtype=np.uint8)
    newlines = np.flatnonzero(text[first:] == ord("\n")) + first
    newlines = newlines[newlines + 1 < len(data)]
    after = text[newlines + 1]
    at = stop = -1
    for candidate in newlines[after == ord("0")].tolist():
        stop = data.find(b"\n", candidate + 1)
        stop = len(data) if stop < 0 else stop
        if not data[candidate + 2 : stop].strip(b" \t\r,"):
            at = candidate
            break
    # A lone 0 indented or on the first ballot line escapes the quick search above.
    limit = len(data) if at < 0 else at + 1
    before = (newlines >= start) & (newlines + 2 <= limit)
    if (
        at < 0
        or np.any(before & ((after == ord(" ")) | (after == ord("\t"))))
        or data[start : start + 1] in (b" ", b"\t", b"0")
    ):
        match = _END_OF_BALLOTS.search(data, start)
        if match is None:
            last = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
            raise src.error(last, "no line with a single 0 ends the ballots (file truncated?)")
        return match.start(), min(match.end() + 1, len(data))
    return at + 1, min(stop + 1, len(data))


# --- ballots ---------------------------------------------------------------------------


def _ballots(
    src: _Source, section: bytes, first_line: int, n: int, csv_dialect: bool, options: _Options
) -> tuple[np.ndarray, np.ndarray, list[tuple[TiedRanking, int]], int]:
    if csv_dialect:
        section = section.replace(b",", b" ")
    if not section.translate(None, _PLAIN_NUMBERS):
        fast = _fast_ballots(section, n)
        if fast is not None:
            return fast
    return _exact_ballots(src, section, first_line, n, options)


def _fast_ballots(
    section: bytes, n: int
) -> tuple[np.ndarray, np.ndarray, list[tuple[TiedRanking, int]], int] | None:
    """Parse plain ``weight c1 c2 ... 0`` lines with numpy, or return None to go slow.

    Lines are found by splitting the token stream at its zeros; if that does not agree
    with the file's own lines (a missing 0, a weight of 0, a bad number), the exact
    path takes over and says where the problem is.
    """
    body = section.strip()
    if not body:
        return np.full((0, 1), PAD, np.int32), np.zeros(0, np.int64), [], 0
    # Every line must end in " 0" and hold no other 0: then the zeros split the tokens
    # exactly into the file's lines. Anything else (blank lines, a missing 0, a weight
    # of 0, trailing spaces) goes the exact way.
    line_count = _lines_ending_in_zero(body)
    if line_count is None:
        return None
    tokens = np.fromstring(body, dtype=np.int64, sep=" ")  # text mode is not deprecated
    zeros = np.flatnonzero(tokens == 0)
    if zeros.size != line_count or zeros[-1] != tokens.size - 1:
        return None
    starts = np.empty_like(zeros)
    starts[0] = 0
    starts[1:] = zeros[:-1] + 1
    if np.any(starts >= zeros):  # a line that is only "0" or a weight of 0
        return None
    weights = tokens[starts]
    lengths = zeros - starts - 1
    width = max(int(lengths.max()), 1)
    if table_size_error(zeros.size, width):
        return None  # the exact path says which line
    if tokens.max() >= 2**31 or n >= 2**31 - 1:
        return None  # let the exact path deal with absurd numbers
    tokens[starts] = 0  # from here on, tokens are preferences and the closing zeros
    if int(tokens.max()) > n or _has_repeats(tokens, starts, lengths, n):
        return None
    # Token t of line i goes to row i, column t - starts[i] - 1 of a (lines, width + 1)
    # table filled with PAD; the weight's cell (column -1) is redirected to a spare cell
    # after the table. Storing token - 1 makes candidates 0-based and the closing 0 a
    # PAD, so that the last column is all PAD, as the counting rules need (every line
    # then stops there without a bounds check).
    cells = np.full(zeros.size * (width + 1) + 1, PAD, dtype=np.int32)
    offset = np.arange(zeros.size, dtype=np.intp) * (width + 1) - 1 - starts
    where = np.arange(tokens.size, dtype=np.intp)
    np.add(where, np.repeat(offset, lengths + 2), out=where)
    where[starts] = cells.size - 1
    # Scattering int32 values by intp positions is the quick way (no casts in the loop).
    cells[where] = np.subtract(tokens, 1, out=tokens).astype(np.int32)
    del where
    rankings = cells[:-1].reshape(zeros.size, width + 1)
    if n > _MAX_BITS and _has_sorted_repeats(rankings):
        return None
    empty = lengths == 0
    invalid = int(weights[empty].sum())
    if invalid:
        rankings, weights = rankings[~empty], weights[~empty]
    return rankings, weights, [], invalid


def _lines_ending_in_zero(body: bytes) -> int | None:
    """The number of lines of ``body`` (stripped, not empty) if every one ends in exactly
    " 0", else None."""
    text = np.frombuffer(body, dtype=np.uint8)
    ends = np.append(np.flatnonzero(text == ord("\n")), text.size)
    if ends[0] < 2:
        return None
    if (text[ends - 1] == ord("0")).all() and (text[ends - 2] == ord(" ")).all():
        return ends.size
    return None


_MAX_BITS = 62  # candidates that fit one bit each in an int64 (bit 0 is the closing 0)


def _has_repeats(tokens: np.ndarray, starts: np.ndarray, lengths: np.ndarray, n: int) -> bool:
    """Whether any line ranks a candidate twice, from the tokens of the lines (weights
    already set to 0); more than ``_MAX_BITS`` candidates are checked on the table."""
    if n > _MAX_BITS:
        return False
    # One bit per candidate (bit 0 stands for the weight and the closing 0): a line
    # without repeats sets as many candidate bits as it has preferences.
    seen = np.bitwise_or.reduceat(np.left_shift(np.int64(1), tokens), starts)
    return bool(np.any(np.bitwise_count(seen >> 1) != lengths))


def _has_sorted_repeats(rankings: np.ndarray) -> bool:
    """Whether any row of ``rankings`` holds a candidate twice (any number of candidates)."""
    ordered = np.sort(rankings, axis=1)
    return bool(np.any((ordered[:, 1:] == ordered[:, :-1]) & (ordered[:, 1:] != PAD)))


def _exact_ballots(
    src: _Source, section: bytes, first_line: int, n: int, options: _Options
) -> tuple[np.ndarray, np.ndarray, list[tuple[TiedRanking, int]], int]:
    """Line-by-line parse: equal preferences, ballot ids, and exact error lines."""
    strict: list[tuple[list[int], int]] = []
    tied: list[tuple[TiedRanking, int]] = []
    invalid = 0
    lines = longest = 0
    for number, _, _, text in _lines_from(section, 0, first_line):
        if _is_blank_or_comment(text):
            continue
        groups, weight = _ballot_line(src, number, text, n, options)
        lines += 1
        longest = max(longest, len(groups))
        too_large = table_size_error(lines, longest)
        if too_large:
            raise src.error(number, too_large)
        if not groups:
            invalid += weight
        elif all(len(g) == 1 for g in groups):
            strict.append(([g[0] for g in groups], weight))
        else:
            tied.append((groups, weight))
    rankings, weights = pack_rankings(strict)
    return rankings, weights, tied, invalid


def _ballot_line(
    src: _Source, number: int, text: bytes, n: int, options: _Options
) -> tuple[TiedRanking, int]:
    fields = text.split(b"#", 1)[0].split()
    if fields and fields[0].startswith(b"(") and fields[0].endswith(b")"):
        fields[0] = b"1"  # a ballot id stands for one ballot paper
    if not fields[0].isdigit():
        raise src.error(number, f"ballot weight {_show(fields[0])} is not a whole number")
    weight = int(fields[0])
    if weight > MAX_PAPERS:
        raise src.error(number, f"ballot weight {weight} is too large (over {MAX_PAPERS})")
    if fields[-1] != b"0":
        raise src.error(number, "ballot line does not end with 0")
    groups: list[tuple[int, ...]] = []
    seen: set[int] = set()
    for token in fields[1:-1]:
        group = []
        for part in token.split(b"="):
            if part in options.nicknames:
                cand = options.nicknames[part] + 1
            elif not part.isdigit():
                raise src.error(number, f"bad preference {_show(token)}")
            else:
                cand = int(part)
            if not 1 <= cand <= n:
                raise src.error(number, f"unknown candidate {cand} (there are {n})")
            if cand in seen:
                raise src.error(number, f"candidate {cand} ranked twice")
            seen.add(cand)
            group.append(cand - 1)
        groups.append(tuple(group))
    return tuple(groups), weight


def _show(field: bytes) -> str:
    return repr(field.decode("utf-8", "replace"))


# --- names and title -------------------------------------------------------------------


def _names(
    src: _Source, tail: bytes, first_line: int, n: int, csv_dialect: bool
) -> tuple[tuple[str, ...], str]:
    text = _decode(tail)
    values: list[str] = []
    quoted: list[bool] = []
    last_line = first_line - 1
    alternatives: dict[int, str] = {}
    for offset, raw in enumerate(text.splitlines()):
        line = raw.strip()
        if csv_dialect:
            line = " ".join(cell.strip() for cell in line.split(",") if cell.strip())
        if not line:
            continue
        if line.startswith("#"):
            match = _ALTERNATIVE.match(line)
            if match:
                alternatives[int(match.group(1))] = match.group(2).strip()
            continue
        values.append(_unquote(src, first_line + offset, line))
        last_line = first_line + offset
        quoted.append(line.startswith('"'))
    alt = [alternatives.get(k) for k in range(1, n + 1)]
    if len(values) > n + 1 and all(q for q in quoted[: n + 1]):
        values = values[: n + 1]  # notes after a quoted title, as in Droop's test files
    if len(values) in (n, n + 1):
        return tuple(values[:n]), (values[n] if len(values) > n else "")
    if len(values) <= 1 and all(alt):
        return tuple(a for a in alt if a), (values[0] if values else "")
    at_line = max(last_line, first_line)
    if len(values) > n + 1:
        raise src.error(
            at_line,
            f"{len(values)} names and titles after the ballots: expected {n} "
            "candidate names and a title",
        )
    raise src.error(at_line, f"{len(values)} candidate names after the ballots: expected {n}")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _unquote(src: _Source, number: int, line: str) -> str:
    """A name as written: quoted (doubled quotes inside), or bare.

    Some exports quote twice: the name, then the party in doubled quotes, all inside
    quotes. The inner quoted parts after the name become a label: ``Ann SMITH (Labour)``.
    """
    if line.startswith('"') and _QUOTED_ONCE.fullmatch(line):
        line = line[1:-1].replace('""', '"')
    elif line.startswith('"'):
        # Several quoted strings: "Ann SMITH" "Labour"
        if not _QUOTED_MANY.fullmatch(line):
            raise src.error(number, "unbalanced quotes in name")
        line = " ".join(f'"{m}"' for m in re.findall(r'"((?:[^"]|"")*)"', line))
        line = line.replace('""', '"') if '"""' in line else line
    if '"' not in line:
        return _tidy(line)
    parts = [_tidy(p) for p in line.split('"') if p.strip()]
    if not parts:
        return ""
    return parts[0] + "".join(f" ({p})" for p in parts[1:])


def _tidy(name: str) -> str:
    """Runs of spaces inside a name are typing slips: show one space."""
    return " ".join(name.split())


# --- writing ---------------------------------------------------------------------------


def write_blt(profile: Profile, out: IO[str]) -> None:
    """Write ``profile`` as a BLT file that ``read_blt`` (and other counters) can read."""
    out.write(f"{profile.n_candidates} {profile.seats}\n")
    if profile.withdrawn:
        out.write(" ".join(f"-{c + 1}" for c in sorted(profile.withdrawn)) + "\n")
    for groups, weight in profile.iter_rankings():
        prefs = " ".join("=".join(str(c + 1) for c in group) for group in groups)
        out.write(f"{weight} {prefs} 0\n" if prefs else f"{weight} 0\n")
    if profile.invalid:
        out.write(f"{profile.invalid} 0\n")
    out.write("0\n")
    for name in profile.candidates:
        out.write(_quote(name) + "\n")
    out.write(_quote(profile.title) + "\n")


def blt_text(profile: Profile) -> str:
    """The BLT text of ``profile``."""
    import io

    buffer = io.StringIO()
    write_blt(profile, buffer)
    return buffer.getvalue()


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""').replace("\n", " ") + '"'
