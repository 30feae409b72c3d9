"""Find a JDK 25 or newer: JAVA_HOME first, then the usual install places.

Why 25 and not 21: on JDK 21-23 a virtual thread that waits inside a `synchronized` block stays
pinned to its carrier thread. The course kernel gives virtual threads one carrier, and the event
loop and each of its coroutines run on virtual threads, so an await inside `synchronized` would
never resume there. JDK 24 removed that pinning (JEP 491); JDK 25 is the first long-term-support
release without it.

Standard library only: this runs before the project's virtual environment exists.
"""
from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

MIN_FEATURE = 25

INSTALL_HINT = """\
Install a JDK 25 or newer (25 is the current long-term-support release), then run set-up again
(or point JAVA_HOME at it):
  Debian/Ubuntu:  sudo apt-get install openjdk-25-jdk   where your release packages it
                  (apt-cache search openjdk-25); otherwise, as on Debian 12, Eclipse Temurin 25
                  from the Adoptium apt repository: sudo apt-get install temurin-25-jdk
  macOS:          brew install openjdk    (Homebrew's newest, 25 or later; or Temurin 25 from adoptium.net)
  SDKMAN!:        sdk install java 25.0.1-tem   (or any newer 25.x-tem that `sdk list java` shows)
  conda:          conda env create -f environment.yml   (brings openjdk 25)"""


@dataclass(frozen=True)
class Jdk:
    home: Path
    version: str  # e.g. "25.0.3"
    source: str  # where we found it, e.g. "JAVA_HOME"

    @property
    def feature(self) -> int:
        return feature_of(self.version)

    @property
    def java(self) -> Path:
        return self.home / "bin" / "java"

    def describe(self) -> str:
        return f"{self.home} (Java {self.version}, from {self.source})"


class NoSuitableJdk(Exception):
    """No JDK 25+ was found; the message says what was found and what to install."""


def feature_of(version: str) -> int:
    """'1.8.0_392' -> 8, '17.0.15' -> 17, '25' -> 25, '21-ea' -> 21."""
    m = re.match(r"(\d+)(?:\.(\d+))?", version.strip())
    if not m:
        return 0
    major = int(m.group(1))
    if major == 1 and m.group(2):
        return int(m.group(2))
    return major


def read_version(home: Path) -> str | None:
    """The Java version of the JDK at `home`, from its `release` file or `java -version`."""
    release = home / "release"
    if release.is_file():
        m = re.search(r'^JAVA_VERSION="([^"]+)"', release.read_text(errors="replace"), re.M)
        if m:
            return m.group(1)
    java = home / "bin" / "java"
    if not java.exists():
        return None
    try:
        out = subprocess.run([str(java), "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r'version "([^"]+)"', out.stderr + out.stdout)
    return m.group(1) if m else None


def is_jdk(home: Path) -> bool:
    """A JDK (not a bare runtime): the kernel needs jshell, Maven needs javac."""
    return (home / "bin" / "javac").exists() and (home / "bin" / "java").exists()


def candidate_homes(env: dict[str, str] | None = None, roots: list[str] | None = None):
    """Yield (home, source) pairs in the order we prefer them: JAVA_HOME, usual places, PATH.

    COURSE_JDK_ROOTS (glob patterns separated by os.pathsep) replaces the usual places.
    """
    env = os.environ if env is None else env
    if env.get("JAVA_HOME"):
        yield Path(env["JAVA_HOME"]), "JAVA_HOME"
    if roots is None and env.get("COURSE_JDK_ROOTS"):
        roots = env["COURSE_JDK_ROOTS"].split(os.pathsep)
    if roots is None:
        home = Path(env.get("HOME", "~")).expanduser()
        roots = [
            "/usr/lib/jvm/*",  # Debian, Ubuntu, Fedora
            "/usr/java/*",
            "/opt/java/*",
            "/opt/jdk*",
            "/Library/Java/JavaVirtualMachines/*/Contents/Home",  # macOS
            "/opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home",
            "/usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home",
            str(home / ".sdkman/candidates/java/*"),
            str(home / ".jdks/*"),  # IntelliJ downloads
            str(home / ".asdf/installs/java/*"),
        ]
        if env.get("CONDA_PREFIX"):
            roots.insert(0, str(Path(env["CONDA_PREFIX"]) / "lib/jvm"))
            roots.insert(0, env["CONDA_PREFIX"])
    for pattern in roots:
        for path in sorted(glob.glob(pattern)):
            yield Path(path), "the usual install places"
    java_on_path = shutil.which("java", path=env.get("PATH"))
    if java_on_path:
        yield Path(java_on_path).resolve().parent.parent, "PATH"


def find_jdk(env: dict[str, str] | None = None, roots: list[str] | None = None) -> Jdk:
    """JAVA_HOME if it is a JDK 25+; else the newest JDK 25+ in the usual places; else raise."""
    seen: dict[Path, Jdk] = {}
    not_jdk: list[str] = []
    suitable: list[Jdk] = []
    for home, source in candidate_homes(env, roots):
        try:
            key = home.resolve()
        except OSError:
            continue
        if key in seen or not home.is_dir():
            continue
        version = read_version(home)
        if version is None:
            continue
        jdk = Jdk(home, version, source)
        seen[key] = jdk
        if not is_jdk(home):
            not_jdk.append(jdk.describe())
            continue
        if jdk.feature >= MIN_FEATURE:
            if source == "JAVA_HOME":
                return jdk
            suitable.append(jdk)
    if suitable:
        # the newest, comparing versions as numbers: 25.0.10 is newer than 25.0.9
        return max(suitable, key=lambda j: [int(n) for n in re.findall(r"\d+", j.version)])
    found = "\n".join(f"  - {j.describe()}" for j in seen.values()) or "  (no Java at all)"
    extra = ""
    if not_jdk:
        extra = "\nThese are runtimes without javac/jshell, not JDKs:\n" + "\n".join(f"  - {d}" for d in not_jdk)
    raise NoSuitableJdk(
        f"This course needs a JDK {MIN_FEATURE} or newer (virtual threads that do not pin their carrier"
        f" inside synchronized), and none was found.\n"
        f"Java installations found:\n{found}{extra}\n{INSTALL_HINT}"
    )
