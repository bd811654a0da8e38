from django.urls import include, path

app_name = "elections"
urlpatterns = [
    path("", include("plenary.web.elections.setup_urls")),
    path("", include("plenary.web.elections.voting_urls")),
]
