"""The course kernelspec names its JDK and wins over any other kernel called 'java'."""
from pathlib import Path

import course
from jdk import Jdk


def test_kernelspec_namesTheJdkItselfNotPlainJava(tmp_path):
    jdk = Jdk(tmp_path / "jdk-25", "25.0.3", "test")
    spec = course.kernelspec(jdk)
    assert spec["argv"][0] == str(tmp_path / "jdk-25" / "bin" / "java")
    assert spec["argv"][-1] == "{connection_file}"
    assert spec["argv"][spec["argv"].index("-jar") + 1].endswith("jjava.jar")
    assert spec["env"]["JJAVA_CLASSPATH"] == str(course.JAR)


def test_jupyterEnv_putsTheProjectKernelsFirst(monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", "/somewhere/else")
    env = course.jupyter_env()
    assert env["JUPYTER_PATH"] == str(course.VENV / "share" / "jupyter")


def test_jupyter_userKernelNamedJava_doesNotShadowTheCourseKernel(tmp_path, course_kernel):
    """A learner's own ~/.local/share/jupyter/kernels/java must not win over the course kernel."""
    import json
    import os
    import subprocess
    import sys

    user_kernel = tmp_path / "userdata" / "kernels" / "java"
    user_kernel.mkdir(parents=True)
    (user_kernel / "kernel.json").write_text(json.dumps(
        {"argv": ["java", "-jar", "old-ijava.jar", "{connection_file}"], "display_name": "Old IJava", "language": "java"}))
    jupyter = os.path.join(os.path.dirname(sys.executable), "jupyter")

    def resolved(env):
        env = dict(env, JUPYTER_DATA_DIR=str(tmp_path / "userdata"),  # stands in for the user's data dir
                   JUPYTER_PREFER_ENV_PATH="0")  # the worst case: user kernels before the environment's
        out = subprocess.run([jupyter, "kernelspec", "list", "--json"], capture_output=True, text=True, env=env, check=True)
        return os.path.realpath(json.loads(out.stdout)["kernelspecs"]["java"]["resource_dir"])

    plain = {k: v for k, v in os.environ.items() if k != "JUPYTER_PATH"}
    assert resolved(plain) == os.path.realpath(user_kernel), "control: without our env the user's kernel wins"
    assert resolved(course.jupyter_env()) == os.path.realpath(course_kernel)


def test_kernelspec_enablesPreviewForTheJvmAndJShellsCompiler(tmp_path):
    """Chapter 08 uses StructuredTaskScope, a preview API of JDK 25: the kernel's JVM needs
    --enable-preview, and so does JShell's compiler, with the JDK's own release (JJava reads
    JJAVA_COMPILER_OPTS)."""
    spec = course.kernelspec(Jdk(tmp_path / "jdk-25", "25.0.3", "test"))
    argv = spec["argv"]
    assert "--enable-preview" in argv[:argv.index("-jar")], "a JVM option, before -jar"
    assert spec["env"]["JJAVA_COMPILER_OPTS"].split() == ["--enable-preview", "--source", "25"]
    assert course.kernelspec(Jdk(tmp_path / "jdk-26", "26", "test"))["env"]["JJAVA_COMPILER_OPTS"].endswith("--source 26")


def test_kernelspec_loadsTheSharedSetUpAtStart(tmp_path):
    spec = course.kernelspec(Jdk(tmp_path / "jdk-25", "25.0.3", "test"))
    assert spec["env"]["JJAVA_STARTUP_SCRIPTS_PATH"] == str(course.NOTEBOOKS / "course.jsh")


LIBRARY_CELL = "System.out.println(Fib.plain(10).value() + \" \" + run(() -> { sleep(Duration.ofMillis(10)); return \"slept\"; }));"


def test_realKernel_afterARestart_aLibraryCellWorksWithoutTheSetUpCell(kernel):
    out, errors = kernel.run(LIBRARY_CELL)
    assert errors == [] and out.strip() == "55 slept", (out, errors)
    kernel.restart()
    out, errors = kernel.run(LIBRARY_CELL)
    assert errors == [], errors
    assert out.strip() == "55 slept", "the kernel's own set-up is silent; the cell prints only its result"


def test_realKernel_theSetUpCellStaysHarmlessToRunAgain(kernel):
    setup_cell = "%classpath ../target/async-course.jar\n%load course.jsh"
    for _ in range(2):
        out, errors = kernel.run(setup_cell)
        assert errors == [], errors
        assert out.count("· ready") == 1, out
    out, errors = kernel.run(LIBRARY_CELL)
    assert errors == [] and out.strip() == "55 slept", (out, errors)


def test_realKernel_startsInAnotherFolderToo(tmp_path, course_kernel, course_jar):
    """The start-up script must not depend on the notebook's folder (the helper is found on the classpath)."""
    from conftest import KernelSession

    session = KernelSession(tmp_path)
    try:
        out, errors = session.run(LIBRARY_CELL)
        assert errors == [] and out.strip() == "55 slept", (out, errors)
    finally:
        session.close()


def test_realKernel_interruptedCell_endsAsTheReadmeSays(kernel):
    """Kernel > Interrupt Kernel during a running loop: the cell ends at once with "Evaluation
    interrupted.", and the next cell runs normally."""
    import re
    import threading
    import time

    readme_row = next(line for line in (course.ROOT / "README.md").read_text().splitlines()
                      if line.startswith("| A cell runs forever"))
    assert "Evaluation interrupted." in readme_row

    sleep, interrupt_after = 40, 3
    threading.Timer(interrupt_after, kernel.km.interrupt_kernel).start()
    t0 = time.monotonic()
    out, errors = kernel.run(f'run(() -> {{ sleep(Duration.ofSeconds({sleep})); return 1; }});')
    took = time.monotonic() - t0
    # a physical floor (the interrupt comes after 3 s) and a ceiling set by the sleep, not the CPU
    assert interrupt_after <= took < sleep / 2, f"the interrupt did not stop the {sleep} s sleep ({took:.1f} s)"
    shown = re.sub(r"\x1b\[[0-9;]*m", "", " ".join(errors))
    assert "Evaluation interrupted." in shown, shown
    out, errors = kernel.run('System.out.println(run(() -> { sleep(Duration.ofMillis(10)); return "next cell ok"; }));')
    assert errors == [] and out.strip().splitlines()[-1] == "next cell ok", out
    # what the interrupted cell could not show, the next run() reports (README: "A cell runs forever")
    assert "(note: the run() interrupted earlier ended" in out and "CancellationException" in out, out
