from django.urls import path

from plenary.web.organisation import views

app_name = "organisation"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("units/<slug:slug>/", views.unit, name="unit"),
    path("affiliates/", views.affiliates, name="affiliates"),
    path("affiliates/new/", views.affiliate_edit, name="affiliate_new"),
    path("affiliates/<int:pk>/", views.affiliate, name="affiliate"),
    path("affiliates/<int:pk>/edit/", views.affiliate_edit, name="affiliate_edit"),
    path("bodies/<slug:slug>/", views.body, name="body"),
    path("bodies/<slug:slug>/seats/<int:seat_id>/end/", views.seat_end, name="seat_end"),
]
