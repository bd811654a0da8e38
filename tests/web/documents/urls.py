"""A stand-in owning app's view, as a capability would write it (docs/documents.md)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path

from plenary.web import urls as site_urls
from plenary.web.core.permissions import object_permission_required
from plenary.web.documents.models import Document
from plenary.web.documents.serving import document_response

ALLOWED: set[int] = set()


@object_permission_required("tests.view_paper")
def paper(request, pk):
    document = get_object_or_404(Document, pk=pk, owner="tests.papers")
    if request.user.pk not in ALLOWED:  # the owning app's rule; here a stand-in
        raise PermissionDenied
    return document_response(request, document, inline_ok="view" in request.GET)


urlpatterns = [path("papers/<uuid:pk>/", paper, name="paper"), *site_urls.urlpatterns]
