"""The JSON API's endpoints and status codes, through a bearer token or the session."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from plenary.web.accounts.token_services import api_token_create, api_token_revoke
from plenary.web.elections.models import CastBallot, CountRun
from plenary.web.elections.voting import services as voting
from tests.web import factories as f
from tests.web.api.conftest import ApiClient
from tests.web.elections.voting_helpers import (
    close_ballot,
    make_candidates,
    make_election,
    make_section,
)


def paper(section):
    return voting.ballot_paper(section)


def test_a_voter_lists_the_ballots_open_to_them_with_candidates(bob_api, ranked, referendum):
    response = bob_api.get("/api/ballots/")
    assert response.status_code == 200
    ballots = {ballot["name"]: ballot for ballot in response.json()}
    assert set(ballots) == {"Steering committee", "Rule change"}
    steering = ballots["Steering committee"]
    assert steering["id"] == ranked.pk
    assert steering["seats"] == 2 and steering["method"] == "scottish"
    assert steering["election"]["slug"] == "exec-2026"
    assert [c["name"] for c in steering["candidates"]] == ["Ann Able", "Ben Bold", "Cat Cole"]
    assert ballots["Rule change"]["question"] == "Should the branch meet monthly?"
    assert ballots["Rule change"]["candidates"] == []


def test_a_ballot_already_voted_on_is_no_longer_listed(bob_api, ranked, referendum):
    bob_api.post(f"/api/ballots/{referendum.pk}/vote", {"choice": "yes"})
    names = [ballot["name"] for ballot in bob_api.get("/api/ballots/").json()]
    assert names == ["Steering committee"]


def test_an_account_without_membership_sees_no_ballots(ranked, admin):
    client = Client()
    client.force_login(admin)
    response = client.get("/api/ballots/")
    assert response.status_code == 200 and response.json() == []


def test_a_ranked_vote_returns_a_receipt_that_is_in_the_box(bob_api, ranked):
    ranking = paper(ranked)[::-1]
    response = bob_api.post(f"/api/ballots/{ranked.pk}/vote", {"ranking": ranking})
    assert response.status_code == 200
    receipt = response.json()["receipt"]
    assert CastBallot.objects.get(tracker=receipt).ranking == ranking
    check = bob_api.get(f"/api/receipts/{receipt}")
    assert check.status_code == 200
    assert check.json() == {"receipt": receipt, "in_box": True}


def test_a_receipt_typed_in_lower_case_is_found(bob_api, ranked):
    receipt = bob_api.post(f"/api/ballots/{ranked.pk}/vote", {"ranking": paper(ranked)}).json()[
        "receipt"
    ]
    assert bob_api.get(f"/api/receipts/{receipt.lower()}").json()["in_box"] is True


def test_an_unknown_receipt_is_not_in_the_box(bob_api, ranked):
    response = bob_api.get("/api/receipts/AAAA-BBBB-CCCC-DDDD")
    assert response.status_code == 200 and response.json()["in_box"] is False


def test_a_yes_no_vote(bob_api, referendum):
    response = bob_api.post(f"/api/ballots/{referendum.pk}/vote", {"choice": "abstain"})
    assert response.status_code == 200
    assert CastBallot.objects.get(tracker=response.json()["receipt"]).choice == "abstain"


def test_a_second_vote_is_a_conflict(bob_api, ranked):
    bob_api.post(f"/api/ballots/{ranked.pk}/vote", {"ranking": paper(ranked)})
    response = bob_api.post(f"/api/ballots/{ranked.pk}/vote", {"ranking": paper(ranked)})
    assert response.status_code == 409
    assert response.json() == {"message": voting.ALREADY_VOTED}
    assert CastBallot.objects.filter(section=ranked).count() == 1


def test_voting_on_a_closed_ballot_is_a_conflict(bob_api, ranked, election):
    close_ballot(election)
    response = bob_api.post(f"/api/ballots/{ranked.pk}/vote", {"ranking": paper(ranked)})
    assert response.status_code == 409
    assert response.json()["message"] == voting.CLOSED


def test_a_member_not_on_the_roll_is_forbidden(ranked, tree):
    election = make_election(tree["national"], slug="north-only")
    election.electorate_units.add(tree["south"])
    section = make_section(election, "Regional seat")
    make_candidates(section, tree["southtown"], "Sue South")
    bob = f.make_member_with_login("Bill Northerner", tree["northtown"]).user
    api = ApiClient(api_token_create(user=bob, name="t", actor=bob)[1])
    response = api.post(f"/api/ballots/{section.pk}/vote", {"ranking": paper(section)})
    assert response.status_code == 403
    assert response.json()["message"] == voting.NOT_ON_ROLL


def test_an_account_without_membership_cannot_vote(ranked, admin):
    client = Client()
    client.force_login(admin)
    response = client.post(
        f"/api/ballots/{ranked.pk}/vote",
        {"ranking": paper(ranked)},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "membership" in response.json()["message"]


@pytest.mark.parametrize(
    "make_body, expected",
    [
        (lambda ids: {"ranking": [ids[0], ids[0]]}, "more than once"),
        (lambda ids: {"ranking": [ids[0], 999999]}, "not on this ballot paper"),
        (lambda ids: {"ranking": []}, voting.EMPTY_RANKING),
        (lambda ids: {}, voting.EMPTY_RANKING),
        (lambda ids: {"choice": "yes"}, voting.CHOICE_ON_RANKED),
    ],
)
def test_a_malformed_ranking_is_a_bad_request(bob_api, ranked, make_body, expected):
    response = bob_api.post(f"/api/ballots/{ranked.pk}/vote", make_body(paper(ranked)))
    assert response.status_code == 400
    assert expected in response.json()["message"]
    assert not CastBallot.objects.exists()


def test_a_body_of_the_wrong_shape_is_unprocessable_with_a_message(bob_api, ranked):
    response = bob_api.post(f"/api/ballots/{ranked.pk}/vote", {"ranking": "first"})
    assert response.status_code == 422
    assert response.json()["message"].startswith("The request is not valid: body.vote.ranking")


def test_a_choice_outside_yes_no_abstain_is_unprocessable(bob_api, referendum):
    response = bob_api.post(f"/api/ballots/{referendum.pk}/vote", {"choice": "maybe"})
    assert response.status_code == 422
    assert "message" in response.json()


def test_a_body_that_is_not_json_is_refused_with_a_message(bob_api, ranked):
    response = bob_api.client.post(
        f"/api/ballots/{ranked.pk}/vote",
        "{not json",
        content_type="application/json",
        headers=bob_api.headers,
    )
    assert response.status_code == 400
    assert response.json() == {"message": "Cannot parse request body"}


def test_an_unknown_ballot_is_not_found(bob_api, db):
    response = bob_api.post("/api/ballots/424242/vote", {"ranking": [1]})
    assert response.status_code == 404 and response.json() == {"message": "Not found."}


def test_a_ballot_of_a_draft_election_is_not_found(bob_api, ranked, election):
    election.announced_at = None
    election.save(update_fields=["announced_at"])
    response = bob_api.post(f"/api/ballots/{ranked.pk}/vote", {"ranking": paper(ranked)})
    assert response.status_code == 404


def test_no_credentials_is_unauthorised(anonymous_api, ranked):
    for response in (
        anonymous_api.get("/api/ballots/"),
        anonymous_api.post(f"/api/ballots/{ranked.pk}/vote", {"ranking": paper(ranked)}),
    ):
        assert response.status_code == 401
        assert "Authorization: Bearer" in response.json()["message"]
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_or_wrong_token_is_unauthorised(bob, ranked):
    token, raw = api_token_create(user=bob, name="t", actor=bob)
    api_token_revoke(token=token, actor=bob)
    assert ApiClient(raw).get("/api/ballots/").status_code == 401
    assert ApiClient("plenary_wrong").get("/api/ballots/").status_code == 401


def test_the_session_works_for_reading(client, bob, ranked):
    client.force_login(bob)
    assert [b["id"] for b in client.get("/api/ballots/").json()] == [ranked.pk]


def test_a_session_vote_needs_the_csrf_token(bob, ranked):
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)
    body = {"ranking": paper(ranked)}
    refused = client.post(f"/api/ballots/{ranked.pk}/vote", body, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["message"]
    client.get("/account/")  # sets the CSRF cookie, as any page does
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        f"/api/ballots/{ranked.pk}/vote",
        body,
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert accepted.status_code == 200 and "receipt" in accepted.json()


def test_a_token_vote_needs_no_csrf_token(bob, ranked):
    api = ApiClient(api_token_create(user=bob, name="t", actor=bob)[1])
    api.client = Client(enforce_csrf_checks=True)
    assert api.post(f"/api/ballots/{ranked.pk}/vote", {"ranking": paper(ranked)}).status_code == 200


def test_no_result_before_publication(bob_api, ranked):
    response = bob_api.get(f"/api/ballots/{ranked.pk}/result")
    assert response.status_code == 404
    assert response.json()["message"] == "Not found."


def _publish_with_sheet(section, election):
    close_ballot(election)
    run = CountRun.objects.create(
        section=section,
        status=CountRun.Status.DONE,
        seed=42,
        ballots_counted=1,
        sheet={"schema": "test", "elected": ["Ann Able"]},
        finished_at=timezone.now(),
    )
    election.published_at = timezone.now()
    election.save(update_fields=["published_at"])
    return run


def test_receipts_and_results_are_public_like_their_pages(anonymous_api, bob_api, ranked, election):
    receipt = bob_api.post(f"/api/ballots/{ranked.pk}/vote", {"ranking": paper(ranked)}).json()[
        "receipt"
    ]
    assert anonymous_api.get(f"/api/receipts/{receipt}").json()["in_box"] is True
    assert anonymous_api.get(f"/api/ballots/{ranked.pk}/result").status_code == 404
    _publish_with_sheet(ranked, election)
    assert anonymous_api.get(f"/api/ballots/{ranked.pk}/result").status_code == 200


def test_the_published_result_is_the_stored_sheet(bob_api, ranked, election):
    _publish_with_sheet(ranked, election)
    response = bob_api.get(f"/api/ballots/{ranked.pk}/result")
    assert response.status_code == 200
    body = response.json()
    assert body["sheet"] == {"schema": "test", "elected": ["Ann Able"]}
    assert body["seed"] == 42 and body["ballots_counted"] == 1 and body["ballot"] == ranked.pk


def test_a_counted_but_unpublished_result_is_not_shown(bob_api, ranked, election):
    _publish_with_sheet(ranked, election)
    election.published_at = None
    election.save(update_fields=["published_at"])
    assert bob_api.get(f"/api/ballots/{ranked.pk}/result").status_code == 404


def test_an_unknown_path_under_the_api_is_json_404(bob_api, db):
    response = bob_api.get("/api/no-such-thing")
    assert response.status_code == 404 and response.json() == {"message": "Not found."}


def test_a_wrong_method_is_json_405(bob_api, ranked):
    response = bob_api.client.delete("/api/ballots/", headers=bob_api.headers)
    assert response.status_code == 405
    assert "DELETE" in response.json()["message"]
    assert "GET" in response["Allow"]


def test_the_schema_is_served_and_describes_the_endpoints(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert set(schema["paths"]) == {
        "/api/ballots/",
        "/api/ballots/{ballot_id}/vote",
        "/api/receipts/{code}",
        "/api/ballots/{ballot_id}/result",
    }
    schemes = schema["components"]["securitySchemes"]
    assert {scheme["type"] for scheme in schemes.values()} == {"http", "apiKey"}


def test_the_docs_page_uses_this_sites_own_swagger_ui(client, db):
    response = client.get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()


def test_a_database_outage_is_a_503_with_a_json_message_and_retry_after(
    bob_api, ranked, monkeypatch
):
    from django.db import OperationalError

    def database_gone(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(voting, "ballot_cast", database_gone)
    response = bob_api.post(f"/api/ballots/{ranked.pk}/vote", {"ranking": paper(ranked)})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "trying again tells you whether your vote was recorded" in response.json()["message"]
