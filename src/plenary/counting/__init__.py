"""plenary.counting: pure counting of ballots (standard library and numpy, never Django).

from plenary.counting import count, read_blt

result = count(read_blt("ward.blt"), "scottish", seed=2026)
print(result.elected_names)
"""

from plenary.counting.blt import BltError, blt_text, read_blt, write_blt
from plenary.counting.constraints import Constraint, minimum_share, reserved_seats
from plenary.counting.csvballots import CsvBallotError, read_csv_rankings
from plenary.counting.decisions import Decision, simple_majority
from plenary.counting.profile import BallotFileError, Profile, ProfileError
from plenary.counting.record import CountResult, Stage, TieBreak
from plenary.counting.render import render_csv, render_html, render_json, render_text, to_dict
from plenary.counting.rules import RULES, RuleInfo, UnknownMethod, count, register, rule
from plenary.counting.ties import Lot

__all__ = [
    "RULES",
    "BallotFileError",
    "BltError",
    "CsvBallotError",
    "Constraint",
    "CountResult",
    "Decision",
    "Lot",
    "Profile",
    "ProfileError",
    "RuleInfo",
    "Stage",
    "TieBreak",
    "UnknownMethod",
    "blt_text",
    "count",
    "read_blt",
    "read_csv_rankings",
    "write_blt",
    "minimum_share",
    "register",
    "render_csv",
    "render_html",
    "render_json",
    "render_text",
    "reserved_seats",
    "rule",
    "simple_majority",
    "to_dict",
]
