"""The login throttle holds across worker processes: gunicorn with two workers, the site's
default cache (the database, CACHE_URL=db://), wrong passwords sent two at a time so both
workers answer. The limit applies to the total, not to each worker (with a per-process
cache each worker would let its own five through). On a SQLite file, or, in the PostgreSQL
run of the suite, on a fresh database of that server."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from plenary.web.accounts.login_throttle import DEFAULTS
from tests.servers import fresh_database, gunicorn, plenary_env, run_plenary
from tests.web.accounts.login_attempts import MAKE_USER, login_form, posts_by_worker, wrong_password

pytestmark = pytest.mark.slow

ATTEMPTS = 12  # in pairs; more than two workers' worth of five each would be 10


@pytest.fixture
def site(tmp_path, static_root):
    """A migrated database with its cache table and one user, served by gunicorn with two
    sync workers; yields (base URL, access log). Stopped on the way out."""
    with fresh_database(tmp_path) as database_url:
        env = plenary_env(tmp_path, database_url, STATIC_ROOT=str(static_root))
        run_plenary(env, "migrate", "-v0")
        run_plenary(env, "createcachetable")
        run_plenary(env, "shell", "-c", MAKE_USER)
        with gunicorn(env, tmp_path / "gunicorn") as served:
            yield served


def test_the_login_throttle_holds_across_two_gunicorn_workers(site):
    base, access_log = site
    cookie, token = login_form(base)
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = []
        for _ in range(ATTEMPTS // 2):
            pair = [pool.submit(wrong_password, base, cookie, token) for _ in range(2)]
            answers += [future.result() for future in pair]
    time.sleep(0.5)  # let the access log reach the file
    posts = posts_by_worker(access_log)
    workers = {pid for pid, *_ in posts}
    assert len(posts) == ATTEMPTS
    assert len(workers) == 2, f"one worker answered every attempt: {posts}"
    # The limit counted both workers' attempts together: five in all were checked.
    assert answers.count("checked") == DEFAULTS["per_client_account"], answers
    assert answers.count("refused") == ATTEMPTS - DEFAULTS["per_client_account"]
