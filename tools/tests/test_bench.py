"""`./course bench`: which CPython it hands the benchmark for the eager_task_factory comparison,
and the CPython script's own checks of its arguments."""
import json
import subprocess
import sys
from pathlib import Path

import course

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "asyncio_bench.py"


def fake_python(where: Path, name: str, prints: str = "", fails: str = "") -> Path:
    """An executable that answers check_eager_python's question as a real one would (or fails like
    a pyenv shim whose version is not selected)."""
    where.mkdir(parents=True, exist_ok=True)
    exe = where / name
    if fails:
        exe.write_text(f"#!/bin/sh\necho '{fails}' >&2\nexit 127\n")
    else:
        exe.write_text(f"#!/bin/sh\necho '{prints}'\n")
    exe.chmod(0o755)
    return exe


def test_findEagerPython_noneOnPath_saysWhyForEach(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    exe, why = course.find_eager_python()
    assert exe is None
    assert "python3.13 is not on PATH" in why and "python3.12 is not on PATH" in why


def test_findEagerPython_skipsOneThatFailsOrIsTooOld(tmp_path, monkeypatch):
    bin_ = tmp_path / "bin"
    fake_python(bin_, "python3.13", fails="pyenv: python3.13: command not found")
    fake_python(bin_, "python3.12", prints="CPython 3.11.7 False")
    monkeypatch.setenv("PATH", str(bin_))
    exe, why = course.find_eager_python()
    assert exe is None
    assert "does not run: pyenv: python3.13: command not found" in why
    assert "is CPython 3.11.7, not CPython 3.12 or newer" in why

    fake_python(bin_, "python3.12", prints="CPython 3.12.1 True")
    exe, info = course.find_eager_python()
    assert exe == str(bin_ / "python3.12") and info == "CPython 3.12.1"


def test_findEagerPython_pyenvShimNotSelected_usesTheInstalledVersion(tmp_path, monkeypatch):
    bin_ = tmp_path / "shims"
    fake_python(bin_, "python3.13", fails="pyenv: python3.13: command not found")
    root = tmp_path / "pyenv"
    installed = fake_python(root / "versions" / "3.13.0" / "bin", "python3.13", prints="CPython 3.13.0 True")
    pyenv = bin_ / "pyenv"
    pyenv.write_text(f"#!/bin/sh\n[ \"$1\" = root ] && echo '{root}'\n")
    pyenv.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_))
    assert course.find_eager_python() == (str(installed), "CPython 3.13.0")


def test_eagerPythonArgs_leavesTheCallersChoice(tmp_path, monkeypatch):
    fake_python(tmp_path, "python3.13", prints="CPython 3.13.0 True")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert course.eager_python_args([]) == ["--python-eager", str(tmp_path / "python3.13")]
    assert course.eager_python_args(["--python-eager", "/opt/py/bin/python3"]) == []
    assert course.eager_python_args(["--no-python"]) == []


def test_script_rejectsMalformedReps():
    res = subprocess.run([sys.executable, str(SCRIPT), "--reps", "5,11,1,5,3"], capture_output=True, text=True,
                         timeout=60)
    assert res.returncode != 0 and "six counts" in res.stderr


def test_script_eagerOnly_onOlderPython_saysWhyAndFails_elseReportsTheSameTasks():
    res = subprocess.run([sys.executable, str(SCRIPT), "--reps", "1,0,1,0,1,1", "--eager-only"],
                         capture_output=True, text=True, timeout=120)
    if sys.version_info < (3, 12):
        assert res.returncode == 3
        assert "needs CPython 3.12 or newer" in res.stderr
    else:
        assert res.returncode == 0, res.stderr
        out = json.loads(res.stdout)
        assert out["fib20_eager_tasks"] == 21890
        assert out["fib20_eager_us_per_task_min"] <= out["fib20_eager_us_per_task"] <= out["fib20_eager_us_per_task_max"]


# ------------------------------------------------------------------ tools/bench.py: the comparison side

import xml.etree.ElementTree as ET  # noqa: E402

import bench  # noqa: E402


def test_stat_medianAndRange_fromRawRunsOrThePythonScriptsStatistics():
    assert bench.Stat.of([3, 1, 2, 9, 4]) == bench.Stat(3, 1, 9)
    assert bench.Stat.of([4, 1, 3, 2]) == bench.Stat(2.5, 1, 4)
    assert bench.stat({"x_runs": [5, 1, 3]}, "x") == bench.Stat(3, 1, 5)
    assert bench.stat({"x": 9.5, "x_min": 8.1, "x_max": 12.0}, "x") == bench.Stat(9.5, 8.1, 12.0)
    assert bench.stat({"x": 1380.5}, "x") == bench.Stat(1380.5, 1380.5, 1380.5)
    assert bench.stat({}, "x") is None
    assert bench.Stat(0.81, 0.78, 0.95).cell() == "0.81 (0.78 to 0.95)"
    assert bench.Stat.of([1234.4]).cell() == "1234"


