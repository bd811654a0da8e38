from django.urls import include, path

app_name = "elections"
urlpatterns = [
    # Voting first: its fixed words ("ballots", "receipts") must win over an election slug.
    path("", include("plenary.web.elections.voting_urls")),
    path("", include("plenary.web.elections.setup_urls")),
]
