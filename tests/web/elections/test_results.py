"""Count pages, publishing, the public result and its downloads; nothing shows before close."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from django.urls import reverse

from plenary.web.elections.counts import services as counts
from plenary.web.elections.models import BallotFileAccess, BallotList, CastBallot, CountRun
from plenary.web.elections.voting import services as voting
from tests.web import factories as f
from tests.web.elections.voting_helpers import (
    close_ballot,
    make_candidates,
    make_election,
    make_returning_officer,
    make_section,
)

OPEN_BALLOTS = {
    "ballot_list": BallotList.PUBLISHED,
    "ballot_file_access": BallotFileAccess.EVERYONE,
}

# 2 seats, 5 candidates, 20 ballots: enough for surpluses and exclusions.
PATTERNS = {"ABC": 6, "BAD": 4, "CDE": 3, "DCB": 3, "EDA": 2, "B": 1, "CA": 1}


@pytest.fixture
def officer(tree):
    return make_returning_officer(tree["national"])


@pytest.fixture
def voted(tree):
    # Everything published (the ballot list, the BLT for everyone): what these tests check.
    election = make_election(tree["national"], **OPEN_BALLOTS)
    section = make_section(election, "Steering committee", seats=2)
    candidates = make_candidates(
        section, tree["northtown"], "Ann Able", "Ben Bold", "Cat Cole", "Dan Dale", "Eve East"
    )
    letters = {c.member.name[0]: c.id for c in candidates}
    ballots = [
        (f.make_member(f"Voter {p} {i}", tree["northtown"]), [letters[x] for x in p])
        for p, times in PATTERNS.items()
        for i in range(times)
    ]
    trackers = [voting.ballot_cast(section=section, member=m, ranking=r) for m, r in ballots]
    return election, section, trackers


def urls(election, section):
    slug, sid = election.slug, section.pk
    return {
        "result": reverse("elections:result", kwargs={"slug": slug}),
        "count": reverse("elections:count", kwargs={"slug": slug}),
        "sheet": reverse("elections:count_sheet", kwargs={"slug": slug, "section_id": sid}),
        "list": reverse("elections:ballot_list", kwargs={"slug": slug, "section_id": sid}),
        **{
            name: reverse(
                "elections:result_download",
                kwargs={"slug": slug, "section_id": sid, "filename": name},
            )
            for name in ("count.json", "count.csv", "ballots.blt")
        },
    }


def test_nothing_about_the_votes_is_visible_before_the_ballot_closes(client, voted, officer, bob):
    election, section, _ = voted
    u = urls(election, section)
    for name in ("result", "list", "count.json", "count.csv", "ballots.blt"):
        assert client.get(u[name]).status_code == 404, name
    client.force_login(officer)
    page = client.get(u["count"]).content.decode()
    assert "The ballot has not closed" in page and "Close the ballot box" not in page
    assert "Ann Able" not in page and '<td class="num">&ndash;</td>' in page
    client.post(u["count"])
    assert not CountRun.objects.exists()
    assert client.get(u["sheet"]).status_code == 404


def test_only_the_returning_officer_may_count_and_publish(client, voted, bob, alice):
    election, section, _ = voted
    close_ballot(election)
    u = urls(election, section)
    for user in (bob, alice):
        client.force_login(user)
        assert client.get(u["count"]).status_code == 403
        assert client.post(u["count"]).status_code == 403
        assert (
            client.post(reverse("elections:publish", kwargs={"slug": election.slug})).status_code
            == 403
        )
    assert not CountRun.objects.exists()


def test_the_officer_counts_reviews_and_publishes(client, voted, officer):
    election, section, _ = voted
    close_ballot(election)
    u = urls(election, section)
    client.force_login(officer)
    assert "Close the ballot box and count" in client.get(u["count"]).content.decode()
    assert client.post(u["count"]).status_code == 400  # not without the confirmation
    assert not CountRun.objects.exists()
    response = client.post(u["count"], {"confirm": "yes"}, follow=True)
    page = response.content.decode()
    assert "count has started" in page and "Review the count sheet" in page
    assert 'max="100" value="100"' in page and "Publish the result" in page
    sheet = client.get(u["sheet"]).content.decode()
    assert "Not published" in sheet and "count-sheet" in sheet
    assert client.get(u["result"]).status_code == 404  # reviewed, not yet published
    published = client.post(
        reverse("elections:publish", kwargs={"slug": election.slug}),
        {"confirm": "yes"},
        follow=True,
    )
    assert published.redirect_chain[-1][0] == u["result"]
    election.refresh_from_db()
    assert election.published_at is not None


def test_the_count_page_refreshes_itself_while_counting(client, voted, officer):
    election, section, _ = voted
    close_ballot(election)
    CountRun.objects.create(section=section, seed=1, status=CountRun.Status.RUNNING, progress=40)
    client.force_login(officer)
    page = client.get(urls(election, section)["count"]).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert 'aria-live="polite"' in page and 'value="40"' in page


@pytest.fixture
def published(voted, officer):
    election, section, trackers = voted
    close_ballot(election)
    counts.election_count_start(election=election, actor=officer)
    counts.election_publish(election=election, actor=officer)
    return election, section, trackers


def test_the_public_result_shows_the_elected_the_chart_and_the_sheet(client, published):
    election, section, _ = published
    run = counts.section_count(section)
    html = client.get(urls(election, section)["result"]).content.decode()
    elected = "".join(f"<li>{n}</li>" for n in run.sheet["elected"])
    assert f'<ol class="elected">{elected}</ol>' in html
    assert html.count('<table class="bar-chart">') == len(run.sheet["stages"])
    assert '<section class="count-sheet">' in html
    assert "<script" not in html
    # The bars are drawn without inline style, which the Content-Security-Policy forbids.
    assert '<rect class="bar" width="' in html
    assert "style=" not in html


def test_the_json_download_is_the_stored_sheet(client, published):
    election, section, _ = published
    body = client.get(urls(election, section)["count.json"])
    assert body["Content-Disposition"].startswith("attachment")
    assert json.loads(body.content) == counts.section_count(section).sheet


def test_the_csv_download_has_a_row_per_stage(client, published):
    election, section, _ = published
    rows = list(
        csv.reader(io.StringIO(client.get(urls(election, section)["count.csv"]).content.decode()))
    )
    assert rows[0][:2] == ["stage", "action"] and "Ann Able" in rows[0]
    assert len(rows) == 1 + len(counts.section_count(section).sheet["stages"])


def test_plenary_count_on_the_downloaded_blt_elects_the_same(client, published, tmp_path):
    election, section, _ = published
    blt = tmp_path / "ballots.blt"
    blt.write_bytes(client.get(urls(election, section)["ballots.blt"]).content)
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "plenary.cli",
            "count",
            str(blt),
            "--method",
            section.method,
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout)["elected"] == counts.section_count(section).sheet["elected"]


def test_the_blt_holds_every_ballot_and_no_tracker(client, published):
    election, section, trackers = published
    text = client.get(urls(election, section)["ballots.blt"]).content.decode()
    lines = text.splitlines()
    assert lines[0] == "5 2"
    weights = [int(line.split()[0]) for line in lines[1 : lines.index("0")]]
    assert sum(weights) == sum(PATTERNS.values())
    assert not any(t in text for t in trackers)


def test_the_ballot_list_is_sorted_by_tracker_and_has_every_ballot(client, published):
    election, section, trackers = published
    rows = list(
        csv.reader(io.StringIO(client.get(urls(election, section)["list"]).content.decode()))
    )
    assert rows[0] == ["tracker", "ballot"]
    assert [r[0] for r in rows[1:]] == sorted(trackers)
    by_code = dict(rows[1:])
    first = CastBallot.objects.get(tracker=trackers[0])
    assert by_code[trackers[0]].split(" > ")[0] in {
        "Ann Able",
        "Ben Bold",
        "Cat Cole",
        "Dan Dale",
        "Eve East",
    }
    assert len(by_code[trackers[0]].split(" > ")) == len(first.ranking)


def test_the_ballot_list_is_public_once_the_ballot_closes(client, voted):
    election, section, _ = voted
    close_ballot(election)
    assert client.get(urls(election, section)["list"]).status_code == 200


def test_an_unknown_download_is_not_found(client, published):
    election, section, _ = published
    url = reverse(
        "elections:result_download",
        kwargs={"slug": election.slug, "section_id": section.pk, "filename": "secrets.txt"},
    )
    assert client.get(url).status_code == 404


def test_a_candidate_named_like_a_formula_is_text_in_every_csv_download(client, tree, officer):
    """Issue 10, item 3: the count sheet CSV and the public ballot list go through the one CSV
    writer (core/csv.py), so a name a spreadsheet would run as a formula is written as text."""
    hostile = '=HYPERLINK("http://example.com","x")'
    election = make_election(tree["national"], **OPEN_BALLOTS)
    section = make_section(election, "Steering committee", seats=1)
    first, second = make_candidates(section, tree["northtown"], hostile, "Ben Bold")
    voters = [f.make_member(f"Voter {index}", tree["northtown"]) for index in range(3)]
    for voter in voters:  # all on the roll before the first vote freezes it
        voting.ballot_cast(section=section, member=voter, ranking=[first.id, second.id])
    close_ballot(election)
    counts.election_count_start(election=election, actor=officer)
    counts.election_publish(election=election, actor=officer)
    for name in ("count.csv", "list"):
        text = client.get(urls(election, section)[name]).content.decode()
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))], name
        assert any(hostile in cell for cell in cells), name
