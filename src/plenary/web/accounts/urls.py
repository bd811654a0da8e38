from django.urls import path

from plenary.web.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("self-identification/", views.self_identification, name="self_identification"),
]
