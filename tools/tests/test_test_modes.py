"""`./course test`'s modes: --repeat (JUnit N times, both surefire executions), --slow (the notebooks
in a CPU-limited cgroup) and which options go together. The cgroup tests work on a fake cgroup
tree in tmp_path (the mount and our own group are passed in); one test uses the real one, if
this machine lets us."""
import os
import resource
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import course

NS = {"m": "http://maven.apache.org/POM/4.0.0"}


def parse_error(capsys, *argv) -> str:
    with pytest.raises(SystemExit) as e:
        course.parse_args(["test", *argv])
    assert e.value.code == 2
    return capsys.readouterr().err


# ---------------------------------------------------------------- options


def test_parseArgs_repeat_aloneOrUnderLoad():
    args = course.parse_args(["test", "--repeat", "3"])
    assert args.repeat == 3 and not args.under_load and not args.slow and args.junit_test is None
    args = course.parse_args(["test", "--repeat", "2", "--under-load", "--junit-test", "EventLoopTest#close*"])
    assert args.repeat == 2 and args.under_load and args.junit_test == "EventLoopTest#close*"
    plain = course.parse_args(["test"])
    assert plain.repeat is None and not plain.slow and plain.passes == 2


def test_parseArgs_slowWithPassesAndNotebooks():
    args = course.parse_args(["test", "--slow", "--passes", "1", "notebooks/02-coroutines.ipynb"])
    assert args.slow and args.passes == 1 and args.notebooks == ["notebooks/02-coroutines.ipynb"]


@pytest.mark.parametrize("argv, says", [
    (["--repeat", "0"], "0 is too small (give 1 or more)"),
    (["--repeat", "two"], "'two' is not a whole number"),
    (["--passes", "-1"], "-1 is too small"),
    (["--repeat", "2", "--slow"], "run one after the other"),
    (["--repeat", "2", "--passes", "1"], "--repeat runs only the JUnit suite"),
    (["--repeat", "2", "notebooks/02-coroutines.ipynb"], "--repeat runs only the JUnit suite"),
    (["--junit-test", "EventLoopTest"], "--junit-test goes with --repeat N"),
    (["--slow", "--under-load"], "--slow imitates a slower machine and --under-load a busy one"),
    (["--browser", "--slow", "--passes", "1"], "--browser runs alone (every notebook in Chromium); leave out --slow, --passes"),
])
def test_parseArgs_combinationsThatMakeNoMode_sayWhatToDo(capsys, argv, says):
    assert says in parse_error(capsys, *argv)


def test_help_documentsTheModesAndTheirCombinations(capsys):
    with pytest.raises(SystemExit):
        course.parse_args(["test", "-h"])
    text = " ".join(capsys.readouterr().out.split())
    for words in ("--repeat N", "--slow", "--under-load", "--junit-test PATTERN", "4x the normal 60 s",
                  "a cell at most 30 s", "root or a writable cgroup", "-Dtest="):
        assert words in text, words


# ---------------------------------------------------------------- JUnit counts of both executions


def write_report(folder, cls, passed=0, failed=(), skipped=0):
    folder.mkdir(parents=True, exist_ok=True)
    suite = ET.Element("testsuite", name=cls, tests=str(passed + len(failed) + skipped),
                       failures=str(len(failed)), errors="0", skipped=str(skipped))
    for i in range(passed):
        ET.SubElement(suite, "testcase", classname=cls, name=f"ok{i}")
    for name in failed:
        case = ET.SubElement(suite, "testcase", classname=cls, name=name)
        ET.SubElement(case, "failure", message="expected <1> but was <2>\nmore", type="AssertionError")
    for i in range(skipped):
        ET.SubElement(ET.SubElement(suite, "testcase", classname=cls, name=f"skip{i}"), "skipped")
    ET.ElementTree(suite).write(folder / f"TEST-{cls}.xml")


