from django.urls import path

from plenary.web.organisation import views

app_name = "organisation"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("units/<slug:slug>/", views.unit, name="unit"),
    path("affiliates/", views.affiliates, name="affiliates"),
    path("affiliates/<int:pk>/", views.affiliate, name="affiliate"),
    path("bodies/<slug:slug>/", views.body, name="body"),
]
