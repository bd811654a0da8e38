"""The API's URLs: ninja's, each answering a wrong method in JSON, then a JSON 404 for any
other path under /api/."""

from __future__ import annotations

from django.urls import re_path

from plenary.web.api.api import api
from plenary.web.api.errors import json_method_not_allowed, not_found

_patterns, _app_name, _namespace = api.urls
app_name = "api"  # the namespace ninja reverses its own URLs in (urls_namespace)

for _pattern in _patterns:
    _pattern.callback = json_method_not_allowed(_pattern.callback)

urlpatterns = [*_patterns, re_path(r"^.*$", not_found, name="not_found")]
