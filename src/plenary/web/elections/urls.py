from django.urls import include, path

app_name = "elections"
# Routes with fixed words ("ballots", "receipts", "candidacies") come before the routes that
# start with an election's slug, so those words are never taken as slugs.
urlpatterns = [
    path("", include("plenary.web.elections.voting.urls")),
    path("", include("plenary.web.elections.nominations.urls")),
    path("", include("plenary.web.elections.counts.urls")),
    path("", include("plenary.web.elections.setup.urls")),
]
