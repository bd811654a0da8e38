"""Routes for the voting part of elections (see docs/decisions/0005-elections.md).

Included before the setup routes: "ballots" and "receipts" must not be taken as slugs."""

from django.urls import path

from plenary.web.elections import views_results, views_voting

urlpatterns = [
    path("ballots/", views_voting.my_ballots, name="my_ballots"),
    path("receipts/", views_voting.receipt_check, name="receipt_check"),
    path("<slug:slug>/voting/", views_voting.election_voting, name="voting"),
    path("<slug:slug>/ballot/<int:section_id>/", views_voting.ballot, name="ballot"),
    path(
        "<slug:slug>/ballot/<int:section_id>/ballots.csv",
        views_results.ballot_list,
        name="ballot_list",
    ),
    path("<slug:slug>/count/", views_results.count_dashboard, name="count"),
    path("<slug:slug>/count/<int:section_id>/", views_results.count_sheet, name="count_sheet"),
    path("<slug:slug>/publish/", views_results.publish, name="publish"),
    path("<slug:slug>/result/", views_results.result, name="result"),
    path(
        "<slug:slug>/result/<int:section_id>/<str:filename>",
        views_results.result_download,
        name="result_download",
    ),
]
