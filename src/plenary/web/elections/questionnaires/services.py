"""Writes for questionnaires: a group's questions put to every candidate of an election
(created by the returning officer, also on a members' group's behalf), and candidates' answers.

Questions can be put until the ballot opens; candidates can answer until the ballot closes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from plenary.web.accounts.models import User
from plenary.web.audit.log import audit_record
from plenary.web.elections.models import (
    Answer,
    Candidate,
    Election,
    Phase,
    Question,
    Questionnaire,
)

QUESTIONS_CLOSED = "Questions can be put to candidates only until the ballot opens."
ANSWERS_CLOSED = "Answers can be given only until the ballot closes."
NOT_YOUR_CANDIDACY = "Only the candidate can answer for themselves."
WRONG_ELECTION = "This questionnaire belongs to another election."
OPEN_FOR_QUESTIONS = frozenset(
    {Phase.DRAFT, Phase.ANNOUNCED, Phase.NOMINATIONS, Phase.NOMINATIONS_CLOSED}
)
OPEN_FOR_ANSWERS = OPEN_FOR_QUESTIONS | {Phase.BALLOT}


@transaction.atomic
def questionnaire_create(
    *,
    actor: User,
    election: Election,
    posed_by: str,
    title: str,
    questions: Sequence[str],
    now: datetime | None = None,
) -> Questionnaire:
    if election.phase(now or timezone.now()) not in OPEN_FOR_QUESTIONS:
        raise ValidationError(QUESTIONS_CLOSED)
    texts = [text.strip() for text in questions if text.strip()]
    if not texts:
        raise ValidationError({"questions": "Write at least one question."})
    questionnaire = Questionnaire(election=election, posed_by=posed_by.strip(), title=title.strip())
    questionnaire.full_clean()
    questionnaire.save()
    Question.objects.bulk_create(
        Question(questionnaire=questionnaire, position=i, text=text)
        for i, text in enumerate(texts, 1)
    )
    audit_record(
        actor=actor,
        action="questionnaire.create",
        target=election,
        questionnaire=questionnaire.pk,
        posed_by=questionnaire.posed_by,
        questions=len(texts),
    )
    return questionnaire


@transaction.atomic
def answers_save(
    *,
    actor: User,
    candidate: Candidate,
    questionnaire: Questionnaire,
    answers: dict[int, str],
    now: datetime | None = None,
) -> int:
    """Store the candidate's answers (question id -> text); a blank answer removes an earlier
    one, so the page shows "No reply" again. Returns how many answers are now stored."""
    if candidate.member.user_id != actor.pk:
        raise ValidationError(NOT_YOUR_CANDIDACY)
    if questionnaire.election_id != candidate.section.election_id:
        raise ValidationError(WRONG_ELECTION)
    if questionnaire.election.phase(now or timezone.now()) not in OPEN_FOR_ANSWERS:
        raise ValidationError(ANSWERS_CLOSED)
    for question in questionnaire.questions.all():
        text = answers.get(question.pk, "").strip()
        if text:
            Answer.objects.update_or_create(
                question=question, candidate=candidate, defaults={"text": text}
            )
        else:
            Answer.objects.filter(question=question, candidate=candidate).delete()
    return Answer.objects.filter(question__questionnaire=questionnaire, candidate=candidate).count()
