"""The published result as PDF: the whole election and each section's count sheet, public
exactly when the other downloads are, read back with pdftotext. Where the PDF engine cannot
run, the result page says why instead of linking, and the PDF URLs answer 503; where it can
but pdftotext is missing, these tests fail (make system-deps installs both)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plenary.web.core import pdf
from plenary.web.elections.counts import services as counts
from plenary.web.elections.models import Method
from plenary.web.elections.voting import services as voting
from tests.web import factories as f
from tests.web.elections.voting_helpers import (
    close_ballot,
    make_candidates,
    make_election,
    make_returning_officer,
    make_section,
)
from tests.web.pdftext import pdf_text, squashed


@pytest.fixture
def officer(tree):
    return make_returning_officer(tree["national"])


@pytest.fixture
def voted(tree):
    """2 seats, 4 candidates, 12 ballots: a surplus, exclusions, several stages."""
    election = make_election(tree["national"])
    section = make_section(election, "Steering committee", seats=2)
    candidates = make_candidates(
        section, tree["northtown"], "Ann Able", "Ben Bold", "Cat Cole", "Dan Dale"
    )
    letters = {c.member.name[0]: c.id for c in candidates}
    patterns = {"ABC": 5, "BAD": 3, "CDA": 2, "DCB": 2}
    ballots = [  # every voter on the roll before the first vote freezes it
        (f.make_member(f"Voter {p} {i}", tree["northtown"]), [letters[x] for x in p])
        for p, times in patterns.items()
        for i in range(times)
    ]
    for voter, ranking in ballots:
        voting.ballot_cast(section=section, member=voter, ranking=ranking)
    return election, section


@pytest.fixture
def published(voted, officer):
    election, section = voted
    close_ballot(election)
    counts.election_count_start(election=election, actor=officer)
    counts.election_publish(election=election, actor=officer)
    return election, section


@pytest.fixture(autouse=True)
def engine():
    pdf.pdf_available.cache_clear()
    yield
    pdf.pdf_available.cache_clear()


def pdf_urls(election, section):
    return {
        "result": reverse("elections:result", kwargs={"slug": election.slug}),
        "result.pdf": reverse("elections:result_pdf", kwargs={"slug": election.slug}),
        "count.pdf": reverse(
            "elections:result_download",
            kwargs={"slug": election.slug, "section_id": section.pk, "filename": "count.pdf"},
        ),
    }


def test_no_pdf_before_publication(client, voted, officer):
    election, section = voted
    u = pdf_urls(election, section)
    for name in ("result.pdf", "count.pdf"):
        assert client.get(u[name]).status_code == 404, name
    close_ballot(election)
    counts.election_count_start(election=election, actor=officer)
    client.force_login(officer)  # counted, not published: not even the officer gets a PDF
    for name in ("result.pdf", "count.pdf"):
        assert client.get(u[name]).status_code == 404, name


def test_the_result_page_links_both_pdfs(client, published):
    election, section = published
    u = pdf_urls(election, section)
    page = client.get(u["result"]).content.decode()
    assert f'href="{u["result.pdf"]}"' in page and f'href="{u["count.pdf"]}"' in page
    assert "not available on this server" not in page


def test_the_result_pdf_has_the_elected_and_the_stage_table(client, published):
    election, section = published
    response = client.get(pdf_urls(election, section)["result.pdf"])
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{election.slug}-result.pdf"'
    text = pdf_text(response.content)
    sheet = counts.section_count(section).sheet
    assert f"Result: {election.title}" in text and section.name in text
    assert "Elected, in order of election" in text
    for name in sheet["elected"]:
        assert name in text
    assert "Candidate" in text and "Stage 1" in text and f"Stage {len(sheet['stages'])}" in text
    assert "Non-transferable" in text
    assert "Page 1 of" in text
    assert "http://testserver/elections/" in squashed(text)  # where the downloads are


def test_the_count_sheet_pdf_is_one_section(client, published):
    election, section = published
    response = client.get(pdf_urls(election, section)["count.pdf"])
    assert response.status_code == 200
    name = f"{election.slug}-{section.pk}-count.pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    text = pdf_text(response.content)
    assert "Stage 1" in text and all(
        n in text for n in counts.section_count(section).sheet["elected"]
    )


def test_hostile_and_very_long_names_are_text_in_the_pdf(client, tree, officer):
    script = "<script>alert('x')</script> Mallory"
    long_name = "Bartholomew-Maximilian " * 7 + "Featherstonehaugh"  # 178 of 200 allowed
    election = make_election(tree["national"])
    section = make_section(election, "Steering <b>committee</b>", seats=1)
    first, second = make_candidates(section, tree["northtown"], script, long_name)
    voters = [f.make_member(f"Voter {index}", tree["northtown"]) for index in range(3)]
    for voter in voters:
        voting.ballot_cast(section=section, member=voter, ranking=[first.id, second.id])
    close_ballot(election)
    counts.election_count_start(election=election, actor=officer)
    counts.election_publish(election=election, actor=officer)
    text = pdf_text(client.get(pdf_urls(election, section)["result.pdf"]).content)
    assert script in text and "Steering <b>committee</b>" in text
    assert squashed(long_name) in squashed(text)


def test_a_referendum_pdf_has_the_question_and_the_votes(client, tree, officer):
    election = make_election(tree["national"])
    section = make_section(
        election, "Rule change", method=Method.REFERENDUM, question="Adopt the new rules?"
    )
    voter = f.make_member("Voter One", tree["northtown"])
    voting.ballot_cast(section=section, member=voter, choice="yes")
    close_ballot(election)
    counts.election_count_start(election=election, actor=officer)
    counts.election_publish(election=election, actor=officer)
    text = pdf_text(client.get(pdf_urls(election, section)["count.pdf"]).content)
    assert "Adopt the new rules?" in text and "Yes" in text and "Abstain" in text


def test_without_the_engine_the_page_says_why_and_the_pdfs_are_503(
    client,
    published,
    monkeypatch,
):
    def fail():
        raise OSError("cannot load library 'libpango-1.0-0': no such file")

    monkeypatch.setattr(pdf, "_import_weasyprint", fail)
    pdf.pdf_available.cache_clear()
    election, section = published
    u = pdf_urls(election, section)
    page = client.get(u["result"]).content.decode()
    assert "not available on this server" in page and "libpango-1.0-0" in page
    assert u["result.pdf"] not in page and u["count.pdf"] not in page
    for name in ("result.pdf", "count.pdf"):
        response = client.get(u[name])
        assert response.status_code == 503, name
        assert (
            "Pango" in response.content.decode() and "make system-deps" in response.content.decode()
        )
