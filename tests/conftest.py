"""Hypothesis profiles: `ci` (the default, and what `make test` runs) draws the same examples
every run, so a random draw never decides whether a commit lands; `fuzz` (`make fuzz`)
draws fresh random examples, many more, to go looking for new failures. And the servers the
several-workers and several-instances tests share: Redis and the collected static files."""

import os
import subprocess
import sys

import pytest
from hypothesis import settings

from tests.servers import redis_server, s3_server

settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("fuzz", derandomize=False, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def s3_service(tmp_path_factory):
    """A local S3-compatible server (moto's server mode) for the whole run; its endpoint URL.
    Use `s3_documents` (tests/web/conftest.py) for the documents storage in a fresh bucket."""
    with s3_server(tmp_path_factory.mktemp("s3")) as endpoint:
        yield endpoint


@pytest.fixture(scope="session")
def redis_service(tmp_path_factory):
    """Debian's redis-server on a free port on 127.0.0.1 for the whole run (tests/servers.py);
    its URL. Use `redis_url` for an empty one."""
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
def redis_url(redis_service):
    """The test run's Redis, emptied for this test."""
    import redis

    client = redis.Redis.from_url(redis_service)
    client.flushdb()
    client.close()
    return redis_service


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """The collected static files, which the pages link by their hashed names, for the tests
    that serve the site with gunicorn."""
    root = tmp_path_factory.mktemp("static")
    env = {**os.environ, "STATIC_ROOT": str(root), "DJANGO_SETTINGS_MODULE": "plenary.web.settings"}
    env.pop("DATABASE_URL", None)
    env["PLENARY_DATA_DIR"] = str(tmp_path_factory.mktemp("collect"))
    command = [sys.executable, "-m", "plenary.cli", "collectstatic", "--no-input", "-v0"]
    subprocess.run(command, env=env, check=True, timeout=300)
    return root
