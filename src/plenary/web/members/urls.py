from django.urls import include, path

from plenary.web.members import views

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("", include("plenary.web.members.csv.urls")),
    path("<str:number>/", views.member_detail, name="detail"),
]
