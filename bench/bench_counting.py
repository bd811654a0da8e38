"""Counting benchmark: plenary's counting engine against the Python STV counters on PyPI,
in the same run, on the same files, each in a fresh process.

    python bench/bench_counting.py                 # everything (15-25 minutes here)
    python bench/bench_counting.py --quick         # 100k file only, fast peers only
    python bench/bench_counting.py --peers pystv,stvpoll
    python bench/bench_counting.py --no-peers      # plenary alone

Whole process = wall time, CPU time and peak RSS of a new Python process that reads the
BLT and counts it (plenary: ``python -m plenary.counting FILE --method scottish --format
jsonl``; a peer: its adapter in bench/peers/ under its nearest rule). Wall time is taken
here around the child; CPU time and peak RSS come from the kernel's rusage for that child
(os.wait4). plenary's runs are short, so they are repeated and the best kept; a peer runs
once (its figure is seconds long, so the noise is a smaller share; the same goes for any
plenary run over 10 s). Ratios compare figures from the same run.

The peers live in their own virtual environment, bench/.peers/venv (git-ignored), made
here on first use from bench/peers/requirements.txt; they never become plenary's
dependencies. The figures are printed and written into docs/benchmarks.md between the
markers below, so a rerun replaces them (``--quick`` and partial runs print only,
unless ``--write``).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import platform
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
PEERS_DIR = ROOT / "bench" / "peers"
PEER_VENV = ROOT / "bench" / ".peers" / "venv"
REQUIREMENTS = PEERS_DIR / "requirements.txt"
DOC = ROOT / "docs" / "benchmarks.md"
START_MARK = "<!-- bench:counting:start -->"
END_MARK = "<!-- bench:counting:end -->"

PEERS = ("pyrankvote", "pystv", "votekit", "stvpoll", "pref_voting")
FAST_PEERS = ("pyrankvote", "pystv")  # under 5 s on the 100k file; --quick keeps these
PLENARY = "plenary"
PLENARY_RULE = "Scottish STV (SSI 2007/42), integers at 5 places"


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    paths: tuple[Path, ...]

    @property
    def is_wards(self) -> bool:
        return len(self.paths) > 1


@dataclass(frozen=True)
class Target:
    what: str
    goal: str
    limit: float  # seconds or MB, as the goal says


TARGETS = {
    "1M": Target("1M ballots read + count, whole process", "< 0.8 s", 0.8),
    "alone": Target("1M count alone (profile in memory)", "< 25 ms", 0.025),
    "memory": Target("1M whole process peak RSS", "< 500 MB", 500.0),
    "wards": Target("all 1,100 Scottish wards, one process", "< 3 s", 3.0),
    "meek": Target("Meek on the 1M profile, whole process", "< 5 s", 5.0),
}


# ---------------------------------------------------------------- measuring a process


@dataclass(frozen=True)
class Measurement:
    wall_s: float
    cpu_s: float  # user + system time of the child: less disturbed by other work than wall
    peak_mb: float  # peak resident set of the child, 10**6 bytes
    returncode: int
    timed_out: bool
    stdout: str
    stderr: str


def measure(command: Sequence[str], timeout_s: float) -> Measurement:
    """Run ``command`` in a fresh process; wall time and the kernel's peak RSS for it."""
    out_path, err_path = _scratch("stdout"), _scratch("stderr")
    with open(out_path, "w+b") as out, open(err_path, "w+b") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, start_new_session=True)
        killed = threading.Event()
        timer = threading.Timer(timeout_s, _kill_group, (child.pid, killed))
        timer.start()
        # wait4 (not Popen.wait) because it also returns this child's own rusage.
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
    measurement = Measurement(
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_mb=usage.ru_maxrss * 1024 / 1e6,  # Linux reports kibibytes
        returncode=child.returncode,
        timed_out=killed.is_set(),
        stdout=out_path.read_text(encoding="utf-8", errors="replace"),
        stderr=err_path.read_text(encoding="utf-8", errors="replace"),
    )
    out_path.unlink()
    err_path.unlink()
    return measurement


