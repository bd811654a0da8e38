"""allauth's pages (log in, password reset, two-factor) are in the site's own layout: the
header, the skip link and the navigation, not allauth's bare page."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["account_login", "account_reset_password"])
def test_allauth_pages_use_the_site_layout(client, name):
    page = client.get(reverse(name)).content.decode()
    assert 'class="site-header"' in page and "Skip to content" in page
