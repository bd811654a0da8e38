"""The API's URLs: ninja's, each answering a wrong method in JSON, then a JSON 404 for any
other path under /api/."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.http import HttpResponse
from django.urls import re_path

from plenary.web.api.api import api
from plenary.web.api.errors import json_method_not_allowed, not_found

_patterns, _app_name, _namespace = api.urls
app_name = "api"  # the namespace ninja reverses its own URLs in (urls_namespace)

for _pattern in _patterns:
    _view = cast(Callable[..., HttpResponse], _pattern.callback)  # each of ninja's has a view
    _pattern.callback = json_method_not_allowed(_view)

# `.` and `$` would stop at a newline, so a path holding an encoded one (%0A) slipped past the
# catch-all to the site's HTML 404; [\s\S]* up to \Z takes every character.
urlpatterns = [*_patterns, re_path(r"^[\s\S]*\Z", not_found, name="not_found")]
