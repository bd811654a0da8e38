"""Closing the ballot box, counting it, publishing the result.

After the ballot's closing time (server clock) the returning officer closes the box and
starts the count: the box of each section is shuffled (see docs/elections-threat-model.md),
a `CountRun` with a fresh random seed is queued per section, and a background task
(`tasks.count_section`) builds a `Profile` from the stored ballots, counts it with
`plenary.counting` and stores the JSON count sheet. The returning officer reviews the sheets
and publishes; pages and downloads render the stored sheet and never recount.

Nothing here shows a tally before the ballot has closed: a count cannot start earlier.
"""

from __future__ import annotations

import random
import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from plenary.counting import (
    Constraint,
    CountResult,
    Profile,
    Stage,
    TieBreak,
    blt_text,
    count,
    simple_majority,
    to_dict,
)
from plenary.web.accounts.models import User
from plenary.web.audit.log import audit_record
from plenary.web.elections import notifications, selectors
from plenary.web.elections.models import (
    Candidate,
    CastBallot,
    Category,
    CountRun,
    Election,
    Phase,
    Section,
)
from plenary.web.elections.setup import services as setup
from plenary.web.members.models import SelfIdentification

REFERENDUM_SCHEMA = "plenary.referendum/1"
ACTIVE_RUN_STATUSES = (CountRun.Status.QUEUED, CountRun.Status.RUNNING, CountRun.Status.DONE)


class CountError(Exception):
    """An action on the count that the phase or the state of the count does not allow."""


NOT_CLOSED = "The ballot has not closed yet: it closes at {}."
ALREADY_PUBLISHED = "The result has already been published."
NOT_COUNTED = "Every section must be counted before the result is published: {} is not."
NOTHING_TO_COUNT = "Every section has a count under way or done."


# --- closing and counting --------------------------------------------------------------


def election_count_start(
    *, election: Election, actor: User, now: datetime | None = None
) -> list[CountRun]:
    """Close the ballot box and queue a count of every section not yet counted.

    A section already counted (or being counted) is not counted again: a fresh seed could
    otherwise be drawn until a lot fell one way. A failed count may be started again."""
    from plenary.web.elections import tasks  # the task module imports this one

    now = now or timezone.now()
    _check_closed(election, now)
    with transaction.atomic():
        # Two officers starting the count at once queue it once: the second waits here and
        # then finds every section counting.
        Election.objects.select_for_update().filter(pk=election.pk).first()
        sections = [
            s
            for s in election.sections.all()
            if not s.counts.filter(status__in=ACTIVE_RUN_STATUSES).exists()
        ]
        if not sections:
            raise CountError(NOTHING_TO_COUNT)
        runs = [_queue_count(section, actor) for section in sections]
        audit_record(
            actor=actor,
            action="election.ballot_close",
            target=election,
            sections=[s.name for s in sections],
            ballots=sum(r.ballots_counted for r in runs),
        )
    for run in runs:
        tasks.count_section.enqueue(run.pk)
    return runs


def _check_closed(election: Election, now: datetime) -> None:
    phase = election.phase(now)
    if phase == Phase.PUBLISHED:
        raise CountError(ALREADY_PUBLISHED)
    if phase != Phase.BALLOT_CLOSED:
        closes = timezone.localtime(election.ballot_close_at) if election.ballot_close_at else None
        raise CountError(
            NOT_CLOSED.format(f"{closes:%-d %B %Y, %H:%M}" if closes else "a time not yet set")
        )


def _queue_count(section: Section, actor: User) -> CountRun:
    ballots = box_shuffle(section=section)
    run = CountRun.objects.create(
        section=section, seed=secrets.randbits(62), requested_by=actor, ballots_counted=ballots
    )
    audit_record(
        actor=actor,
        action="count.start",
        target=section,
        section=section.name,
        run=run.pk,
        seed=run.seed,
        ballots=ballots,
    )
    return run


def box_shuffle(*, section: Section) -> int:
    """Rewrite the section's ballots in random order with fresh ids, so the table's physical
    order no longer follows the order of voting (and so of the vote records). Returns how
    many ballots the box holds, which the shuffle does not change."""
    ballots = list(
        CastBallot.objects.filter(section=section).values_list("pk", "ranking", "choice", "tracker")
    )
    random.SystemRandom().shuffle(ballots)
    # Only the rows read are rewritten: a ballot committed meanwhile is kept, never lost.
    for start in range(0, len(ballots), 2000):
        chunk = [pk for pk, *_ in ballots[start : start + 2000]]
        CastBallot.objects.filter(pk__in=chunk).delete()
    CastBallot.objects.bulk_create(
        [CastBallot(section=section, ranking=r, choice=c, tracker=t) for _, r, c, t in ballots],
        batch_size=2000,
    )
    return len(ballots)


