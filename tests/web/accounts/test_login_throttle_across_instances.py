"""The login throttle holds across instances: two gunicorn instances (two master processes
on two ports, two workers each, each with a data folder of its own) share only the database
and Redis (CACHE_URL=redis://, the production choice for several machines). Wrong passwords
go to both at once, two at a time to each, so all four workers answer; the limit applies
to the total (a cache per process would let each worker's own five through: twenty). On a
SQLite file, or, in the PostgreSQL run of the suite, on a fresh database of that server."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from plenary.web.accounts.login_throttle import DEFAULTS
from tests.servers import fresh_database, gunicorn, plenary_env, run_plenary
from tests.web.accounts.login_attempts import MAKE_USER, login_form, posts_by_worker, wrong_password

pytestmark = pytest.mark.slow

ROUNDS = 4  # four attempts a round, two to each instance: 16 in all


@pytest.fixture
def instances(tmp_path, static_root, redis_url):
    """Two instances of one site; yields [(base URL, access log), ...]."""
    with fresh_database(tmp_path) as database_url:

        def env(name):
            folder = tmp_path / name
            folder.mkdir()
            return plenary_env(
                folder, database_url, CACHE_URL=redis_url, STATIC_ROOT=str(static_root)
            )

        first, second = env("a"), env("b")
        run_plenary(first, "migrate", "-v0")
        run_plenary(first, "shell", "-c", MAKE_USER)
        with (
            gunicorn(first, tmp_path / "a" / "gunicorn") as a,
            gunicorn(second, tmp_path / "b" / "gunicorn") as b,
        ):
            yield [a, b]


def test_the_login_throttle_holds_across_two_gunicorn_instances_sharing_redis(instances):
    (base_a, log_a), (base_b, log_b) = instances
    cookie, token = login_form(base_a)  # the same site: its CSRF token works on both
    answers = []
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(ROUNDS):
            round_ = [
                pool.submit(wrong_password, base, cookie, token) for base in 2 * [base_a, base_b]
            ]
            answers += [future.result() for future in round_]
    time.sleep(0.5)  # let the access logs reach their files
    for log in (log_a, log_b):
        posts = posts_by_worker(log)
        assert len(posts) == 2 * ROUNDS
        assert len({pid for pid, *_ in posts}) == 2, f"one worker answered every attempt: {posts}"
    # The limit counted all four workers' attempts together: five in all were checked.
    assert answers.count("checked") == DEFAULTS["per_client_account"], answers
    assert answers.count("refused") == 4 * ROUNDS - DEFAULTS["per_client_account"]
