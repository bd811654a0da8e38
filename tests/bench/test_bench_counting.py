"""The pure parts of the counting benchmark (bench/bench_counting.py); no peer is run."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

PLENARY_LINE = '{"file": "w1.blt", "schema": "plenary.count/1", "elected_ids": [3, 1, 4]}'


def test_plenary_ids_and_peer_numbers_read_alike_as_sorted_sets(harness):
    jsonl = "\n".join(
        [
            PLENARY_LINE,
            '{"file": "w2.blt", "elected": [2, 5]}',
            '{"file": "w3.blt", "error": "ValueError: tie"}',
            "a stray line the reader must ignore",
        ]
    )
    assert harness.elected_by_file(jsonl) == {
        "w1.blt": (1, 3, 4),
        "w2.blt": (2, 5),
        "w3.blt": None,
    }


def test_a_ward_the_peer_could_not_count_counts_as_a_disagreement(harness):
    ours = {"a": (1, 2), "b": (2, 3), "c": (1, 3)}
    theirs = {"a": (1, 2), "b": (1, 3), "c": None}
    assert harness.disagreements(theirs, ours) == 2


def _report(harness, tmp_path: Path):
    one = harness.Dataset("1M", "omov_1M.blt", (tmp_path / "omov_1M.blt",))
    wards = harness.Dataset("wards", "All wards", (tmp_path / "a", tmp_path / "b"))
    report = harness.Report(
        started="2026-01-01 00:00 UTC",
        command="python bench/bench_counting.py",
        machine="2 cores",
        datasets=[one, wards],
        counters=["plenary", "pyrankvote", "stvpoll"],
        rules={"plenary": "Scottish STV", "pyrankvote": "float STV", "stvpoll": "Decimal"},
    )
    report.rows = [
        harness.Row("plenary", "1M", 0.5, 290.0, runs=5, cpu_s=0.4, elected={"f": (1, 2, 3)}),
        harness.Row("pyrankvote", "1M", 8.0, 600.0, cpu_s=7.2, elected={"f": (1, 2, 4)}),
        harness.Row("stvpoll", "1M", None, 50.0, note="timed out after 300 s"),
        harness.Row("plenary", "wards", 2.5, 50.0, runs=3, elected={"a": (1,), "b": (2,)}),
        harness.Row("pyrankvote", "wards", 17.0, 20.0, elected={"a": (1,), "b": (1,)}),
        harness.Row("stvpoll", "wards", 50.0, 20.0, elected={"a": (1,), "b": None}, failures=1),
    ]
    report.alone["scottish"] = {
        "file": "/x/omov_1M.blt",
        "read_s": 0.4,
        "repeat": 20,
        "count_best_s": 0.02,
        "count_median_s": 0.03,
    }
    report.meek_note = "not available (no meek rule registered)"
    return report


def test_each_peer_row_gives_its_ratio_to_plenary_and_whether_it_agrees(harness, tmp_path):
    text = harness.render_markdown(_report(harness, tmp_path))
    assert "| plenary | 0.50 s (best of 5) | 0.40 s | 290 MB | 1.0x | 1.0x | (reference) |" in text
    assert (
        "| pyrankvote | 8.00 s | 7.20 s | 600 MB | 16.0x | 18.0x | DIFFERENT: elects [4], not [3] |"
        in text
    )
    assert "| stvpoll | timed out after 300 s | - | 50 MB | - |" in text
    assert "| pyrankvote | 17.0 s | - | 20 MB | 6.8x | - | differs in 1 ward |" in text
    assert "differs in 1 ward, 1 not counted" in text


def test_targets_say_whether_each_is_met(harness, tmp_path):
    text = harness.render_markdown(_report(harness, tmp_path))
    assert (
        "| 1M ballots read + count, whole process | < 0.8 s "
        "| 0.50 s wall, 0.40 s CPU (best of 5) | yes |"
    ) in text
    assert (
        "| 1M count alone (profile in memory) | < 25 ms | 20.0 ms wall (best of 20) | yes |" in text
    )
    assert "| 1M whole process peak RSS | < 500 MB | 290 MB | yes |" in text
    assert (
        "| all 1,100 Scottish wards, one process | < 3 s | 2.50 s wall (best of 3) | yes |" in text
    )
    assert "not available (no meek rule registered) | - |" in text


def test_a_missed_target_is_marked_no(harness, tmp_path):
    report = _report(harness, tmp_path)
    report.rows[0].wall_s, report.rows[0].cpu_s = 1.2, 0.9
    assert "| < 0.8 s | 1.20 s wall, 0.90 s CPU (best of 5) | **no** |" in harness.render_markdown(
        report
    )


def test_a_target_missed_on_wall_time_but_met_on_cpu_time_says_both(harness, tmp_path):
    report = _report(harness, tmp_path)
    report.alone["scottish"].update(count_best_s=0.06, count_best_cpu_s=0.02)
    text = harness.render_markdown(report)
    assert (
        "| < 25 ms | 60.0 ms wall, 20.0 ms CPU (best of 20) "
        "| **no** on wall time; yes on CPU time |"
    ) in text


def test_the_section_is_replaced_between_its_markers_and_the_rest_kept(harness):
    document = (
        "# Benchmarks\n\nintro\n\n"
        f"{harness.START_MARK}\nold figures\n{harness.END_MARK}\n\n## Other\nkept\n"
    )
    updated = harness.replace_section(document, "new figures\n")
    assert "old figures" not in updated
    assert f"{harness.START_MARK}\nnew figures\n{harness.END_MARK}" in updated
    assert updated.startswith("# Benchmarks\n\nintro\n") and updated.endswith("kept\n")


def test_rerunning_the_writer_replaces_the_section_rather_than_adding_another(harness, tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\nintro\n")
    harness.write_doc("first run\n", doc)
    harness.write_doc("second run\n", doc)
    text = doc.read_text()
    assert text.count(harness.START_MARK) == 1 and "first run" not in text
    assert "## Counting (bench/bench_counting.py)" in text and "second run" in text


def test_every_peer_adapter_states_its_rule(harness):
    for name in harness.PEERS:
        rule = harness.adapter_rule(harness.PEERS_DIR / f"peer_{name}.py")
        assert rule and not rule.startswith("(no RULE")


def test_quick_keeps_the_fast_peers_and_an_unknown_peer_is_refused(harness, capsys):
    assert harness.parse_args(["--quick"]).peer_names == list(harness.FAST_PEERS)
    assert harness.parse_args(["--no-peers"]).peer_names == []
    assert harness.parse_args(["--peers", "stvpoll, pystv"]).peer_names == ["stvpoll", "pystv"]
    with pytest.raises(SystemExit):
        harness.parse_args(["--peers", "openstv"])
    assert "unknown peer(s) openstv" in capsys.readouterr().err


def test_a_child_s_peak_memory_is_measured_from_its_own_rusage(harness):
    grab = "b = bytearray(80 * 10**6); b[::4096] = b'x' * len(b[::4096]); print('done')"
    run = harness.measure([sys.executable, "-c", grab], timeout_s=60)
    assert run.returncode == 0 and run.stdout.strip() == "done"
    assert run.peak_mb >= 80
    assert 0 < run.cpu_s
    assert not run.timed_out


def test_a_child_past_its_time_limit_is_stopped_and_marked(harness):
    run = harness.measure([sys.executable, "-c", "import time; time.sleep(60)"], timeout_s=0.5)
    assert run.timed_out
    assert run.returncode != 0


def test_a_target_whose_run_timed_out_is_missed_not_left_blank(harness, tmp_path):
    report = _report(harness, tmp_path)
    report.meek = harness.Row("plenary meek", "1M", None, 400.0, note="timed out after 300 s")
    text = harness.render_markdown(report)
    assert (
        "| Meek on the 1M profile, whole process | < 5 s | timed out after 300 s | **no** |" in text
    )


def test_the_count_alone_table_gives_read_best_cpu_and_median(harness, tmp_path):
    report = _report(harness, tmp_path)
    report.alone["scottish"]["count_best_cpu_s"] = 0.015
    text = harness.render_markdown(report)
    assert "| scottish | omov_1M.blt | 0.40 s | 20.0 ms | 15.0 ms | 30.0 ms | 20 |" in text


def test_without_the_shared_data_the_benchmark_skips_and_says_why(
    harness, tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(harness, "DATA", tmp_path / "absent")
    assert harness.main(["--no-peers"]) == 0
    assert f"skipped: the benchmark data is not at {tmp_path / 'absent'}" in capsys.readouterr().out
