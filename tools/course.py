"""The course's one entry point: ./course setup | lab | test | book | check | bench.

Standard library only (it creates the virtual environment the rest runs in).
Every step is idempotent: running it again does only what changed.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from jdk import NoSuitableJdk, find_jdk  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
JAR = ROOT / "target" / "async-course.jar"
REQUIREMENTS = ROOT / "requirements.txt"
NOTEBOOKS = ROOT / "notebooks"
STARTUP_SCRIPT = NOTEBOOKS / "course.jsh"  # the notebooks' shared set-up, also run by the kernel at start
STATE = VENV / "course-state.json"
KERNEL_NAME = "java"  # the name every IJava-family kernel uses; notebooks ask for it


def pom_kernel_jvm_options(pom: Path) -> list[str]:
    """The course kernel's JVM options, from pom.xml's properties course.jvm.* (their one definition;
    the pom says what each is for), in the order written there."""
    import xml.etree.ElementTree as ET
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    props = ET.parse(pom).getroot().find("m:properties", ns)
    options = [(e.text or "").strip() for e in props if e.tag.split("}")[1].startswith("course.jvm.")]
    if not options or not all(options):
        raise SystemExit(f"[course] ERROR: {pom} has no course.jvm.* properties (the kernel's JVM options)")
    return options


KERNEL_JVM_OPTS = pom_kernel_jvm_options(ROOT / "pom.xml")


def kernel_preview_opts(jdk) -> tuple[list[str], str]:
    """Preview APIs in the kernel (chapter 08 shows StructuredTaskScope, a preview API of JDK 25):
    the JVM needs --enable-preview, and so does JShell's compiler, with the JDK's own release
    (JJava passes JJAVA_COMPILER_OPTS to JShell). Returns (JVM options, JJAVA_COMPILER_OPTS)."""
    return ["--enable-preview"], f"--enable-preview --source {jdk.feature}"


def say(msg: str) -> None:
    print(f"[course] {msg}", flush=True)


def venv_bin(name: str) -> Path:
    sub = "Scripts" if os.name == "nt" else "bin"
    return VENV / sub / name


def jupyter_data_dir() -> Path:
    return VENV / "share" / "jupyter"


def kernel_dir() -> Path:
    """Where set-up installs the course kernel (JJava's files plus our kernel.json)."""
    return jupyter_data_dir() / "kernels" / KERNEL_NAME


def jupyter_env() -> dict[str, str]:
    """Environment for Jupyter: our kernelspec wins over any user or system kernel named 'java'.

    JUPYTER_PATH is searched before the user's ~/.local/share/jupyter and the system folders,
    so the course's kernel is the one picked; nothing outside the project is changed.
    """
    env = dict(os.environ)
    env["JUPYTER_PATH"] = str(jupyter_data_dir())
    env["JUPYTER_PREFER_ENV_PATH"] = "1"
    env["PATH"] = str(venv_bin("")) + os.pathsep + env.get("PATH", "")
    env.pop("PYTHONPATH", None)
    return env


def run(cmd: list[str], **kw) -> None:
    res = subprocess.run(cmd, **kw)
    if res.returncode != 0:
        raise SystemExit(f"[course] failed ({res.returncode}): {' '.join(map(str, cmd))}")


# ---------------------------------------------------------------- steps


def step_jdk():
    try:
        jdk = find_jdk()
    except NoSuitableJdk as e:
        print(f"\n[course] ERROR: {e}\n", file=sys.stderr)
        raise SystemExit(2)
    say(f"JDK: {jdk.describe()}")
    return jdk


def maven(jdk, goals: list[str], check: bool = True) -> int:
    """Runs the Maven Wrapper quietly with the course's JDK; its exit status (check: stop on failure)."""
    env = dict(os.environ, JAVA_HOME=str(jdk.home))
    if jdk.feature >= 24 and "MAVEN_OPTS" not in os.environ:
        # Maven 3.9's own libraries trip JDK 24+'s warnings about native access and sun.misc.Unsafe.
        env["MAVEN_OPTS"] = "--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
    mvnw = ROOT / ("mvnw.cmd" if os.name == "nt" else "mvnw")
    cmd = [str(mvnw), "-B", "-q", *goals]
    if check:
        run(cmd, cwd=ROOT, env=env)
        return 0
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode


def newest_source_mtime() -> float:
    paths = [ROOT / "pom.xml", *(p for p in (ROOT / "src" / "main").rglob("*") if p.is_file())]
    return max(p.stat().st_mtime for p in paths)


def step_build(jdk, force: bool = False) -> None:
    if not force and JAR.exists() and JAR.stat().st_mtime >= newest_source_mtime():
        say(f"helper library up to date: {JAR.relative_to(ROOT)}")
        return
    say("building the helper library (Maven; first run downloads Maven and plugins) ...")
    maven(jdk, ["package", "-DskipTests"])
    say(f"built {JAR.relative_to(ROOT)}")


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_state() -> dict:
    try:
        return json.loads(STATE.read_text())
    except (OSError, ValueError):
        return {}


def step_venv() -> None:
    if not venv_bin("python").exists():
        say(f"creating the project's virtual environment in {VENV.relative_to(ROOT)}/ ...")
        res = subprocess.run([sys.executable, "-m", "venv", str(VENV)])
        if res.returncode != 0:
            shutil.rmtree(VENV, ignore_errors=True)
            raise SystemExit(
                "[course] ERROR: could not create a virtual environment.\n"
                "  Debian/Ubuntu: sudo apt-get install python3-venv   then run set-up again."
            )
    state = load_state()
    want = file_hash(REQUIREMENTS)
    if state.get("requirements") == want:
        say("Python tools up to date (JupyterLab, JJava, nbclient, pytest)")
        return
    say("installing pinned Python tools into .venv (JupyterLab, JJava, nbclient, pytest) ...")
    run([str(venv_bin("python")), "-m", "pip", "install", "-q", "--disable-pip-version-check",
         "-r", str(REQUIREMENTS)])
    state["requirements"] = want
    STATE.write_text(json.dumps(state, indent=2))


def kernelspec(jdk, folder: Path | None = None) -> dict:
    """The course kernel's kernel.json, for the kernel folder `folder` (default .venv's), which holds jjava.jar."""
    folder = folder or kernel_dir()
    return {
        # JJava's own launcher runs whatever `java` is first on PATH; we name the JDK ourselves
        # and pass the same arguments the launcher would.
        "argv": [
            str(jdk.java), *KERNEL_JVM_OPTS, *kernel_preview_opts(jdk)[0],
            "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED",
            "-jar", str(folder / "jjava.jar"), "{connection_file}",
        ],
        "display_name": f"Java {jdk.feature} (async course)",
        "language": "java",
        "interrupt_mode": "message",
        "env": {
            "JJAVA_CLASSPATH": str(JAR),
            "JJAVA_COMPILER_OPTS": kernel_preview_opts(jdk)[1],
            # JJava evaluates these files before the first cell a kernel runs (also after a
            # restart), so every cell works without the set-up cell; course.jsh stays safe to
            # load again, which the notebooks' first cell does.
            "JJAVA_STARTUP_SCRIPTS_PATH": str(STARTUP_SCRIPT),
        },
        "metadata": {"async_course": {"java_home": str(jdk.home), "java_version": jdk.version}},
    }


def step_kernel(jdk) -> None:
    if not (kernel_dir() / "jjava.jar").exists():
        raise SystemExit(f"[course] ERROR: JJava is not installed in {kernel_dir()}; delete .venv and run set-up again.")
    spec = kernelspec(jdk)
    path = kernel_dir() / "kernel.json"
    old = path.read_text() if path.exists() else ""
    new = json.dumps(spec, indent=2) + "\n"
    if old != new:
        path.write_text(new)
    say(f"kernel '{KERNEL_NAME}': Java {jdk.version}, helper on its classpath")


# JupyterLab shows a kernel's status only from status messages whose request is not in the server's
# `untracked_message_types`. That list includes kernel_info_request, and JJava (1.0a8) publishes its
# only start-up status ("starting") before the browser is connected and answers no other request that
# JupyterLab sends on opening a notebook, so the status read "Unknown" until the first cell ran.
# Tracking kernel_info again lets its busy/idle reach JupyterLab: the status reads "Idle".
# The rest of jupyter_server 2's default list, unchanged:
UNTRACKED_MESSAGE_TYPES = [
    "comm_info_request", "comm_info_reply", "shutdown_request", "shutdown_reply", "interrupt_request",
    "interrupt_reply", "debug_request", "debug_reply", "stream", "display_data", "update_display_data",
    "execute_input", "execute_result", "error", "status", "clear_output", "debug_event", "input_request",
    "input_reply",
]


def lab_config_file() -> Path:
    """Server settings of the project's JupyterLab (the venv's own config folder, read by any
    `jupyter lab` started from .venv; nothing outside the project)."""
    return VENV / "etc" / "jupyter" / "jupyter_server_config.json"


def step_lab_config(path: Path | None = None) -> None:
    """Writes the server setting below into `path` (default: .venv's jupyter_server_config.json)."""
    path = path or lab_config_file()
    try:
        config = json.loads(path.read_text())
    except (OSError, ValueError):
        config = {}
    if config.get("MappingKernelManager", {}).get("untracked_message_types") != UNTRACKED_MESSAGE_TYPES:
        config.setdefault("MappingKernelManager", {})["untracked_message_types"] = UNTRACKED_MESSAGE_TYPES
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(config, indent=2) + "\n")


