"""The shapes the API reads and writes (they are also its OpenAPI schema)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field


class Message(Schema):
    message: str = Field(description="What went wrong, in words meant for a person.")


class ElectionOut(Schema):
    slug: str
    title: str
    ballot_closes_at: datetime | None


class CandidateOut(Schema):
    id: int
    name: str


class BallotOut(Schema):
    id: int = Field(description="The ballot (section) id used in the other endpoints.")
    election: ElectionOut
    name: str = Field(description="The section's name, e.g. “Steering committee”.")
    seats: int
    method: str = Field(description="The counting rule, e.g. scottish, meek, irv, referendum.")
    question: str = Field(description="For a yes/no ballot: the question put; otherwise empty.")
    candidates: list[CandidateOut] = Field(description="In ballot-paper order; empty for yes/no.")


class VoteIn(Schema):
    ranking: list[int] | None = Field(
        default=None, description="Candidate ids, most preferred first (ranked ballots)."
    )
    choice: Literal["yes", "no", "abstain"] | None = Field(
        default=None, description="For a yes/no ballot."
    )


class ReceiptOut(Schema):
    receipt: str = Field(description="The tracker code: keep it to check your ballot is counted.")


class ReceiptCheckOut(Schema):
    receipt: str
    in_box: bool = Field(description="Whether a ballot with this code is in a ballot box.")


class ResultOut(Schema):
    ballot: int
    election: ElectionOut
    name: str
    published_at: datetime
    ballots_counted: int
    seed: int = Field(description="The seed for any tie broken by lot, kept for audit.")
    sheet: dict[str, Any] = Field(description="The count sheet, as stored by the count.")
