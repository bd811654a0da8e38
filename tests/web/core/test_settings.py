"""Settings come from the environment and fail loudly on bad values."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from plenary.web.env import cache_settings, email_settings, env_bool, env_int, env_secret


def test_env_bool_refuses_an_unclear_value(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG must be true or false"):
        env_bool("SOME_FLAG", False)


def test_env_int_refuses_words(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("SOME_NUMBER", 1)


def test_a_secret_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "key"
    secret.write_text("from-a-file\n")
    monkeypatch.delenv("THE_SECRET", raising=False)
    monkeypatch.setenv("THE_SECRET_FILE", str(secret))
    assert env_secret("THE_SECRET") == "from-a-file"


def test_email_urls_choose_the_backend():
    smtp = email_settings("smtp://mailer:p%40ss@mail.example.org:2525?tls=1")
    assert smtp["EMAIL_HOST"] == "mail.example.org" and smtp["EMAIL_PORT"] == 2525
    assert smtp["EMAIL_HOST_PASSWORD"] == "p@ss" and smtp["EMAIL_USE_TLS"] is True
    assert email_settings("smtps://mail.example.org")["EMAIL_PORT"] == 465
    assert email_settings("console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        email_settings("carrier-pigeon://loft")


def test_the_production_settings_pass_the_deploy_check(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "plenary.web.settings",
        "SECRET_KEY": "x" * 10 + "production-grade-random-looking-key-9f8e7d6c5b4a3b2c1d0e",
        "ALLOWED_HOSTS": "members.example.org",
        "PLENARY_DATA_DIR": str(tmp_path),
        "DEBUG": "false",
    }
    env.pop("PLENARY_TESTING", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests in this process
    result = subprocess.run(
        [sys.executable, "-m", "plenary.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_cache_urls_choose_the_backend(monkeypatch):
    database = cache_settings("db://")
    assert database == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "plenary_cache",
    }
    assert cache_settings("db://other_cache")["LOCATION"] == "other_cache"
    assert cache_settings("locmem://")["BACKEND"].endswith("locmem.LocMemCache")
    assert cache_settings("dummy://")["BACKEND"].endswith("dummy.DummyCache")
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object())
    redis = cache_settings("redis://:secret@cache.internal:6379/2")
    assert redis == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://:secret@cache.internal:6379/2",
    }


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("memcached://localhost:11211", "CACHE_URL must start db://, redis://"),
        ("localhost:6379", "CACHE_URL must start"),
        ("db://drop table;", "plain table name"),
        ("redis://", "names no Redis host"),
    ],
)
def test_a_bad_cache_url_says_what_is_wrong(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        cache_settings(url)


def test_a_redis_url_without_the_redis_package_says_to_install_it(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ImproperlyConfigured, match="pip install redis"):
        cache_settings("redis://localhost:6379/0")


def test_the_site_caches_in_its_database_by_default_and_the_tests_have_the_table(db):
    from django.conf import settings
    from django.core.cache import cache

    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    cache.set("plenary-test", 42)  # fails if the test database has no cache table
    assert cache.get("plenary-test") == 42


def test_make_run_creates_the_cache_table_after_migrating():
    makefile = (Path(__file__).resolve().parents[3] / "Makefile").read_text()
    run_target = makefile.split("\nrun: $(STAMP)\n", 1)[1].split("\n\n", 1)[0]
    assert run_target.index("plenary migrate") < run_target.index("plenary createcachetable")
