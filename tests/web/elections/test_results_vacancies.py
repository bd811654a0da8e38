"""An under-filled section (fewer candidates than seats): everyone standing is elected, the
count sheet and the result say how many seats are vacant, and the published BLT recounts
with `plenary count` to the published result."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from plenary.counting.cli import main as plenary_count
from plenary.web.elections.counts import services as counts
from plenary.web.elections.models import BallotFileAccess, Candidate, Method
from plenary.web.elections.voting import services as voting
from tests.web import factories as f
from tests.web.elections.voting_helpers import (
    close_ballot,
    make_candidates,
    make_election,
    make_returning_officer,
    make_section,
)

VACANT = "1 of 3 seats vacant."


@pytest.fixture
def officer(tree):
    return make_returning_officer(tree["national"])


def _short_election(tree, method: str):
    """3 seats, 2 candidates on the paper (a third declined), 7 ballots."""
    # The BLT for everyone: the tests below download it without logging in.
    election = make_election(tree["national"], ballot_file_access=BallotFileAccess.EVERYONE)
    section = make_section(election, "Steering committee", seats=3, method=method)
    ann, ben = make_candidates(section, tree["northtown"], "Ann Able", "Ben Bold")
    declined = make_candidates(section, tree["northtown"], "Cat Cole")[0]
    declined.status = Candidate.Status.DECLINED
    declined.save(update_fields=["status"])
    rankings = [[ann.id, ben.id]] * 4 + [[ben.id]] * 3
    # Every voter is on the roll before the first ballot freezes it.
    voters = [f.make_member(f"Voter {i}", tree["northtown"]) for i in range(len(rankings))]
    for member, ranking in zip(voters, rankings, strict=True):
        voting.ballot_cast(section=section, member=member, ranking=ranking)
    return election, section


def _urls(election, section):
    slug, sid = election.slug, section.pk
    return {
        "result": reverse("elections:result", kwargs={"slug": slug}),
        "sheet": reverse("elections:count_sheet", kwargs={"slug": slug, "section_id": sid}),
        "blt": reverse(
            "elections:result_download",
            kwargs={"slug": slug, "section_id": sid, "filename": "ballots.blt"},
        ),
    }


def test_the_count_sheet_shows_the_vacant_seat_before_publishing(client, tree, officer):
    election, section = _short_election(tree, Method.SCOTTISH)
    close_ballot(election)
    counts.election_count_start(election=election, actor=officer)
    sheet = counts.section_count(section).sheet
    assert sheet["elected"] == ["Ann Able", "Ben Bold"]
    assert sheet["warnings"] == ["1 of 3 seats left vacant: only 2 candidates standing"]
    client.force_login(officer)
    page = client.get(_urls(election, section)["sheet"]).content.decode()
    assert VACANT in page
    assert '<p class="vacancies">Vacant: 1 seat of 3.</p>' in page


@pytest.mark.parametrize("method", [Method.SCOTTISH, Method.MEEK, Method.ERS97, Method.WIGM])
def test_the_published_blt_recounts_to_the_published_result(
    client, tree, officer, tmp_path, capsys, method
):
    election, section = _short_election(tree, method)
    close_ballot(election)
    counts.election_count_start(election=election, actor=officer)
    counts.election_publish(election=election, actor=officer)
    run = counts.section_count(section)
    u = _urls(election, section)

    result = client.get(u["result"]).content.decode()
    assert VACANT in result
    assert f"plenary count ballots.blt --method {method} --seed {run.seed}" in result

    blt = tmp_path / "ballots.blt"
    blt.write_bytes(client.get(u["blt"]).content)
    assert blt.read_text().splitlines()[0] == "2 3"  # fewer candidates than seats
    capsys.readouterr()
    argv = [str(blt), "--method", method, "--seed", str(run.seed), "--format", "json"]
    assert plenary_count(argv) == 0
    recount = json.loads(capsys.readouterr().out)
    recount.pop("file", None)
    for key in ("elected", "seats", "warnings", "quota", "valid_votes", "stages"):
        assert recount[key] == run.sheet[key], key


def test_a_full_section_says_nothing_of_vacancies(client, tree, officer):
    election = make_election(tree["national"])
    section = make_section(election, seats=1)
    ann, _ = make_candidates(section, tree["northtown"], "Ann Able", "Ben Bold")
    voter = f.make_member("Voter", tree["northtown"])
    voting.ballot_cast(section=section, member=voter, ranking=[ann.id])
    close_ballot(election)
    counts.election_count_start(election=election, actor=officer)
    client.force_login(officer)
    page = client.get(_urls(election, section)["sheet"]).content.decode()
    assert "vacant" not in page.lower()
