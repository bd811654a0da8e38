"""Routes for the setup part of elections (see docs/decisions/0005-elections.md)."""

from django.urls import path

from plenary.web.elections import views_nominations as nominations
from plenary.web.elections import views_setup as setup

urlpatterns = [
    path("", setup.election_list, name="list"),
    path("new/", setup.election_create, name="create"),
    path("candidacies/", nominations.candidacy_list, name="candidacies"),
    path("candidacies/<int:pk>/", nominations.candidacy_detail, name="candidacy"),
    path("candidacies/<int:pk>/decide/", nominations.candidacy_decide, name="candidacy_decide"),
    path(
        "candidacies/<int:pk>/questionnaires/<int:questionnaire_pk>/",
        nominations.candidacy_answers,
        name="candidacy_answers",
    ),
    path(
        "nominations/<int:pk>/withdraw/",
        nominations.nomination_withdraw,
        name="nomination_withdraw",
    ),
    path("<slug:slug>/", setup.election_detail, name="detail"),
    path("<slug:slug>/edit/", setup.election_edit, name="edit"),
    path("<slug:slug>/timeline/", setup.election_timeline, name="timeline"),
    path("<slug:slug>/announce/", setup.election_announce, name="announce"),
    path("<slug:slug>/roll/", setup.election_roll, name="roll"),
    path("<slug:slug>/roll.csv", setup.election_roll_csv, name="roll_csv"),
    path("<slug:slug>/tally/", setup.election_tally, name="tally"),
    path("<slug:slug>/sections/new/", setup.section_form, name="section_create"),
    path("<slug:slug>/sections/<int:pk>/edit/", setup.section_form, name="section_edit"),
    path("<slug:slug>/sections/<int:pk>/delete/", setup.section_delete, name="section_delete"),
    path("<slug:slug>/sections/<int:pk>/nominate/", nominations.nominate, name="nominate"),
    path(
        "<slug:slug>/questionnaires/new/", setup.questionnaire_create, name="questionnaire_create"
    ),
    path("<slug:slug>/questionnaires/<int:pk>/", setup.questionnaire_detail, name="questionnaire"),
]