def check_kernel_is_ours() -> None:
    """Ask Jupyter which 'java' kernel it resolves, with the environment we launch it in."""
    out = subprocess.run([str(venv_bin("jupyter")), "kernelspec", "list", "--json"],
                         capture_output=True, text=True, env=jupyter_env())
    if out.returncode != 0:
        raise SystemExit(f"[course] ERROR: `jupyter kernelspec list` failed:\n{out.stderr}")
    specs = json.loads(out.stdout)["kernelspecs"]
    resolved = Path(specs.get(KERNEL_NAME, {}).get("resource_dir", "")).resolve()
    expected = kernel_dir().resolve()
    if resolved != expected:
        raise SystemExit(f"[course] ERROR: Jupyter picks the kernel at {resolved}, not ours at {expected}.")


def setup(args) -> object:
    t0 = time.monotonic()
    jdk = step_jdk()
    step_build(jdk, force=getattr(args, "rebuild", False))
    step_venv()
    step_kernel(jdk)
    step_lab_config()
    check_kernel_is_ours()
    say(f"set-up done in {time.monotonic() - t0:.1f} s")
    return jdk


def headless(args) -> bool:
    return bool(args.no_lab or os.environ.get("COURSE_NO_LAB") or os.environ.get("CI"))


def lab(extra: list[str]) -> None:
    say("opening JupyterLab at notebooks/ (Ctrl-C twice to stop) ...")
    cmd = [str(venv_bin("jupyter")), "lab", f"--ServerApp.root_dir={NOTEBOOKS}", *extra]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in extra:
        # Jupyter refuses to start as root; in a container that is the usual user
        say("running as root (a container?): passing --allow-root to JupyterLab")
        cmd.append("--allow-root")
    os.execve(cmd[0], cmd, jupyter_env())


# ---------------------------------------------------------------- commands


def cmd_setup(args) -> None:
    setup(args)
    if headless(args):
        say("headless: not opening JupyterLab. Open it later with ./course lab")
        return
    lab(args.lab_args)


def cmd_lab(args) -> None:
    setup(args)
    lab(args.lab_args)


# The pom's two surefire executions of the JUnit suite and the folders their reports go to (the
# one-carrier execution's <reportsDirectory>; a test checks these against pom.xml).
SUREFIRE_REPORTS = {"default": "surefire-reports", "one-carrier": "surefire-reports-one-carrier"}


@dataclass
class SuiteCounts:
    """One surefire execution's results, read from its TEST-*.xml reports."""
    reports: int = 0  # report files: 0 means the execution did not run
    passed: int = 0
    failed: int = 0  # failures and errors
    skipped: int = 0
    failures: list[str] = field(default_factory=list)  # "Class.method: first line of the message"


def read_surefire_reports(folder: Path) -> SuiteCounts:
    import xml.etree.ElementTree as ET
    counts = SuiteCounts()
    for report in sorted(folder.glob("TEST-*.xml")):
        suite = ET.parse(report).getroot()
        counts.reports += 1
        tests, skipped = int(suite.get("tests", 0)), int(suite.get("skipped", 0))
        failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        counts.passed += tests - failed - skipped
        counts.failed += failed
        counts.skipped += skipped
        for case in suite.iter("testcase"):
            bad = case.find("failure")
            if bad is None:
                bad = case.find("error")
            if bad is not None:
                message = (bad.get("message") or bad.get("type") or "").strip().splitlines()
                counts.failures.append(f"{case.get('classname')}.{case.get('name')}: {(message or [''])[0][:160]}")
    return counts


