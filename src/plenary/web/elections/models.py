"""Internal elections: an election has sections (each one ballot paper), candidates reach the
ballot through nominations by bodies, members vote once per section, a count yields a sheet.

Secrecy is designed into the tables: `CastBallot` holds a ranking and a random tracker code
and nothing that leads to a voter (no foreign key, random primary key, no timestamp); the
fact that a member voted is `VoteRecord`, a separate table with no link to the ballot.
docs/elections-threat-model.md says what an operator with database access can and cannot learn."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

if TYPE_CHECKING:
    from plenary.web.organisation.models import Affiliate, Unit


class Phase(models.TextChoices):
    """Where an election stands. Derived from its timeline and the server clock (never the page)."""

    DRAFT = "draft", "Draft"
    ANNOUNCED = "announced", "Announced"
    NOMINATIONS = "nominations", "Nominations open"
    NOMINATIONS_CLOSED = "nominations_closed", "Nominations closed"
    BALLOT = "ballot", "Ballot open"
    BALLOT_CLOSED = "ballot_closed", "Ballot closed"
    PUBLISHED = "published", "Result published"


class BallotList(models.TextChoices):
    """What a voter's tracker code shows once the ballot closes (docs/elections-threat-model.md)."""

    RECEIPT_CHECK = "receipt_check", "Receipt check only"
    PUBLISHED = "published", "Published ballot list"


class BallotFileAccess(models.TextChoices):
    """Who may download the anonymised ballots (BLT) once the result is published."""

    EVERYONE = "everyone", "Everyone"
    MEMBERS = "members", "Members (logged in, on the roll)"
    SCRUTINEERS = "scrutineers", "Scrutineers (the candidates and the returning officer)"


