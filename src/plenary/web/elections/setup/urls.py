"""Routes for setting up elections and their public pages (see docs/decisions/0005-elections.md)."""

from django.urls import path

from plenary.web.elections.setup import views

urlpatterns = [
    path("", views.election_list, name="list"),
    path("new/", views.election_create, name="create"),
    path("<slug:slug>/", views.election_detail, name="detail"),
    path("<slug:slug>/edit/", views.election_edit, name="edit"),
    path("<slug:slug>/timeline/", views.election_timeline, name="timeline"),
    path("<slug:slug>/announce/", views.election_announce, name="announce"),
    path("<slug:slug>/roll/", views.election_roll, name="roll"),
    path("<slug:slug>/roll.csv", views.election_roll_csv, name="roll_csv"),
    path("<slug:slug>/tally/", views.election_tally, name="tally"),
    path("<slug:slug>/sections/new/", views.section_form, name="section_create"),
    path("<slug:slug>/sections/<int:pk>/edit/", views.section_form, name="section_edit"),
    path("<slug:slug>/sections/<int:pk>/delete/", views.section_delete, name="section_delete"),
    path(
        "<slug:slug>/questionnaires/new/", views.questionnaire_create, name="questionnaire_create"
    ),
    path("<slug:slug>/questionnaires/<int:pk>/", views.questionnaire_detail, name="questionnaire"),
]
