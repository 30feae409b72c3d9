"""The orders AsyncioVersionTest expects are CPython's: run asyncio_versions.py on each CPython 3.11+
installed (on PATH or under pyenv) and compare with asyncio-version-orders.txt, 3.11 with the 3.11
lines and 3.12 or newer with the 3.12 lines. A version not installed is skipped, not failed: the
file was recorded on CPython 3.11.7 and 3.12.1 (3.13.0 printed the same)."""
import shutil
import subprocess

import pytest

import course

HERE = course.ROOT / "src" / "test" / "resources" / "asynccourse" / "loop"
SCRIPT = HERE / "asyncio_versions.py"
ORDERS = HERE / "asyncio-version-orders.txt"


def recorded(version: str) -> dict[str, str]:
    lines = {}
    for line in ORDERS.read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        head, events = line.split(": ", 1)
        name, ver = head.split(" ")
        if ver == version:
            lines[name] = events
    return lines


def python_for(minor: str) -> str | None:
    exe = shutil.which(f"python{minor}")
    if exe:
        res = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
        if res.returncode == 0 and res.stdout.startswith(f"Python {minor}."):
            return exe
    installed = course.pyenv_installed(f"python{minor}")
    return str(installed[0]) if installed else None


def test_ordersFile_hasEveryScenarioForBothVersions():
    assert recorded("3.11").keys() == recorded("3.12").keys() and len(recorded("3.11")) == 5
    for name in recorded("3.11"):
        assert recorded("3.11")[name] != recorded("3.12")[name], f"{name}: the versions print the same, no point"


@pytest.mark.parametrize("minor", ["3.11", "3.12", "3.13"])
def test_installedCPython_printsTheRecordedOrders(minor):
    exe = python_for(minor)
    if exe is None:
        pytest.skip(f"no CPython {minor} on PATH or under pyenv")
    res = subprocess.run([exe, str(SCRIPT)], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    printed = dict(line.split(": ", 1) for line in res.stdout.splitlines())
    assert printed == recorded("3.11" if minor == "3.11" else "3.12")
