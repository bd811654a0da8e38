from django.urls import path

from plenary.web.accounts import views, views_tokens

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("self-identification/", views.self_identification, name="self_identification"),
    path("tokens/new/", views_tokens.token_create, name="token_create"),
    path("tokens/<int:pk>/revoke/", views_tokens.token_revoke, name="token_revoke"),
]
