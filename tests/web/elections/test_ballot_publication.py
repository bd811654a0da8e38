"""Issue 11, item 9: what an election publishes of its ballots, as its returning officer chose:
the ballot list (receipt check only by default) and who may download the BLT (scrutineers by
default: the section's candidates and the returning officer). Voters are told before they
vote; the result page links only what the visitor may download."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plenary.web.elections.counts import services as counts
from plenary.web.elections.models import BallotFileAccess, BallotList, Election
from plenary.web.elections.setup import services as setup
from plenary.web.elections.voting import services as voting
from tests.web import factories as f
from tests.web.elections.voting_helpers import (
    HOUR,
    close_ballot,
    make_candidates,
    make_election,
    make_returning_officer,
    make_section,
)


@pytest.fixture
def officer(tree):
    return make_returning_officer(tree["national"])


def _published(tree, officer, **fields) -> tuple[Election, object, list]:
    election = make_election(tree["national"], **fields)
    section = make_section(election, "Steering committee", seats=1)
    candidates = make_candidates(section, tree["northtown"], "Ann Able", "Ben Bold")
    f.make_member_with_login("Ann Able Login", tree["northtown"])  # not a candidate
    voters = [f.make_member(f"Voter {i}", tree["northtown"]) for i in range(3)]
    for voter in voters:
        voting.ballot_cast(section=section, member=voter, ranking=[candidates[0].id])
    close_ballot(election)
    counts.election_count_start(election=election, actor=officer)
    counts.election_publish(election=election, actor=officer)
    return election, section, candidates


def _urls(election, section) -> dict[str, str]:
    slug, sid = election.slug, section.pk
    return {
        "result": reverse("elections:result", kwargs={"slug": slug}),
        "list": reverse("elections:ballot_list", kwargs={"slug": slug, "section_id": sid}),
        "blt": reverse(
            "elections:result_download",
            kwargs={"slug": slug, "section_id": sid, "filename": "ballots.blt"},
        ),
        "json": reverse(
            "elections:result_download",
            kwargs={"slug": slug, "section_id": sid, "filename": "count.json"},
        ),
    }


def _login_candidate(client, candidate) -> None:
    member = candidate.member
    member.user = f.make_user(member.email, name=member.name)
    member.save(update_fields=["user"])
    client.force_login(member.user)


def test_a_new_election_keeps_to_a_receipt_check_and_the_blt_for_scrutineers(tree, officer):
    election = setup.election_create(
        actor=officer, title="Steering 2027", slug="steering-2027", unit=tree["national"]
    )
    assert election.ballot_list == BallotList.RECEIPT_CHECK
    assert election.ballot_file_access == BallotFileAccess.SCRUTINEERS


def test_receipt_check_only_has_no_ballot_list_and_the_result_does_not_link_it(
    client, tree, officer
):
    election, section, _ = _published(tree, officer)
    u = _urls(election, section)
    assert client.get(u["list"]).status_code == 404
    page = client.get(u["result"]).content.decode()
    assert u["list"] not in page and u["blt"] not in page
    assert "does not publish its ballot list" in page
    assert client.get(u["json"]).status_code == 200  # the count sheet stays public


def test_receipt_check_only_has_no_ballot_list_even_for_the_officer(client, tree, officer):
    election, section, _ = _published(tree, officer)
    client.force_login(officer)
    assert client.get(_urls(election, section)["list"]).status_code == 404


def test_a_published_ballot_list_is_downloadable_and_linked(client, tree, officer):
    election, section, _ = _published(tree, officer, ballot_list=BallotList.PUBLISHED)
    u = _urls(election, section)
    assert client.get(u["list"]).status_code == 200
    assert u["list"] in client.get(u["result"]).content.decode()


def test_the_blt_for_scrutineers_only(client, tree, officer, bob):
    election, section, candidates = _published(tree, officer)
    u = _urls(election, section)
    anonymous = client.get(u["blt"])
    assert anonymous.status_code == 403
    assert "scrutineers" in anonymous.content.decode()
    client.force_login(bob)  # a member, not a candidate
    assert client.get(u["blt"]).status_code == 403
    assert u["blt"] not in client.get(u["result"]).content.decode()
    _login_candidate(client, candidates[1])  # a candidate on the paper, even one not elected
    assert client.get(u["blt"]).status_code == 200
    assert u["blt"] in client.get(u["result"]).content.decode()
    client.force_login(officer)
    assert client.get(u["blt"]).status_code == 200


def test_the_blt_for_members(client, tree, officer, bob):
    election, section, _ = _published(tree, officer, ballot_file_access=BallotFileAccess.MEMBERS)
    u = _urls(election, section)
    refused = client.get(u["blt"])
    assert refused.status_code == 403 and "Log in</a> with a member" in refused.content.decode()
    assert u["blt"] not in client.get(u["result"]).content.decode()
    client.force_login(f.make_user("no-member@example.org"))  # an account, not a member
    assert client.get(u["blt"]).status_code == 403
    client.force_login(bob)
    assert client.get(u["blt"]).status_code == 200
    assert u["blt"] in client.get(u["result"]).content.decode()
    client.force_login(officer)
    assert client.get(u["blt"]).status_code == 200
    # Found by the outside review: an expelled member is on the roll, not a member now.
    expelled = f.make_member_with_login("Ex Pelled", tree["northtown"])
    expelled.status = "expelled"
    expelled.save(update_fields=["status"])
    client.force_login(expelled.user)
    assert client.get(u["blt"]).status_code == 403


def test_the_blt_for_everyone(client, tree, officer):
    election, section, _ = _published(tree, officer, ballot_file_access=BallotFileAccess.EVERYONE)
    u = _urls(election, section)
    assert client.get(u["blt"]).status_code == 200
    assert u["blt"] in client.get(u["result"]).content.decode()


def test_the_blt_is_not_out_before_publication_whatever_the_choice(client, tree, officer):
    election = make_election(tree["national"], ballot_file_access=BallotFileAccess.EVERYONE)
    section = make_section(election)
    make_candidates(section, tree["northtown"], "Ann Able")
    close_ballot(election)
    client.force_login(officer)
    assert client.get(_urls(election, section)["blt"]).status_code == 404


@pytest.mark.parametrize(
    ("choice", "told", "not_told"),
    [
        (BallotList.RECEIPT_CHECK, "only that your ballot is in the ballot box", "is published"),
        (BallotList.PUBLISHED, "every tracker code is published with its ballot", "not how"),
    ],
)
def test_voters_are_told_before_they_vote_and_on_the_receipt(
    client, tree, bob, choice, told, not_told
):
    election = make_election(tree["national"], ballot_list=choice)
    section = make_section(election)
    (ann,) = make_candidates(section, tree["northtown"], "Ann Able")
    client.force_login(bob)
    url = reverse("elections:ballot", kwargs={"slug": election.slug, "section_id": section.pk})
    paper = client.get(url).content.decode()
    assert told in paper and "What your receipt will show" in paper
    number = f"pref_{ann.pk}"
    review = client.post(url, {"action": "review", number: "1"}).content.decode()
    assert told in review
    receipt = client.post(url, {"action": "cast", number: "1"}).content.decode()
    assert "Your vote is cast" in receipt
    if choice == BallotList.PUBLISHED:
        assert "anyone you show it to can look up how you voted" in receipt
    else:
        assert "never how you voted" in receipt
        assert "anyone you show it to" not in receipt
    assert not_told not in paper.split("What your receipt will show")[1]


def test_the_returning_officer_chooses_on_the_election_form(client, tree, officer):
    client.force_login(officer)
    form = client.get(reverse("elections:create")).content.decode()
    assert "What a voter&#x27;s tracker code shows" in form and "Scrutineers" in form
    client.post(
        reverse("elections:create"),
        {
            "title": "Steering 2027",
            "slug": "steering-2027",
            "unit": tree["national"].pk,
            "ballot_list": BallotList.PUBLISHED,
            "ballot_file_access": BallotFileAccess.MEMBERS,
        },
    )
    election = Election.objects.get(slug="steering-2027")
    assert election.ballot_list == BallotList.PUBLISHED
    assert election.ballot_file_access == BallotFileAccess.MEMBERS
    detail = client.get(election.get_absolute_url()).content.decode()
    assert "every tracker code is published with its ballot" in detail


def _edit(client, election, **changes):
    data = {
        "title": election.title,
        "description": election.description,
        "unit": election.unit_id,
        "roll_date": election.roll_date.isoformat() if election.roll_date else "",
        "ballot_list": election.ballot_list,
        "ballot_file_access": election.ballot_file_access,
        **changes,
    }
    return client.post(reverse("elections:edit", kwargs={"slug": election.slug}), data)


def test_the_choice_can_change_until_the_ballot_opens(client, tree, officer):
    election = make_election(tree["national"], created_by=officer)
    election.ballot_open_at += 2 * HOUR  # opens in an hour
    election.ballot_close_at += 2 * HOUR
    election.save(update_fields=["ballot_open_at", "ballot_close_at"])
    client.force_login(officer)
    assert _edit(client, election, ballot_list=BallotList.PUBLISHED).status_code == 302
    election.refresh_from_db()
    assert election.ballot_list == BallotList.PUBLISHED


def test_the_choice_is_fixed_once_the_ballot_opens(client, tree, officer):
    election = make_election(tree["national"], created_by=officer)  # the ballot is open
    client.force_login(officer)
    response = _edit(client, election, ballot_file_access=BallotFileAccess.EVERYONE)
    assert response.status_code == 200
    assert "cannot change once the ballot has opened" in response.content.decode()
    election.refresh_from_db()
    assert election.ballot_file_access == BallotFileAccess.SCRUTINEERS
    # The rest of the election can still be edited, the choice kept.
    renamed = _edit(client, election, title="Renamed")
    assert renamed.status_code == 302, renamed.context["form"].errors
    election.refresh_from_db()
    assert election.title == "Renamed"
    assert election.ballot_list == BallotList.RECEIPT_CHECK