def surefire_counts(target: Path | None = None) -> dict[str, SuiteCounts]:
    """Results of both surefire executions, by execution id (see SUREFIRE_REPORTS)."""
    target = target or ROOT / "target"
    return {name: read_surefire_reports(target / folder) for name, folder in SUREFIRE_REPORTS.items()}


def clear_surefire_reports(target: Path | None = None) -> None:
    target = target or ROOT / "target"
    for folder in SUREFIRE_REPORTS.values():
        shutil.rmtree(target / folder, ignore_errors=True)


def junit_summary(counts: dict[str, SuiteCounts]) -> str:
    """'512 passed, 0 failed, 0 skipped (default 256, one-carrier 256)'; an execution with failures or
    skips, or that did not run, says so in its part."""
    parts = []
    for name, c in counts.items():
        if not c.reports:
            parts.append(f"{name}: did not run")
        elif c.failed or c.skipped:
            parts.append(f"{name} {c.passed} passed" + (f", {c.failed} failed" if c.failed else "")
                         + (f", {c.skipped} skipped" if c.skipped else ""))
        else:
            parts.append(f"{name} {c.passed}")
    total = lambda attr: sum(getattr(c, attr) for c in counts.values())
    return f"{total('passed')} passed, {total('failed')} failed, {total('skipped')} skipped ({', '.join(parts)})"


def junit_problems(maven_status: int, counts: dict[str, SuiteCounts]) -> list[str]:
    """Why a JUnit run did not pass (empty if it did): a failed Maven, an execution that ran no test
    (a skip is not a pass), each failed test."""
    problems = []
    if maven_status != 0:
        problems.append(f"Maven failed (exit status {maven_status}): a compile error, a crashed test JVM or a "
                        "-Dtest pattern that matched nothing; its output is above")
    for name, c in counts.items():
        if c.passed == 0 and maven_status == 0:
            problems.append(f"the {name} execution ran no test (no passing test in target/{SUREFIRE_REPORTS[name]})")
        problems.extend(f"[{name}] {failure}" for failure in c.failures)
    return problems


@dataclass
class JUnitRun:
    maven_status: int
    counts: dict[str, SuiteCounts]
    seconds: float

    @property
    def problems(self) -> list[str]:
        return junit_problems(self.maven_status, self.counts)


def run_junit(jdk, goal: str = "package", only: str | None = None) -> JUnitRun:
    """Both surefire executions once, from cleared report folders. Failing tests do not stop Maven
    (-Dmaven.test.failure.ignore), so the second execution runs and is counted too; the reports decide."""
    clear_surefire_reports()
    goals = [goal, "-Dmaven.test.failure.ignore=true"] + ([f"-Dtest={only}"] if only else [])
    t0 = time.monotonic()
    status = maven(jdk, goals, check=False)
    return JUnitRun(status, surefire_counts(), time.monotonic() - t0)


def repeat_junit(times: int, run_once, report=say) -> int:
    """Runs run_once() (-> JUnitRun) up to `times` times, stopping at the first run that does not pass;
    reports every run and a summary. Returns how many runs passed."""
    passed = 0
    durations = []
    for i in range(1, times + 1):
        result = run_once()
        durations.append(result.seconds)
        problems = result.problems
        verdict = "passed" if not problems else "FAILED"
        report(f"run {i}/{times} {verdict}: JUnit {junit_summary(result.counts)} in {result.seconds:.0f} s")
        if problems:
            for problem in problems[:30]:
                report(f"  {problem}")
            if len(problems) > 30:
                report(f"  ... and {len(problems) - 30} more")
            report(f"{passed} of {times} runs passed; stopped at run {i}, the first that failed")
            return passed
        passed += 1
    report(f"{passed} of {times} runs passed ({min(durations):.0f}-{max(durations):.0f} s a run)")
    return passed


class BusyCores:
    """A load generator: one busy loop per core this process may use, at normal priority (as a
    learner's busy laptop would be), for as long as the `with` block lasts."""

    def __init__(self, cores: int | None = None):
        usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        self.cores = cores or usable
        self.procs: list[subprocess.Popen] = []

    def __enter__(self) -> "BusyCores":
        for _ in range(self.cores):
            self.procs.append(subprocess.Popen([sys.executable, "-c", "while True: pass"]))
        return self

    def __exit__(self, *exc) -> None:
        for p in self.procs:
            p.kill()
        for p in self.procs:
            p.wait()


# ---------------------------------------------------------------- slow mode (a slower machine)

# Slow mode limits the notebook runner and the kernel it starts to a share of one core with the
# Linux kernel's CPU controller (cgroup v1 `cpu`: cpu.cfs_quota_us of cpu.cfs_period_us; cgroup v2:
# cpu.max), to imitate a laptop about SLOW_TARGET_FACTOR times slower than the machine the course's
# time budgets were set on. The share was chosen by measuring fib(20) with tasks in a JVM with the
# course kernel's options (measure_slowdown, also run at every start of slow mode): on that machine
# (2 cores, Debian 12, JDK 25; a warm run then took 13-15 ms of CPU) 0.25 of a core made it 3.5-3.9x
# slower, 0.22 3.9-4.0x. The probe runs the library's own fib, so FIB_REFERENCE_CPU_MS follows the
# library: when the loop got faster (issue 23: 11.1-11.9 ms on that machine), a faster library read
# as a faster machine, got a smaller share, and slow mode ran 6.6x the reference instead of 4x. On another machine the share is scaled by its own speed (slow_share): a
# faster one gets less, and one already that slow gets no limit, so slow mode imitates the same
# laptop everywhere and never makes a slow CI machine slower still. The JVM in the group sees one
# processor. A short period spreads the quota evenly: the group waits at most (1 - share) * 10 ms at
# a time, as a slow processor is slow all the time, where the default 100 ms period runs it at full
# speed for 22 ms and then stops it for 78.
SLOW_CPU_SHARE = 0.22
SLOW_TARGET_FACTOR = 4
FIB_REFERENCE_CPU_MS = 11.5  # a warm fib(20) with tasks on the machine the budgets were set on, with this library
SLOW_PERIOD_US = 10_000
SLOW_MIN_FACTOR = 2.0  # fib less than this much slower than the reference machine: slow mode is not doing its job
SLOW_GROUP_PREFIX = "asynccourse-slow-"


