"""`./course lab` really serves the course: JupyterLab at notebooks/, with the course kernel."""
import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

import course


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_parseArgs_unknownOptionsGoToJupyterLab():
    assert course.parse_args(["lab", "--port", "8899"]).lab_args == ["--port", "8899"]
    args = course.parse_args(["setup", "--no-lab", "--rebuild"])
    assert args.no_lab and args.rebuild and args.lab_args == []
    assert course.parse_args(["bench", "--quick"]).bench_args == ["--quick"]
    with pytest.raises(SystemExit):
        course.parse_args(["test", "--no-such-option"])


def test_lab_servesTheNotebooksWithTheCourseKernel(tmp_path, course_kernel):
    port, token = free_port(), "course-test"
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path), JUPYTER_CONFIG_DIR=str(tmp_path / "config"))
    server = subprocess.Popen(
        [str(course.ROOT / "course"), "lab", "--no-browser", f"--port={port}", f"--IdentityProvider.token={token}"],
        cwd=course.ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True)

    def get(path):
        url = f"http://127.0.0.1:{port}{path}?token={token}"
        with urllib.request.urlopen(url, timeout=5) as r:
            return json.load(r)

    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                specs = get("/api/kernelspecs")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    out = server.stdout.read() if server.poll() is not None else "(still running)"
                    pytest.fail(f"JupyterLab did not come up on port {port}:\n{out}")
                time.sleep(0.5)
        spec = specs["kernelspecs"]["java"]["spec"]
        assert spec["argv"][0] == str(course.step_jdk().java), spec["argv"]
        assert spec["env"]["JJAVA_CLASSPATH"] == str(course.JAR)
        names = {c["name"] for c in get("/api/contents")["content"]}
        assert "00-start-here.ipynb" in names and "course.jsh" in names, names
        # JupyterLab ignores status messages answering the request types in this list; JJava's only
        # status before the first cell answers kernel_info_request, so it must not be in it (else "Unknown")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=10) as r:
            page = r.read().decode()
        page_config = json.loads(re.search(r'(?s)<script id="jupyter-config-data" type="application/json">(.*?)</script>', page).group(1))
        assert "kernel_info_request" not in page_config["untracked_message_types"]
        assert "comm_info_request" in page_config["untracked_message_types"], "the rest of the default list stays"
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def test_parseArgs_testUnderLoadWithOnePass():
    args = course.parse_args(["test", "--under-load", "--passes", "1", "notebooks/00-start-here.ipynb"])
    assert args.under_load and args.passes == 1 and args.notebooks == ["notebooks/00-start-here.ipynb"]
    plain = course.parse_args(["test"])
    assert not plain.under_load and plain.passes == 2


def test_busyCores_keepsEveryCoreBusyAndStopsAfterwards():
    import resource
    import subprocess
    import sys

    def children_cpu():
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    # what a Python process that starts and ends at once costs on this machine: the yardstick, so
    # the check holds on a fast machine and a slow one alike
    before = children_cpu()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    start_cost = children_cpu() - before

    before = children_cpu()
    with course.BusyCores() as load:
        assert load.cores >= 1 and len(load.procs) == load.cores
        time.sleep(1.5)
        assert all(p.poll() is None for p in load.procs), "the busy loops run during the block"
    assert all(p.poll() is not None for p in load.procs), "and are gone after it"
    used = children_cpu() - before
    # they spin rather than sleep: on an idle machine, 1.5 s of CPU each; far more than starting
    # them costs, even when other work loads the machine too (then they get a smaller share)
    assert used > 4 * load.cores * start_cost, (
        f"the busy loops used only {used:.2f} s of CPU in 1.5 s (starting a Python costs {start_cost:.3f} s)")


def test_browserTest_withoutChromium_skipsSayingHowToGetOne_butFailsUnderCi(tmp_path):
    import subprocess
    import sys

    env = dict(course.jupyter_env(), COURSE_CHROMIUM=str(tmp_path / "no-such-chrome"))
    env.pop("CI", None)
    cmd = [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
           str(course.ROOT / "tools" / "e2e"), "-k", "00-start-here"]
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=course.ROOT, timeout=300)
    assert res.returncode == 0 and "skipped" in res.stdout and "apt-get install chromium" in res.stdout, res.stdout[-2000:]
    res = subprocess.run(cmd, capture_output=True, text=True, env=dict(env, CI="true"), cwd=course.ROOT, timeout=300)
    assert res.returncode != 0 and "browser test cannot run under CI" in res.stdout, res.stdout[-2000:]
