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