def slow_share(normal_cpu_ms: float) -> float | None:
    """The share of one core that makes fib about SLOW_TARGET_FACTOR times the reference machine's time,
    given its CPU time here: SLOW_CPU_SHARE on a machine as fast as that one, less on a faster one, None
    (no limit) on one that is already that slow."""
    share = SLOW_CPU_SHARE * normal_cpu_ms / FIB_REFERENCE_CPU_MS
    return None if share >= 1 else share


class SlowModeUnavailable(Exception):
    """Why slow mode cannot limit the kernel here (said to the user as is)."""


@dataclass
class CpuController:
    version: int  # 1 or 2
    mount: Path  # where the hierarchy is mounted
    own: Path  # this process's cgroup in it


def _unescape_mount_path(text: str) -> str:
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), text)


def find_cpu_controller(mountinfo: str, self_cgroup: str) -> CpuController:
    """The cgroup hierarchy with the cpu controller, from /proc/self/mountinfo and /proc/self/cgroup
    (passed in, so tests need no real cgroup fs). cgroup v1's `cpu` first: on a hybrid machine the
    cgroup2 mount then has no cpu controller. Raises SlowModeUnavailable saying what is missing."""
    own = {}
    for line in self_cgroup.splitlines():
        parts = line.strip().split(":", 2)
        if len(parts) != 3:
            continue
        hierarchy, controllers, path = parts
        if hierarchy == "0" and controllers == "":
            own[2] = path
        elif "cpu" in controllers.split(","):
            own[1] = path
    found: dict[int, tuple[str, Path]] = {}
    for line in mountinfo.splitlines():
        left, sep, right = line.partition(" - ")
        fields, tail = left.split(), right.split()
        if not sep or len(fields) < 5 or len(tail) < 3:
            continue
        root, mountpoint = _unescape_mount_path(fields[3]), Path(_unescape_mount_path(fields[4]))
        if tail[0] == "cgroup" and "cpu" in tail[2].split(",") and 1 not in found:
            found[1] = (root, mountpoint)
        elif tail[0] == "cgroup2" and 2 not in found:
            try:
                controllers = (mountpoint / "cgroup.controllers").read_text().split()
            except OSError:
                controllers = []
            if "cpu" in controllers:
                found[2] = (root, mountpoint)
    for version in (1, 2):
        if version in found and version in own:
            root, mountpoint = found[version]
            path, top = own[version], root.rstrip("/")
            if top and path != top and not path.startswith(top + "/"):
                path = ""  # our cgroup is outside the part of the tree this mount shows: use its top
            rel = Path(path[len(top):].lstrip("/"))
            if ".." in rel.parts:
                rel = Path()
            return CpuController(version, mountpoint, mountpoint / rel)
    if not mountinfo.strip():
        raise SlowModeUnavailable("this system has no cgroups (no /proc/self/mountinfo: slow mode needs Linux)")
    raise SlowModeUnavailable("no cgroup CPU controller is mounted (neither cgroup v1's `cpu` nor a cgroup2 "
                              "mount with `cpu` in cgroup.controllers)")