def _scratch(name: str) -> Path:
    folder = ROOT / "bench" / "results"  # git-ignored
    folder.mkdir(exist_ok=True)
    return folder / f"counting-{os.getpid()}.{name}"


def _kill_group(pid: int, killed: threading.Event) -> None:
    killed.set()
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


REPEAT_UNDER_S = 10.0  # a run longer than this is not repeated: noise is a small share


def best_of(command: Sequence[str], repeat: int, timeout_s: float) -> tuple[Measurement, int]:
    """The fastest of up to ``repeat`` runs, and how many were made (stops at a failure
    or after a run longer than REPEAT_UNDER_S)."""
    best = measure(command, timeout_s)
    runs = 1
    while runs < repeat and best.returncode == 0 and best.wall_s < REPEAT_UNDER_S:
        run = measure(command, timeout_s)
        runs += 1
        if run.returncode != 0 or run.timed_out:
            return run, runs
        fastest = min(best, run, key=lambda m: m.wall_s)
        best = replace(fastest, cpu_s=min(best.cpu_s, run.cpu_s))
    return best, runs


# ---------------------------------------------------------------- reading the results


Elected = dict[str, tuple[int, ...] | None]  # file -> sorted 1-based ids (None: failed)


def elected_by_file(jsonl: str) -> Elected:
    """Who each JSON line says was elected: plenary writes ``elected_ids`` (in order of
    election), the peer adapters ``elected`` (numbers) or ``error``."""
    elected: Elected = {}
    for line in jsonl.splitlines():
        if not line.startswith("{"):
            continue
        record = json.loads(line)
        ids = record.get("elected_ids", record.get("elected"))
        if ids is None or record.get("error"):
            elected[record["file"]] = None
        else:
            elected[record["file"]] = tuple(sorted(int(i) for i in ids))
    return elected


def disagreements(theirs: Elected, ours: Elected) -> int:
    """Files where the two counters elect different sets (a file one of them could not
    count is a disagreement too)."""
    return sum(1 for path, mine in ours.items() if theirs.get(path) != mine)


# ---------------------------------------------------------------- the rows of the report


@dataclass
class Row:
    counter: str
    dataset: str
    wall_s: float | None = None
    peak_mb: float | None = None
    runs: int = 1
    cpu_s: float | None = None
    note: str = ""  # "timed out", an error, ...
    elected: Elected = field(default_factory=dict)
    failures: int = 0  # files the counter could not count


@dataclass
class Report:
    started: str
    command: str
    machine: str
    datasets: list[Dataset]
    counters: list[str]
    rules: dict[str, str]
    load_end: float | None = None  # 1-minute load average when the run ended
    rows: list[Row] = field(default_factory=list)
    alone: dict[str, dict[str, object]] = field(default_factory=dict)  # method -> figures
    meek: Row | None = None
    meek_note: str = ""

    def row(self, counter: str, dataset: str) -> Row | None:
        return next((r for r in self.rows if r.counter == counter and r.dataset == dataset), None)


# ---------------------------------------------------------------- markdown


