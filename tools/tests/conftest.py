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
