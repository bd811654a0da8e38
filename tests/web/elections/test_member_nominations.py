"""Members' nominations (issue 11, item 4): where a section allows it, a member of the
electorate proposes a nominee and names a seconder, who seconds or refuses on their own page;
a seconded nomination counts as one toward the threshold."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from plenary.web.audit.models import AuditEntry
from plenary.web.elections import selectors
from plenary.web.elections.models import Candidate, MemberNomination
from plenary.web.elections.nominations import services as nominations
from plenary.web.elections.setup import services as setup
from plenary.web.members import standing
from plenary.web.members.standing import Restriction, Right, Withheld
from tests.web import factories as f
from tests.web.elections.fixtures_setup import SECTION_DEFAULTS, timeline_around

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(tree, alice):  # type: ignore[no-untyped-def]
    """Northtown's members (Alice is its secretary; Rae, whom she names, its returning
    officer) and one of Southtown's, outside the electorate."""
    make = f.make_member_with_login
    return {
        "alice": alice.member,
        "rae": make("Rae Returning", tree["northtown"]),
        "pat": make("Pat Proposer", tree["northtown"]),
        "sue": make("Sue Seconder", tree["northtown"]),
        "nina": make("Nina Nominee", tree["northtown"]),
        "olga": make("Olga Other", tree["northtown"]),
        "sid": make("Sid Southtown", tree["southtown"]),
    }


@pytest.fixture
def section(tree, alice, people):  # type: ignore[no-untyped-def]
    """A Northtown branch election, announced, nominations open now, members nominating."""
    now = timezone.now()
    election = setup.election_create(
        actor=alice,
        title="Northtown officers",
        slug="northtown-2026",
        unit=tree["northtown"],
        roll_date=date(2025, 12, 31),
        returning_officer=people["rae"],
    )
    ro = people["rae"].user
    f.enable_totp(ro)
    fields = {
        k: v
        for k, v in SECTION_DEFAULTS.items()
        if k not in {"nominating_kinds", "threshold", "nominations_per_body"}
    }
    section = setup.section_create(actor=ro, election=election, **{**fields, "seats": 1})
    setup.election_set_timeline(actor=ro, election=election, now=now, **timeline_around(now))
    setup.election_announce(actor=ro, election=election, now=now - timedelta(days=2))
    section.refresh_from_db()
    assert section.threshold == 1 and section.nominating_kinds == ["members"]
    return section


def _propose(section, proposer, nominee, seconder):  # type: ignore[no-untyped-def]
    return nominations.member_nomination_propose(
        actor=proposer.user, section=section, nominee=nominee, seconder=seconder
    )


def _errors(excinfo) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {k: " ".join(v) for k, v in excinfo.value.message_dict.items()}


def test_a_proposal_counts_once_seconded_and_puts_an_accepting_nominee_on_the_ballot(
    section, people
):
    made = _propose(section, people["pat"], people["nina"], people["sue"])
    assert made.status == MemberNomination.Status.PROPOSED
    # Until seconded it is no one's candidacy.
    assert not Candidate.objects.exists()
    nominations.member_nomination_second(actor=people["sue"].user, nomination=made, second=True)
    made.refresh_from_db()
    assert made.status == MemberNomination.Status.SECONDED and made.seconded_at is not None
    candidate = Candidate.objects.get(section=section, member=people["nina"])
    assert made.candidate == candidate
    [row] = selectors.section_tally(section)
    assert row.count == 1 and row.reached
    # The public tally names no member.
    assert row.nominators[0].name == selectors.MEMBERS_NOMINATOR
    nominations.candidate_decide(actor=people["nina"].user, candidate=candidate, accept=True)
    assert selectors.ballot_candidates(section) == [candidate]
    actions = AuditEntry.objects.filter(action__startswith="nomination.").values_list(
        "action", flat=True
    )
    assert list(actions) == ["nomination.propose", "nomination.second"]
    entry = AuditEntry.objects.get(action="nomination.second")
    assert entry.details["proposer"] == people["pat"].membership_number