def test_surefireCounts_readBothExecutions(tmp_path):
    write_report(tmp_path / "surefire-reports", "a.ATest", passed=3)
    write_report(tmp_path / "surefire-reports", "a.BTest", passed=2, skipped=1)
    write_report(tmp_path / "surefire-reports-one-carrier", "a.ATest", passed=2, failed=["slow"])
    counts = course.surefire_counts(tmp_path)
    assert list(counts) == ["default", "one-carrier"]
    assert (counts["default"].passed, counts["default"].skipped, counts["default"].failed) == (5, 1, 0)
    assert (counts["one-carrier"].passed, counts["one-carrier"].failed) == (2, 1)
    assert course.junit_summary(counts) == "7 passed, 1 failed, 1 skipped (default 5 passed, 1 skipped, one-carrier 2 passed, 1 failed)"
    assert course.junit_problems(0, counts) == ["[one-carrier] a.ATest.slow: expected <1> but was <2>"]


def test_surefireCounts_allPassed_summaryGivesEachExecution(tmp_path):
    write_report(tmp_path / "surefire-reports", "a.ATest", passed=256)
    write_report(tmp_path / "surefire-reports-one-carrier", "a.ATest", passed=256)
    counts = course.surefire_counts(tmp_path)
    assert course.junit_summary(counts) == "512 passed, 0 failed, 0 skipped (default 256, one-carrier 256)"
    assert course.junit_problems(0, counts) == []


def test_junitProblems_anExecutionThatDidNotRun_isNotAPass(tmp_path):
    write_report(tmp_path / "surefire-reports", "a.ATest", passed=4)
    counts = course.surefire_counts(tmp_path)
    assert "one-carrier: did not run" in course.junit_summary(counts)
    assert course.junit_problems(0, counts) == [
        "the one-carrier execution ran no test (no passing test in target/surefire-reports-one-carrier)"]
    assert "Maven failed (exit status 1)" in course.junit_problems(1, counts)[0]


def test_clearSurefireReports_clearsBothFolders(tmp_path):
    write_report(tmp_path / "surefire-reports", "a.ATest", passed=1)
    write_report(tmp_path / "surefire-reports-one-carrier", "a.ATest", passed=1)
    course.clear_surefire_reports(tmp_path)
    assert not (tmp_path / "surefire-reports").exists() and not (tmp_path / "surefire-reports-one-carrier").exists()


def test_surefireReportFolders_areThePomsExecutions():
    pom = ET.parse(course.ROOT / "pom.xml").getroot()
    surefire = next(p for p in pom.iterfind(".//m:build/m:plugins/m:plugin", NS)
                    if p.findtext("m:artifactId", namespaces=NS) == "maven-surefire-plugin")
    executions = {e.findtext("m:id", namespaces=NS):
                  e.findtext("m:configuration/m:reportsDirectory", namespaces=NS)
                  for e in surefire.iterfind("m:executions/m:execution", NS)}
    # the default execution (default-test) writes to surefire's default folder; every other one is ours
    assert set(executions) | {"default"} == set(course.SUREFIRE_REPORTS), executions
    for name, folder in executions.items():
        assert folder == "${project.build.directory}/" + course.SUREFIRE_REPORTS[name], (name, folder)


# ---------------------------------------------------------------- the repeat loop


def junit_run(passed=10, failed=()):
    counts = {"default": course.SuiteCounts(reports=1, passed=passed),
              "one-carrier": course.SuiteCounts(reports=1, passed=passed, failed=len(failed),
                                                failures=list(failed))}
    return course.JUnitRun(0, counts, seconds=1.0)


def test_repeatJunit_stopsAtTheFirstFailure():
    results = iter([junit_run(), junit_run(failed=["a.ATest.flaky: boom"]), junit_run()])
    calls, said = [], []

    def run_once():
        calls.append(1)
        return next(results)

    assert course.repeat_junit(3, run_once, report=said.append) == 1
    assert len(calls) == 2, "run 3 must not start after run 2 failed"
    assert said[0].startswith("run 1/3 passed: JUnit 20 passed, 0 failed, 0 skipped (default 10, one-carrier 10)")
    assert said[1].startswith("run 2/3 FAILED: JUnit 20 passed, 1 failed")
    assert "  [one-carrier] a.ATest.flaky: boom" in said
    assert said[-1] == "1 of 3 runs passed; stopped at run 2, the first that failed"


