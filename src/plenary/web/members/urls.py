from django.urls import include, path

app_name = "members"
urlpatterns = [
    path("", include("plenary.web.members.csv_urls")),
]
