"""Install the course kernel into a Jupyter that is not the project's .venv (Binder's image: binder/postBuild).

    python tools/install_kernel.py [--prefix PREFIX]

PREFIX (default: the running Python's sys.prefix) is an environment where `pip install jjava` put
JJava into share/jupyter/kernels/java. Its kernel.json is replaced by the course's, exactly as
`./course setup` writes it into .venv: the JDK found as set-up finds it (JAVA_HOME first), the JVM
options from pom.xml, the helper jar target/async-course.jar (build it first) and course.jsh. The
server setting that lets JupyterLab show the kernel Idle goes to PREFIX/etc/jupyter.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import course  # noqa: E402
from jdk import NoSuitableJdk, find_jdk  # noqa: E402


def install(prefix: Path) -> Path:
    folder = prefix / "share" / "jupyter" / "kernels" / course.KERNEL_NAME
    if not (folder / "jjava.jar").exists():
        raise SystemExit(f"[course] ERROR: no JJava in {folder}: pip install the jjava of requirements.txt into "
                         f"{prefix} first")
    if not course.JAR.exists():
        raise SystemExit("[course] ERROR: target/async-course.jar is missing: build it first (./mvnw -B package -DskipTests)")
    try:
        jdk = find_jdk()
    except NoSuitableJdk as e:
        raise SystemExit(f"[course] ERROR: {e}")
    (folder / "kernel.json").write_text(json.dumps(course.kernelspec(jdk, folder), indent=2) + "\n")
    course.step_lab_config(prefix / "etc" / "jupyter" / "jupyter_server_config.json")
    course.say(f"kernel '{course.KERNEL_NAME}' installed in {folder}: Java {jdk.version}, helper on its classpath")
    return folder


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--prefix", type=Path, default=Path(sys.prefix), help="the environment (default: sys.prefix)")
    install(p.parse_args(argv).prefix.resolve())


if __name__ == "__main__":
    main()