def read_text_or_empty(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _refusal(what: str, path: Path, e: OSError) -> SlowModeUnavailable:
    import errno
    why = e.strerror or str(e)
    if isinstance(e, PermissionError) or e.errno in (errno.EPERM, errno.EACCES, errno.EROFS):
        hint = ("slow mode needs root, or write access to that cgroup (a cgroup delegated to your user with "
                "the cpu controller)")
    elif e.errno == errno.EBUSY:
        hint = "cgroup v2 gives the cpu controller to child groups only of a group with no processes of its own"
    else:
        hint = "the CPU limit cannot be set up here"
    return SlowModeUnavailable(f"cannot {what} {path}: {why}; {hint}")


class SlowGroup:
    """A cgroup limited to SLOW_CPU_SHARE of one core; enter() moves the calling process into it (run
    in the child between fork and exec, so everything the child starts is limited too); remove()
    deletes it. Create with SlowGroup.create(controller)."""

    def __init__(self, controller: CpuController, path: Path, share: float | None, period_us: int):
        self.controller, self.path, self.share, self.base_period_us = controller, path, share, period_us
        # the kernel's smallest quota is 1 ms: a small share gets a longer period
        self.period_us = max(period_us, math.ceil(1000 / share)) if share else period_us
        self._procs = str(path / "cgroup.procs")

    @property
    def quota_us(self) -> int | None:
        return None if self.share is None else max(1000, round(self.share * self.period_us))

    def limit_text(self) -> str:
        if self.share is None:
            return "no CPU limit"
        if self.controller.version == 1:
            return f"cgroup v1 cpu.cfs_quota_us={self.quota_us} of cpu.cfs_period_us={self.period_us}"
        return f"cgroup v2 cpu.max={self.quota_us} {self.period_us}"

    def set_share(self, share: float | None) -> None:
        """Sets the group's limit to `share` of one core (None: no limit)."""
        self.__init__(self.controller, self.path, share, self.base_period_us)
        if self.controller.version == 1:
            if share is None:
                (self.path / "cpu.cfs_quota_us").write_text("-1")
                return
            (self.path / "cpu.cfs_quota_us").write_text("-1")  # a period below the old quota would be refused
            (self.path / "cpu.cfs_period_us").write_text(str(self.period_us))
            (self.path / "cpu.cfs_quota_us").write_text(str(self.quota_us))
        else:
            (self.path / "cpu.max").write_text(f"{'max' if share is None else self.quota_us} {self.period_us}")

    @classmethod
    def create(cls, controller: CpuController, share: float = SLOW_CPU_SHARE, period_us: int = SLOW_PERIOD_US,
               name: str | None = None) -> "SlowGroup":
        name = name or f"{SLOW_GROUP_PREFIX}{os.getpid()}"
        parents = [controller.own]
        if controller.version == 2 and controller.mount != controller.own:
            # cgroup v2 enables a controller for children only in a group without processes of its
            # own (the root is exempt): our own group usually has us in it, so the top is the fallback
            parents.append(controller.mount)
        why = []
        for parent in parents:
            try:
                group = cls(controller, parent / name, share, period_us)
                group._make(parent)
                return group
            except SlowModeUnavailable as e:
                why.append(str(e))
        raise SlowModeUnavailable("; ".join(why))

    def _make(self, parent: Path) -> None:
        remove_stale_groups(parent)
        if self.controller.version == 2:
            control = parent / "cgroup.subtree_control"
            try:
                enabled = control.read_text().split()
            except OSError as e:
                raise _refusal("read", control, e)
            if "cpu" not in enabled:
                try:
                    control.write_text("+cpu")
                except OSError as e:
                    raise _refusal("enable the cpu controller for the children of", parent, e)
        try:
            os.mkdir(self.path)
        except OSError as e:
            raise _refusal("create the cgroup", self.path, e)
        try:
            self.set_share(self.share)
        except OSError as e:
            self.remove()
            raise _refusal("set the CPU limit of", self.path, e)

    def throttled(self) -> int | None:
        """Periods in which the limit held the group back so far (cpu.stat), None if unknown."""
        try:
            for line in (self.path / "cpu.stat").read_text().splitlines():
                key, _, value = line.partition(" ")
                if key == "nr_throttled":
                    return int(value)
        except (OSError, ValueError):
            pass
        return None

    def enter(self) -> None:
        """Moves the calling process into the group (subprocess's preexec_fn)."""
        with open(self._procs, "w") as f:
            f.write(str(os.getpid()))

    def remove(self) -> str | None:
        """Moves anything still in the group to its parent and deletes it; None, or why it could not."""
        try:
            left = [pid for pid in Path(self._procs).read_text().split() if pid.strip()]
        except OSError:
            left = []
        for pid in left:
            try:
                (self.path.parent / "cgroup.procs").write_text(pid)
            except OSError:
                pass
        try:
            os.rmdir(self.path)
        except FileNotFoundError:
            return None
        except OSError as e:
            return f"could not remove {self.path}: {e.strerror or e}; remove it with: rmdir {self.path}"
        return None


def remove_stale_groups(parent: Path) -> None:
    """Deletes empty groups left by an earlier slow mode whose course.py no longer runs (killed)."""
    for old in parent.glob(f"{SLOW_GROUP_PREFIX}*"):
        pid = old.name[len(SLOW_GROUP_PREFIX):]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
            continue  # still running: another slow mode's group
        except ProcessLookupError:
            pass
        except PermissionError:
            continue
        try:
            os.rmdir(old)
        except OSError:
            pass


def open_slow_group() -> SlowGroup:
    """This machine's cpu controller and a new slow group in it, or SlowModeUnavailable saying why."""
    if not sys.platform.startswith("linux"):
        raise SlowModeUnavailable(f"slow mode needs Linux's cgroup CPU controller; this is {sys.platform}")
    controller = find_cpu_controller(read_text_or_empty("/proc/self/mountinfo"),
                                     read_text_or_empty("/proc/self/cgroup"))
    return SlowGroup.create(controller)


# fib(20) with a task per call (the benchmark's fib workload: 21,890 tasks a run) in a JVM with the
# kernel's options: the first run (cold: the JIT compiles meanwhile, as in a learner's first cells)
# and the mean of `runs` warm runs after `warm` of warm-up, timed as one batch (a batch spans many
# CFS periods, where a single 10 ms run could fit in one period's quota); wall-clock time and the
# process's CPU time.
FIB_PROBE_JAVA = """\
import asynccourse.examples.Fib;
import asynccourse.loop.Asyncio;
import java.lang.management.ManagementFactory;

public class FibProbe {
    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) {
        int warm = Integer.parseInt(args[0]), runs = Integer.parseInt(args[1]);
        long c0 = cpu(), t0 = System.nanoTime();
        long value = Asyncio.run(() -> Fib.withTasks(20));
        long cold = System.nanoTime() - t0, coldCpu = cpu() - c0;
        for (int i = 0; i < warm; i++) Asyncio.run(() -> Fib.withTasks(20));
        long b0 = System.nanoTime(), bc0 = cpu();
        for (int i = 0; i < runs; i++) value += Asyncio.run(() -> Fib.withTasks(20));
        long batch = System.nanoTime() - b0, batchCpu = cpu() - bc0;
        System.out.printf(java.util.Locale.ROOT,
                "{\\"cold_ms\\": %.2f, \\"cold_cpu_ms\\": %.2f, \\"warm_ms\\": %.3f, \\"warm_cpu_ms\\": %.3f, \\"cpus\\": %d, \\"value\\": %d}%n",
                cold / 1e6, coldCpu / 1e6, batch / 1e6 / runs, batchCpu / 1e6 / runs,
                Runtime.getRuntime().availableProcessors(), value);
    }
}
"""


def compile_fib_probe(jdk) -> Path:
    where = ROOT / "target" / "slow-mode"
    where.mkdir(parents=True, exist_ok=True)
    (where / "FibProbe.java").write_text(FIB_PROBE_JAVA)
    run([str(jdk.home / "bin" / "javac"), "-nowarn", "-cp", str(JAR), "-d", str(where), str(where / "FibProbe.java")])
    return where


def fib_probe(jdk, classes: Path, group: SlowGroup | None = None, warm: int = 30, runs: int = 60) -> dict:
    cmd = [str(jdk.java), *KERNEL_JVM_OPTS, "-cp", os.pathsep.join([str(JAR), str(classes)]), "FibProbe",
           str(warm), str(runs)]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=600,
                         preexec_fn=group.enter if group else None)
    if res.returncode != 0:
        raise SystemExit(f"[course] ERROR: the fib probe failed ({res.returncode}):\n{res.stdout}{res.stderr}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def slowdown(normal: list[dict], slow: list[dict]) -> dict:
    """The measured factors of warm fib runs (medians over the probes).

    reference_factor: wall time in the group against FIB_REFERENCE_CPU_MS, what slow mode aims at.
    factor: wall time in the group against the CPU time the same run takes outside it, which is its
    wall time on an otherwise idle core: so other work on the machine does not hide the slow-down
    (it makes the run outside slower too, and a wall against wall ratio smaller). wall_factor: wall
    against wall, as measured just now. cold_factor: the first run's wall against wall."""
    pick = lambda runs, key: median([r[key] for r in runs])
    return {
        "reference_factor": pick(slow, "warm_ms") / FIB_REFERENCE_CPU_MS,
        "factor": pick(slow, "warm_ms") / pick(normal, "warm_cpu_ms"),
        "wall_factor": pick(slow, "warm_ms") / pick(normal, "warm_ms"),
        "cold_factor": pick(slow, "cold_ms") / pick(normal, "cold_ms"),
        "normal_warm_ms": pick(normal, "warm_ms"), "normal_warm_cpu_ms": pick(normal, "warm_cpu_ms"),
        "slow_warm_ms": pick(slow, "warm_ms"), "slow_warm_cpu_ms": pick(slow, "warm_cpu_ms"),
        "normal_cold_ms": pick(normal, "cold_ms"), "slow_cold_ms": pick(slow, "cold_ms"),
        "normal_cpus": normal[0]["cpus"], "slow_cpus": slow[0]["cpus"],
    }


def measure_slowdown(jdk, group: SlowGroup, rounds: int = 2) -> dict:
    """fib outside the group, then the group's share set for this machine's speed (slow_share), then
    fib in the group; recorded in target/slow-mode/slowdown.json."""
    classes = compile_fib_probe(jdk)
    normal = [fib_probe(jdk, classes) for _ in range(rounds)]
    group.set_share(slow_share(median([r["warm_cpu_ms"] for r in normal])))
    slow = [fib_probe(jdk, classes, group) for _ in range(rounds)]
    result = slowdown(normal, slow)
    result.update(limit=group.limit_text(), throttled=group.throttled(), load_average=os.getloadavg()[0],
                  when=time.strftime("%Y-%m-%d %H:%M:%S"), normal_runs=normal, slow_runs=slow)
    (classes / "slowdown.json").write_text(json.dumps(result, indent=2) + "\n")
    return result


def describe_slowdown(m: dict) -> str:
    throttled = m.get("throttled")
    return (f"{m['limit']}: fib(20) with tasks takes {m['slow_warm_ms']:.1f} ms a run, "
            f"{m['reference_factor']:.1f}x the reference machine's {FIB_REFERENCE_CPU_MS:g} ms and {m['factor']:.1f}x "
            f"this machine's own {m['normal_warm_cpu_ms']:.1f} ms of CPU (wall against wall {m['wall_factor']:.1f}x, "
            f"{m['normal_warm_ms']:.1f} ms outside at load average {m['load_average']:.1f}); the first, cold run "
            f"{m['cold_factor']:.1f}x ({m['slow_cold_ms']:.0f} against {m['normal_cold_ms']:.0f} ms); "
            + (f"the group was throttled in {throttled} periods; " if throttled is not None else "")
            + f"its JVM sees {m['slow_cpus']} processor(s) ({m['normal_cpus']} outside)")


# Under load every core also runs a busy loop at the same priority, so the kernel gets about half
# of each core: a pass may take twice its normal budget (the timing checks themselves are unchanged).
UNDER_LOAD_BUDGET_SCALE = 2


def run_notebooks(args, slow: SlowGroup | None = None, budget_scale: float | None = None) -> None:
    """The notebook runner; with a slow group, inside it (the kernel it starts too) and with slow
    mode's budgets (run_notebooks.py --slow); budget_scale multiplies the normal budgets."""
    runner = [str(venv_bin("python")), str(ROOT / "tools" / "run_notebooks.py"), "--passes", str(args.passes),
              *(["--slow"] if slow else []), *(["--budget-scale", str(budget_scale)] if budget_scale else []),
              *args.notebooks]
    run(runner, cwd=ROOT, env=jupyter_env(), preexec_fn=slow.enter if slow else None)


def junit_repeatedly(args, jdk) -> None:
    """--repeat N: the JUnit suite (both surefire executions) N times, stopping at the first failure."""
    t0 = time.monotonic()
    with (BusyCores() if args.under_load else contextlib.nullcontext()) as load:
        where = f", while {load.cores} busy loop(s) keep every core busy" if load else ""
        only = f", only {args.junit_test}" if args.junit_test else ""
        say(f"JUnit tests of the helper library{only}, both surefire executions, {args.repeat} time(s) in a row "
            f"(./mvnw test){where}; stops at the first failure ...")
        passed = repeat_junit(args.repeat, lambda: run_junit(jdk, "test", args.junit_test))
    if passed < args.repeat:
        raise SystemExit(1)
    say(f"JUnit repeated {args.repeat} time(s){' under load' if args.under_load else ''}, every run passed, "
        f"in {time.monotonic() - t0:.0f} s")


def notebooks_slow(args, jdk) -> None:
    """--slow: the notebooks with the runner and its kernel limited to a share of one core; where that
    is not possible, at normal speed, saying so (and failing under CI)."""
    t0 = time.monotonic()
    group, why, measured = None, "", None
    try:
        group = open_slow_group()
    except SlowModeUnavailable as e:
        why = str(e)
    try:
        if group:
            say(f"slow mode: a cgroup for the notebook runner and its kernel ({group.path}); measuring this "
                "machine's speed and the group's (fib(20) with tasks in a JVM with the kernel's options) ...")
            measured = measure_slowdown(jdk, group)
            say(f"slow mode: {describe_slowdown(measured)}")
            if group.share is None:
                say(f"this machine is already about {SLOW_TARGET_FACTOR}x slower than the reference or more: "
                    "no CPU limit, only slow mode's budgets")
            if measured["reference_factor"] < SLOW_MIN_FACTOR:
                why = (f"with the CPU limit fib is only {measured['reference_factor']:.1f}x slower than on the "
                       f"reference machine (slow mode needs at least {SLOW_MIN_FACTOR:.0f}x to mean anything)")
                problem = group.remove()
                if problem:
                    say(f"WARNING: {problem}")
                group = None
        if group:
            say("every notebook in slow mode, with its budgets (run_notebooks.py --slow: a pass may take 4x the "
                "normal 60 s, a cell at most 30 s) ...")
            run_notebooks(args, slow=group)
        else:
            say(f"slow mode is NOT available: {why}")
            say("running the notebooks at NORMAL speed instead, with the normal budgets ...")
            run_notebooks(args)
    finally:
        problem = group.remove() if group else None
        if problem:
            say(f"WARNING: {problem}")
    took = time.monotonic() - t0
    if group:
        say(f"all notebooks passed in slow mode (fib {measured['reference_factor']:.1f}x the reference machine's "
            f"time) in {took:.0f} s")
        return
    say(f"the notebooks passed, but at NORMAL speed, in {took:.0f} s: slow mode was not applied ({why})")
    if os.environ.get("CI"):
        raise SystemExit("[course] ERROR: under CI, ./course test --slow must run slowed down; give the job root "
                         "or a writable cgroup with the cpu controller")


def cmd_test(args) -> None:
    jdk = setup(args)
    t0 = time.monotonic()
    if args.browser:
        say("end to end: ./course lab in Chromium, every notebook Run All (screenshots in target/browser/) ...")
        run([str(venv_bin("python")), "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", str(ROOT / "tools" / "e2e")],
            cwd=ROOT, env=jupyter_env())
        say(f"browser test done in {time.monotonic() - t0:.0f} s")
        return
    if args.repeat:
        junit_repeatedly(args, jdk)
        return
    if args.slow:
        notebooks_slow(args, jdk)
        return
    if args.under_load:
        with BusyCores() as load:
            say(f"every notebook, through the course's Java kernel, while {load.cores} busy loop(s) keep every core busy "
                f"(a pass may take {UNDER_LOAD_BUDGET_SCALE}x its normal budget) ...")
            run_notebooks(args, budget_scale=UNDER_LOAD_BUDGET_SCALE)
        say(f"all notebooks passed under load in {time.monotonic() - t0:.0f} s "
            f"(load average now {os.getloadavg()[0]:.1f})")
        return
    say("1/3 JUnit tests of the helper library, both surefire executions (./mvnw package) ...")
    junit = run_junit(jdk, "package")
    say(f"JUnit: {junit_summary(junit.counts)} in {junit.seconds:.0f} s")
    if junit.problems:
        raise SystemExit("[course] ERROR: the JUnit tests did not pass:\n  " + "\n  ".join(junit.problems))

    say("2/3 tests of the set-up tools (pytest) ...")
    run([str(venv_bin("python")), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "tools" / "tests")],
        cwd=ROOT, env=dict(jupyter_env(), COURSE_TEST="1"))

    say("3/3 every notebook, through the course's Java kernel ...")
    run_notebooks(args)
    say(f"all tests passed in {time.monotonic() - t0:.0f} s")