def test_repeatJunit_allPass_saysNofN():
    said = []
    assert course.repeat_junit(3, junit_run, report=said.append) == 3
    assert [s.split(":")[0] for s in said[:3]] == ["run 1/3 passed", "run 2/3 passed", "run 3/3 passed"]
    assert said[-1].startswith("3 of 3 runs passed")


def test_repeatJunit_aMavenFailureWithoutReports_stopsToo():
    said = []
    broken = course.JUnitRun(1, {"default": course.SuiteCounts(), "one-carrier": course.SuiteCounts()}, 2.0)
    assert course.repeat_junit(2, lambda: broken, report=said.append) == 0
    assert any("Maven failed (exit status 1)" in s for s in said)
    assert said[-1] == "0 of 2 runs passed; stopped at run 1, the first that failed"


# ---------------------------------------------------------------- slow mode: finding the controller

V1_MOUNTINFO = """\
31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
32 31 0:29 / {cpu} rw,relatime - cgroup cgroup rw,cpu,cpuacct
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
41 31 0:38 / {unified} rw,relatime - cgroup2 cgroup2 rw
"""


def test_findCpuController_hybrid_picksV1sCpuAndOurGroupInIt(tmp_path):
    (tmp_path / "unified").mkdir()
    (tmp_path / "unified" / "cgroup.controllers").write_text("")  # a hybrid's cgroup2: no controllers
    mountinfo = V1_MOUNTINFO.format(cpu=tmp_path / "cpu", unified=tmp_path / "unified")
    own = "4:memory:/elsewhere\n2:cpu,cpuacct:/user/ci\n0::/\n"
    found = course.find_cpu_controller(mountinfo, own)
    assert (found.version, found.mount, found.own) == (1, tmp_path / "cpu", tmp_path / "cpu" / "user" / "ci")


def test_findCpuController_v2WithCpu(tmp_path):
    (tmp_path / "cgroup.controllers").write_text("cpuset cpu io memory pids\n")
    mountinfo = f"30 23 0:26 / {tmp_path} rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n"
    found = course.find_cpu_controller(mountinfo, "0::/user.slice/session-2.scope\n")
    assert (found.version, found.own) == (2, tmp_path / "user.slice" / "session-2.scope")


def test_findCpuController_mountOfASubtree_pathIsTakenRelativeToIt(tmp_path):
    mountinfo = f"32 31 0:29 /docker/abc {tmp_path} rw - cgroup cgroup rw,cpu\n"
    found = course.find_cpu_controller(mountinfo, "1:cpu:/docker/abc/job\n")
    assert found.own == tmp_path / "job"
    assert course.find_cpu_controller(mountinfo, "1:cpu:/docker/abc\n").own == tmp_path
    assert course.find_cpu_controller(mountinfo, "1:cpu:/elsewhere\n").own == tmp_path, "outside the mount: its top"
    assert course.find_cpu_controller(mountinfo, "1:cpu:/../x\n").own == tmp_path


@pytest.mark.parametrize("mountinfo, own, says", [
    ("", "", "no /proc/self/mountinfo: slow mode needs Linux"),
    ("35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n", "4:memory:/\n",
     "no cgroup CPU controller is mounted"),
    ("41 31 0:38 / /nonexistent/unified rw - cgroup2 cgroup2 rw\n", "0::/\n", "no cgroup CPU controller is mounted"),
])
def test_findCpuController_none_saysWhatIsMissing(mountinfo, own, says):
    with pytest.raises(course.SlowModeUnavailable, match=says):
        course.find_cpu_controller(mountinfo, own)


# ---------------------------------------------------------------- slow mode: the group


