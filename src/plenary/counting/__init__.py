"""plenary.counting: pure counting of ballots (standard library and numpy, never Django).

    >>> from plenary.counting import read_blt, count
    >>> result = count(read_blt("ward.blt"), "scottish")
    >>> result.elected_names
"""

from plenary.counting.constraints import Constraint, minimum_share, reserved_seats
from plenary.counting.profile import Profile, ProfileError
from plenary.counting.record import CountResult, Stage, TieBreak
from plenary.counting.rules import RULES, RuleInfo, UnknownMethod, count, register, rule
from plenary.counting.ties import Lot

__all__ = [
    "RULES",
    "Constraint",
    "CountResult",
    "Lot",
    "Profile",
    "ProfileError",
    "RuleInfo",
    "Stage",
    "TieBreak",
    "UnknownMethod",
    "count",
    "minimum_share",
    "register",
    "reserved_seats",
    "rule",
]
