"""Routes for counting and publishing results (see docs/decisions/0005-elections.md)."""

from django.urls import path

from plenary.web.elections.counts import views

urlpatterns = [
    path("<slug:slug>/ballot/<int:section_id>/ballots.csv", views.ballot_list, name="ballot_list"),
    path("<slug:slug>/count/", views.count_dashboard, name="count"),
    path("<slug:slug>/count/close/", views.count_close, name="count_close"),
    path("<slug:slug>/count/<int:section_id>/", views.count_sheet, name="count_sheet"),
    path("<slug:slug>/publish/", views.publish, name="publish"),
    path("<slug:slug>/result/", views.result, name="result"),
    path("<slug:slug>/result.pdf", views.result_pdf, name="result_pdf"),
    path(
        "<slug:slug>/result/<int:section_id>/<str:filename>",
        views.result_download,
        name="result_download",
    ),
]