def test_ratioMet_needsBothSides_andJudgesTheMedians():
    s = bench.Stat.of
    assert bench.ratio_met(s([1.0]), s([25.0]), 25), "exactly 25x is met"
    assert not bench.ratio_met(s([1.0]), s([24.9]), 25)
    assert bench.ratio_met(s([1, 1, 30]), s([25, 25, 1]), 25), "the medians decide, not the extremes"
    assert not bench.ratio_met(s([1.0]), None, 25), "no CPython figure: not met"
    assert not bench.ratio_met(s([-3.0]), s([2.0]), 1), "a negative figure (GC noise) has no sound ratio"


def java_side(**over):
    d = {"fib20_tasks": 21890, "fib20_eager_tasks": 21890, "fib20_us_per_task_runs": [0.5, 0.4, 0.6],
         "fib20_eager_us_per_task_runs": [0.05], "sleep100k_wall_ms_runs": [200.0],
         "sleep100k_bytes_per_task": 300.0, "say_after_overhead_ms_runs": [0.5],
         "say_after_plain_park_overhead_ms_runs": [0.8], "say_after_cpu_ms_runs": [0.3],
         "say_after_plain_park_cpu_ms_runs": [0.1], "pages1000_wall_ms_runs": [300.0],
         "pages1000_httpclient_wall_ms_runs": [400.0], "pages_bytes": 1_024_000, "log_fire_ns_median": 100,
         "log_sync_ns_median": 2000}
    d.update(over)
    return d


def test_rows_judgeTheIssuesRatioTargets():
    py = {"fib20_us_per_task": 12.5, "sleep100k_wall_ms": 5000.0, "sleep100k_bytes_per_task": 1380.0,
          "say_after_overhead_ms": 2.5, "pages1000_wall_ms": 600.0, "pages1000_bytes": 1_024_000}
    met = {r.key: r.met for r in bench.rows(java_side(), py, {})}
    assert met["fib20_us_per_task"] is True          # 12.5 / 0.5 = 25x
    assert met["fib20_eager_us_per_task"] is True    # 250x
    assert met["sleep100k_wall_ms"] is True          # 25x
    assert met["sleep100k_bytes_per_task"] is True   # 300 < 319
    assert met["say_after_overhead_ms"] is True      # 2.5 / 0.5 = 5x
    assert met["pages1000_wall_ms"] is True          # 2x
    assert met["fib20_cpython_eager_us_per_task"] is None, "a comparison row has no target"
    worse = {r.key: r.met for r in bench.rows(java_side(sleep100k_bytes_per_task=319.0,
                                                        say_after_overhead_ms_runs=[0.6]), py, {})}
    assert worse["sleep100k_bytes_per_task"] is False, "under 319 B, not at it"
    assert worse["say_after_overhead_ms"] is False


def test_rows_withoutCpython_meetNoRatioTarget_andOtherBytesDropThePagesFigure():
    rs = {r.key: r for r in bench.rows(java_side(), {}, {})}
    assert rs["fib20_us_per_task"].met is False and rs["fib20_us_per_task"].ratio() is None
    py = {"pages1000_wall_ms": 900.0, "pages1000_bytes": 1000}
    rs = {r.key: r for r in bench.rows(java_side(), py, {})}
    assert rs["pages1000_wall_ms"].cpython is None and rs["pages1000_wall_ms"].met is False
    assert rs["pages1000_over_latency_ms"].ours.median == 100.0, "300 ms against the 200 ms floor"


def test_rows_wallTargetBelowTheFloor_saysUnreachable_andShowsTheCostOverIt():
    py = {"sleep100k_wall_ms": 2000.0, "pages1000_wall_ms": 380.0, "pages1000_bytes": 1_024_000}
    rs = {r.key: r for r in bench.rows(java_side(sleep100k_wall_ms_runs=[150.0]), py, {})}
    assert rs["sleep100k_wall_ms"].met is False
    assert rs["sleep100k_wall_ms"].unreachable == "unreachable here: CPython's 2000 ms / 25 < the 100 ms floor"
    assert rs["pages1000_wall_ms"].unreachable == "unreachable here: CPython's 380 ms / 2 < the 200 ms floor"
    over = rs["sleep100k_over_sleep_ms"]
    assert (over.ours.median, over.cpython.median, over.ratio()) == (50.0, 1900.0, 38.0)
    assert rs["pages1000_over_latency_ms"].cpython.median == 180.0
    assert "NO (unreachable here: CPython's 2000 ms / 25" in bench.table(list(rs.values()))
    reachable = {r.key: r for r in bench.rows(java_side(), {"sleep100k_wall_ms": 5000.0, "pages1000_wall_ms": 400.0,
                                                             "pages1000_bytes": 1_024_000}, {})}
    assert reachable["sleep100k_wall_ms"].unreachable is None, "5000 / 25 = 200 ms: above the floor"
    assert reachable["pages1000_wall_ms"].unreachable is None, "400 / 2 = 200 ms: exactly the floor, reachable"