def fake_rmdir(monkeypatch):
    """A real cgroup folder is removed with its control files in it; a fake one needs them gone first."""
    real_rmdir = os.rmdir

    def rmdir(path):
        for child in Path(path).iterdir():
            rmdir(child) if child.is_dir() else child.unlink()
        real_rmdir(path)

    monkeypatch.setattr(course.os, "rmdir", rmdir)


def test_slowGroup_v1_setsQuotaAndPeriod_movesTheCaller_andIsRemovedWithLeftovers(tmp_path, monkeypatch):
    fake_rmdir(monkeypatch)
    group = course.SlowGroup.create(course.CpuController(1, tmp_path, tmp_path), name="asynccourse-slow-test")
    assert group.path == tmp_path / "asynccourse-slow-test"
    assert (group.path / "cpu.cfs_period_us").read_text() == str(course.SLOW_PERIOD_US)
    assert (group.path / "cpu.cfs_quota_us").read_text() == str(round(course.SLOW_CPU_SHARE * course.SLOW_PERIOD_US))
    assert "cgroup v1 cpu.cfs_quota_us=" in group.limit_text()
    group.enter()
    assert (group.path / "cgroup.procs").read_text() == str(os.getpid())
    (group.path / "cgroup.procs").write_text("4242\n")  # a process left behind
    assert group.remove() is None
    assert not group.path.exists()
    assert (tmp_path / "cgroup.procs").read_text() == "4242", "what was left is moved to the parent first"


def test_slowGroup_v2_enablesCpuForChildren_andWritesCpuMax(tmp_path):
    (tmp_path / "cgroup.subtree_control").write_text("memory\n")
    group = course.SlowGroup.create(course.CpuController(2, tmp_path, tmp_path), share=0.25, period_us=10_000,
                                    name="asynccourse-slow-test")
    assert (tmp_path / "cgroup.subtree_control").read_text() == "+cpu"
    assert (group.path / "cpu.max").read_text() == "2500 10000"


def test_slowGroup_v2_ownGroupRefuses_fallsBackToTheTop(tmp_path):
    own = tmp_path / "session.scope"
    (own / "cgroup.subtree_control").mkdir(parents=True)  # unreadable as a file: refuses like EBUSY would
    (tmp_path / "cgroup.subtree_control").write_text("cpu memory\n")
    group = course.SlowGroup.create(course.CpuController(2, tmp_path, own), name="asynccourse-slow-test")
    assert group.path == tmp_path / "asynccourse-slow-test"


def test_slowGroup_notPermitted_saysWhyAndWhatItNeeds(tmp_path, monkeypatch):
    def refuse(path, *a, **k):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(course.os, "mkdir", refuse)
    with pytest.raises(course.SlowModeUnavailable) as e:
        course.SlowGroup.create(course.CpuController(1, tmp_path, tmp_path), name="asynccourse-slow-test")
    message = str(e.value)
    assert f"cannot create the cgroup {tmp_path / 'asynccourse-slow-test'}: Permission denied" in message
    assert "slow mode needs root, or write access to that cgroup" in message


def test_slowGroup_limitRefused_removesTheHalfMadeGroup(tmp_path, monkeypatch):
    fake_rmdir(monkeypatch)
    (tmp_path / "asynccourse-slow-test" / "cpu.cfs_quota_us").mkdir(parents=True)  # cannot be written

    real_mkdir = os.mkdir
    monkeypatch.setattr(course.os, "mkdir", lambda p, *a: None if os.path.isdir(p) else real_mkdir(p, *a))
    with pytest.raises(course.SlowModeUnavailable, match="cannot set the CPU limit of"):
        course.SlowGroup.create(course.CpuController(1, tmp_path, tmp_path), name="asynccourse-slow-test")
    assert not (tmp_path / "asynccourse-slow-test").exists()


def test_staleGroups_ofEndedRuns_areRemoved_othersKept(tmp_path):
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    stale = tmp_path / f"{course.SLOW_GROUP_PREFIX}{ended.pid}"
    alive = tmp_path / f"{course.SLOW_GROUP_PREFIX}{os.getppid()}"
    other = tmp_path / "someone-elses-group"
    for d in (stale, alive, other):
        d.mkdir()
    course.remove_stale_groups(tmp_path)
    assert not stale.exists() and alive.exists() and other.exists()


