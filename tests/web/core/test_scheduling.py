"""Scheduled work (core/scheduling.py): one job per kind, object and time, queued to run at
that time, run exactly once however many workers or sweeps reach it, retried when it fails;
and its first use, an election's deadlines (elections/schedule.py)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from plenary.web.core import scheduling
from plenary.web.core.models import ScheduledJob
from plenary.web.elections import schedule as election_schedule
from plenary.web.elections.models import CastBallot, Elector
from plenary.web.elections.voting import services as voting
from tests.web import factories as f
from tests.web.elections.voting_helpers import (
    close_ballot,
    make_candidates,
    make_election,
    make_section,
)

pytestmark = pytest.mark.django_db
KIND = "tests.count_calls"
calls: list[tuple[str, object]] = []


@pytest.fixture(autouse=True)
def handler():
    calls.clear()
    scheduling.register_job(KIND, lambda key, due_at: calls.append((key, due_at)))
    yield
    scheduling._handlers.pop(KIND, None)


def _past() -> object:
    return timezone.now() - timedelta(minutes=5)


def test_scheduling_the_same_work_twice_makes_one_job(django_capture_on_commit_callbacks, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    due = timezone.now() + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = scheduling.schedule(KIND, "thing:1", due)
        second = scheduling.schedule(KIND, "thing:1", due)
    assert first.pk == second.pk and ScheduledJob.objects.count() == 1
    queued = DBTaskResult.objects.filter(task_path__endswith="run_scheduled_job")
    assert queued.exists() and all(t.run_after == due for t in queued)


def test_a_job_runs_once_however_often_it_is_reached():
    job = scheduling.schedule(KIND, "thing:1", _past())
    assert scheduling.run_job(job.pk) == ScheduledJob.State.DONE
    assert scheduling.run_job(job.pk) == ScheduledJob.State.DONE
    assert scheduling.run_due_jobs() == 0
    assert calls == [("thing:1", job.due_at)]


def test_a_job_does_not_run_before_it_is_due():
    job = scheduling.schedule(KIND, "thing:1", timezone.now() + timedelta(hours=1))
    assert scheduling.run_job(job.pk) == ScheduledJob.State.PENDING
    assert calls == []


def test_the_sweep_runs_what_is_due_and_nothing_else():
    scheduling.schedule(KIND, "thing:1", _past())
    scheduling.schedule(KIND, "thing:2", timezone.now() + timedelta(hours=1))
    assert scheduling.run_due_jobs() == 1
    assert [key for key, _ in calls] == ["thing:1"]


def test_a_failing_job_is_retried_then_kept_as_failed():
    def fails(key, due_at):
        raise RuntimeError("the mail server is down")

    scheduling.register_job("tests.fails", fails)
    try:
        job = scheduling.schedule("tests.fails", "thing:1", _past())
        for _ in range(scheduling.MAX_ATTEMPTS - 1):
            assert scheduling.run_job(job.pk) == ScheduledJob.State.PENDING
        assert scheduling.run_job(job.pk) == ScheduledJob.State.FAILED
        job.refresh_from_db()
        assert job.attempts == scheduling.MAX_ATTEMPTS
        assert "the mail server is down" in job.error
    finally:
        scheduling._handlers.pop("tests.fails", None)


def test_a_cancelled_job_never_runs():
    job = scheduling.schedule(KIND, "thing:1", _past())
    assert scheduling.cancel(KIND, "thing:1") == 1
    assert scheduling.run_job(job.pk) == ScheduledJob.State.CANCELLED
    assert calls == []


def test_an_unknown_kind_is_refused():
    with pytest.raises(scheduling.UnknownJob):
        scheduling.schedule("tests.nobody", "thing:1", _past())


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_run_a_job_once(tree):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's test database is one in-memory connection; threads need PostgreSQL")
    job = scheduling.schedule(KIND, "thing:1", _past())
    results: list[str] = []
    barrier = threading.Barrier(4)

    def worker():
        barrier.wait()
        try:
            results.append(scheduling.run_job(job.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1


# --- First use: an election's deadlines -------------------------------------------------------


def test_announcing_schedules_the_opening_and_the_close(tree):
    from tests.web.elections.fixtures_setup import build_election, make_returning_officer

    election, _ = build_election(tree, make_returning_officer(tree))
    jobs = {j.kind: j.due_at for j in ScheduledJob.objects.filter(key=f"election:{election.pk}")}
    assert jobs == {
        election_schedule.BALLOT_OPENS: election.ballot_open_at,
        election_schedule.BALLOT_CLOSED: election.ballot_close_at + election_schedule.SETTLE,
    }


def test_the_close_job_shuffles_the_box_and_a_moved_close_does_nothing(tree):
    election = make_election(tree["national"])
    section = make_section(election, seats=1)
    first, second = make_candidates(section, tree["northtown"], "Ann Able", "Ben Bold")
    voters = [f.make_member(f"Voter {n}", tree["northtown"]) for n in range(6)]
    for voter in voters:
        voting.ballot_cast(section=section, member=voter, ranking=[first.id, second.id])
    before = set(CastBallot.objects.filter(section=section).values_list("pk", flat=True))
    trackers = set(CastBallot.objects.values_list("tracker", flat=True))
    close_ballot(election)
    key = f"election:{election.pk}"
    stale = election.ballot_close_at - timedelta(days=1) + election_schedule.SETTLE
    election_schedule.ballot_closed(key, stale)  # a job for a close time since moved
    assert set(CastBallot.objects.values_list("pk", flat=True)) == before
    election_schedule.ballot_closed(key, election.ballot_close_at + election_schedule.SETTLE)
    after = set(CastBallot.objects.filter(section=section).values_list("pk", flat=True))
    assert not after & before and len(after) == len(before)
    assert set(CastBallot.objects.values_list("tracker", flat=True)) == trackers


def test_the_opening_job_freezes_the_roll(tree):
    election = make_election(tree["national"])
    make_section(election, seats=1)
    f.make_member("Voter", tree["northtown"])
    election_schedule.ballot_opens(f"election:{election.pk}", election.ballot_open_at)
    election.refresh_from_db()
    assert election.roll_frozen_at is not None
    assert Elector.objects.filter(election=election).exists()


def test_a_job_left_running_by_a_dead_worker_is_put_back_after_the_timeout():
    from plenary.web.core.stale_work import requeue_stale_work

    stale = scheduling.schedule(KIND, "thing:1", _past())
    fresh = scheduling.schedule(KIND, "thing:2", _past())
    assert scheduling._claim(stale.pk) and scheduling._claim(fresh.pk)  # then the worker died
    ScheduledJob.objects.filter(pk=stale.pk).update(started_at=timezone.now() - timedelta(hours=2))
    requeued = requeue_stale_work()
    assert (requeued.tasks, requeued.jobs) == (0, 1)
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert (stale.state, stale.started_at) == (ScheduledJob.State.PENDING, None)
    assert fresh.state == ScheduledJob.State.RUNNING
    assert scheduling.run_due_jobs() == 1 and calls == [("thing:1", stale.due_at)]