def test_rows_targetsBelowABareContinuation_sayUnreachable():
    java = java_side(fib20_eager_us_per_task_runs=[0.13], fib20_bare_continuation_tasks=21890,
                     fib20_bare_continuation_us_per_task_runs=[0.07, 0.08, 0.09], bare_continuation_suspended_bytes=330.0,
                     sleep100k_bytes_per_task=475.0)
    rs = {r.key: r for r in bench.rows(java, {"fib20_us_per_task": 12.5}, {})}
    assert rs["fib20_eager_us_per_task"].unreachable == \
        "unreachable here: CPython's 12.50 us / 200 < a bare continuation's 0.080 us"
    assert rs["fib20_bare_continuation_us_per_task"].ratio() == 156.25 and rs["fib20_bare_continuation_us_per_task"].met is None
    assert rs["sleep100k_bytes_per_task"].unreachable == "unreachable on JDK continuations: a bare one, suspended, takes 330 B"
    fast = {r.key: r for r in bench.rows(java, {"fib20_us_per_task": 20.0}, {})}
    assert fast["fib20_eager_us_per_task"].unreachable is None, "20 / 200 = 0.1 us: above the bare continuation"
    small = {r.key: r for r in bench.rows(java_side(bare_continuation_suspended_bytes=200.0), {}, {})}
    assert small["sleep100k_bytes_per_task"].unreachable is None
    other = {r.key: r for r in bench.rows(java_side(fib20_bare_continuation_tasks=176,
                                                    fib20_bare_continuation_us_per_task_runs=[0.04]),
                                          {"fib20_us_per_task": 12.5}, {})}
    assert other["fib20_bare_continuation_us_per_task"].ours is None, "a floor of another tree is not shown"


def test_rows_eagerWithOtherTaskCount_getsNoCpythonFigure():
    rs = {r.key: r for r in bench.rows(java_side(fib20_eager_tasks=21888), {"fib20_us_per_task": 12.5}, {})}
    assert rs["fib20_eager_us_per_task"].cpython is None and rs["fib20_eager_us_per_task"].met is False


def test_table_and_json_sayMetPerRow():
    rs = bench.rows(java_side(), {}, {})
    text = bench.table(rs)
    assert "NO" in text and "yes" in text  # the log call's target is met without CPython
    j = bench.row_json(rs[0])
    assert j["key"] == "fib20_us_per_task" and j["ours"] == 0.5 and j["cpython"] is None and j["met"] is False


def test_fibTasks_countsEveryCallButTheRoot():
    assert bench.fib_tasks(20) == 21890  # the count both sides' fib(20) reports
    assert bench.fib_tasks(10) == 176    # 177 calls for fib(10), the course's count


def test_scaling_tableAndPicture():
    java = {"sleep10000_wall_ms_runs": [20.0], "sleep100000_wall_ms_runs": [200.0],
            "sleep1000000_wall_ms_runs": [2500.0], "sleep10000_bytes_per_task": 500.0,
            "fib15_scaling_us_per_task_runs": [0.5], "fib20_scaling_us_per_task_runs": [0.5],
            "conn1000_bytes_per_conn": 1500.0, "conn1000_echo_ms": 30.0, "conn10000_error": "too many open files"}
    py = {"sleep10000_wall_ms_runs": [300.0], "sleep1000000_skipped": "would take over a minute"}
    table = bench.markdown(bench.scaling_rows(java, py))
    assert "would take over a minute" in table and "too many open files" in table and "| 10,000 |" in table
    series = bench.scaling_series(java, py)
    assert series["sleepers, ours"] == [(10000.0, 20.0), (100000.0, 200.0), (1000000.0, 2500.0)]
    assert series["fib(n), ours"][0] == (bench.fib_tasks(15), 0.5 * bench.fib_tasks(15) / 1000)
    root = ET.fromstring(bench.svg(series, "load <busy> & all"))
    assert root.tag.endswith("svg") and len(root.findall("{http://www.w3.org/2000/svg}polyline")) == len(series)


def test_raiseOpenFiles_neverLowersTheLimit():
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    assert "enough" in bench.raise_open_files(min(soft, 16))
    assert resource.getrlimit(resource.RLIMIT_NOFILE) == (soft, hard)