# ---------------------------------------------------------------- slow mode: what it says


def slow_args():
    return course.parse_args(["test", "--slow", "--passes", "1", "notebooks/02-coroutines.ipynb"])


def test_slowMode_unavailable_runsAtNormalSpeedSayingSo_andFailsUnderCi(monkeypatch, capsys):
    def unavailable():
        raise course.SlowModeUnavailable("cannot create the cgroup /x: Permission denied; slow mode needs root")

    runs = []
    monkeypatch.setattr(course, "open_slow_group", unavailable)
    monkeypatch.setattr(course, "run_notebooks", lambda args, slow=None: runs.append(slow))
    monkeypatch.delenv("CI", raising=False)
    course.notebooks_slow(slow_args(), jdk=None)
    out = capsys.readouterr().out
    assert runs == [None], "the notebooks run, without a group"
    assert "slow mode is NOT available: cannot create the cgroup /x: Permission denied" in out
    assert "at NORMAL speed" in out and "slow mode was not applied" in out
    assert "passed in slow mode" not in out

    monkeypatch.setenv("CI", "true")
    with pytest.raises(SystemExit, match="under CI, ./course test --slow must run slowed down"):
        course.notebooks_slow(slow_args(), jdk=None)


class FakeGroup:
    path = "/fake/asynccourse-slow-1"
    share = 0.22
    removed = 0

    def limit_text(self):
        return "cgroup v1 cpu.cfs_quota_us=2200 of cpu.cfs_period_us=10000"

    def remove(self):
        FakeGroup.removed += 1


def measured(factor):
    return dict(limit="cgroup v1 cpu.cfs_quota_us=2200 of cpu.cfs_period_us=10000", reference_factor=factor,
                factor=factor, wall_factor=factor, cold_factor=factor, slow_warm_ms=10 * factor,
                normal_warm_ms=10, normal_warm_cpu_ms=10, slow_cold_ms=100 * factor, normal_cold_ms=100,
                slow_cpus=1, normal_cpus=2, load_average=0.5, throttled=12)


def test_slowMode_aLimitThatDoesNotSlowDown_isNotPassedOffAsSlowMode(monkeypatch, capsys):
    FakeGroup.removed = 0
    runs = []
    monkeypatch.setattr(course, "open_slow_group", FakeGroup)
    monkeypatch.setattr(course, "measure_slowdown", lambda jdk, group: measured(1.2))
    monkeypatch.setattr(course, "run_notebooks", lambda args, slow=None: runs.append(slow))
    monkeypatch.delenv("CI", raising=False)
    course.notebooks_slow(slow_args(), jdk=None)
    out = capsys.readouterr().out
    assert runs == [None] and FakeGroup.removed == 1
    assert "fib is only 1.2x slower than on the reference machine" in out and "at NORMAL speed" in out


def test_slowMode_available_runsTheNotebooksInTheGroup_andRemovesIt(monkeypatch, capsys):
    FakeGroup.removed = 0
    runs = []
    monkeypatch.setattr(course, "open_slow_group", FakeGroup)
    monkeypatch.setattr(course, "measure_slowdown", lambda jdk, group: measured(4.0))
    monkeypatch.setattr(course, "run_notebooks", lambda args, slow=None: runs.append(slow))
    course.notebooks_slow(slow_args(), jdk=None)
    out = capsys.readouterr().out
    assert len(runs) == 1 and isinstance(runs[0], FakeGroup) and FakeGroup.removed == 1
    assert "fib(20) with tasks takes 40.0 ms a run, 4.0x the reference machine's" in out
    assert "throttled in 12 periods" in out
    assert "all notebooks passed in slow mode (fib 4.0x the reference machine's time)" in out


