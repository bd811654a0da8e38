"""Routes for voting (see docs/decisions/0005-elections.md)."""

from django.urls import path

from plenary.web.elections.voting import views

urlpatterns = [
    path("ballots/", views.my_ballots, name="my_ballots"),
    path("receipts/", views.receipt_check, name="receipt_check"),
    path("<slug:slug>/voting/", views.election_voting, name="voting"),
    path("<slug:slug>/ballot/<int:section_id>/", views.ballot, name="ballot"),
]
