from django.urls import include, path

from plenary.web.members import views

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("", include("plenary.web.members.csv.urls")),
    path("roll-email/stop/<str:token>/", views.stop_email_change, name="stop_email_change"),
    path("<str:number>/", views.member_detail, name="detail"),
    path("<str:number>/edit/", views.member_edit, name="edit"),
    path("<str:number>/standing/", views.member_standing, name="standing"),
]