def test_proposer_seconder_and_nominee_must_be_in_the_electorate_all_reported_at_once(
    section, people
):
    with pytest.raises(ValidationError) as refused:
        _propose(section, people["pat"], people["sid"], people["sid"])
    # Sid is nominee and seconder both: one error on each field, not one per submission.
    errors = _errors(refused)
    assert "cannot propose or second their own" in errors["nominee"]
    with pytest.raises(ValidationError) as refused:
        _propose(section, people["pat"], people["sid"], people["alice"])
    # Said of the number, not the name: a member outside the electorate stays unnamed.
    message = _errors(refused)["nominee"]
    assert "only an active member of this election's electorate" in message
    assert people["sid"].membership_number in message and "Sid" not in message
    with pytest.raises(ValidationError) as refused:
        _propose(section, people["pat"], people["nina"], people["sid"])
    message = _errors(refused)["seconder"]
    assert "in good standing" in message and "Sid" not in message
    with pytest.raises(ValidationError) as refused:
        _propose(section, people["sid"], people["nina"], people["sue"])
    assert "in good standing" in _errors(refused)["__all__"]
    assert not MemberNomination.objects.exists()


def test_no_one_nominates_themselves_or_seconds_their_own_proposal(section, people):
    with pytest.raises(ValidationError) as refused:
        _propose(section, people["pat"], people["pat"], people["sue"])
    assert "own nomination" in _errors(refused)["nominee"]
    with pytest.raises(ValidationError) as refused:
        _propose(section, people["pat"], people["nina"], people["pat"])
    assert "you are the proposer" in _errors(refused)["seconder"]


def test_a_member_whose_standing_withholds_nominating_may_neither_propose_nor_second(
    section, people, monkeypatch
):
    barred = {people["pat"].pk, people["sue"].pk}

    def withheld(member, day):  # type: ignore[no-untyped-def]
        if member.pk in barred:
            return [Withheld(Right.NOMINATE, "a nominating ban")]
        return []

    from django.db.models import Q

    restriction = Restriction("test", withheld, lambda right, day, prefix: Q())
    monkeypatch.setattr(standing, "_restrictions", [*standing._restrictions, restriction])
    with pytest.raises(ValidationError) as refused:
        _propose(section, people["pat"], people["nina"], people["sue"])
    errors = _errors(refused)
    assert "good standing" in errors["__all__"] and "good standing" in errors["seconder"]
    # A proposal made before the seconder's standing changed cannot then be seconded.
    barred.clear()
    made = _propose(section, people["pat"], people["nina"], people["sue"])
    barred.add(people["sue"].pk)
    with pytest.raises(ValidationError, match="good standing"):
        nominations.member_nomination_second(actor=people["sue"].user, nomination=made, second=True)


def test_a_member_proposes_a_nominee_once_and_signs_no_more_than_the_section_allows(
    section, people
):
    _propose(section, people["pat"], people["nina"], people["sue"])
    with pytest.raises(ValidationError) as refused:
        _propose(section, people["pat"], people["nina"], people["olga"])
    errors = _errors(refused)
    assert "already proposed Nina Nominee" in errors["nominee"]
    # One nomination each in this section: Pat has proposed.
    assert "as many as a member may" in errors["__all__"]
    # Being named as a seconder signs nothing (anyone could otherwise use up a member's
    # nomination by naming them); seconding does.
    _propose(section, people["olga"], people["alice"], people["sue"])
    nominations.member_nomination_second(
        actor=people["sue"].user,
        nomination=MemberNomination.objects.get(proposer=people["pat"]),
        second=True,
    )
    with pytest.raises(ValidationError) as refused:
        _propose(section, people["sue"], people["olga"], people["nina"])
    assert "as many as a member may" in str(_errors(refused))


