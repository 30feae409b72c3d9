import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import course  # noqa: E402


def _needs(what_exists: bool, what: str) -> None:
    """Skip when run by hand before set-up; under ./course test (which sets up first) a missing
    piece is a failure, so no test can pass by being skipped there."""
    if what_exists:
        return
    if os.environ.get("COURSE_TEST"):
        pytest.fail(f"{what} is missing although ./course test ran set-up first")
    pytest.skip(f"{what} is missing: run ./course setup first")


@pytest.fixture
def course_kernel() -> Path:
    """The course's installed kernelspec folder."""
    _needs((course.kernel_dir() / "kernel.json").exists(), "the course kernel")
    return course.kernel_dir()


@pytest.fixture
def course_jar() -> Path:
    """The built helper library."""
    _needs(course.JAR.exists(), "the helper jar")
    return course.JAR


class KernelSession:
    """The course kernel started as JupyterLab starts it (cwd notebooks/, the course's Jupyter path),
    with a helper that runs one cell and returns its stdout and error outputs."""

    def __init__(self, cwd: Path):
        from jupyter_client.manager import KernelManager

        self.km = KernelManager(kernel_name=course.KERNEL_NAME)
        self.km.start_kernel(cwd=str(cwd), env=course.jupyter_env())
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=90)

    def run(self, code: str, timeout: float = 60) -> tuple[str, list[str]]:
        stdout, errors = [], []

        def collect(msg):
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream" and content["name"] == "stdout":
                stdout.append(content["text"])
            elif kind == "stream":
                errors.append(content["text"])
            elif kind == "error":
                errors.append(f"{content['ename']}: {content['evalue']} " + " ".join(content.get("traceback", [])))

        self.kc.execute_interactive(code, timeout=timeout, output_hook=collect)
        return "".join(stdout), errors

    def restart(self) -> None:
        self.km.restart_kernel(now=True)
        self.kc.wait_for_ready(timeout=90)

    def close(self) -> None:
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


@pytest.fixture
def kernel(course_kernel, course_jar):
    """A running course kernel in notebooks/, shut down after the test."""
    session = KernelSession(course.NOTEBOOKS)
    try:
        yield session
    finally:
        session.close()