def count_run_execute(*, run_id: int) -> CountRun:
    """Count one section (the body of the background task). A failure is stored on the run
    with its reason, never raised into the worker."""
    run = CountRun.objects.select_related("section__election").get(pk=run_id)
    if run.status in (CountRun.Status.DONE, CountRun.Status.FAILED):
        return run  # already counted (a task delivered twice): a count is never redone
    _progress(run, CountRun.Status.RUNNING, 5)
    try:
        sheet = _count_section(run)
    except Exception as exc:  # noqa: BLE001 - any failure is the run's outcome, shown to the RO
        run.status, run.error, run.finished_at = (
            CountRun.Status.FAILED,
            str(exc) or type(exc).__name__,
            timezone.now(),
        )
        run.save(update_fields=["status", "error", "finished_at"])
        audit_record(
            actor=None,
            action="count.fail",
            target=run.section,
            run=run.pk,
            error=run.error,
        )
        return run
    with transaction.atomic():
        run.sheet, run.status, run.progress, run.finished_at = (
            sheet,
            CountRun.Status.DONE,
            100,
            timezone.now(),
        )
        run.save(update_fields=["sheet", "status", "progress", "finished_at"])
        audit_record(
            actor=None,
            action="count.finish",
            target=run.section,
            run=run.pk,
            elected=sheet.get("elected", sheet.get("outcome")),
        )
    return run


def _progress(run: CountRun, status: str, percent: int) -> None:
    run.status, run.progress = status, percent
    CountRun.objects.filter(pk=run.pk).update(status=status, progress=percent)


def _count_section(run: CountRun) -> dict[str, Any]:
    section = run.section
    if section.is_referendum:
        sheet = referendum_sheet(section)
        _progress(run, CountRun.Status.RUNNING, 90)
        return sheet
    paper = CountPaper.of(section)
    _progress(run, CountRun.Status.RUNNING, 30)
    profile = paper.profile()
    _progress(run, CountRun.Status.RUNNING, 60)
    result = count(
        profile,
        section.method,
        seats=section.seats,
        seed=run.seed,
        constraints=paper.constraints() or None,
    )
    _progress(run, CountRun.Status.RUNNING, 90)
    return to_dict(result)


def referendum_sheet(section: Section) -> dict[str, Any]:
    """A yes/no section decided by a simple majority of those voting (abstentions not counted)."""
    tally = Counter(CastBallot.objects.filter(section=section).values_list("choice", flat=True))
    decision = simple_majority(tally["yes"], tally["no"], tally["abstain"])
    return {
        "schema": REFERENDUM_SCHEMA,
        "title": section.name,
        "question": section.question,
        "yes": tally["yes"],
        "no": tally["no"],
        "abstain": tally["abstain"],
        "outcome": str(decision.outcome),
        "sentence": decision.sentence,
    }


# --- from ballots to a Profile -----------------------------------------------------------


@dataclass(frozen=True)
class CountPaper:
    """The section's candidates in ballot-paper order (the count's candidate numbers), which
    of them have since withdrawn, and the box's rankings with how many ballots give each."""

    section: Section
    candidates: tuple[Candidate, ...]
    withdrawn: frozenset[int]
    lines: Counter[tuple[int, ...]]

    @classmethod
    def of(cls, section: Section) -> CountPaper:
        setup.section_fix_ballot_paper(section=section)
        on_ballot = selectors.ballot_candidates(section)
        known = {c.id for c in on_ballot}
        # The box is read once: the rankings name the candidates and make the profile.
        lines = Counter(
            tuple(r)
            for r in CastBallot.objects.filter(section=section).values_list("ranking", flat=True)
        )
        ranked = {cid for ranking in lines for cid in ranking}
        # Ranked but not on the paper: a ballot cast before papers were fixed, for a candidate
        # who withdrew while the ballot was open.
        gone = list(
            Candidate.objects.filter(pk__in=ranked - known)
            .select_related("member")
            .order_by("member__name")
        )
        candidates = tuple(on_ballot) + tuple(gone)
        withdrawn = {
            i for i, c in enumerate(candidates) if c.status != Candidate.Status.ACCEPTED
        } | set(range(len(on_ballot), len(candidates)))
        return cls(section, candidates, frozenset(withdrawn), lines)

    def index(self) -> dict[int, int]:
        return {c.id: i for i, c in enumerate(self.candidates)}

    def profile(self) -> Profile:
        index = self.index()
        # Sorted lines: the file and the profile follow no order of voting.
        ballots = sorted(
            ([index[c] for c in ranking], weight) for ranking, weight in self.lines.items()
        )
        return Profile.from_rankings(
            [c.member.name for c in self.candidates],
            self.section.seats,
            ballots,
            title=f"{self.section.election.title}: {self.section.name}",
            withdrawn=self.withdrawn,
        )

    def constraints(self) -> list[Constraint]:
        section, found = self.section, []
        if section.reserved_category and section.reserved_seats:
            label = Category(section.reserved_category).label
            found.append(
                Constraint(
                    f"Reserved for {label}",
                    self._identifying(section.reserved_category),
                    section.reserved_seats,
                )
            )
        if section.minimum_women:
            found.append(
                Constraint("Women", self._identifying(Category.WOMEN), section.minimum_women)
            )
        return found

    def _identifying(self, category: str) -> frozenset[int]:
        """Candidates who self-identify in the category (read only to apply the constraint)."""
        members = set(
            SelfIdentification.objects.filter(
                member__in=[c.member_id for c in self.candidates], **{category: True}
            ).values_list("member_id", flat=True)
        )
        return frozenset(i for i, c in enumerate(self.candidates) if c.member_id in members)