def fmt_seconds(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 0.1:
        return f"{seconds * 1000:.1f} ms"
    if seconds < 10:
        return f"{seconds:.2f} s"
    return f"{seconds:.1f} s"


def fmt_ratio(theirs: float | None, ours: float | None) -> str:
    if theirs is None or ours is None or ours <= 0:
        return "-"
    return f"{theirs / ours:.1f}x"


def agreement(row: Row, reference: Row | None, dataset: Dataset) -> str:
    if row.counter == PLENARY:
        return "(reference)"
    if reference is None or not reference.elected or not row.elected:
        return "-"
    differing = disagreements(row.elected, reference.elected)
    if dataset.is_wards:
        failed = f", {row.failures} not counted" if row.failures else ""
        return f"differs in {differing} ward{'' if differing == 1 else 's'}{failed}"
    return "same set" if differing == 0 else _set_difference(row, reference)


def _set_difference(row: Row, reference: Row) -> str:
    theirs = next(iter(row.elected.values())) or ()
    ours = next(iter(reference.elected.values())) or ()
    extra = sorted(set(theirs) - set(ours))
    missing = sorted(set(ours) - set(theirs))
    return f"DIFFERENT: elects {extra}, not {missing}" if theirs else "not counted"


def dataset_table(report: Report, dataset: Dataset) -> list[str]:
    reference = report.row(PLENARY, dataset.key)
    lines = [
        f"#### {dataset.title}",
        "",
        "| counter | wall time | CPU time | peak RSS | wall vs plenary | CPU vs plenary "
        "| elected set vs plenary |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for counter in report.counters:
        row = report.row(counter, dataset.key)
        if row is None:
            continue
        wall = fmt_seconds(row.wall_s)
        if row.runs > 1:
            wall += f" (best of {row.runs})"
        if row.note:
            wall = f"{wall} {row.note}".strip("- ")
        peak = "-" if row.peak_mb is None else f"{row.peak_mb:.0f} MB"
        ratio = fmt_ratio(row.wall_s, reference.wall_s if reference else None)
        cpu_ratio = fmt_ratio(row.cpu_s, reference.cpu_s if reference else None)
        lines.append(
            f"| {counter} | {wall} | {fmt_seconds(row.cpu_s)} | {peak} | {ratio} | {cpu_ratio} "
            f"| {agreement(row, reference, dataset)} |"
        )
    return lines + [""]


def rules_table(report: Report) -> list[str]:
    lines = ["| counter | rule counted |", "| --- | --- |"]
    lines += [f"| {name} | {report.rules.get(name, '-')} |" for name in report.counters]
    return lines + [""]


def target_lines(report: Report) -> list[str]:
    lines = ["| plenary target | goal | measured | met |", "| --- | --- | ---: | --- |"]
    for key, target in TARGETS.items():
        measured = _target_measure(report, key)
        if measured is None:
            shown, met = _target_missing(report, key), "-"
        else:
            shown, met = measured.shown, _verdict(measured, target.limit)
        lines.append(f"| {target.what} | {target.goal} | {shown} | {met} |")
    return lines + [""]


@dataclass(frozen=True)
class Measured:
    value: float  # wall seconds, or MB
    shown: str
    cpu_s: float | None = None  # the same run's CPU time, where the value is a time


def _verdict(measured: Measured, limit: float) -> str:
    if measured.value < limit:
        return "yes"
    if measured.cpu_s is not None and measured.cpu_s < limit:
        # On a loaded machine wall time waits for other work; CPU time shows the code.
        return "**no** on wall time; yes on CPU time"
    return "**no**"


def _target_measure(report: Report, key: str) -> Measured | None:
    if key == "alone":
        return _alone_measure(report.alone.get("scottish"))
    row = report.meek if key == "meek" else report.row(PLENARY, "wards" if key == "wards" else "1M")
    if row is None:
        return None
    if row.wall_s is None:  # timed out or failed: the target is missed, say how
        return Measured(float("inf"), row.note) if row.note.startswith("timed out") else None
    if key == "memory":
        return Measured(row.peak_mb or 0.0, f"{row.peak_mb:.0f} MB")
    return Measured(row.wall_s, _wall_and_cpu(row.wall_s, row.cpu_s, row.runs), row.cpu_s)


def _alone_measure(figures: dict[str, object] | None) -> Measured | None:
    if not figures or Path(str(figures["file"])).name != "omov_1M.blt":
        return None
    best = float(figures["count_best_s"])  # type: ignore[arg-type]
    cpu = figures.get("count_best_cpu_s")
    cpu_s = None if cpu is None else float(cpu)  # type: ignore[arg-type]
    return Measured(best, _wall_and_cpu(best, cpu_s, int(figures["repeat"])), cpu_s)  # type: ignore[call-overload]


def _wall_and_cpu(wall_s: float, cpu_s: float | None, runs: int) -> str:
    shown = f"{fmt_seconds(wall_s)} wall"
    if cpu_s is not None:
        shown += f", {fmt_seconds(cpu_s)} CPU"
    return shown + (f" (best of {runs})" if runs > 1 else "")


def _target_missing(report: Report, key: str) -> str:
    if key == "meek" and report.meek_note:
        return report.meek_note
    return "not measured in this run"


def render_markdown(report: Report) -> str:
    """The generated section of docs/benchmarks.md (between the markers)."""
    lines = [
        f"Run {report.started} on {report.machine}"
        + ("." if report.load_end is None else f", {report.load_end:.1f} at the end."),
        f"Command: `{report.command}`.",
        "",
        "Whole process: a fresh Python process reads the BLT file and counts it; wall "
        "time and the kernel's peak RSS for that process. plenary's whole-process runs "
        "are the best of N (the machine is shared and noisy; a run over 10 s is not "
        "repeated); each peer runs once. CPU time (user + system) is shown too: other "
        "work on the machine stretches wall time far more than it stretches CPU time. "
        "Peers run from bench/.peers/venv through our adapters in bench/peers/, which "
        "read the BLT with our own minimal reader; their time includes that reading.",
        "",
        *target_lines(report),
    ]
    for dataset in report.datasets:
        lines += dataset_table(report, dataset)
    lines += _alone_lines(report)
    lines += ["Rules each counter was run under (its nearest to Scottish STV):", ""]
    lines += rules_table(report)
    return "\n".join(lines).rstrip() + "\n"


def _alone_lines(report: Report) -> list[str]:
    if not report.alone:
        return []
    lines = [
        "plenary in one process, file already read (best and median of N counts):",
        "",
        "| method | file | read | count (best) | count CPU (best) | count (median) | N |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for method, figures in report.alone.items():
        seconds = {
            key: fmt_seconds(None if figures.get(key) is None else float(figures[key]))  # type: ignore[arg-type]
            for key in ("read_s", "count_best_s", "count_best_cpu_s", "count_median_s")
        }
        lines.append(
            f"| {method} | {Path(str(figures['file'])).name} | {seconds['read_s']} "
            f"| {seconds['count_best_s']} | {seconds['count_best_cpu_s']} "
            f"| {seconds['count_median_s']} | {figures['repeat']} |"
        )
    return lines + [""]


def replace_section(document: str, section: str) -> str:
    """``document`` with the text between the counting markers replaced by ``section``;
    a document without the markers gets a new section at its end."""
    block = f"{START_MARK}\n{section.rstrip()}\n{END_MARK}"
    start, end = document.find(START_MARK), document.find(END_MARK)
    if start != -1 and end > start:
        return document[:start] + block + document[end + len(END_MARK) :]
    heading = "\n## Counting (bench/bench_counting.py)\n\n"
    return document.rstrip() + "\n" + heading + block + "\n"


def write_doc(section: str, path: Path = DOC) -> None:
    document = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    path.write_text(replace_section(document, section), encoding="utf-8")


# ---------------------------------------------------------------- the peers' venv


def peer_python() -> Path | None:
    """bench/.peers/venv's interpreter, made and filled from requirements.txt if needed."""
    python = PEER_VENV / "bin" / "python"
    stamp = PEER_VENV / ".installed"
    wanted = REQUIREMENTS.read_text(encoding="utf-8")
    if python.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        return python
    print(f"installing the peers into {PEER_VENV.relative_to(ROOT)} ...", flush=True)
    steps = [
        [sys.executable, "-m", "venv", str(PEER_VENV)],
        [str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
        [str(python), "-m", "pip", "install", "--quiet", "-r", str(REQUIREMENTS)],
    ]
    for step in steps:
        if subprocess.call(step) != 0:
            print(f"could not install the peers ({' '.join(step[-3:])}); skipping them")
            return None
    stamp.write_text(wanted, encoding="utf-8")
    return python


def peer_rule(python: Path, name: str) -> str:
    script = PEERS_DIR / f"peer_{name}.py"
    return f"{adapter_rule(script)} ({name} {_peer_version(python, name)}; {script.name})"


def adapter_rule(script: Path) -> str:
    """The adapter's RULE string, read from its source (importing it needs the peer)."""
    for node in ast.parse(script.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "RULE" for t in node.targets
        ):
            return str(ast.literal_eval(node.value))
    return "(no RULE in the adapter)"


def _peer_version(python: Path, name: str) -> str:
    code = f"import importlib.metadata as m; print(m.version({name!r}))"
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True)
    return done.stdout.strip() or "?"


# ---------------------------------------------------------------- running


def datasets(quick: bool) -> list[Dataset]:
    synthetic = DATA / "synthetic"
    found = [
        Dataset(
            "100k",
            "omov_100k.blt: 100,000 ballots, 68,014 lines, 20 candidates, 9 seats",
            (synthetic / "omov_100k.blt",),
        ),
    ]
    if quick:
        return found
    wards = tuple(sorted((DATA / "scotland").rglob("*.blt")))
    found.append(
        Dataset(
            "1M",
            "omov_1M.blt: 1,000,000 ballots, 536,389 lines, 20 candidates, 9 seats",
            (synthetic / "omov_1M.blt",),
        )
    )
    found.append(
        Dataset("wards", f"All {len(wards):,} real Scottish ward files, one process", wards)
    )
    return found


def plenary_command(dataset: Dataset, method: str = "scottish") -> list[str]:
    files = [str(p) for p in dataset.paths]
    return [
        sys.executable,
        "-m",
        "plenary.counting",
        *files,
        "--method",
        method,
        "--format",
        "jsonl",
    ]


def peer_command(python: Path, name: str, dataset: Dataset) -> list[str]:
    target = str(DATA / "scotland") if dataset.is_wards else str(dataset.paths[0])
    return [str(python), str(PEERS_DIR / f"peer_{name}.py"), target]


def run_counter(
    counter: str, dataset: Dataset, command: list[str], repeat: int, timeout_s: float
) -> Row:
    print(f"  {counter:<12} {dataset.key:<6}", end=" ", flush=True)
    run, runs = best_of(command, repeat, timeout_s)
    row = Row(counter, dataset.key, run.wall_s, run.peak_mb, runs=runs, cpu_s=run.cpu_s)
    if run.timed_out:
        row.wall_s, row.cpu_s, row.note = None, None, f"timed out after {timeout_s:.0f} s"
    elif run.returncode != 0 and not run.stdout:
        row.wall_s, row.cpu_s, row.note = None, None, f"failed: {_last_line(run.stderr)}"
    row.elected = elected_by_file(run.stdout)
    row.failures = sum(1 for ids in row.elected.values() if ids is None)
    if dataset.is_wards and row.wall_s is not None:
        row.failures += len(dataset.paths) - len(row.elected)
    figures = f"{fmt_seconds(row.wall_s)} (CPU {fmt_seconds(row.cpu_s)})  {row.peak_mb:.0f} MB"
    print(row.note or figures, flush=True)
    return row


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:160] if lines else "no output"


def plenary_available() -> tuple[bool, list[str]]:
    here = Path(__file__).parent / "plenary_count_alone.py"
    done = subprocess.run([sys.executable, str(here), "--methods"], capture_output=True, text=True)
    if done.returncode != 0:
        return False, []
    return True, json.loads(done.stdout)


def count_alone(path: Path, method: str, repeat: int, timeout_s: float) -> dict[str, object]:
    here = Path(__file__).parent / "plenary_count_alone.py"
    run = measure(
        [sys.executable, str(here), str(path), "--method", method, "--repeat", str(repeat)],
        timeout_s,
    )
    if run.returncode != 0 or run.timed_out:
        print(f"  count alone ({method}) failed: {_last_line(run.stderr)}")
        return {}
    return json.loads(run.stdout)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="plenary's counting against the peers")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="100k file only, fast peers only (prints, does not write)",
    )
    parser.add_argument("--peers", help=f"comma-separated subset of {','.join(PEERS)}")
    parser.add_argument("--no-peers", action="store_true", help="plenary only")
    parser.add_argument(
        "--repeat",
        type=int,
        default=5,
        help="plenary whole-process runs per file; the best is kept",
    )
    parser.add_argument(
        "--alone-repeat", type=int, default=20, help="in-process counts for the count-alone figure"
    )
    parser.add_argument(
        "--timeout", type=float, default=300.0, help="seconds before a counter's run is stopped"
    )
    parser.add_argument(
        "--write", action="store_true", help="write docs/benchmarks.md even for a partial run"
    )
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    args.peer_names = _chosen_peers(parser, args)
    return args


