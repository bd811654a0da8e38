"""The members' part of the demo (docs/demo.md), registered in apps.py: fictional people
(`people`), the 600-member roll and the check for real members (`roll`), and the bodies
and their seats (`bodies`), which live here because seats are held by members."""

from plenary.web.members.demo.bodies import build_bodies
from plenary.web.members.demo.roll import build_members, real_members

__all__ = ["build_bodies", "build_members", "real_members"]
