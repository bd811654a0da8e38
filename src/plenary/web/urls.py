from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "plenary site admin"
admin.site.site_title = "plenary"

urlpatterns = [
    path("", include("plenary.web.core.urls")),
    path("accounts/", include("plenary.web.accounts.signup_urls")),  # before allauth's
    path("accounts/", include("allauth.urls")),
    path("account/notifications/", include("plenary.web.notifications.urls")),
    path("account/", include("plenary.web.accounts.urls")),
    path("organisation/", include("plenary.web.organisation.urls")),
    path("members/", include("plenary.web.members.urls")),
    path("elections/", include("plenary.web.elections.urls")),
    path("audit/", include("plenary.web.audit.urls")),
    path("api/", include("plenary.web.api.urls")),
    path("admin/", admin.site.urls),
]
