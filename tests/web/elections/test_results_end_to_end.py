"""From creating an election to its published result, through the services each role uses,
with the clock moved along the timeline (`now`), then the public pages and a recount."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plenary.web.audit.log import audit_verify
from plenary.web.elections.counts import services as counts
from plenary.web.elections.models import BallotFileAccess, Method, NominatingKind, Section
from plenary.web.elections.nominations import services as nominations
from plenary.web.elections.setup import services as setup
from plenary.web.elections.voting import services as voting
from tests.web import factories as f
from tests.web.elections.voting_helpers import make_returning_officer

H = timedelta(hours=1)


@pytest.mark.django_db
def test_an_election_from_creation_to_published_result(client, tree, alice, tmp_path):
    officer = make_returning_officer(tree["national"])
    t0 = timezone.now()
    election = setup.election_create(
        actor=officer,
        title="Steering committee 2027",
        slug="steering-2027",
        unit=tree["national"],
        roll_date=timezone.localdate(t0),
        ballot_file_access=BallotFileAccess.EVERYONE,  # the BLT is downloaded below
    )
    section = setup.section_create(
        actor=officer,
        election=election,
        now=t0,
        name="Steering committee",
        seats=2,
        method=Method.SCOTTISH,
        nominating_kinds=[NominatingKind.BRANCH],
        nominations_per_body=4,
        threshold=1,
    )
    election = setup.election_set_timeline(
        actor=officer,
        election=election,
        now=t0,
        nominations_open_at=t0 + H,
        nominations_close_at=t0 + 2 * H,
        ballot_open_at=t0 + 3 * H,
        ballot_close_at=t0 + 4 * H,
    )
    standing = [
        f.make_member_with_login(n, tree["northtown"]) for n in ("Ann Able", "Ben Bold", "Cat Cole")
    ]
    voters = [f.make_member(f"Voter {i}", tree["northtown"]) for i in range(11)]
    election = setup.election_announce(actor=officer, election=election, now=t0)
    section = Section.objects.get(pk=section.pk)  # with the election as it now stands

    # Nominations: Northtown's secretary records them; each nominee accepts.
    nominations.nominations_record(
        actor=alice,
        section=section,
        body=tree["northtown"],
        nominees=standing,
        meeting_date=timezone.localdate(t0),
        now=t0 + 1.5 * H,
    )
    for member in standing:
        candidate = member.candidacies.get(section=section)
        nominations.candidate_decide(
            actor=member.user, candidate=candidate, accept=True, now=t0 + 1.5 * H
        )

    # The ballot: 11 voters, 2 seats. Quota floor(11/3)+1 = 4.
    ann, ben, cat = voting.ballot_paper(section)
    rankings = [[ann, ben]] * 6 + [[ben, cat]] * 2 + [[cat, ben]] * 3
    receipts = [
        voting.ballot_cast(section=section, member=v, ranking=r, now=t0 + 3.5 * H)
        for v, r in zip(voters, rankings, strict=True)
    ]
    with pytest.raises(voting.BallotClosed):
        voting.ballot_cast(section=section, member=standing[0], ranking=[ann], now=t0 + 4 * H)

    # Close, count, publish.
    (run,) = counts.election_count_start(election=election, actor=officer, now=t0 + 4.5 * H)
    run.refresh_from_db()
    assert run.ballots_counted == 11
    # Ann 6 (surplus 2 to Ben: Ben 4, elected with the quota); Cat 3 is left.
    assert run.sheet["elected"] == ["Ann Able", "Ben Bold"]
    counts.election_publish(election=election, actor=officer, now=t0 + 5 * H)

    # Everyone sees the result; each receipt is in the box; a recount agrees.
    page = client.get(reverse("elections:result", kwargs={"slug": election.slug})).content.decode()
    assert '<ol class="elected"><li>Ann Able</li><li>Ben Bold</li></ol>' in page
    assert all(voting.receipt_lookup(code) for code in receipts)
    blt = tmp_path / "steering.blt"
    blt.write_bytes(
        client.get(
            reverse(
                "elections:result_download",
                kwargs={"slug": election.slug, "section_id": section.pk, "filename": "ballots.blt"},
            )
        ).content
    )
    recount = subprocess.run(
        [sys.executable, "-m", "plenary.cli", "count", str(blt), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(recount.stdout)["elected"] == ["Ann Able", "Ben Bold"]
    assert audit_verify().ok
