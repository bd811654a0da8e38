"""Sign-up, under allauth's /accounts/ and ahead of it, so that `account_signup` is plenary's
page (accounts/signup.py) and allauth's own sign-up view is never reached."""

from django.urls import path

from plenary.web.accounts import views_signup

urlpatterns = [
    path("signup/", views_signup.signup, name="account_signup"),
    path("signup/sent/", views_signup.signup_sent, name="account_signup_sent"),
    path("signup/link/<str:token>/", views_signup.signup_link, name="account_signup_link"),
]
