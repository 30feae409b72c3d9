"""binder/ (repo2docker): its postBuild steps in a fresh prefix, then a Jupyter that knows nothing of .venv.

No Docker image can be built here, so the test does what the image build does, outside Docker: a new
Python environment (a venv of the system's Python, in place of the image's conda environment) with the
JupyterLab and JJava pinned in binder/environment.yml, this machine's JDK 25 in place of conda-forge's
openjdk, then binder/postBuild run in a copy of the repository. With the environment binder/start
sets, JupyterLab must list the `java` kernel from that prefix, and the kernel must run a course cell.
"""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import course
from jdk import find_jdk

ROOT = course.ROOT
BINDER = ROOT / "binder"


def pinned(name: str) -> str:
    """`name`'s version in binder/environment.yml (conda `name=1.2` or pip `name==1.2`)."""
    m = re.search(rf"(?m)^\s*-\s*{re.escape(name)}==?([\w.]+)", (BINDER / "environment.yml").read_text())
    assert m, f"binder/environment.yml pins no {name}"
    return m[1]


def requirement(name: str) -> str:
    m = re.search(rf"(?m)^{re.escape(name)}==([\w.]+)", (ROOT / "requirements.txt").read_text())
    return m[1]


def test_binder_pins_the_versions_of_requirements_txt():
    for name in ("jupyterlab", "jjava"):
        assert pinned(name) == requirement(name), name
    assert pinned("openjdk") == "25"


@pytest.fixture(scope="module")
def image(tmp_path_factory):
    """(repository copy, prefix, environment of binder/start) after postBuild ran."""
    tmp = tmp_path_factory.mktemp("binder")
    repo, prefix = tmp / "repo", tmp / "prefix"
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True,
                           check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name)
    base_python = getattr(sys, "_base_executable", None) or shutil.which("python3")
    subprocess.run([base_python, "-m", "venv", str(prefix)], check=True)
    subprocess.run([str(prefix / "bin" / "pip"), "install", "-q", "--disable-pip-version-check",
                    f"jupyterlab=={pinned('jupyterlab')}", f"jjava=={pinned('jjava')}"], check=True, timeout=900)
    env = {"PATH": f"{prefix / 'bin'}:/usr/bin:/bin", "HOME": os.environ.get("HOME", str(tmp)),
           "JAVA_HOME": str(find_jdk().home), "LANG": "C.UTF-8",
           # nothing of this machine's Jupyter: its own config, data and runtime folders
           "JUPYTER_CONFIG_DIR": str(tmp / "user-config"), "JUPYTER_DATA_DIR": str(tmp / "user-data"),
           "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
           "MAVEN_ARGS": "-o"}  # the build uses this machine's Maven cache, no downloads
    subprocess.run(["bash", "binder/postBuild"], cwd=repo, env=env, check=True, timeout=900)
    return repo, prefix, env


def started(repo: Path, env: dict, *cmd: str, **kw):
    return subprocess.run([str(repo / "binder" / "start"), *cmd], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=120, **kw)


def test_postbuild_builds_the_jar_and_installs_the_kernel_into_the_prefix(image):
    repo, prefix, env = image
    assert (repo / "target" / "async-course.jar").is_file()
    spec = json.loads((prefix / "share/jupyter/kernels/java/kernel.json").read_text())
    assert spec["env"]["JJAVA_CLASSPATH"] == str(repo / "target" / "async-course.jar")
    assert spec["env"]["JJAVA_STARTUP_SCRIPTS_PATH"] == str(repo / "notebooks" / "course.jsh")
    assert all(option in spec["argv"] for option in course.KERNEL_JVM_OPTS)
    assert ".venv" not in json.dumps(spec)


def test_jupyterlab_of_the_prefix_lists_the_java_kernel_and_it_runs_a_course_cell(image):
    repo, prefix, env = image
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([str(repo / "binder" / "start"), "jupyter", "lab", "--no-browser", f"--port={port}",
                               "--ip=127.0.0.1", "--IdentityProvider.token=binder-test", "--allow-root",
                               f"--ServerApp.root_dir={repo / 'notebooks'}"],
                              cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        deadline, specs = time.monotonic() + 90, None
        while specs is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/kernelspecs?token=binder-test", timeout=5) as r:
                    specs = json.load(r)
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "JupyterLab did not start"
                time.sleep(0.5)
        assert "java" in specs["kernelspecs"]
        assert specs["kernelspecs"]["java"]["spec"]["env"]["JJAVA_CLASSPATH"] == str(repo / "target" / "async-course.jar")
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    listed = json.loads(started(repo, env, "jupyter", "kernelspec", "list", "--json").stdout)["kernelspecs"]
    assert Path(listed["java"]["resource_dir"]).resolve() == (prefix / "share/jupyter/kernels/java").resolve()

    cell = ('Coroutine<String> greet = () -> { sleep(Duration.ofMillis(50)); return "done"; };\n'
            'System.out.println("cell: " + run(greet) + " on Java " + Runtime.version().feature());')
    script = f"""
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name="java", startup_timeout=90)
out = []
reply = kc.execute_interactive({cell!r}, timeout=90,
    output_hook=lambda m: out.append(m["content"].get("text", "") + m["content"].get("evalue", "")))
print("".join(out)); print("status:", reply["content"]["status"])
kc.stop_channels(); km.shutdown_kernel(now=True)
"""
    res = subprocess.run([str(repo / "binder" / "start"), "python", "-c", script], cwd=repo / "notebooks", env=env,
                         capture_output=True, text=True, timeout=180)
    assert "cell: done on Java 25" in res.stdout and "status: ok" in res.stdout, res.stdout + res.stderr