def cmd_book(args) -> None:
    """The course as a website in target/book/: every chapter run as stored by the real kernel, then
    nbconvert's HTML export (tools/book.py)."""
    setup(args)
    t0 = time.monotonic()
    executed = ROOT / "target" / "book-executed"
    if not args.no_run:
        shutil.rmtree(executed, ignore_errors=True)
        say("book 1/2: every chapter top to bottom through the course's Java kernel, exercises unanswered ...")
        run([str(venv_bin("python")), str(ROOT / "tools" / "run_notebooks.py"), "--passes", "1", "--as-stored",
             "--save-executed", str(executed)], cwd=ROOT, env=jupyter_env())
    say("book 2/2: the pages (nbconvert's HTML export) ...")
    run([str(venv_bin("python")), str(ROOT / "tools" / "book.py"), "--executed", str(executed)], cwd=ROOT,
        env=jupyter_env())
    say(f"book built in {time.monotonic() - t0:.0f} s: open target/book/index.html (works offline, from any static host)")


def cmd_check(args) -> None:
    """A learner's progress: their saved notebooks run headless with their answers (tools/check.py)."""
    setup(args)
    res = subprocess.run([str(venv_bin("python")), str(ROOT / "tools" / "check.py"), *args.check_args],
                         cwd=ROOT, env=jupyter_env())
    raise SystemExit(res.returncode)


