"""The ballot paper, review and receipt pages, without JavaScript (plain form posts)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from plenary.web.elections.models import CastBallot, Method, VoteRecord
from plenary.web.elections.voting import services as voting
from plenary.web.elections.voting.forms import GAP, NOT_A_NUMBER, NOTHING, REPEATED
from tests.web import factories as f
from tests.web.elections.voting_helpers import (
    close_ballot,
    make_candidates,
    make_section,
)


@pytest.fixture
def paper(section):
    return voting.ballot_paper(section)  # ids of Ann, Ben, Cat


@pytest.fixture
def url(section):
    return reverse(
        "elections:ballot", kwargs={"slug": section.election.slug, "section_id": section.pk}
    )


@pytest.fixture
def voter_client(client, bob):
    client.force_login(bob)
    return client


def numbers(paper, *values, action="review"):
    data = {f"pref_{cid}": v for cid, v in zip(paper, values, strict=True)}
    return {**data, "action": action}


def test_the_ballot_paper_needs_a_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_ballot_paper_lists_each_candidate_with_a_labelled_number_box(voter_client, url, paper):
    html = voter_client.get(url).content.decode()
    assert "<legend><strong>Number the candidates in order of preference" in html
    for cid, name in zip(paper, ["Ann Able", "Ben Bold", "Cat Cole"], strict=True):
        assert f'<label for="id_pref_{cid}">{name}</label>' in html
        assert re.search(
            rf'<input[^>]*name="pref_{cid}"[^>]*inputmode="numeric"', html
        ) or re.search(rf'<input[^>]*inputmode="numeric"[^>]*name="pref_{cid}"', html)
    assert "<script" not in html


def test_review_shows_the_ranking_in_order_and_records_nothing(voter_client, url, paper):
    response = voter_client.post(url, numbers(paper, "2", "", "1"))
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<ol class=\"ranking\"><li>Cat Cole</li><li>Ann Able</li></ol>", html)
    assert 'value="cast">Cast my vote' in html and 'value="change"' in html
    assert not VoteRecord.objects.exists() and not CastBallot.objects.exists()


def test_casting_records_the_vote_and_shows_a_receipt(voter_client, url, paper, section, bob):
    response = voter_client.post(url, numbers(paper, "2", "", "1", action="cast"))
    html = response.content.decode()
    code = re.search(r'<strong class="tracker" id="tracker">([0-9A-Z-]+)</strong>', html).group(1)
    assert CastBallot.objects.get(tracker=code).ranking == [paper[2], paper[0]]
    assert VoteRecord.objects.filter(member=bob.member, section=section).exists()
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert code not in str(voter_client.session.items())


def test_cast_revalidates_what_the_review_page_sent(voter_client, url, paper):
    """A tampered review form (a repeated number) is caught again and nothing is recorded."""
    response = voter_client.post(url, numbers(paper, "1", "1", "", action="cast"))
    assert REPEATED.format(k=1) in response.content.decode()
    assert not CastBallot.objects.exists()


def test_change_returns_to_the_paper_with_the_numbers_kept(voter_client, url, paper):
    html = voter_client.post(url, numbers(paper, "2", "", "1", action="change")).content.decode()
    assert re.search(
        rf'name="pref_{paper[0]}"[^>]*value="2"|value="2"[^>]*name="pref_{paper[0]}"', html
    )
    assert "error-summary" not in html


@pytest.mark.parametrize(
    ("values", "message", "boxes"),
    [
        (("1", "1", ""), REPEATED.format(k=1), 2),
        (("1", "3", ""), GAP.format(missing=2), 1),
        (("x", "1", ""), NOT_A_NUMBER.format(n=3), 1),
        (("4", "1", ""), NOT_A_NUMBER.format(n=3), 1),
        (("", "", ""), NOTHING, 0),
    ],
    ids=["repeat", "gap", "not-a-number", "too-big", "empty"],
)
def test_mistakes_are_shown_beside_the_box_and_in_a_summary(
    voter_client, url, paper, values, message, boxes
):
    html = voter_client.post(url, numbers(paper, *values)).content.decode()
    assert 'class="error-summary" role="alert"' in html
    # Beside each box and, linked to it, in the summary; a mistake of no one box: summary only.
    assert html.count(message) == (2 * boxes or 1)
    assert html.count('aria-invalid="true"') == boxes
    assert not CastBallot.objects.exists()


def test_a_second_visit_after_voting_says_so(voter_client, url, paper):
    voter_client.post(url, numbers(paper, "1", "", "", action="cast"))
    response = voter_client.get(url)
    assert response.status_code == 409
    assert voting.ALREADY_VOTED in response.content.decode()
    again = voter_client.post(url, numbers(paper, "1", "", "", action="cast"))
    assert again.status_code == 409 and CastBallot.objects.count() == 1


def test_a_closed_ballot_cannot_be_voted_on(voter_client, url, paper, election):
    close_ballot(election)
    response = voter_client.post(url, numbers(paper, "1", "", "", action="cast"))
    assert response.status_code == 409 and voting.CLOSED in response.content.decode()
    assert not CastBallot.objects.exists()


def test_a_member_outside_the_electorate_is_told_they_cannot_vote(client, tree, url, election):
    election.electorate_units.set([tree["south"]])
    outsider = f.make_member_with_login("Nell North", tree["northtown"])
    client.force_login(outsider.user)
    response = client.get(url)
    assert response.status_code == 403 and voting.NOT_ON_ROLL in response.content.decode()


def test_an_account_without_a_member_cannot_vote(client, admin, url):
    client.force_login(admin)
    assert client.get(url).status_code == 403


def test_a_yes_no_ballot_uses_radio_buttons_in_a_fieldset(voter_client, election):
    section = make_section(election, "Rule 4", method=Method.REFERENDUM, question="Amend rule 4?")
    url = reverse("elections:ballot", kwargs={"slug": election.slug, "section_id": section.pk})
    html = voter_client.get(url).content.decode()
    assert "<legend><strong>Amend rule 4?</strong></legend>" in html
    assert html.count('type="radio"') == 3
    missing = voter_client.post(url, {"action": "review"}).content.decode()
    assert "Choose yes, no or abstain." in missing
    review = voter_client.post(url, {"choice": "no", "action": "review"}).content.decode()
    assert "Your answer: <strong>No</strong>" in review
    receipt = voter_client.post(url, {"choice": "no", "action": "cast"}).content.decode()
    code = re.search(r'id="tracker">([0-9A-Z-]+)<', receipt).group(1)
    assert CastBallot.objects.get(tracker=code).choice == "no"


def test_my_ballots_lists_the_open_ballots_not_yet_voted(voter_client, section, paper, url):
    page = reverse("elections:my_ballots")
    assert url in voter_client.get(page).content.decode()
    voter_client.post(url, numbers(paper, "1", "", "", action="cast"))
    assert url not in voter_client.get(page).content.decode()


def test_the_election_page_shows_the_sections_voted_in(
    voter_client, section, paper, url, election, tree
):
    make_candidates(make_section(election, "Treasurer"), tree["northtown"], "Tom Till")
    voter_client.post(url, numbers(paper, "1", "", "", action="cast"))
    html = voter_client.get(
        reverse("elections:voting", kwargs={"slug": election.slug})
    ).content.decode()
    assert re.search(r"Steering committee</th>\s*<td><span class=\"tag ok\">Voted", html)
    assert "Vote on Treasurer" in html


def test_anyone_can_check_a_receipt_and_learns_only_whether_it_is_in_the_box(
    client, section, bob, paper
):
    code = voting.ballot_cast(section=section, member=bob.member, ranking=paper[:2])
    page = reverse("elections:receipt_check")
    found = client.post(page, {"code": code.lower()}).content.decode()
    assert "is in the ballot box" in found
    assert "Ann Able" not in found and "Ben Bold" not in found
    missing = client.post(page, {"code": "0000-0000-0000-0000"}).content.decode()
    assert "No ballot with tracker code" in missing