def test_only_the_named_seconder_answers_and_a_refusal_frees_both(section, people):
    made = _propose(section, people["pat"], people["nina"], people["sue"])
    with pytest.raises(ValidationError, match="not named as the seconder"):
        nominations.member_nomination_second(
            actor=people["olga"].user, nomination=made, second=True
        )
    nominations.member_nomination_second(actor=people["sue"].user, nomination=made, second=False)
    made.refresh_from_db()
    assert made.status == MemberNomination.Status.REFUSED and not Candidate.objects.exists()
    with pytest.raises(ValidationError, match="state"):
        nominations.member_nomination_second(actor=people["sue"].user, nomination=made, second=True)
    # Pat may propose Nina again, with another seconder.
    again = _propose(section, people["pat"], people["nina"], people["olga"])
    assert again.status == MemberNomination.Status.PROPOSED
    assert AuditEntry.objects.filter(action="nomination.refuse_second").count() == 1


def test_members_do_not_nominate_where_the_section_does_not_allow_it_or_after_close(
    section, people
):
    section.nominating_kinds = ["branch"]
    section.save()
    with pytest.raises(ValidationError, match="bodies do"):
        _propose(section, people["pat"], people["nina"], people["sue"])
    section.nominating_kinds = ["members"]
    section.save()
    later = section.election.nominations_close_at + timedelta(minutes=1)
    with pytest.raises(ValidationError, match="Nominations are not open"):
        nominations.member_nomination_propose(
            actor=people["pat"].user,
            section=section,
            nominee=people["nina"],
            seconder=people["sue"],
            now=later,
        )


# --- Pages ---------------------------------------------------------------------------------


def test_the_pages_propose_second_and_show_the_returning_officer_who_signed(
    client, section, people, alice
):
    election = section.election
    detail = reverse("elections:detail", args=[election.slug])
    propose = reverse("elections:member_nominate", args=[election.slug, section.pk])
    client.force_login(people["pat"].user)
    assert propose in client.get(detail).content.decode()
    response = client.post(
        propose,
        {"nominee": people["nina"].membership_number, "seconder": "nobody"},
    )
    assert "No member has the membership number nobody" in response.content.decode()
    response = client.post(
        propose,
        {"nominee": people["nina"].membership_number, "seconder": people["sue"].membership_number},
        follow=True,
    )
    assert "You have proposed Nina Nominee" in response.content.decode()
    made = MemberNomination.objects.get()

    decide = reverse("elections:member_nomination_decide", args=[made.pk])
    # Pat cannot second his own proposal by posting to the seconder's form.
    assert client.post(decide, {"decision": "second"}).status_code == 403

    client.force_login(people["sue"].user)
    assert "nominations to second" in client.get(reverse("elections:list")).content.decode()
    page = client.get(reverse("elections:seconding")).content.decode()
    assert "Pat Proposer" in page and "Nina Nominee" in page and decide in page
    response = client.post(decide, {"decision": "second"}, follow=True)
    assert "You have seconded the nomination of Nina Nominee" in response.content.decode()

    tally = client.get(reverse("elections:tally", args=[election.slug])).content.decode()
    assert "Nina Nominee" in tally and "Pat Proposer" not in tally

    listing = reverse("elections:member_nominations", args=[election.slug])
    assert client.get(listing).status_code == 403
    client.force_login(people["rae"].user)
    page = client.get(listing).content.decode()
    assert "Pat Proposer" in page and "Sue Seconder" in page and "Seconded" in page


def test_the_propose_page_is_for_members_and_members_sections(client, section, people, admin):
    election = section.election
    propose = reverse("elections:member_nominate", args=[election.slug, section.pk])
    client.force_login(admin)  # the site admin is not a member
    assert client.get(propose).status_code == 403
    section.nominating_kinds = ["branch"]
    section.save()
    client.force_login(people["pat"].user)
    assert client.get(propose).status_code == 404
