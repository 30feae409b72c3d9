"""The set-up's JDK search: JAVA_HOME first, then the usual places; a clear error otherwise."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jdk import NoSuitableJdk, feature_of, find_jdk

ROOT = Path(__file__).resolve().parents[2]


def fake_jdk(where: Path, version: str, javac: bool = True) -> Path:
    (where / "bin").mkdir(parents=True)
    (where / "release").write_text(f'JAVA_VERSION="{version}"\n')
    tools = ["java", "javac"] if javac else ["java"]
    for tool in tools:
        exe = where / "bin" / tool
        exe.write_text("#!/bin/sh\nexit 0\n")
        exe.chmod(0o755)
    return where


def env_with(java_home=None, path="/nonexistent"):
    env = {"PATH": path, "HOME": "/nonexistent"}
    if java_home:
        env["JAVA_HOME"] = str(java_home)
    return env


@pytest.mark.parametrize("text,feature", [("1.8.0_392", 8), ("17.0.15", 17), ("21", 21), ("25.0.3", 25), ("22-ea", 22)])
def test_featureOf_parsesOldAndNewSchemes(text, feature):
    assert feature_of(text) == feature


def test_findJdk_javaHome25_isPreferredOverNewerElsewhere(tmp_path):
    home = fake_jdk(tmp_path / "a" / "jdk-25", "25.0.1")
    fake_jdk(tmp_path / "jvm" / "jdk-26", "26.0.1")
    jdk = find_jdk(env_with(home), roots=[str(tmp_path / "jvm" / "*")])
    assert jdk.home == home and jdk.source == "JAVA_HOME"


@pytest.mark.parametrize("version", ["17.0.15", "21.0.5", "23.0.2", "24.0.2"])
def test_findJdk_javaHomeBelow25_fallsBackToJdk25InUsualPlaces(tmp_path, version):
    """21-23 pin a virtual thread inside synchronized; 24 is not a long-term release: neither is enough."""
    old = fake_jdk(tmp_path / "old", version)
    newest = fake_jdk(tmp_path / "jvm" / "temurin-25", "25.0.3")
    jdk = find_jdk(env_with(old), roots=[str(tmp_path / "jvm" / "*")])
    assert jdk.home == newest and jdk.feature == 25


def test_findJdk_only21To24Found_raises(tmp_path):
    for v in ("21.0.5", "22.0.2", "23.0.2", "24.0.2"):
        fake_jdk(tmp_path / "jvm" / f"jdk-{v}", v)
    with pytest.raises(NoSuitableJdk) as e:
        find_jdk(env_with(), roots=[str(tmp_path / "jvm" / "*")])
    assert "JDK 25 or newer" in str(e.value) and "synchronized" in str(e.value)
    assert "(Java 21.0.5" in str(e.value) and "(Java 24.0.2" in str(e.value)


def test_findJdk_sameFeature_comparesVersionsAsNumbers(tmp_path):
    fake_jdk(tmp_path / "jvm" / "a-25", "25.0.9")
    newer = fake_jdk(tmp_path / "jvm" / "b-25", "25.0.10")  # "25.0.10" < "25.0.9" as text
    jdk = find_jdk({"PATH": ""}, roots=[str(tmp_path / "jvm" / "*")])
    assert jdk.home == newer


def test_findJdk_runtimeWithoutJavac_isNotAJdk(tmp_path):
    fake_jdk(tmp_path / "jvm" / "jre-25", "25.0.3", javac=False)
    with pytest.raises(NoSuitableJdk) as e:
        find_jdk(env_with(), roots=[str(tmp_path / "jvm" / "*")])
    assert "without javac" in str(e.value)


def test_findJdk_only17_raisesWithWhatWasFoundAndWhatToInstall(tmp_path):
    fake_jdk(tmp_path / "jvm" / "java-17-openjdk-amd64", "17.0.15")
    with pytest.raises(NoSuitableJdk) as e:
        find_jdk(env_with(), roots=[str(tmp_path / "jvm" / "*")])
    msg = str(e.value)
    assert "JDK 25 or newer" in msg
    assert "java-17-openjdk-amd64 (Java 17.0.15" in msg
    assert "apt-get install openjdk-25-jdk" in msg and "apt-get install temurin-25-jdk" in msg
    assert "brew install openjdk" in msg and "25." in msg.split("sdk install java")[1].split()[0]


def test_setupCommand_machineWithOnlyJdk17_exits2WithActionableMessage(tmp_path):
    """The real `./course setup`, on a machine whose only JDK is 17: no stack trace, a clear message."""
    jdk17 = fake_jdk(tmp_path / "jvm" / "java-17-openjdk-amd64", "17.0.15")
    env = {
        "PATH": os.path.dirname(sys.executable),  # no `java` there
        "HOME": str(tmp_path),
        "JAVA_HOME": str(jdk17),
        "COURSE_JDK_ROOTS": str(tmp_path / "jvm" / "*"),
        "COURSE_NO_LAB": "1",
    }
    res = subprocess.run([sys.executable, str(ROOT / "tools" / "course.py"), "setup", "--no-lab"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 2, res.stdout + res.stderr
    assert "Traceback" not in res.stderr
    assert "needs a JDK 25 or newer" in res.stderr
    assert "Java 17.0.15" in res.stderr
    assert "Install a JDK 25 or newer" in res.stderr


def test_jdkFloor_isTheSameInBuildNotebooksReadmeAndConda():
    """One floor, MIN_FEATURE, everywhere a learner or the build meets it."""
    import re

    from jdk import MIN_FEATURE

    pom = (ROOT / "pom.xml").read_text()
    assert f"<maven.compiler.release>{MIN_FEATURE}</maven.compiler.release>" in pom
    jsh = (ROOT / "notebooks" / "course.jsh").read_text()
    assert re.findall(r"Runtime\.version\(\)\.feature\(\) < (\d+)", jsh) == [str(MIN_FEATURE)]
    readme = (ROOT / "README.md").read_text()
    requirements = readme.split("## Requirements", 1)[1].split("\n## ", 1)[0]
    assert f"**A JDK {MIN_FEATURE} or newer**" in requirements
    assert "synchronized" in requirements, "the README says why the floor is where it is"
    assert re.search(rf"(?m)^\s*- openjdk={MIN_FEATURE}\s*$", (ROOT / "environment.yml").read_text())