def section_blt(section: Section) -> str:
    """The section's anonymised ballots as a BLT file (identical rankings merged, sorted)."""
    return blt_text(CountPaper.of(section).profile().grouped())


def ballot_list(section: Section) -> list[tuple[str, str]]:
    """Every ballot as (tracker, what it says), sorted by tracker code: never insertion order."""
    paper = CountPaper.of(section)
    names = {c.id: c.member.name for c in paper.candidates}
    rows = (
        CastBallot.objects.filter(section=section)
        .order_by("tracker")
        .values_list("tracker", "ranking", "choice")
    )
    return [
        (t, choice or " > ".join(names.get(c, str(c)) for c in ranking))
        for t, ranking, choice in rows
    ]


# --- publishing --------------------------------------------------------------------------


def section_count(section: Section) -> CountRun | None:
    """The section's finished count, if any."""
    return section.counts.filter(status=CountRun.Status.DONE).order_by("-requested_at").first()


def _publishable_counts(election: Election, now: datetime) -> dict[str, int]:
    """Each section's finished count, or the refusal: not closed, published, not counted."""
    _check_closed(election, now)
    runs = {}
    for section in election.sections.all():
        run = section_count(section)
        if run is None:
            raise CountError(NOT_COUNTED.format(section.name))
        runs[section.name] = run.pk
    return runs


def publish_refusal(election: Election, now: datetime | None = None) -> str | None:
    """Why the result cannot be published now, or None when it can."""
    try:
        _publishable_counts(election, now or timezone.now())
    except CountError as refused:
        return str(refused)
    return None


def election_publish(*, election: Election, actor: User, now: datetime | None = None) -> Election:
    """Publish the result of every section (after the returning officer has reviewed the sheets)."""
    now = now or timezone.now()
    runs = _publishable_counts(election, now)
    with transaction.atomic():
        election.published_at = now
        election.save(update_fields=["published_at"])
        audit_record(actor=actor, action="election.publish", target=election, counts=runs)
        notifications.result_published(election)
    return election


# --- reading a stored sheet back ---------------------------------------------------------


def result_from_sheet(sheet: dict[str, Any]) -> CountResult:
    """The `CountResult` a stored JSON sheet was made from, for the renderers (no recount)."""
    names = tuple(c["name"] for c in sheet["candidates"])
    return CountResult(
        method=sheet["method"],
        method_name=sheet["method_name"],
        seats=sheet["seats"],
        candidates=names,
        valid_votes=Decimal(sheet["valid_votes"]),
        quota=_dec(sheet["quota"]),
        precision=sheet["precision"],
        stages=tuple(_stage(s) for s in sheet["stages"]),
        elected=tuple(i - 1 for i in sheet["elected_ids"]),
        title=sheet["title"],
        invalid=sheet["invalid"],
        seed=sheet["seed"],
        constraints=tuple(sheet["constraints"]),
        warnings=tuple(sheet["warnings"]),
        withdrawn=tuple(c["id"] - 1 for c in sheet["candidates"] if c["withdrawn"]),
    )


def _dec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _zero_based(numbers: list[int]) -> tuple[int, ...]:
    return tuple(n - 1 for n in numbers)


def _stage(s: dict[str, Any]) -> Stage:
    tie = s["tie"]
    return Stage(
        number=s["number"],
        action=s["action"],
        subject=_zero_based(s["subject"]),
        description=s["description"],
        totals=tuple(Decimal(t) for t in s["totals"]),
        exhausted=Decimal(s["exhausted"]),
        lost_to_rounding=Decimal(s["lost_to_rounding"]),
        states=tuple(s["states"]),
        transfer_value=_dec(s["transfer_value"]),
        elected=_zero_based(s["elected"]),
        excluded=_zero_based(s["excluded"]),
        notes=tuple(s["notes"]),
        tie=None
        if tie is None
        else TieBreak(
            purpose=tie["purpose"],
            tied=_zero_based(tie["tied"]),
            chosen=tie["chosen"] - 1,
            method=tie["method"],
            stage=tie["stage"],
            seed=tie["seed"],
            description=tie["description"],
        ),
    )
