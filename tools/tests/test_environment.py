"""environment.yml (conda) and requirements.txt (pip) must pin the same versions."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def pip_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def conda_pins() -> dict[str, str]:
    """Every `- name=version` (conda) and `- name==version` (pip section) entry."""
    pins = {}
    for line in (ROOT / "environment.yml").read_text().splitlines():
        m = re.match(r"\s*-\s+([A-Za-z0-9_.\-]+)\s*(==|=)\s*([^\s#]+)", line)
        if m:
            pins[m.group(1).lower()] = m.group(3)
    return pins


def test_environmentYml_pinsEveryPipRequirementAtTheSameVersion():
    conda = conda_pins()
    for name, version in pip_pins().items():
        assert name in conda, f"{name} is pinned in requirements.txt but missing from environment.yml"
        assert conda[name] == version, f"{name}: requirements.txt has {version}, environment.yml has {conda[name]}"


def test_environmentYml_bringsTheJdkTheSetUpAccepts():
    from jdk import MIN_FEATURE
    java = conda_pins().get("openjdk")
    assert java is not None and int(java.split(".")[0]) >= MIN_FEATURE == 25
