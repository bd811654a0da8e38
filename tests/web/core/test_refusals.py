"""The 403 page's advice fits who is asking, a refusal is logged in one line, and the
logged-out home page promises only what the site does."""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_logged_in_member_is_not_told_to_ask_the_branch_secretary(client, bob):
    client.force_login(bob)
    response = client.get(reverse("audit:log"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "ask your branch secretary" not in page
    assert "ask the officer who appointed you, or the site admin" in page


def test_a_refusal_is_logged_in_one_line_without_a_traceback(client, bob, caplog):
    client.force_login(bob)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(reverse("audit:log")).status_code == 403
    records = [record for record in caplog.records if record.name == "django.request"]
    assert len(records) == 1
    assert records[0].getMessage().startswith("Forbidden (Permission denied): ")
    # The filter the settings attach to django.request dropped the exception.
    logger = logging.getLogger("django.request")
    for log_filter in logger.filters:
        log_filter.filter(records[0])
    assert records[0].exc_info is None and records[0].exc_text is None


def test_a_server_error_keeps_its_traceback():
    from plenary.web.core.logs import RefusalsWithoutTraceback

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        import sys

        record = logging.LogRecord("django.request", logging.ERROR, "", 0, "x", (), sys.exc_info())
    record.status_code = 500
    assert RefusalsWithoutTraceback().filter(record) and record.exc_info is not None


def test_the_logged_out_home_page_promises_only_what_exists(client, tree):
    page = client.get(reverse("core:home")).content.decode()
    assert "meetings" not in page and "motions" not in page
    assert "elections" in page