def _chosen_peers(parser: argparse.ArgumentParser, args: argparse.Namespace) -> list[str]:
    if args.no_peers:
        return []
    if args.peers:
        names = [name.strip() for name in args.peers.split(",") if name.strip()]
        unknown = sorted(set(names) - set(PEERS))
        if unknown:
            parser.error(f"unknown peer(s) {', '.join(unknown)}; known: {', '.join(PEERS)}")
        return names
    return list(FAST_PEERS if args.quick else PEERS)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not (DATA / "synthetic" / "omov_100k.blt").exists():
        print(
            f"skipped: the benchmark data is not at {DATA} (it lives in shared/data "
            "beside the project; see that folder's README.md)"
        )
        return 0
    have_plenary, methods = plenary_available()
    python = peer_python() if args.peer_names else None
    counters = ([PLENARY] if have_plenary else []) + (args.peer_names if python else [])
    report = Report(
        started=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        command=" ".join(
            ["python bench/bench_counting.py", *(sys.argv[1:] if argv is None else argv)]
        ),
        machine=_machine(),
        datasets=datasets(args.quick),
        counters=counters,
        rules={PLENARY: PLENARY_RULE},
    )
    if not have_plenary:
        print("plenary.counting is not importable here: measuring the peers only")
    if python:
        report.rules.update({name: peer_rule(python, name) for name in args.peer_names})
    for dataset in report.datasets:
        print(f"{dataset.title}", flush=True)
        if have_plenary:
            repeat = args.repeat if not dataset.is_wards else min(args.repeat, 3)
            report.rows.append(
                run_counter(PLENARY, dataset, plenary_command(dataset), repeat, args.timeout)
            )
        for name in args.peer_names if python else []:
            report.rows.append(
                run_counter(name, dataset, peer_command(python, name, dataset), 1, args.timeout)
            )
    if have_plenary:
        _plenary_extras(report, args, methods)
    report.load_end = os.getloadavg()[0]
    section = render_markdown(report)
    print("\n" + section)
    partial = args.quick or args.peers or args.no_peers or not have_plenary
    if not args.no_write and (args.write or not partial):
        write_doc(section)
        print(f"written to {DOC.relative_to(ROOT)}")
    return 0


def _plenary_extras(report: Report, args: argparse.Namespace, methods: list[str]) -> None:
    big = next((d for d in report.datasets if d.key == "1M"), report.datasets[0])
    print(f"plenary count alone on {big.paths[0].name}", flush=True)
    report.alone["scottish"] = count_alone(
        big.paths[0], "scottish", args.alone_repeat, args.timeout
    )
    if "meek" not in methods:
        report.meek_note = "not available (no meek rule registered)"
    elif big.key != "1M":
        report.meek_note = "not measured (--quick)"
    else:
        report.meek = run_counter(
            "plenary meek", big, plenary_command(big, "meek"), min(args.repeat, 3), args.timeout
        )
        # Counting alone is worth separating only where reading is a fair share of it.
        if report.meek.wall_s is not None and report.meek.wall_s < REPEAT_UNDER_S:
            report.alone["meek"] = count_alone(big.paths[0], "meek", 3, args.timeout)


def _machine() -> str:
    cores = os.cpu_count()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = os.getloadavg()[0]
    return (
        f"{cores} cores, {memory:.0f} GiB, Python {platform.python_version()}, "
        f"load average {load:.1f} at start"
    )


if __name__ == "__main__":
    sys.exit(main())