class Election(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    unit = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        related_name="elections",
        help_text="The level of the organisation that holds the election.",
    )
    electorate_units = models.ManyToManyField(
        "organisation.Unit",
        blank=True,
        related_name="electorate_of",
        help_text="Regions or branches whose active members may vote; none means all members.",
    )
    roll_date = models.DateField(
        null=True, blank=True, help_text="The electorate is the active members on this date."
    )
    nominations_open_at = models.DateTimeField(null=True, blank=True)
    nominations_close_at = models.DateTimeField(null=True, blank=True)
    ballot_open_at = models.DateTimeField(null=True, blank=True)
    ballot_close_at = models.DateTimeField(null=True, blank=True)
    announced_at = models.DateTimeField(null=True, blank=True)
    roll_frozen_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Chosen by the returning officer and fixed once the ballot opens: voters are told both
    # before they vote (setup.election_update refuses a change after the opening).
    ballot_list = models.CharField(
        max_length=16,
        choices=BallotList.choices,
        default=BallotList.RECEIPT_CHECK,
        help_text="Whether each tracker code's ballot is published when the ballot closes.",
    )
    ballot_file_access = models.CharField(
        max_length=16,
        choices=BallotFileAccess.choices,
        default=BallotFileAccess.SCRUTINEERS,
        help_text="Who may download the anonymised ballots (BLT) of the published result.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-ballot_close_at", "title"]
        constraints = [
            models.CheckConstraint(
                name="election_timeline_in_order",
                condition=(
                    Q(nominations_open_at__isnull=True)
                    | Q(nominations_close_at__isnull=True)
                    | Q(nominations_close_at__gt=models.F("nominations_open_at"))
                )
                & (
                    Q(nominations_close_at__isnull=True)
                    | Q(ballot_open_at__isnull=True)
                    | Q(ballot_open_at__gte=models.F("nominations_close_at"))
                )
                & (
                    Q(ballot_open_at__isnull=True)
                    | Q(ballot_close_at__isnull=True)
                    | Q(ballot_close_at__gt=models.F("ballot_open_at"))
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("elections:detail", kwargs={"slug": self.slug})

    @property
    def audit_target(self) -> str:
        """Its name in the audit log (audit.log.audit_target): by slug, as people know it."""
        return f"election:{self.slug}"

    def phase(self, now: datetime | None = None) -> Phase:
        now = now or timezone.now()
        if self.published_at is not None:
            return Phase.PUBLISHED
        if self.announced_at is None:
            return Phase.DRAFT
        steps = [
            (self.ballot_close_at, Phase.BALLOT_CLOSED),
            (self.ballot_open_at, Phase.BALLOT),
            (self.nominations_close_at, Phase.NOMINATIONS_CLOSED),
            (self.nominations_open_at, Phase.NOMINATIONS),
        ]
        for moment, phase in steps:
            if moment is not None and now >= moment:
                return phase
        return Phase.ANNOUNCED


class Method(models.TextChoices):
    """Counting rules offered for a section; values are plenary.counting method names."""

    SCOTTISH = "scottish", "Single transferable vote (Scottish STV)"
    MEEK = "meek", "Single transferable vote (Meek)"
    ERS97 = "ers97", "Single transferable vote (ERS97)"
    WIGM = "wigm", "Single transferable vote (weighted inclusive Gregory)"
    IRV = "irv", "Alternative vote (one seat)"
    FPTP = "fptp", "First past the post (one seat)"
    BLOCK = "block", "Block vote"
    REFERENDUM = "referendum", "Yes / no"


class Category(models.TextChoices):
    """Self-identified categories a constraint may reserve seats for (see SelfIdentification)."""

    WOMEN = "counts_as_woman", "Women"
    BAME = "bame", "BAME"
    LGBT = "lgbt", "LGBT+"
    DISABLED = "disabled", "Disabled"
    YOUTH = "youth", "Young members"


class NominatingKind(models.TextChoices):
    BRANCH = "branch", "Branches"
    REGION = "region", "Regions"
    EQUALITY_GROUP = "equality_group", "Equality groups"
    AFFILIATE = "affiliate", "Affiliates"
    MEMBERS = "members", "Members (a proposer and a seconder)"


class Section(models.Model):
    """One ballot paper: a set of seats filled by one count (or one yes/no question)."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="sections")
    name = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    seats = models.PositiveSmallIntegerField(default=1)
    method = models.CharField(max_length=16, choices=Method.choices, default=Method.SCOTTISH)
    question = models.TextField(blank=True, help_text="For a yes/no ballot: the question put.")
    reserved_category = models.CharField(max_length=32, choices=Category.choices, blank=True)
    reserved_seats = models.PositiveSmallIntegerField(
        default=0, help_text="At least this many seats go to candidates of the category."
    )
    minimum_women = models.PositiveSmallIntegerField(
        default=0, help_text="At least this many of those elected must be women."
    )
    nominating_kinds = models.JSONField(
        default=list,
        blank=True,
        help_text="Which kinds of body may nominate (NominatingKind values).",
    )
    nominations_per_body = models.PositiveSmallIntegerField(default=1)
    gender_balanced_nominations = models.BooleanField(
        default=False,
        help_text="A body nominating two or more must nominate women for at least half.",
    )
    threshold = models.PositiveSmallIntegerField(
        default=5, help_text="Nominating bodies a candidate needs to reach the ballot."
    )
    # Fixed once nominations have closed (setup.section_fix_ballot_paper): from then on the
    # voters, the count and the result all read this list, whatever happens to a candidacy.
    ballot_paper = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text="Candidate ids in ballot-paper order, fixed when nominations have closed.",
    )

    class Meta:
        ordering = ["election", "position", "name"]
        constraints = [
            models.CheckConstraint(name="section_has_seats", condition=Q(seats__gte=1)),
            models.CheckConstraint(
                name="section_reserved_within_seats",
                condition=Q(reserved_seats__lte=models.F("seats")),
            ),
            models.CheckConstraint(
                name="section_women_within_seats", condition=Q(minimum_women__lte=models.F("seats"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.election}: {self.name}"

    @property
    def is_referendum(self) -> bool:
        return self.method == Method.REFERENDUM


class Candidate(models.Model):
    class Status(models.TextChoices):
        NOMINATED = "nominated", "Nominated"
        ACCEPTED = "accepted", "Accepted nomination"
        DECLINED = "declined", "Declined nomination"
        WITHDRAWN = "withdrawn", "Withdrawn"

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="candidates")
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="candidacies"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NOMINATED)
    accepted_at = models.DateTimeField(null=True, blank=True)
    statement = models.TextField(blank=True)

    class Meta:
        ordering = ["section", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["section", "member"], name="one_candidacy_per_section")
        ]

    def __str__(self) -> str:
        return self.member.name


class Nomination(models.Model):
    """A body's nomination of a candidate, as decided at its meeting. Exactly one of
    `unit` (a branch or region) and `affiliate` (an affiliate or equality group) is set."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="nominations")
    unit = models.ForeignKey(
        "organisation.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    affiliate = models.ForeignKey(
        "organisation.Affiliate",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    meeting_date = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at"]
        constraints = [
            models.CheckConstraint(
                name="nomination_by_exactly_one_body",
                condition=(Q(unit__isnull=False) & Q(affiliate__isnull=True))
                | (Q(unit__isnull=True) & Q(affiliate__isnull=False)),
            ),
            models.UniqueConstraint(
                fields=["candidate", "unit"],
                condition=Q(unit__isnull=False),
                name="one_nomination_per_unit_and_candidate",
            ),
            models.UniqueConstraint(
                fields=["candidate", "affiliate"],
                condition=Q(affiliate__isnull=False),
                name="one_nomination_per_affiliate_and_candidate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} nominates {self.candidate}"

    @property
    def body(self) -> Unit | Affiliate:
        # nomination_by_exactly_one_body: one of the two is always set.
        return cast("Unit | Affiliate", self.unit or self.affiliate)


class MemberNomination(models.Model):
    """A nomination by two members of the electorate, where the section allows it: the
    proposer makes it on the site, naming the nominee and a seconder, and the seconder
    confirms (or refuses) it on their own page. Once seconded it counts as one nomination
    toward the section's threshold, like a body's; until then it is no one's candidacy."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Waiting for the seconder"
        SECONDED = "seconded", "Seconded"
        REFUSED = "refused", "Refused by the seconder"

    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="member_nominations"
    )
    nominee = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    proposer = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    seconder = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROPOSED)
    # Set when seconded: the candidacy it counts toward.
    candidate = models.ForeignKey(
        Candidate,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="member_nominations",
    )
    proposed_at = models.DateTimeField()
    seconded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["proposed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="member_nomination_two_other_members",
                condition=~Q(proposer=models.F("seconder"))
                & ~Q(nominee=models.F("proposer"))
                & ~Q(nominee=models.F("seconder")),
            ),
            models.UniqueConstraint(
                fields=["section", "nominee", "proposer"],
                condition=~Q(status="refused"),
                name="one_member_nomination_per_proposer_and_nominee",
            ),
            models.CheckConstraint(
                name="member_nomination_seconded_has_candidate",
                condition=~Q(status="seconded") | Q(candidate__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposer} and {self.seconder} nominate {self.nominee}"


class Questionnaire(models.Model):
    """Questions a members' group puts to every candidate of an election."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="questionnaires")
    posed_by = models.CharField(max_length=200, help_text="The group putting the questions.")
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["election", "posed_by"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()

    class Meta:
        ordering = ["questionnaire", "position"]

    def __str__(self) -> str:
        return self.text[:60]


class Answer(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField()
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "candidate"], name="one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.candidate} answers {self.question}"


class Elector(models.Model):
    """The frozen roll: who may vote in the election, fixed when the roll is frozen."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="electors")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    membership_number = models.CharField(max_length=32)
    branch_name = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["election", "member"], name="one_elector_entry_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership_number} on the roll of {self.election_id}"


def _random_id() -> uuid.UUID:
    return uuid.uuid4()


class VoteRecord(models.Model):
    """That a member has voted on a section's ballot, and nothing about how. Its unique
    constraint, in the same transaction as the ballot, is what stops a second vote."""

    id = models.UUIDField(primary_key=True, default=_random_id, editable=False)
    random_storage_order = True  # core/sql.py: the n-th record must not pair with a ballot
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="vote_records")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["section", "member"], name="one_vote_per_member_and_section"
            )
        ]

    def __str__(self) -> str:
        return f"a vote recorded in section {self.section_id}"


class CastBallot(models.Model):
    """A ballot in the box. No voter link, random key, no time: see the module docstring."""

    id = models.UUIDField(primary_key=True, default=_random_id, editable=False)
    random_storage_order = True  # core/sql.py: storage order says nothing of voting order
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="ballots")
    ranking = models.JSONField(
        default=list, blank=True, help_text="Candidate ids, most preferred first."
    )
    choice = models.CharField(
        max_length=8, blank=True, help_text="yes / no / abstain for a yes/no ballot."
    )
    tracker = models.CharField(max_length=32, unique=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="ballot_choice_is_known", condition=Q(choice__in=["", "yes", "no", "abstain"])
            )
        ]

    def __str__(self) -> str:
        return f"ballot {self.tracker}"


class CountRun(models.Model):
    """One count of a section's ballots, run as a background task; its sheet is stored so the
    result page renders the record and never recounts."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Counting"
        DONE = "done", "Counted"
        FAILED = "failed", "Failed"

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="counts")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent done.")
    seed = models.BigIntegerField(help_text="Seed for any tie broken by lot, kept for audit.")
    ballots_counted = models.PositiveIntegerField(default=0)
    sheet = models.JSONField(
        null=True, blank=True, help_text="The count sheet (plenary.counting JSON)."
    )
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        get_latest_by = "requested_at"

    def __str__(self) -> str:
        return f"count of {self.section} ({self.status})"


class ResultsSeen(models.Model):
    """Up to which day a user has been shown new results on their home page (elections/home.py).

    Kept to the day, never a time, like a user's last login (accounts/logins.py): the day of
    a visit to the home page, which says nothing of when during that day, or whether, they
    voted. Nothing on the voting path reads or writes it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    seen_on = models.DateField(help_text="The day (UTC) of the user's latest home-page visit.")
    new_since = models.DateField(
        help_text="Results published on or after this day (UTC) are new to the user: the day "
        "of the visit before the latest."
    )

    def __str__(self) -> str:
        return f"results seen by user {self.user_id} up to {self.seen_on}"