# Pythons for the benchmark's asyncio.eager_task_factory comparison (new in CPython 3.12), newest first.
EAGER_PYTHONS = ("python3.13", "python3.12")


def check_eager_python(exe: str) -> tuple[bool, str]:
    """Runs exe: (True, "CPython 3.13.0") if it is a CPython 3.12 or newer, else (False, why not)."""
    code = ("import platform, sys; print(platform.python_implementation(), platform.python_version(), "
            "sys.version_info >= (3, 12))")
    try:
        res = subprocess.run([exe, "-c", code], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return False, f"does not run ({e})"
    if res.returncode != 0:
        lines = res.stderr.strip().splitlines() or [f"exit status {res.returncode}"]
        return False, f"does not run: {lines[0]}"
    words = res.stdout.split()
    if len(words) != 3 or words[0] != "CPython" or words[2] != "True":
        return False, f"is {' '.join(words[:2]) or 'unknown'}, not CPython 3.12 or newer"
    return True, f"CPython {words[1]}"


def pyenv_installed(name: str) -> list[Path]:
    """A pyenv shim runs only the versions pyenv has selected (pyenv global/local, PYENV_VERSION);
    an installed but unselected 3.12 is still at $(pyenv root)/versions/3.12.x/bin/python3.12."""
    pyenv = shutil.which("pyenv")
    if pyenv is None:
        return []
    try:
        root = subprocess.run([pyenv, "root"], capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return []
    if not root:
        return []
    minor = name.removeprefix("python")
    return sorted(Path(root, "versions").glob(f"{minor}.*/bin/{name}"), reverse=True)


def find_eager_python() -> tuple[str | None, str]:
    """The first of EAGER_PYTHONS on PATH that runs and is CPython 3.12+ (or, when pyenv's shim of
    that name does not run, the same version installed by pyenv): (path, version), or (None, why)."""
    why = []
    for name in EAGER_PYTHONS:
        exe = shutil.which(name)
        if exe is None:
            why.append(f"{name} is not on PATH")
            continue
        ok, info = check_eager_python(exe)
        if ok:
            return exe, info
        why.append(f"{name} ({exe}) {info}")
        for installed in pyenv_installed(name):
            ok, info = check_eager_python(str(installed))
            if ok:
                return str(installed), info
    return None, "; ".join(why)


def eager_python_args(bench_args: list[str]) -> list[str]:
    """["--python-eager", EXE] for the benchmark, unless the caller chose (--python-eager) or runs
    no Python (--no-python); says which Python it uses, or why there is none."""
    if "--python-eager" in bench_args or "--no-python" in bench_args:
        return []
    exe, info = find_eager_python()
    if exe is None:
        say(f"no CPython 3.12+ for the eager_task_factory comparison: {info}")
        return []
    say(f"eager_task_factory comparison with {info} ({exe})")
    return ["--python-eager", exe]


def cmd_bench(args) -> None:
    """Runs tools/bench.py: the JVM side (target/bench-classes, not in the kernel's jar) with the
    kernel's JVM options, CPython's side, the comparison and the ratio targets."""
    import bench
    jdk = setup(args)
    (ROOT / "target").mkdir(exist_ok=True)
    bench.main([*eager_python_args(args.bench_args), *args.bench_args], java=str(jdk.java),
               jvm_opts=KERNEL_JVM_OPTS, jar=JAR, python=sys.executable, python_eager=None)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parses the command line; options the course does not know go on to `jupyter lab` (setup,
    lab) or to the benchmark (bench), so `./course lab --port 8899` works."""
    p = argparse.ArgumentParser(prog="./course", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("setup", help="find a JDK 25+, build the helper, make .venv, install the kernel, open JupyterLab")
    s.add_argument("--no-lab", action="store_true", help="set up only (also: COURSE_NO_LAB=1 or CI=true)")
    s.add_argument("--rebuild", action="store_true", help="rebuild the helper library even if it looks up to date")
    s.add_argument("lab_args", nargs=argparse.REMAINDER, help="extra arguments for `jupyter lab`, e.g. --port 8899")
    s.set_defaults(func=cmd_setup)

    s = sub.add_parser("lab", help="open JupyterLab at notebooks/ (runs set-up first)")
    s.add_argument("lab_args", nargs=argparse.REMAINDER, help="extra arguments for `jupyter lab`")
    s.set_defaults(func=cmd_lab, no_lab=False)

    s = sub.add_parser(
        "test", help="JUnit tests, set-up tests, then every notebook through the real kernel; or one mode: "
                     "--under-load, --slow, --repeat N, --browser (./course test -h)",
        description="With no option: the JUnit tests of the helper library (both surefire executions), the "
                    "tests of the set-up tools, then every notebook through the real kernel, twice. "
                    "--under-load, --slow, --repeat and --browser each run one mode instead.",
        epilog="Combinations: --under-load loads the machine for the notebooks, or with --repeat for the JUnit "
               "runs; --slow goes with --passes and notebook names, not with --under-load or --repeat; "
               "--browser goes alone. One JUnit test over and over: ./course test --repeat 20 --junit-test "
               "'EventLoopTest#close*' (Maven alone: ./mvnw test -Dtest='EventLoopTest#close*' with JAVA_HOME "
               "a JDK 25+, once per call).")
    s.add_argument("notebooks", nargs="*", help="only these notebooks (default: all in notebooks/)")
    s.add_argument("--under-load", action="store_true",
                   help="only the notebooks (with --repeat: the JUnit runs) while a busy loop per core keeps the "
                        "machine loaded (timing checks must hold)")
    s.add_argument("--slow", action="store_true",
                   help="only the notebooks, with the runner and its kernel limited to a share of one core, as on a "
                        "laptop about 4x slower than the machine the budgets were set on (the share is set from "
                        "this machine's speed, measured with fib and printed first); a pass may take 4x the normal 60 s, a cell at most "
                        "30 s. Needs Linux's cgroup CPU controller and root or a writable cgroup; without, it says "
                        "why and runs at normal speed (under CI=true that then fails)")
    s.add_argument("--repeat", type=positive_int, metavar="N",
                   help="only the JUnit suite (both surefire executions), N times in a row, stopping at the first "
                        "failure; prints each run's counts and time, then 'K of N runs passed'")
    s.add_argument("--junit-test", metavar="PATTERN",
                   help="with --repeat: only the JUnit tests matching PATTERN (Maven's -Dtest: Class, Class#method, "
                        "wildcards)")
    s.add_argument("--browser", action="store_true",
                   help="only the end-to-end test: JupyterLab in Chromium, every notebook Run All, interrupt, restart")
    s.add_argument("--passes", type=positive_int, metavar="N",
                   help="top-to-bottom runs of each notebook in one kernel (default 2)")
    s.set_defaults(func=cmd_test, no_lab=True)

    s = sub.add_parser("book", help="the course as a static website in target/book/ (each chapter run by the real "
                                    "kernel, exercises unanswered)")
    s.add_argument("--no-run", action="store_true",
                   help="only render the pages again from the chapters executed last time (target/book-executed/)")
    s.set_defaults(func=cmd_book, no_lab=True)

    s = sub.add_parser("check", help="run your saved notebooks with YOUR answers and show which exercises are done "
                                     "(the files are not changed)")
    s.add_argument("check_args", nargs=argparse.REMAINDER, help="notebooks (default: all), --cell-limit S")
    s.set_defaults(func=cmd_check, no_lab=True)

    s = sub.add_parser("bench", help="our event loop against CPython asyncio on the same workloads")
    s.add_argument("bench_args", nargs=argparse.REMAINDER)
    s.set_defaults(func=cmd_bench, no_lab=True)

    args, unknown = p.parse_known_args(argv)
    if unknown:
        if args.command in ("setup", "lab"):
            args.lab_args = unknown + args.lab_args
        elif args.command == "bench":
            args.bench_args = unknown + args.bench_args
        elif args.command == "check":
            args.check_args = unknown + args.check_args
        else:
            p.error(f"unrecognized arguments: {' '.join(unknown)}")
    if args.command == "test":
        problem = mode_problem(args)
        if problem:
            p.error(problem)
        if args.passes is None:
            args.passes = 2
    return args


def positive_int(text: str) -> int:
    """argparse type of --repeat and --passes: a whole number, 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number (give 1 or more)")
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is too small (give 1 or more)")
    return value


def mode_problem(args) -> str | None:
    """Why the options given to `./course test` do not make one mode, or None if they do."""
    if args.browser:
        others = [flag for flag, given in (("--under-load", args.under_load), ("--slow", args.slow),
                                           ("--repeat", args.repeat), ("--passes", args.passes),
                                           ("--junit-test", args.junit_test), ("notebook names", args.notebooks))
                  if given]
        if others:
            return f"--browser runs alone (every notebook in Chromium); leave out {', '.join(others)}"
        return None
    if args.repeat:
        if args.slow:
            return ("--repeat repeats the JUnit suite and --slow slows the notebooks down: run one after the "
                    "other (./course test --repeat N, then ./course test --slow)")
        if args.passes is not None or args.notebooks:
            return ("--repeat runs only the JUnit suite: --passes and notebook names belong to the notebook modes "
                    "(./course test [--under-load | --slow] [--passes N] [notebooks...])")
    elif args.junit_test:
        return "--junit-test goes with --repeat N (e.g. ./course test --repeat 10 --junit-test EventLoopTest)"
    if args.slow and args.under_load:
        return ("--slow imitates a slower machine and --under-load a busy one: run one after the other "
                "(CI runs each on its own)")
    return None


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
