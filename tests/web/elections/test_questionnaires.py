"""Questionnaires: the returning officer puts a group's questions to every candidate; the
public page shows each answer, and "No reply" for a candidate who has not answered."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from plenary.web.audit.models import AuditEntry
from plenary.web.elections.models import Answer, Candidate, Questionnaire
from plenary.web.elections.nominations import services as nominations
from plenary.web.elections.questionnaires import services as questionnaires
from tests.web.elections.fixtures_setup import build_election

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidates(alice, bob, dave, tree, ro):  # type: ignore[no-untyped-def]
    _, section = build_election(tree, ro)
    nominations.nominations_record(
        actor=alice,
        section=section,
        body=tree["northtown"],
        nominees=[bob.member, dave.member],
        meeting_date=timezone.localdate(),
    )
    return Candidate.objects.get(member=bob.member), Candidate.objects.get(member=dave.member)


@pytest.fixture
def questionnaire(client, ro, candidates):  # type: ignore[no-untyped-def]
    client.force_login(ro)
    response = client.post(
        reverse("elections:questionnaire_create", args=["exec-2026"]),
        {
            "posed_by": "Disabled members' group",
            "title": "Access questions",
            "questions": "Will you fund step-free venues?\n\nWill you caption every video?\n",
        },
    )
    assert response.status_code == 302
    client.logout()
    return Questionnaire.objects.get()


def test_the_returning_officer_puts_questions_one_per_line_and_it_is_audited(questionnaire):
    assert [q.text for q in questionnaire.questions.all()] == [
        "Will you fund step-free venues?",
        "Will you caption every video?",
    ]
    entry = AuditEntry.objects.get(action="questionnaire.create")
    assert (
        entry.details["posed_by"] == "Disabled members' group" and entry.details["questions"] == 2
    )


def test_the_public_page_shows_answers_and_no_reply(client, bob, candidates, questionnaire):
    bob_candidacy, _ = candidates
    first, second = questionnaire.questions.all()
    client.force_login(bob)
    response = client.post(
        reverse("elections:candidacy_answers", args=[bob_candidacy.pk, questionnaire.pk]),
        {f"q{first.pk}": "Yes, every one.", f"q{second.pk}": ""},
    )
    assert response.status_code == 302
    client.logout()
    page = client.get(
        reverse("elections:questionnaire", args=["exec-2026", questionnaire.pk])
    ).content.decode()
    assert "Yes, every one." in page
    # Bob left one question blank; Dave answered nothing: three "No reply"s.
    assert page.count("No reply") == 3
    assert "Dave Dunn" in page


def test_clearing_an_answer_shows_no_reply_again(bob, candidates, questionnaire):
    bob_candidacy, _ = candidates
    first = questionnaire.questions.first()
    questionnaires.answers_save(
        actor=bob, candidate=bob_candidacy, questionnaire=questionnaire, answers={first.pk: "Yes."}
    )
    questionnaires.answers_save(
        actor=bob, candidate=bob_candidacy, questionnaire=questionnaire, answers={first.pk: "  "}
    )
    assert not Answer.objects.exists()


def test_a_candidate_cannot_answer_for_another(client, dave, candidates, questionnaire):
    bob_candidacy, _ = candidates
    client.force_login(dave)
    url = reverse("elections:candidacy_answers", args=[bob_candidacy.pk, questionnaire.pk])
    assert client.post(url, {"q1": "Hijack"}).status_code == 403
    with pytest.raises(ValidationError, match="Only the candidate"):
        questionnaires.answers_save(
            actor=dave, candidate=bob_candidacy, questionnaire=questionnaire, answers={}
        )
    assert not Answer.objects.exists()


def test_answers_close_when_the_ballot_closes(bob, candidates, questionnaire):
    bob_candidacy, _ = candidates
    closed = questionnaire.election.ballot_close_at
    with pytest.raises(ValidationError, match="until the ballot closes"):
        questionnaires.answers_save(
            actor=bob, candidate=bob_candidacy, questionnaire=questionnaire, answers={}, now=closed
        )


def test_questions_cannot_be_put_once_the_ballot_opens(ro, candidates):
    election = candidates[0].section.election
    with pytest.raises(ValidationError, match="until the ballot opens"):
        questionnaires.questionnaire_create(
            actor=ro,
            election=election,
            posed_by="Late group",
            title="Late",
            questions=["Why?"],
            now=election.ballot_open_at,
        )


def test_a_questionnaire_needs_a_question(client, ro, candidates):
    client.force_login(ro)
    response = client.post(
        reverse("elections:questionnaire_create", args=["exec-2026"]),
        {
            "posed_by": "Youth",
            "title": "Empty",
            "questions": "  \n ",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["questions"]
    assert not Questionnaire.objects.exists()


def test_bob_cannot_put_a_questionnaire(client, bob, candidates):
    client.force_login(bob)
    response = client.post(
        reverse("elections:questionnaire_create", args=["exec-2026"]),
        {
            "posed_by": "Me",
            "title": "Mine",
            "questions": "Why?",
        },
    )
    assert response.status_code == 403
