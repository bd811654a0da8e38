"""`plenary check --deploy` warns when the cache is per process: several instances would
share nothing (plenary.W001, core/checks.py)."""

from io import StringIO

import pytest
from django.core.management import call_command

from plenary.web.core.checks import shared_cache
from plenary.web.env import cache_settings


@pytest.mark.parametrize("url", ["locmem://", "dummy://"])
def test_a_per_process_cache_is_warned_about(settings, url):
    settings.CACHES = {"default": cache_settings(url)}
    [warning] = shared_cache()
    assert warning.id == "plenary.W001"
    assert "share nothing" in warning.msg
    assert "redis://" in warning.hint


@pytest.mark.parametrize("url", ["db://", "redis://127.0.0.1:6379/0"])
def test_a_shared_cache_is_not(settings, url):
    settings.CACHES = {"default": cache_settings(url)}
    assert shared_cache() == []


def test_check_deploy_reports_it(settings):
    settings.CACHES = {"default": cache_settings("locmem://")}
    out, err = StringIO(), StringIO()
    # Other deploy checks may fail under the test settings; only this warning is asked about.
    call_command("check", "--deploy", "--fail-level", "CRITICAL", stdout=out, stderr=err)
    assert "plenary.W001" in out.getvalue() + err.getvalue()


def test_plain_check_does_not(settings):
    settings.CACHES = {"default": cache_settings("locmem://")}
    out, err = StringIO(), StringIO()
    call_command("check", stdout=out, stderr=err)
    assert "plenary.W001" not in out.getvalue() + err.getvalue()
