"""The course's one entry point: `./course setup`, `./course test`, `./course lab`, `./course bench`.

Standard library only (it creates the virtual environment the rest runs in).
Every step is idempotent: running it again does only what changed.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
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
# JVM options of the course kernel. One carrier thread for virtual threads: the event loop
# hands control from one coroutine's virtual thread to the next, and with a single carrier
# that hand-over never crosses cores (see README, "Benchmark"). reportInterrupts: the next
# run() in the kernel says how a run interrupted in an earlier cell ended and what its clean-up
# printed (an interrupted cell ends at once, before the clean-up), or why it cannot start.
# one carrier for virtual threads; interrupted runs reported in the next cell; the JDK's continuations
# exported to the course library, whose coroutines then run on them (without it: a virtual thread each)
KERNEL_JVM_OPTS = ["-Djdk.virtualThreadScheduler.parallelism=1", "-Dasynccourse.reportInterrupts=true",
                   "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED"]


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


def maven(jdk, goals: list[str]) -> None:
    env = dict(os.environ, JAVA_HOME=str(jdk.home))
    if jdk.feature >= 24 and "MAVEN_OPTS" not in os.environ:
        # Maven 3.9's own libraries trip JDK 24+'s warnings about native access and sun.misc.Unsafe.
        env["MAVEN_OPTS"] = "--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
    mvnw = ROOT / ("mvnw.cmd" if os.name == "nt" else "mvnw")
    run([str(mvnw), "-B", "-q", *goals], cwd=ROOT, env=env)


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


def kernelspec(jdk) -> dict:
    return {
        # JJava's own launcher runs whatever `java` is first on PATH; we name the JDK ourselves
        # and pass the same arguments the launcher would.
        "argv": [
            str(jdk.java), *KERNEL_JVM_OPTS, *kernel_preview_opts(jdk)[0],
            "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED",
            "-jar", str(kernel_dir() / "jjava.jar"), "{connection_file}",
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


def step_lab_config() -> None:
    path = lab_config_file()
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


def surefire_counts() -> tuple[int, int, int]:
    import xml.etree.ElementTree as ET
    tests = failed = skipped = 0
    for report in (ROOT / "target" / "surefire-reports").glob("TEST-*.xml"):
        suite = ET.parse(report).getroot()
        tests += int(suite.get("tests", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
    return tests - failed - skipped, failed, skipped


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


def run_notebooks(args) -> None:
    runner = [str(venv_bin("python")), str(ROOT / "tools" / "run_notebooks.py"), "--passes", str(args.passes), *args.notebooks]
    run(runner, cwd=ROOT, env=jupyter_env())


def cmd_test(args) -> None:
    jdk = setup(args)
    t0 = time.monotonic()
    if args.browser:
        say("end to end: ./course lab in Chromium, every notebook Run All (screenshots in target/browser/) ...")
        run([str(venv_bin("python")), "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", str(ROOT / "tools" / "e2e")],
            cwd=ROOT, env=jupyter_env())
        say(f"browser test done in {time.monotonic() - t0:.0f} s")
        return
    if args.under_load:
        with BusyCores() as load:
            say(f"every notebook, through the course's Java kernel, while {load.cores} busy loop(s) keep every core busy ...")
            run_notebooks(args)
        say(f"all notebooks passed under load in {time.monotonic() - t0:.0f} s "
            f"(load average now {os.getloadavg()[0]:.1f})")
        return
    say("1/3 JUnit tests of the helper library (./mvnw package) ...")
    shutil.rmtree(ROOT / "target" / "surefire-reports", ignore_errors=True)
    maven(jdk, ["package"])
    junit_passed, junit_failed, junit_skipped = surefire_counts()
    say(f"JUnit: {junit_passed} passed, {junit_failed} failed, {junit_skipped} skipped")
    if junit_passed == 0:
        raise SystemExit("[course] ERROR: no JUnit test ran")

    say("2/3 tests of the set-up tools (pytest) ...")
    run([str(venv_bin("python")), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "tools" / "tests")],
        cwd=ROOT, env=dict(jupyter_env(), COURSE_TEST="1"))

    say("3/3 every notebook, through the course's Java kernel ...")
    run_notebooks(args)
    say(f"all tests passed in {time.monotonic() - t0:.0f} s")


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
    jdk = setup(args)
    (ROOT / "target").mkdir(exist_ok=True)
    run([str(jdk.java), *KERNEL_JVM_OPTS, "-cp", str(JAR), "asynccourse.bench.Benchmark",
         "--python", sys.executable, *eager_python_args(args.bench_args),
         "--out", str(ROOT / "target" / "bench.json"), *args.bench_args], cwd=ROOT)


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

    s = sub.add_parser("test", help="JUnit tests, set-up tests, then every notebook through the real kernel")
    s.add_argument("notebooks", nargs="*", help="only these notebooks (default: all in notebooks/)")
    s.add_argument("--under-load", action="store_true",
                   help="only the notebooks, while a busy loop per core keeps the machine loaded (timing checks must hold)")
    s.add_argument("--browser", action="store_true",
                   help="only the end-to-end test: JupyterLab in Chromium, every notebook Run All, interrupt, restart")
    s.add_argument("--passes", type=int, default=2, help="top-to-bottom runs of each notebook in one kernel (default 2)")
    s.set_defaults(func=cmd_test, no_lab=True)

    s = sub.add_parser("bench", help="our event loop against CPython asyncio on the same workloads")
    s.add_argument("bench_args", nargs=argparse.REMAINDER)
    s.set_defaults(func=cmd_bench, no_lab=True)

    args, unknown = p.parse_known_args(argv)
    if unknown:
        if args.command in ("setup", "lab"):
            args.lab_args = unknown + args.lab_args
        elif args.command == "bench":
            args.bench_args = unknown + args.bench_args
        else:
            p.error(f"unrecognized arguments: {' '.join(unknown)}")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
