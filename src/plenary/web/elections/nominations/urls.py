"""Routes for nominations and candidacies (see docs/decisions/0005-elections.md)."""

from django.urls import path

from plenary.web.elections.nominations import views

urlpatterns = [
    path("candidacies/", views.candidacy_list, name="candidacies"),
    path("candidacies/<int:pk>/", views.candidacy_detail, name="candidacy"),
    path("candidacies/<int:pk>/decide/", views.candidacy_decide, name="candidacy_decide"),
    path(
        "candidacies/<int:pk>/questionnaires/<int:questionnaire_pk>/",
        views.candidacy_answers,
        name="candidacy_answers",
    ),
    path("nominations/<int:pk>/withdraw/", views.nomination_withdraw, name="nomination_withdraw"),
    path("nominations/seconding/", views.seconding_list, name="seconding"),
    path(
        "nominations/members/<int:pk>/decide/",
        views.member_nomination_decide,
        name="member_nomination_decide",
    ),
    path(
        "<slug:slug>/member-nominations/",
        views.member_nominations_list,
        name="member_nominations",
    ),
    path("<slug:slug>/sections/<int:pk>/propose/", views.member_nominate, name="member_nominate"),
    path("<slug:slug>/sections/<int:pk>/nominate/", views.nominate, name="nominate"),
    path(
        "<slug:slug>/candidates/<int:pk>/accept-on-behalf/",
        views.candidacy_accept_on_behalf,
        name="accept_on_behalf",
    ),
]