def test_slowShare_scalesWithThisMachinesSpeed_andIsNoneOnAMachineAlreadyThatSlow():
    ref = course.FIB_REFERENCE_CPU_MS
    assert course.slow_share(ref) == pytest.approx(course.SLOW_CPU_SHARE)
    assert course.slow_share(ref / 2) == pytest.approx(course.SLOW_CPU_SHARE / 2), "a faster machine: less"
    assert course.slow_share(ref * course.SLOW_TARGET_FACTOR * 1.2) is None, "already that slow: no limit"


def test_slowGroup_setShare_noLimitAndSmallShares(tmp_path):
    group = course.SlowGroup.create(course.CpuController(1, tmp_path, tmp_path), name="asynccourse-slow-test")
    group.set_share(None)
    assert (group.path / "cpu.cfs_quota_us").read_text() == "-1" and group.limit_text() == "no CPU limit"
    group.set_share(0.05)  # 0.5 ms of 10 ms is below the kernel's 1 ms: a longer period instead
    assert (group.path / "cpu.cfs_quota_us").read_text() == "1000"
    assert (group.path / "cpu.cfs_period_us").read_text() == "20000"
    (tmp_path / "v2").mkdir()
    (tmp_path / "v2" / "cgroup.subtree_control").write_text("cpu")
    v2 = course.SlowGroup.create(course.CpuController(2, tmp_path / "v2", tmp_path / "v2"), name="asynccourse-slow-test")
    v2.set_share(None)
    assert (v2.path / "cpu.max").read_text() == "max 10000"


def test_slowdown_comparesTheGroupsWallTimeWithTheCpuTimeOutside():
    normal = [dict(warm_ms=20.0, warm_cpu_ms=10.0, cold_ms=300.0, cpus=2)] * 2
    slow = [dict(warm_ms=40.0, warm_cpu_ms=9.0, cold_ms=1200.0, cpus=1), dict(warm_ms=44.0, warm_cpu_ms=9.0, cold_ms=1000.0, cpus=1)]
    m = course.slowdown(normal, slow)
    assert m["factor"] == pytest.approx(4.2) and m["wall_factor"] == pytest.approx(2.1)
    assert m["reference_factor"] == pytest.approx(42 / course.FIB_REFERENCE_CPU_MS)
    assert m["cold_factor"] == pytest.approx(1100 / 300) and (m["slow_cpus"], m["normal_cpus"]) == (1, 2)


def test_slowGroup_onThisMachine_limitsAChildsCpuShare():
    """If this machine lets us make a slow group (root, a cpu controller), a busy child in it gets
    about its share of a core: a ratio of CPU time to wall time, whatever the CPU's speed."""
    try:
        group = course.open_slow_group()
    except course.SlowModeUnavailable as e:
        pytest.skip(f"slow mode is not available here: {e}")
    try:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        subprocess.run([sys.executable, "-c", "import time\nend = time.monotonic() + 1.5\nwhile time.monotonic() < end: pass"],
                       preexec_fn=group.enter, check=True, timeout=60)
        wall = time.monotonic() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        throttled = group.throttled()
    finally:
        assert group.remove() is None
    assert not group.path.exists()
    assert throttled is None or throttled > 0, "the limit held the child back"
    # unlimited, it would use about 1 s of CPU per second; limited, about SLOW_CPU_SHARE (wide margin)
    assert cpu / wall < 2 * course.SLOW_CPU_SHARE, f"{cpu:.2f} s CPU in {wall:.2f} s"


def test_underLoad_givesTheNotebooksTwiceTheirBudget(monkeypatch):
    """Under load the kernel gets about half of each core: the runner is told to allow twice the time."""
    ran = []
    monkeypatch.setattr(course, "setup", lambda args: None)
    monkeypatch.setattr(course, "BusyCores", lambda: __import__("contextlib").nullcontext(type("L", (), {"cores": 2})()))
    monkeypatch.setattr(course, "run", lambda cmd, **kw: ran.append(cmd))
    course.cmd_test(course.parse_args(["test", "--under-load", "--passes", "1"]))
    (runner,) = ran
    assert runner[runner.index("--budget-scale") + 1] == str(course.UNDER_LOAD_BUDGET_SCALE) == "2", runner
